import type { SealedBallot } from './election';
import type { RecordedEvent } from './events';
import type { ChainHead } from './hashChain';

/** The export's format: one JSON object per line (NDJSON), the header first. */
export const AUDIT_FORMAT = 'student-election-audit';
export const AUDIT_VERSION = 1;

export type AuditLine =
  | {
      kind: 'header';
      format: typeof AUDIT_FORMAT;
      version: typeof AUDIT_VERSION;
      electionId: string;
      title: string;
      events: number;
      ballots: number;
      participation: number;
      voters: number;
      /** Breaches recorded while the election was locked: any at all means it is compromised. */
      breaches: number;
    }
  | { kind: 'event'; event: RecordedEvent }
  | ({ kind: 'ballot' } & SealedBallot)
  | { kind: 'participation'; count: number }
  /** A voter on the roll, as a salted hash: no student id or e-mail leaves the system. */
  | { kind: 'voter'; hash: string };

export interface AuditLog {
  header: Extract<AuditLine, { kind: 'header' }>;
  events: RecordedEvent[];
  ballots: SealedBallot[];
  participation: number;
  voterHashes: string[];
}

/** The export's lines in order: header, every event, every ballot by id, the participation count, the roll. */
export function auditLines(log: AuditLog): AuditLine[] {
  return [
    log.header,
    ...log.events.map((event): AuditLine => ({ kind: 'event', event })),
    ...[...log.ballots].sort((a, b) => (a.ballotId < b.ballotId ? -1 : 1)).map((b): AuditLine => ({ kind: 'ballot', ...b })),
    { kind: 'participation', count: log.participation },
    ...log.voterHashes.map((hash): AuditLine => ({ kind: 'voter', hash })),
  ];
}

/**
 * The head at sealing: the ResultsTallied event, appended with the seal. Its hash covers every
 * event before it, breaches included, and is e-mailed to the observers and the voters, so an
 * export re-hashed from the start cannot match it.
 */
export function headAtSealing(events: readonly RecordedEvent[]): ChainHead | undefined {
  const tallied = events.find((e) => e.type === 'ResultsTallied');
  return tallied && { seq: tallied.seq, hash: tallied.hash };
}
