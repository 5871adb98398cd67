import type { BallotContent } from './election';
import { fail, ok, type Result } from './result';
import type { ElectionState } from './state';
import { nameKey } from './text';

/** What a voter submits: an explicit abstention, or the names they choose. */
export type BallotChoice = { abstain: true } | { choices: string[] };

/** Turns a voter's choice into the ballot content that is stored, or says why it is not valid. */
export function fillBallot(state: ElectionState, choice: BallotChoice): Result<BallotContent> {
  if (state.phase === 'none') return fail('not_found', 'no such election');
  if ('abstain' in choice) return ok({ choices: [] });
  const byKey = new Map(state.candidates.map((c) => [nameKey(c.name), c.name]));
  const chosen: string[] = [];
  for (const name of choice.choices) {
    const candidate = byKey.get(nameKey(name));
    if (candidate === undefined) return fail('invalid', `"${name}" is not a candidate in this election`);
    if (chosen.includes(candidate)) return fail('invalid', `"${candidate}" is chosen more than once`);
    chosen.push(candidate);
  }
  const max = state.ballot.kind === 'single' ? 1 : state.ballot.maxChoices;
  if (chosen.length === 0) return fail('invalid', 'choose at least one candidate, or abstain');
  if (chosen.length > max) return fail('invalid', `choose at most ${max} candidate${max === 1 ? '' : 's'}`);
  return ok({ choices: chosen.sort() });
}

/** A ballot is accepted only while the election is open and the clock is inside its window. */
export function checkCastAllowed(state: ElectionState, now: Date): Result<void> {
  if (state.phase === 'none') return fail('not_found', 'no such election');
  if (state.phase !== 'open') return fail('wrong_phase', `voting is not open (the election is ${state.phase})`);
  const { opensAt, closesAt } = state.window;
  if (opensAt !== undefined && now.getTime() < Date.parse(opensAt)) {
    return fail('outside_window', `voting opens at ${opensAt}`);
  }
  if (now.getTime() >= Date.parse(closesAt)) return fail('outside_window', `voting closed at ${closesAt}`);
  return ok(undefined);
}
