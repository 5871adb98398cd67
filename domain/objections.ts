import type { ElectionEvent } from './events';
import { fail, ok, type Result } from './result';
import { isSafeText } from './text';

/**
 * Objections to an election (Wahlanfechtungen): each recorded by the committee as it arrives, then
 * decided. The log is public, so what is recorded is the committee's summary of the grounds, never
 * who objected. The challenge period runs from the publication; an objection that arrives later is
 * recorded as late, for the committee to decide as the rules say.
 */
export const DEFAULT_CHALLENGE_DAYS = 14;
export const MAX_CHALLENGE_DAYS = 90;
export const OBJECTION_TEXT_CHARACTERS = 2000;
/** The state keeps a line per objection, within the size every election's state is held to (limits.ts). */
export const MAX_OBJECTIONS = 20;
export const OBJECTION_DECISIONS = ['upheld', 'rejected', 'inadmissible'] as const;
export type ObjectionDecision = (typeof OBJECTION_DECISIONS)[number];

/** An objection as the state keeps it: when it came, its grounds and the reasons of its decision are in the log's events only, so that the state stays small. */
export interface Objection {
  /** 1, 2, … in the order recorded. */
  id: number;
  /** Received after the challenge period ended. */
  late: boolean;
  outcome?: ObjectionDecision;
}

const DAY_MS = 86_400_000;

/** When the challenge period of an election published at `publishedAt` ends. */
export const challengeEndsAt = (publishedAt: string, days: number) => new Date(Date.parse(publishedAt) + days * DAY_MS).toISOString();

/** What is wrong with a challenge period in days, or undefined. */
export function challengeDaysProblem(days: number): string | undefined {
  return Number.isInteger(days) && days >= 1 && days <= MAX_CHALLENGE_DAYS ? undefined : `challengeDays: must be a whole number of days from 1 to ${MAX_CHALLENGE_DAYS}`;
}

/** Plain text of lines, as the committee writes it: nothing invisible or direction-changing. */
function textProblem(field: string, text: string): string | undefined {
  if (text.trim().length === 0 || text.length > OBJECTION_TEXT_CHARACTERS) return `${field}: must be 1 to ${OBJECTION_TEXT_CHARACTERS} characters`;
  const bad = text.split('\n').findIndex((line) => line !== '' && !isSafeText(line));
  return bad === -1 ? undefined : `${field}: line ${bad + 1} must be NFC text without control, invisible or direction-changing characters or outer spaces`;
}

interface Published {
  publishedAt: string;
  challengeDays: number;
  objections: readonly Objection[];
}

/** An objection received at `receivedAt` (not after `now`), with the committee's summary of its grounds. */
export function recordObjection(election: Published, { receivedAt, grounds, now }: { receivedAt: string; grounds: string; now: Date }): Result<ElectionEvent[]> {
  const received = Date.parse(receivedAt);
  if (!Number.isFinite(received)) return fail('invalid', 'receivedAt: must be a date and time with its zone');
  if (received > now.getTime()) return fail('invalid', 'receivedAt: lies in the future');
  if (election.objections.length >= MAX_OBJECTIONS) return fail('conflict', `an election records at most ${MAX_OBJECTIONS} objections`);
  const problem = textProblem('grounds', grounds);
  if (problem) return fail('invalid', problem);
  const late = received > Date.parse(challengeEndsAt(election.publishedAt, election.challengeDays));
  return ok([{ type: 'ObjectionRecorded', data: { id: election.objections.length + 1, receivedAt: new Date(received).toISOString(), grounds, late } }]);
}

/** The committee's decision on an objection recorded and not yet decided. */
export function decideObjection(election: Published, { objection, outcome, reasons }: { objection: number; outcome: ObjectionDecision; reasons: string }): Result<ElectionEvent[]> {
  const recorded = election.objections.find((o) => o.id === objection);
  if (!recorded) return fail('not_found', `objection: no objection ${objection} is recorded`);
  if (recorded.outcome) return fail('conflict', `objection: objection ${objection} is decided already (${recorded.outcome})`);
  if (!(OBJECTION_DECISIONS as readonly string[]).includes(outcome)) return fail('invalid', `outcome: must be one of ${OBJECTION_DECISIONS.join(', ')}`);
  const problem = textProblem('reasons', reasons);
  if (problem) return fail('invalid', problem);
  return ok([{ type: 'ObjectionDecided', data: { id: objection, outcome, reasons } }]);
}
