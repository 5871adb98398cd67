import { describe, expect, it } from 'vitest';
import { ballotProblem, decide, initialState, type BallotDefinition, type Candidate, type ElectionState } from '../../domain';
import { CLOSES_AT, DURING_VOTING, OPENS_AT, accepted, candidate, refusal, run, SETUP_TIME, fillOne } from './fixtures';

/** Ranked, list and referendum ballots: what an admin may define, and what a voter may cast on them. */
const create = (ballot: BallotDefinition, candidates: Candidate[] = []) =>
  decide({ type: 'CreateElection', electionId: 'kinds', title: 'Kinds', ballot, candidates, window: { opensAt: OPENS_AT, closesAt: CLOSES_AT }, now: SETUP_TIME }, initialState);

/** The election open for voting. */
function openWith(ballot: BallotDefinition, candidates: Candidate[] = []): ElectionState {
  let state = initialState;
  for (const command of [
    { type: 'CreateElection' as const, electionId: 'kinds', title: 'Kinds', ballot, candidates, window: { opensAt: OPENS_AT, closesAt: CLOSES_AT }, now: SETUP_TIME },
    { type: 'RegisterVoters' as const, count: 10 },
    { type: 'Lock' as const, now: SETUP_TIME },
    { type: 'Start' as const, now: SETUP_TIME },
    { type: 'Open' as const, now: DURING_VOTING },
  ])
    state = run(state, command);
  return state;
}

const onList = (name: string, list: string): Candidate => ({ ...candidate(name), list });
const RANKED: BallotDefinition = { kind: 'ranked', method: 'scottish-stv', seats: 2, ron: true };
const LIST: BallotDefinition = { kind: 'list', method: 'sainte-lague', seats: 5, lists: ['Green Campus', 'Open Left'], votes: 3, maxPerCandidate: 2 };
const REFERENDUM: BallotDefinition = { kind: 'referendum', majority: 'two-thirds', quorumPercent: 20 };
const rankedCandidates = ['Ada Byron', 'Bea Cole', 'Cal Dunn'].map(candidate);
const listCandidates = [onList('Anna Berg', 'Green Campus'), onList('Ben Kaya', 'Green Campus'), onList('Clara Stein', 'Open Left')];

describe('defining a ballot', () => {
  it('accepts a ranked, a list and a referendum ballot', () => {
    expect(accepted(create(RANKED, rankedCandidates))[0]).toMatchObject({ type: 'ElectionCreated', data: { ballot: RANKED } });
    expect(accepted(create(LIST, listCandidates))[0]).toMatchObject({ type: 'ElectionCreated', data: { ballot: LIST } });
    expect(accepted(create(REFERENDUM))[0]).toMatchObject({ type: 'ElectionCreated', data: { ballot: REFERENDUM } });
  });

  it('refuses IRV for more than one seat, zero seats, a quorum over 100 %, and more votes per candidate than votes', () => {
    expect(refusal(create({ kind: 'ranked', method: 'irv', seats: 2 })).message).toMatch(/^ballot\.seats: IRV fills one seat/);
    expect(refusal(create({ kind: 'ranked', method: 'meek-stv', seats: 0 })).message).toMatch(/^ballot\.seats/);
    expect(refusal(create({ kind: 'referendum', majority: 'simple', quorumPercent: 101 })).message).toMatch(/^ballot\.quorumPercent/);
    expect(refusal(create({ ...LIST, maxPerCandidate: 4 })).message).toMatch(/^ballot\.maxPerCandidate/);
  });

  it('refuses lists that look alike or read as a ballot label, candidates on no list or an unknown one, and a candidate named like a list', () => {
    expect(refusal(create({ ...LIST, lists: ['Open Left', 'Open Lеft'] })).message).toMatch(/^ballot\.lists\.1: .* looks like/);
    expect(refusal(create({ ...LIST, lists: ['RON'] })).message).toMatch(/^ballot\.lists\.0/);
    expect(refusal(create(LIST, [candidate('Anna Berg')])).message).toMatch(/^candidates\.0\.list: must be one of/);
    expect(refusal(create(LIST, [onList('Anna Berg', 'Nowhere')])).message).toMatch(/^candidates\.0\.list/);
    expect(refusal(create(LIST, [onList('Open Left', 'Open Left')])).message).toMatch(/^candidates\.0\.name: .* looks like the list/);
    expect(refusal(create(RANKED, [onList('Anna Berg', 'Green Campus')])).message).toMatch(/^candidates\.0\.list: only a list ballot/);
  });

  it('refuses candidates on a referendum, which has only yes and no', () => {
    expect(refusal(create(REFERENDUM, rankedCandidates)).message).toMatch(/^candidates: a referendum has no candidates/);
  });

  it('starts a referendum without candidates, but not a list ballot with an empty list or a ranked one with fewer candidates than seats', () => {
    expect(openWith(REFERENDUM).phase).toBe('open');
    const lonely = run(
      run(run(initialState, { type: 'CreateElection', electionId: 'kinds', title: 'Kinds', ballot: LIST, candidates: listCandidates.slice(0, 2), window: { closesAt: CLOSES_AT }, now: SETUP_TIME }), {
        type: 'RegisterVoters',
        count: 1,
      }),
      { type: 'Lock', now: SETUP_TIME },
    );
    expect(refusal(decide({ type: 'Start', now: SETUP_TIME }, lonely)).message).toBe('the list "Open Left" has no candidates');
    const short = run(
      run(
        run(initialState, {
          type: 'CreateElection',
          electionId: 'kinds',
          title: 'Kinds',
          ballot: { ...RANKED, seats: 4 },
          candidates: rankedCandidates,
          window: { closesAt: CLOSES_AT },
          now: SETUP_TIME,
        }),
        { type: 'RegisterVoters', count: 1 },
      ),
      { type: 'Lock', now: SETUP_TIME },
    );
    expect(refusal(decide({ type: 'Start', now: SETUP_TIME }, short)).message).toBe('the ballot fills 4 seats but has 3 candidates');
  });
});

describe('casting a ranked ballot', () => {
  const state = openWith(RANKED, rankedCandidates);

  it('keeps the order of preference, RON included, and finds look-alike names', () => {
    expect(accepted(fillOne(state, { choices: ['Cal Dunn', 'RON', 'ada byron'] }))).toEqual({ choices: ['Cal Dunn', 'RON', 'Ada Byron'] });
  });

  it('refuses a candidate ranked twice and a name not on the ballot', () => {
    expect(refusal(fillOne(state, { choices: ['Cal Dunn', 'Cal Dunn'] })).message).toBe('"Cal Dunn" is chosen more than once');
    expect(refusal(fillOne(state, { choices: ['Dee Ellis'] })).message).toContain('"Dee Ellis" is not a candidate');
  });
});

describe('casting a list ballot', () => {
  const state = openWith(LIST, listCandidates);

  it('takes personal votes across lists and several for one candidate, and stores them sorted', () => {
    expect(accepted(fillOne(state, { choices: ['Clara Stein', 'Anna Berg', 'Clara Stein'] }))).toEqual({ choices: ['Anna Berg', 'Clara Stein', 'Clara Stein'] });
  });

  it('takes one vote for a whole list, alone', () => {
    expect(accepted(fillOne(state, { choices: ['Open Left'] }))).toEqual({ choices: ['Open Left'] });
    expect(refusal(fillOne(state, { choices: ['Open Left', 'Anna Berg'] })).message).toBe('a vote for a whole list cannot be given with other votes');
  });

  it('refuses more votes than the ballot gives and more than maxPerCandidate to one candidate', () => {
    expect(refusal(fillOne(state, { choices: ['Anna Berg', 'Ben Kaya', 'Clara Stein', 'Ben Kaya'] })).message).toBe('4 votes given; at most 3 allowed');
    expect(refusal(fillOne(state, { choices: ['Anna Berg', 'Anna Berg', 'Anna Berg'] })).message).toBe('"Anna Berg" has 3 votes; at most 2 per candidate');
  });
});

describe('casting a referendum ballot', () => {
  const state = openWith(REFERENDUM);

  it('takes yes or no once, and an abstention', () => {
    expect(accepted(fillOne(state, { choices: ['yes'] }))).toEqual({ choices: ['yes'] });
    expect(accepted(fillOne(state, { choices: ['No'] }))).toEqual({ choices: ['no'] });
    expect(accepted(fillOne(state, { abstain: true }))).toEqual({ choices: [] });
    expect(refusal(fillOne(state, { choices: ['yes', 'no'] })).message).toBe('answer yes or no, once');
    expect(refusal(fillOne(state, { choices: ['maybe'] })).message).toContain('"maybe" is not a candidate');
  });
});

describe('stored ballots the audit refuses', () => {
  it('a list ballot not sorted as stored, a ranked ballot naming RON where it is not offered', () => {
    expect(ballotProblem(LIST, listCandidates, { choices: ['Clara Stein', 'Anna Berg'] })).toBe('the votes are not sorted as a stored ballot is');
    expect(ballotProblem({ ...RANKED, ron: false }, rankedCandidates, { choices: ['RON'] })).toContain('"RON" is not a candidate');
  });
});

describe('how large a counted ballot may be', () => {
  const named = (n: number) => Array.from({ length: n }, (_, i) => candidate(`Candidate ${String(i).padStart(5, '0')}`));

  it('takes 30 candidates with 15-character names for STV, and refuses the 31st: the worst-case count sheet must fit the state item', () => {
    expect(create({ kind: 'ranked', method: 'scottish-stv', seats: 3 }, named(30)).ok).toBe(true);
    expect(refusal(create({ kind: 'ranked', method: 'scottish-stv', seats: 3 }, named(31))).message).toMatch(/^candidates: the election would be too large to store once tallied/);
  });

  it('takes 68 such candidates for Schulze, whose sheet grows by its two tables', () => {
    expect(create({ kind: 'ranked', method: 'schulze', seats: 3 }, named(68)).ok).toBe(true);
    expect(create({ kind: 'ranked', method: 'schulze', seats: 3 }, named(69)).ok).toBe(false);
  });
});
