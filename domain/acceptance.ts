import { postalContests, unagreedPostalContests } from './postalPapers';
import { fail, ok, type Result } from './result';
import type { ElectionState, ExistingElection } from './state';
import type { AgreedEvent } from './twoMembers';

/**
 * Who makes a counted result final. `committee`: two of the committee's members accept it
 * (domain/twoMembers.ts) before it is published and mailed; until then it is provisional.
 * `automatic`: it is published as soon as it is counted, as every election was before.
 */
export const ACCEPTANCES = ['committee', 'automatic'] as const;
export type Acceptance = (typeof ACCEPTANCES)[number];

/** Elections created without saying (over the API, by the 2019 command API, and in every log from before): published as soon as counted. */
export const DEFAULT_ACCEPTANCE: Acceptance = 'automatic';

/** Whether the election's counted results wait for the committee's acceptance: counted, to be accepted by the committee, and not accepted yet. */
export function awaitsAcceptance(state: ElectionState): boolean {
  return state.phase === 'tallied' && state.acceptance === 'committee' && !state.accepted;
}

/** The committee's acceptance of the counted results, on its own (what two members agree to: domain/twoMembers.ts). */
export function decideAcceptance(state: ExistingElection, now: Date): Result<AgreedEvent[]> {
  if (state.acceptance !== 'committee') return fail('wrong_phase', 'acceptance: this election publishes its results as soon as they are counted ("automatic"): there is nothing to accept');
  if (state.phase === 'published') return fail('wrong_phase', 'the results are published already');
  if (state.phase !== 'tallied') return fail('wrong_phase', `the results are accepted once counted (the election is ${state.phase})`);
  if (state.accepted) return fail('wrong_phase', 'the results are accepted already');
  const unentered = unagreedPostalContests(state);
  if (unentered.length > 0) {
    return fail(
      'conflict',
      `postalPapers: the postal papers of ${unentered.map((c) => `"${c.id}"`).join(', ')} are not agreed yet: two committee members enter them (0 papers, if none arrived) before the results are accepted`,
    );
  }
  if (postalContests(state).length > 0 && !state.postalCounted) return fail('conflict', 'postalPapers: the agreed postal papers are not counted yet: count them in before the results are accepted');
  return ok([{ type: 'ResultsAccepted', data: { at: now.toISOString() } }]);
}
