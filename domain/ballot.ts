import type { Contest } from './contest';
import { namesOnBallot, seatsOf, type BallotContent, type BallotDefinition, type Candidate } from './election';
import { ownValue, recordOf } from './records';
import { fail, ok, type Result } from './result';
import type { ElectionState } from './state';
import { nameKey } from './text';

export { namesOnBallot } from './election';

/** What a voter submits: an explicit abstention, or the names they choose. */
export type BallotChoice = { abstain: true } | { choices: string[] };

/** A voter's papers: their choice in each contest they vote in, by contest id. */
export type Papers = Readonly<Record<string, BallotChoice>>;

/** What a cast holds: papers, or (in an election of one contest, as before contests existed) one choice. */
export type CastChoice = BallotChoice | { papers: Papers };

/** A paper as it is stored: the contest's id and the ballot content. */
export interface FilledPaper {
  contest: string;
  content: BallotContent;
}

/**
 * Turns a voter's papers into what is stored, in the election's order of contests, or says which
 * paper is not valid (`papers.<contest>: …`; without the prefix in an election of one contest).
 * Which contests the voter may vote in is their credential's to say: the cast checks it.
 */
export function fillPapers(state: ElectionState, cast: CastChoice): Result<FilledPaper[]> {
  if (state.phase === 'none') return fail('not_found', 'no such election');
  const ids = state.contests.map((c) => c.id);
  if (!('papers' in cast) && ids.length > 1) return fail('invalid', `papers: this election has ${ids.length} contests (${ids.join(', ')}): give a paper for each one you vote in`);
  const papers: Papers = 'papers' in cast ? cast.papers : recordOf([[ids[0]!, cast]]);
  const stray = Object.keys(papers).find((id) => !ids.includes(id));
  if (stray !== undefined) return fail('invalid', `papers.${stray}: not a contest of this election (${ids.join(', ')})`);
  const filled: FilledPaper[] = [];
  for (const contest of state.contests) {
    const choice = ownValue(papers, contest.id);
    if (choice === undefined) continue;
    const content = fillBallot(contest, choice);
    if (!content.ok) return ids.length === 1 ? content : fail(content.error.code, `papers.${contest.id}: ${content.error.message}`);
    filled.push({ contest: contest.id, content: content.value });
  }
  if (filled.length === 0) return fail('invalid', 'papers: give at least one paper (an abstention counts)');
  return ok(filled);
}

/** Turns a voter's choice in one contest into the ballot content that is stored, or says why it is not valid. */
export function fillBallot(contest: Pick<Contest, 'ballot' | 'candidates'>, choice: BallotChoice): Result<BallotContent> {
  if ('abstain' in choice) return ok({ choices: [] });
  // A typed name finds the candidate (or list, or answer) it looks like; the name as written comes
  // first, because an election set up before names were compared by their look may hold two that look alike.
  const names = new Set(namesOnBallot(contest.ballot, contest.candidates));
  const byKey = new Map([...names].map((name) => [nameKey(name), name]));
  const chosen: string[] = [];
  for (const name of choice.choices) {
    const known = names.has(name) ? name : byKey.get(nameKey(name));
    if (known === undefined) return fail('invalid', notACandidate(name));
    chosen.push(known);
  }
  if (chosen.length === 0) return fail('invalid', 'choose at least one candidate, or abstain');
  // A ranking's order is its meaning; every other ballot is stored sorted, so that its order tells nothing.
  const content = { choices: contest.ballot.kind === 'ranked' ? chosen : chosen.sort() };
  const problem = ballotProblem(contest.ballot, contest.candidates, content);
  return problem === undefined ? ok(content) : fail('invalid', problem);
}

/**
 * Why stored ballot content is not one the ballot allows, or undefined (an empty list is an
 * abstention, always allowed). Every cast ballot meets it, and the audit holds every ballot in an
 * exported box to it:
 * - single, multi: candidates' exact names (or RON), none twice, sorted, no more than the seats;
 * - ranked: candidates' exact names (or RON), none twice, in order of preference;
 * - list: one list's name alone, or candidates' names sorted, each at most maxPerCandidate times
 *   and no more than `votes` in all;
 * - referendum: "yes" or "no", once.
 */
export function ballotProblem(definition: BallotDefinition, candidates: readonly Candidate[], { choices }: BallotContent): string | undefined {
  if (choices.length === 0) return undefined;
  const names = new Set(namesOnBallot(definition, candidates));
  const unknown = choices.find((name) => !names.has(name));
  if (unknown !== undefined) return notACandidate(unknown);
  const sorted = choices.every((name, i) => i === 0 || choices[i - 1]! <= name);
  switch (definition.kind) {
    case 'ranked':
      return repeated(choices);
    case 'referendum':
      return choices.length === 1 ? undefined : 'answer yes or no, once';
    case 'list': {
      if (choices.some((name) => definition.lists.includes(name))) {
        return choices.length === 1 ? undefined : 'a vote for a whole list cannot be given with other votes';
      }
      if (choices.length > definition.votes) return `${choices.length} votes given; at most ${definition.votes} allowed`;
      const most = mostRepeated(choices);
      if (most && most.times > definition.maxPerCandidate) return `"${most.name}" has ${most.times} votes; at most ${definition.maxPerCandidate} per candidate`;
      return sorted ? undefined : 'the votes are not sorted as a stored ballot is';
    }
    default: {
      const twice = repeated(choices);
      if (twice) return twice;
      const max = seatsOf(definition);
      if (choices.length > max) return `${choices.length} candidates chosen; at most ${max} allowed`;
      return sorted ? undefined : 'the choices are not sorted as a stored ballot is';
    }
  }
}

function repeated(choices: readonly string[]): string | undefined {
  const most = mostRepeated(choices);
  return most && most.times > 1 ? `"${most.name}" is chosen more than once` : undefined;
}

function mostRepeated(choices: readonly string[]): { name: string; times: number } | undefined {
  const times = new Map<string, number>();
  let most: { name: string; times: number } | undefined;
  for (const name of choices) {
    const n = (times.get(name) ?? 0) + 1;
    times.set(name, n);
    if (!most || n > most.times) most = { name, times: n };
  }
  return most;
}

const notACandidate = (name: string) => `"${name}" is not a candidate in this election`;

export type OpenElection = Extract<ElectionState, { phase: 'open' }>;

/** A ballot is accepted only while the election is open and the clock is inside its window. */
export function checkCastAllowed(state: ElectionState, now: Date): Result<OpenElection> {
  if (state.phase === 'none') return fail('not_found', 'no such election');
  // A link mailed before the opening (the committee's send time) is tried early: it says when it will work.
  if (state.phase === 'scheduled') return fail('wrong_phase', `voting opens at ${state.window.opensAt} (the election is scheduled)`);
  if (state.phase !== 'open') return fail('wrong_phase', `voting is not open (the election is ${state.phase})`);
  const { opensAt, closesAt } = state.window;
  if (opensAt !== undefined && now.getTime() < Date.parse(opensAt)) {
    return fail('outside_window', `voting opens at ${opensAt}`);
  }
  if (now.getTime() >= Date.parse(closesAt)) return fail('outside_window', `voting closed at ${closesAt}`);
  return ok(state);
}
