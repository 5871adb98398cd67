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
