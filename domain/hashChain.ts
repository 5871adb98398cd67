import { createHash } from 'node:crypto';
import { actorOf, type Actor } from './committee';
import type { SealedBallot } from './election';
import type { ElectionEvent, RecordedEvent } from './events';
import type { RollFingerprint } from './state';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with keys sorted at every depth, so that equal values always hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The hash of an event: `by` is covered when present, and an event without it (every event before personal accounts) hashes as it always did. */
export function eventHash(event: Omit<RecordedEvent, 'hash'>): string {
  const { electionId, seq, at, prevHash, type, data, by } = event;
  return sha256(canonicalJson({ electionId, seq, at, prevHash, type, data, by }));
}

export interface ChainHead {
  seq: number;
  hash: string;
}

export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH };

/** Numbers new events after the head and links each to the one before it; `by`, the member who asked for them, goes on each. */
export function extendChain(electionId: string, head: ChainHead, events: readonly ElectionEvent[], at: string, by?: Actor): RecordedEvent[] {
  const recorded: RecordedEvent[] = [];
  let previous = head;
  for (const event of events) {
    const unsigned = { ...event, electionId, seq: previous.seq + 1, at, prevHash: previous.hash, ...(by && { by: actorOf(by) }) };
    const next = { ...unsigned, hash: eventHash(unsigned) } as RecordedEvent;
    recorded.push(next);
    previous = next;
  }
  return recorded;
}

/** The box's order, which its digest and the public board follow: by ballot id (a sealed paper's tracker), compared as strings. */
export const byBallotId = (a: { ballotId: string }, b: { ballotId: string }): number => (a.ballotId < b.ballotId ? -1 : a.ballotId > b.ballotId ? 1 : 0);

/** The seal's digest: every ballot id and content (a sealed paper's ciphertexts and proof), in ballot id order. */
export function ballotBoxDigest(ballots: Iterable<SealedBallot>): string {
  const sorted = [...ballots].sort(byBallotId);
  const hash = createHash('sha256');
  // Each line is JSON, so no id or choice can forge a line break or a separator.
  for (const b of sorted) hash.update(`${canonicalJson(b.sealed ? [b.ballotId, b.sealed] : [b.ballotId, b.choices])}\n`, 'utf8');
  return hash.digest('hex');
}

/**
 * The roll's fingerprint: every voter's keyed hash with their groups, in hash order, as the audit
 * export lists them. Recorded when the election is locked, so an observer who saw it then can hold
 * the published roll to it.
 */
export function rollFingerprint(voters: readonly { hash: string; groups?: readonly string[] }[]): RollFingerprint {
  const sorted = [...voters].sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  const hash = createHash('sha256');
  for (const v of sorted) hash.update(`${canonicalJson([v.hash, v.groups ?? []])}\n`, 'utf8');
  return { voters: sorted.length, fingerprint: hash.digest('hex') };
}
