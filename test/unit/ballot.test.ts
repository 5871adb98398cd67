import { describe, expect, it } from 'vitest';
import { checkCastAllowed, initialState } from '../../domain';
import { CLOSES_AT, DURING_VOTING, OPENS_AT, accepted, refusal, stateIn, fillOne } from './fixtures';

const names = ['Alice Adams', 'Bob Brown', 'Chen Wei', 'Zoë Müller'];
const singleElection = stateIn('open', { candidates: names });
const multiElection = stateIn('open', { ballot: { kind: 'multi', maxChoices: 2 }, candidates: names });

describe('fillBallot: choose one of n', () => {
  it('accepts exactly one candidate', () => {
    expect(accepted(fillOne(singleElection, { choices: ['Bob Brown'] }))).toEqual({ choices: ['Bob Brown'] });
  });

  it('accepts an explicit abstention as an empty ballot', () => {
    expect(accepted(fillOne(singleElection, { abstain: true }))).toEqual({ choices: [] });
  });

  it('refuses an empty choice that is not an explicit abstention', () => {
    expect(refusal(fillOne(singleElection, { choices: [] })).code).toBe('invalid');
  });

  it('refuses two candidates', () => {
    expect(refusal(fillOne(singleElection, { choices: ['Alice Adams', 'Bob Brown'] })).code).toBe('invalid');
  });

  it('refuses a name that is not a candidate', () => {
    const error = refusal(fillOne(singleElection, { choices: ['Mallory'] }));
    expect(error.code).toBe('invalid');
    expect(error.message).toContain('Mallory');
  });

  it('refuses a name that only contains a candidate name', () => {
    expect(refusal(fillOne(singleElection, { choices: ['Alice'] })).code).toBe('invalid');
    expect(refusal(fillOne(singleElection, { choices: ['Alice Adams '] })).code).toBe('invalid');
  });
});

describe('fillBallot: choose up to k of n', () => {
  it('accepts one choice', () => {
    expect(accepted(fillOne(multiElection, { choices: ['Chen Wei'] }))).toEqual({ choices: ['Chen Wei'] });
  });

  it('accepts up to k distinct candidates', () => {
    expect(accepted(fillOne(multiElection, { choices: ['Alice Adams', 'Chen Wei'] })).choices).toHaveLength(2);
  });

  it('refuses more than k candidates', () => {
    const error = refusal(fillOne(multiElection, { choices: ['Alice Adams', 'Bob Brown', 'Chen Wei'] }));
    expect(error.code).toBe('invalid');
    expect(error.message).toMatch(/at most 2/);
  });

  it('accepts an explicit abstention', () => {
    expect(accepted(fillOne(multiElection, { abstain: true }))).toEqual({ choices: [] });
  });

  it('refuses an empty choice that is not an explicit abstention', () => {
    expect(refusal(fillOne(multiElection, { choices: [] })).code).toBe('invalid');
  });

  it('refuses the same candidate chosen twice', () => {
    expect(refusal(fillOne(multiElection, { choices: ['Bob Brown', 'Bob Brown'] })).code).toBe('invalid');
  });

  it('refuses the same candidate chosen twice in different case', () => {
    expect(refusal(fillOne(multiElection, { choices: ['Bob Brown', 'BOB BROWN'] })).code).toBe('invalid');
  });

  it('refuses a ballot with one unknown name among valid ones', () => {
    expect(refusal(fillOne(multiElection, { choices: ['Alice Adams', 'Eve'] })).code).toBe('invalid');
  });
});

describe('fillBallot: names are matched loosely but stored exactly', () => {
  it('matches names case-insensitively and stores the canonical spelling', () => {
    expect(accepted(fillOne(singleElection, { choices: ['bob BROWN'] }))).toEqual({ choices: ['Bob Brown'] });
  });

  it('matches a name in another Unicode normal form and stores the candidate’s own spelling', () => {
    const decomposed = 'zoë müller'.normalize('NFD');
    expect(accepted(fillOne(singleElection, { choices: [decomposed] }))).toEqual({ choices: ['Zoë Müller'] });
  });

  it('stores choices sorted, whatever order the voter gave them in', () => {
    expect(accepted(fillOne(multiElection, { choices: ['chen wei', 'ALICE ADAMS'] }))).toEqual({
      choices: ['Alice Adams', 'Chen Wei'],
    });
    expect(accepted(fillOne(multiElection, { choices: ['Alice Adams', 'Chen Wei'] }))).toEqual({
      choices: ['Alice Adams', 'Chen Wei'],
    });
  });

  it('refuses a ballot for an election that does not exist', () => {
    expect(refusal(fillOne(initialState, { choices: ['Alice Adams'] })).code).toBe('not_found');
  });
});

describe('checkCastAllowed: ballots only inside the window (invariant 2)', () => {
  for (const phase of ['draft', 'locked'] as const) {
    it(`refuses a cast while the election is ${phase}`, () => {
      expect(refusal(checkCastAllowed(stateIn(phase), DURING_VOTING)).code).toBe('wrong_phase');
    });
  }

  for (const phase of ['closed', 'tallied', 'published'] as const) {
    it(`refuses a cast once the election is ${phase}, even inside the window`, () => {
      expect(refusal(checkCastAllowed(stateIn(phase), DURING_VOTING)).code).toBe('wrong_phase');
    });
  }

  it('refuses a cast for an election that does not exist', () => {
    expect(refusal(checkCastAllowed(initialState, DURING_VOTING)).code).toBe('not_found');
  });

  it('refuses a cast before opensAt even when the election is open', () => {
    const early = new Date(Date.parse(OPENS_AT) - 1);
    expect(refusal(checkCastAllowed(stateIn('open'), early)).code).toBe('outside_window');
  });

  it('allows a cast exactly at opensAt', () => {
    expect(checkCastAllowed(stateIn('open'), new Date(OPENS_AT)).ok).toBe(true);
  });

  it('allows a cast inside the window', () => {
    expect(checkCastAllowed(stateIn('open'), DURING_VOTING).ok).toBe(true);
  });

  it('allows a cast one millisecond before closesAt', () => {
    expect(checkCastAllowed(stateIn('open'), new Date(Date.parse(CLOSES_AT) - 1)).ok).toBe(true);
  });

  it('refuses a cast exactly at closesAt', () => {
    expect(refusal(checkCastAllowed(stateIn('open'), new Date(CLOSES_AT))).code).toBe('outside_window');
  });

  it('refuses a cast after closesAt while the election has not been closed yet', () => {
    const late = new Date(Date.parse(CLOSES_AT) + 60_000);
    expect(refusal(checkCastAllowed(stateIn('open'), late)).code).toBe('outside_window');
  });

  it('allows a cast at any time before closesAt when no opening time was set', () => {
    const state = stateIn('open', { window: { closesAt: CLOSES_AT } });
    expect(checkCastAllowed(state, new Date('2025-01-01T00:00:00.000Z')).ok).toBe(true);
  });
});
