import type { SealedBallot } from './election';
import { publishedEvent, type RecordedEvent } from './events';
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
  | ({ kind: 'ballot' } & AuditBallot)
  /** Part `part` (from 0) of `parts` of a sealed box's opening file (a mix, a trustee's decryption shares), under the digest its event records. */
  | ({ kind: 'opening' } & OpeningFilePart)
  | { kind: 'participation'; count: number }
  | ({ kind: 'voter' } & AuditVoter);

/** A ballot in the export; `contest` names its contest in an election of several. */
export type AuditBallot = SealedBallot & { contest?: string };

/**
 * A voter on the roll, as a salted hash: no student id or e-mail leaves the system. With their
 * groups, when they have any, so that an auditor can count who could vote in each contest.
 */
export interface AuditVoter {
  hash: string;
  groups?: string[];
}

/** A part of an opening file's JSON text: a file of a large contest is longer than a line may be. */
export interface OpeningFilePart {
  digest: string;
  part: number;
  parts: number;
  text: string;
}

/** Characters of an opening file per line: with JSON's escapes, well within a line's 1 MiB. */
export const OPENING_LINE_CHARACTERS = 400_000;

/** A file's lines, in order. */
export function openingFileLines(digest: string, text: string): OpeningFilePart[] {
  const parts = Math.max(1, Math.ceil(text.length / OPENING_LINE_CHARACTERS));
  return Array.from({ length: parts }, (_, part) => ({ digest, part, parts, text: text.slice(part * OPENING_LINE_CHARACTERS, (part + 1) * OPENING_LINE_CHARACTERS) }));
}

export interface AuditLog {
  header: Extract<AuditLine, { kind: 'header' }>;
  events: RecordedEvent[];
  ballots: AuditBallot[];
  /** A sealed election's opening files, in the order of their events, as JSON text. */
  openingFiles?: { digest: string; text: string }[];
  participation: number;
  voters: AuditVoter[];
}

/** Ballots in the export's order: by contest id (none in an election of one contest), then by ballot id. */
export const ballotOrder = (a: AuditBallot, b: AuditBallot): number => {
  const [x, y] = [
    [a.contest ?? '', a.ballotId],
    [b.contest ?? '', b.ballotId],
  ] as const;
  return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0;
};

/** The export's lines in order: header, every event, every ballot (ballotOrder), a sealed box's opening files, the participation count, the roll. */
export function auditLines(log: AuditLog): AuditLine[] {
  return [
    ...leadingLines(log.header, log.events),
    ...[...log.ballots].sort(ballotOrder).map(ballotLine),
    ...(log.openingFiles ?? []).flatMap(({ digest, text }) => openingFileLines(digest, text).map(openingLine)),
    ...trailingLines(log.participation, log.voters),
  ];
}

/** An export whose ballots arrive one at a time, already in ballotOrder, so the box is never held whole. */
export interface StreamedAuditLog extends Omit<AuditLog, 'ballots' | 'voters' | 'openingFiles'> {
  ballotsInOrder: AsyncIterable<AuditBallot>;
  /** Read one at a time after the ballots. */
  openingFiles?: AsyncIterable<{ digest: string; text: string }>;
  /** Awaited once the ballots are out, so that the roll can be read while they stream. */
  voters: Promise<readonly AuditVoter[]>;
}

/**
 * The same lines in the same order as `auditLines`, a line at a time. Ballots out of id order, or
 * a count of ballots or voters other than the header's, stop the stream: the header is written
 * before either is read, so a box or roll that differs from it must not yield an export at all.
 */
export async function* streamAuditLines(log: StreamedAuditLog): AsyncGenerator<AuditLine> {
  yield* leadingLines(log.header, log.events);
  let count = 0;
  let previous: AuditBallot | undefined;
  for await (const ballot of log.ballotsInOrder) {
    if (previous !== undefined && ballotOrder(previous, ballot) >= 0)
      throw new Error(`ballot ${ballot.ballotId} came after ${previous.ballotId}: ballots must come by contest, then in ascending id order`);
    previous = ballot;
    count += 1;
    yield ballotLine(ballot);
  }
  if (count !== log.header.ballots) throw new Error(`the header announces ${log.header.ballots} ballots but the box held ${count}`);
  for await (const { digest, text } of log.openingFiles ?? []) for (const part of openingFileLines(digest, text)) yield openingLine(part);
  const voters = await log.voters;
  if (voters.length !== log.header.voters) throw new Error(`the header announces ${log.header.voters} voters but the roll held ${voters.length}`);
  yield* trailingLines(log.participation, voters);
}

function* leadingLines(header: AuditLog['header'], events: readonly RecordedEvent[]): Generator<AuditLine> {
  yield header;
  for (const event of events) yield { kind: 'event', event: publishedEvent(event) };
}

const ballotLine = (ballot: AuditBallot): AuditLine => ({ kind: 'ballot', ...ballot });
const openingLine = (part: OpeningFilePart): AuditLine => ({ kind: 'opening', ...part });

function* trailingLines(participation: number, voters: readonly AuditVoter[]): Generator<AuditLine> {
  yield { kind: 'participation', count: participation };
  for (const voter of voters) yield { kind: 'voter', ...voter };
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
