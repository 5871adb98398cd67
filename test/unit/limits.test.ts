import { describe, expect, it } from 'vitest';
import { TALLIED_STATE_BUDGET_BYTES, initialState, worstCaseTalliedStateBytes, type Candidate, type ElectionState, type SealedBallot } from '../../domain';
import { MAXIMAL_CANDIDATES, maximalCandidates, maximalObservers, maximalTitle } from '../support/maximalElection';
import { AFTER_VOTING, CLOSES_AT, ELECTION_ID, OPENS_AT, SETUP_TIME, candidates, run, sealOne } from './fixtures';

const utf8Bytes = (state: ElectionState) => new TextEncoder().encode(JSON.stringify(state)).length;

/** An election run to published, every ballot choosing as many candidates as it may, so that most end up tied. */
function publishedElection(title: string, chosen: Candidate[], observers: string[], seats: number): ElectionState {
  let state = run(initialState, {
    type: 'CreateElection',
    electionId: ELECTION_ID,
    title,
    ballot: { kind: 'multi', maxChoices: seats },
    candidates: chosen,
    observers,
    window: { opensAt: OPENS_AT, closesAt: CLOSES_AT },
    now: SETUP_TIME,
  });
  state = run(state, { type: 'RegisterVoters', count: 2 });
  state = run(state, { type: 'Lock', now: SETUP_TIME });
  state = run(state, { type: 'Start', now: new Date(OPENS_AT) });
  state = run(state, { type: 'Close', now: AFTER_VOTING });
  const names = chosen.map((c) => c.name).sort();
  const ballots: SealedBallot[] = [
    { ballotId: 'a', choices: names.slice(0, seats) },
    { ballotId: 'b', choices: names.slice(-seats) },
  ];
  state = run(state, sealOne(ballots));
  return run(state, { type: 'Publish', now: AFTER_VOTING });
}

describe('the size bound of an election', () => {
  it('is at least the size of the real state after the tally, names with quotes and backslashes too', () => {
    const odd = candidates('Ada "the Countess" Lovelace', 'Grace \\ Hopper', 'Chen Wei 陈伟', 'Zoë Müller');
    const state = publishedElection('Council "2026"', odd, ['observer@uni.example'], 3);
    const bound = worstCaseTalliedStateBytes({
      electionId: ELECTION_ID,
      title: 'Council "2026"',
      contests: [{ id: 'main', title: 'Council "2026"', ballot: { kind: 'multi', maxChoices: 3 }, candidates: odd }],
      observers: ['observer@uni.example'],
    });
    expect(utf8Bytes(state)).toBeLessThanOrEqual(bound);
  });

  it('keeps the largest election the API takes under the budget once it is published', () => {
    const chosen = maximalCandidates(MAXIMAL_CANDIDATES);
    const state = publishedElection(maximalTitle, chosen, maximalObservers(), MAXIMAL_CANDIDATES - 1);
    if (state.phase !== 'published') throw new Error('unreachable');
    expect(state.results.main!.elected.length + state.results.main!.tied.length).toBe(MAXIMAL_CANDIDATES);
    expect(utf8Bytes(state)).toBeLessThanOrEqual(TALLIED_STATE_BUDGET_BYTES);
  });
});
