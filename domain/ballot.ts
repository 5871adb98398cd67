import { seatsOf, type BallotContent, type BallotDefinition, type Candidate } from './election';
import { fail, ok, type Result } from './result';
import type { ElectionState } from './state';
import { nameKey } from './text';

/** What a voter submits: an explicit abstention, or the names they choose. */
export type BallotChoice = { abstain: true } | { choices: string[] };

/** Turns a voter's choice into the ballot content that is stored, or says why it is not valid. */
export function fillBallot(state: ElectionState, choice: BallotChoice): Result<BallotContent> {
  if (state.phase === 'none') return fail('not_found', 'no such election');
  if ('abstain' in choice) return ok({ choices: [] });
  // A typed name finds the candidate it looks like; the name as written comes first, because an
  // election set up before names were compared by their look may hold two that look alike.
  const names = new Set(state.candidates.map((c) => c.name));
  const byKey = new Map(state.candidates.map((c) => [nameKey(c.name), c.name]));
  const chosen: string[] = [];
  for (const name of choice.choices) {
    const candidate = names.has(name) ? name : byKey.get(nameKey(name));
    if (candidate === undefined) return fail('invalid', notACandidate(name));
    chosen.push(candidate);
  }
  if (chosen.length === 0) return fail('invalid', 'choose at least one candidate, or abstain');
  const content = { choices: chosen.sort() };
  const problem = ballotProblem(state.ballot, state.candidates, content);
  return problem === undefined ? ok(content) : fail('invalid', problem);
}

/**
 * Why stored ballot content is not one the ballot allows, or undefined: each choice a
 * candidate's exact name, none twice, sorted as stored, no more than the ballot allows (an
 * empty list is an abstention). Every cast ballot meets it, and the audit holds every ballot in
 * an exported box to it.
 */
export function ballotProblem(definition: BallotDefinition, candidates: readonly Candidate[], { choices }: BallotContent): string | undefined {
  const names = new Set(candidates.map((c) => c.name));
  const seen = new Set<string>();
  for (const name of choices) {
    if (!names.has(name)) return notACandidate(name);
    if (seen.has(name)) return `"${name}" is chosen more than once`;
    seen.add(name);
  }
  const max = seatsOf(definition);
  if (choices.length > max) return `${choices.length} candidates chosen; at most ${max} allowed`;
  if (choices.some((name, i) => i > 0 && choices[i - 1]! > name)) return 'the choices are not sorted as a stored ballot is';
  return undefined;
}

const notACandidate = (name: string) => `"${name}" is not a candidate in this election`;

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
