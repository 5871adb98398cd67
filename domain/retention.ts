import type { ElectionEvent } from './events';
import { challengeEndsAt, type Objection } from './objections';
import { fail, ok, type Result } from './result';

/**
 * How long an election keeps its voters' personal data (addresses, student ids, mail and its
 * bounce reasons, credentials): until the challenge period is over and every objection decided,
 * and then the days of retention the committee set at creation, which its rules may ask for
 * (a roll kept until the term ends). Then the data is deleted, and the deletion recorded; the log
 * and the export stay, holding only keyed hashes whose key goes with the data.
 */
export const DEFAULT_RETENTION_DAYS = 0;
/** Three years: a union's rules may keep the roll for a term or two, hardly longer. */
export const MAX_RETENTION_DAYS = 1095;

const DAY_MS = 86_400_000;

/** What is wrong with a retention in days, or undefined. */
export function retentionDaysProblem(days: number): string | undefined {
  return Number.isInteger(days) && days >= 0 && days <= MAX_RETENTION_DAYS ? undefined : `retentionDays: must be a whole number of days from 0 to ${MAX_RETENTION_DAYS}`;
}

interface Retained {
  publishedAt: string;
  challengeDays: number;
  retentionDays: number;
  objections: readonly Objection[];
}

/** When a published election's personal data is due for deletion, unless an objection is still undecided then. */
export const personalDataDueAt = ({ publishedAt, challengeDays, retentionDays }: Retained): string =>
  new Date(Date.parse(challengeEndsAt(publishedAt, challengeDays)) + retentionDays * DAY_MS).toISOString();

/** The objections that keep the personal data: recorded and not yet decided. */
export const undecidedObjections = (election: Retained): number[] => election.objections.filter((o) => o.outcome === undefined).map((o) => o.id);

/**
 * The deletion of a published election's personal data at `now`. `rollHashes`: the SHA-256 of the
 * roll's keyed hashes as the export lists them, kept beside the log so that every later export
 * lists the same roll once the roll itself is gone.
 */
export function deletePersonalData(election: Retained, { now, rollHashes }: { now: Date; rollHashes: string }): Result<ElectionEvent[]> {
  const dueAt = personalDataDueAt(election);
  if (now.getTime() < Date.parse(dueAt)) return fail('conflict', `the personal data is kept until ${dueAt} (the challenge period and ${election.retentionDays} day(s) of retention)`);
  const undecided = undecidedObjections(election);
  if (undecided.length > 0) return fail('conflict', `the personal data is kept while objection(s) ${undecided.join(', ')} are undecided`);
  if (!/^[0-9a-f]{64}$/.test(rollHashes)) return fail('invalid', 'rollHashes: must be a SHA-256 digest in lowercase hex');
  return ok([{ type: 'PersonalDataDeleted', data: { at: now.toISOString(), rollHashes } }]);
}
