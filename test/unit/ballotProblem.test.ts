import { describe, expect, it } from 'vitest';
import { ballotProblem } from '../../domain';
import { accepted, candidates, stateIn, fillOne } from './fixtures';

const names = ['Alice Adams', 'Bob Brown', 'Chen Wei'];
const upToTwo = { kind: 'multi', maxChoices: 2 } as const;
const problem = (choices: string[]) => ballotProblem(upToTwo, candidates(...names), { choices });

/** The rule the audit holds every ballot in an exported box to, and every cast ballot meets. */
describe('ballotProblem: is stored ballot content one the ballot allows?', () => {
  it('accepts exact candidate names, sorted, up to the limit, and an abstention', () => {
    expect(problem(['Alice Adams', 'Chen Wei'])).toBeUndefined();
    expect(problem(['Bob Brown'])).toBeUndefined();
    expect(problem([])).toBeUndefined();
  });

  it('names what is wrong', () => {
    expect(problem(['Mallory'])).toBe('"Mallory" is not a candidate in this election');
    expect(problem(['alice adams'])).toBe('"alice adams" is not a candidate in this election');
    expect(problem(['Bob Brown', 'Bob Brown'])).toBe('"Bob Brown" is chosen more than once');
    expect(problem(['Alice Adams', 'Bob Brown', 'Chen Wei'])).toBe('3 candidates chosen; at most 2 allowed');
    expect(problem(['Chen Wei', 'Alice Adams'])).toBe('the choices are not sorted as a stored ballot is');
  });

  it('holds for whatever fillBallot stores', () => {
    const election = stateIn('open', { ballot: upToTwo, candidates: names });
    const stored = accepted(fillOne(election, { choices: ['Chen Wei', 'alice adams'] }));
    expect(stored).toEqual({ choices: ['Alice Adams', 'Chen Wei'] });
    expect(problem(stored.choices)).toBeUndefined();
  });
});
