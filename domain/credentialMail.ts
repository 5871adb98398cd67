import type { ElectionState, ExistingElection } from './state';

/**
 * When voters' credentials are mailed. `at-start`: held while the roll can still be inspected and
 * corrected, and mailed by the workflow once voting opens, so that a voter marked as postal before
 * then never gets a link. Absent: each voter's credential is mailed as they are registered, as the
 * 2019 command API does and as every election did before it was recorded.
 */
export type CredentialMail = 'at-start';

/** Whether newly registered voters' credentials wait for the start: held, and not released yet. */
export function holdsCredentials(state: ElectionState): boolean {
  return state.phase !== 'none' && state.credentialsHeld === true;
}

/** How many voters the release mails: everyone on the roll but those who voted by post. */
export function credentialsToRelease(state: ExistingElection): number {
  return state.voterCount - (state.postal?.voters ?? 0);
}

/**
 * How long before the opening the committee may have the credentials mailed: long enough for a
 * roll reached by post-office mail servers and a weekend, short enough that a link waiting for
 * the opening is not forgotten or thrown away.
 */
export const CREDENTIALS_LEAD_DAYS = 14;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What is wrong with a send time for the held credentials, or undefined: it is for an election
 * that holds them (`holds`), lies in the future, before the opening and at most
 * CREDENTIALS_LEAD_DAYS before it. The times' format is checked with the window's.
 */
export function credentialsAtProblem(credentialsAt: string, opensAt: string | undefined, holds: boolean, now: Date): string | undefined {
  if (!holds) return 'credentialsAt: only an election whose credentials are held until the start (credentialMail "at-start") sends them at a time of its own';
  const at = Date.parse(credentialsAt);
  if (Number.isNaN(at)) return 'credentialsAt: must be an ISO-8601 time';
  if (opensAt === undefined) return 'credentialsAt: needs opensAt: without an opening time voting opens at the start, and the credentials go out with it';
  if (at <= now.getTime()) return `credentialsAt: ${credentialsAt} is not in the future`;
  const opens = Date.parse(opensAt);
  if (at >= opens) return `credentialsAt: ${credentialsAt} is not before opensAt ${opensAt}`;
  if (opens - at > CREDENTIALS_LEAD_DAYS * DAY_MS) return `credentialsAt: ${credentialsAt} is more than ${CREDENTIALS_LEAD_DAYS} days before opensAt ${opensAt}`;
  return undefined;
}

/**
 * Why the held credentials of a started election may not go out yet, or undefined: from the
 * committee's send time on, else from the opening on (an election opened by its start has opened).
 */
export function credentialsNotDue(state: ExistingElection, now: Date): string | undefined {
  if (state.phase !== 'scheduled') return undefined;
  const { credentialsAt } = state;
  if (credentialsAt !== undefined) return now.getTime() < Date.parse(credentialsAt) ? `credentialsAt: the credentials go out at ${credentialsAt}, not before` : undefined;
  const { opensAt } = state.window;
  return now.getTime() < Date.parse(opensAt) ? `opensAt: the credentials go out as voting opens at ${opensAt}, not before` : undefined;
}
