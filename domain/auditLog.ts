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
    ...leadingLines(log.header, log.events),
    ...[...log.ballots].sort((a, b) => (a.ballotId < b.ballotId ? -1 : 1)).map(ballotLine),
    ...trailingLines(log.participation, log.voterHashes),
  ];
}

/** An export whose ballots arrive one at a time, already in id order, so the box is never held whole. */
export interface StreamedAuditLog extends Omit<AuditLog, 'ballots' | 'voterHashes'> {
  ballotsById: AsyncIterable<SealedBallot>;
  /** Awaited once the ballots are out, so that the roll can be read while they stream. */
  voterHashes: Promise<readonly string[]>;
}

/**
 * The same lines in the same order as `auditLines`, a line at a time. Ballots out of id order, or
 * a count of ballots or voters other than the header's, stop the stream: the header is written
 * before either is read, so a box or roll that differs from it must not yield an export at all.
 */
export async function* streamAuditLines(log: StreamedAuditLog): AsyncGenerator<AuditLine> {
  yield* leadingLines(log.header, log.events);
  let count = 0;
  let previous: string | undefined;
  for await (const ballot of log.ballotsById) {
    if (previous !== undefined && !(previous < ballot.ballotId)) throw new Error(`ballot ${ballot.ballotId} came after ${previous}: ballots must come in ascending id order`);
    previous = ballot.ballotId;
    count += 1;
    yield ballotLine(ballot);
  }
  if (count !== log.header.ballots) throw new Error(`the header announces ${log.header.ballots} ballots but the box held ${count}`);
  const voterHashes = await log.voterHashes;
  if (voterHashes.length !== log.header.voters) throw new Error(`the header announces ${log.header.voters} voters but the roll held ${voterHashes.length}`);
  yield* trailingLines(log.participation, voterHashes);
}

function* leadingLines(header: AuditLog['header'], events: readonly RecordedEvent[]): Generator<AuditLine> {
  yield header;
  for (const event of events) yield { kind: 'event', event };
}

const ballotLine = (ballot: SealedBallot): AuditLine => ({ kind: 'ballot', ...ballot });

function* trailingLines(participation: number, voterHashes: readonly string[]): Generator<AuditLine> {
  yield { kind: 'participation', count: participation };
  for (const hash of voterHashes) yield { kind: 'voter', hash };
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
