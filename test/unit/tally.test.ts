import { describe, expect, it } from 'vitest';
import { tally, type BallotContent, type BallotDefinition } from '../../domain';
import { candidates } from './fixtures';

const single: BallotDefinition = { kind: 'single' };
const multi = (maxChoices: number): BallotDefinition => ({ kind: 'multi', maxChoices });

/** `n` ballots with the same choices. */
const times = (n: number, ...choices: string[]): BallotContent[] => Array.from({ length: n }, () => ({ choices }));

describe('tally: choose one of n (single seat)', () => {
  const three = candidates('Alice', 'Bob', 'Chen');

  it('elects the candidate with the most votes and counts every ballot', () => {
    const result = tally(single, three, [...times(2, 'Alice'), ...times(5, 'Bob'), ...times(3, 'Chen')]);

    expect(result.elected).toEqual(['Bob']);
    expect(result.tied).toEqual([]);
    expect(result.seats).toBe(1);
    expect(result.ballots).toBe(10);
    expect(result.abstentions).toBe(0);
    expect(result.counts).toEqual([
      { candidate: 'Bob', votes: 5 },
      { candidate: 'Chen', votes: 3 },
      { candidate: 'Alice', votes: 2 },
    ]);
  });

  it('reports a tie for the only seat in `tied` and elects nobody: the tie is never broken', () => {
    const result = tally(single, three, [...times(4, 'Alice'), ...times(4, 'Chen'), ...times(1, 'Bob')]);

    expect(result.elected).toEqual([]);
    expect(result.tied).toEqual(['Alice', 'Chen']);
  });

  it('does not break a tie by the order ballots arrived in', () => {
    const aliceFirst = tally(single, three, [...times(3, 'Alice'), ...times(3, 'Bob')]);
    const bobFirst = tally(single, three, [...times(3, 'Bob'), ...times(3, 'Alice')]);

    expect(aliceFirst.elected).toEqual([]);
    expect(bobFirst.elected).toEqual([]);
    expect(bobFirst.tied).toEqual(aliceFirst.tied);
  });

  it('elects a sole candidate who received votes, with all other candidates listed at zero', () => {
    const result = tally(single, three, times(1, 'Chen'));

    expect(result.elected).toEqual(['Chen']);
    expect(result.tied).toEqual([]);
    expect(result.counts).toEqual([
      { candidate: 'Chen', votes: 1 },
      { candidate: 'Alice', votes: 0 },
      { candidate: 'Bob', votes: 0 },
    ]);
  });
});

describe('tally: choose up to k of n (k seats)', () => {
  const five = candidates('Alice', 'Bob', 'Chen', 'Dana', 'Emil');

  it('elects the k candidates with the most votes', () => {
    const ballots = [...times(4, 'Alice', 'Bob'), ...times(3, 'Chen', 'Dana'), ...times(2, 'Alice', 'Emil'), ...times(1, 'Dana')];
    // Alice 6, Bob 4, Dana 4, Chen 3, Emil 2
    const result = tally(multi(3), five, ballots);

    expect(result.seats).toBe(3);
    expect(result.ballots).toBe(10);
    expect(result.counts).toEqual([
      { candidate: 'Alice', votes: 6 },
      { candidate: 'Bob', votes: 4 },
      { candidate: 'Dana', votes: 4 },
      { candidate: 'Chen', votes: 3 },
      { candidate: 'Emil', votes: 2 },
    ]);
    expect(result.elected).toEqual(['Alice', 'Bob', 'Dana']);
    expect(result.tied).toEqual([]);
  });

  it('elects the clear winners and reports a tie at the last seat in `tied`', () => {
    const ballots = [...times(5, 'Alice', 'Bob'), ...times(2, 'Chen', 'Dana'), ...times(1, 'Emil')];
    // Alice 5, Bob 5, Chen 2, Dana 2, Emil 1 — three seats: Alice and Bob win, Chen and Dana tie for the third.
    const result = tally(multi(3), five, ballots);

    expect(result.elected).toEqual(['Alice', 'Bob']);
    expect(result.tied).toEqual(['Chen', 'Dana']);
  });

  it('elects a whole group of equal votes when it fits exactly in the seats', () => {
    const ballots = [...times(3, 'Alice', 'Bob'), ...times(1, 'Chen')];
    const result = tally(multi(2), five, ballots);

    expect(result.elected).toEqual(['Alice', 'Bob']);
    expect(result.tied).toEqual([]);
  });

  it('reports a tie for every seat when more candidates than seats share the top count', () => {
    const ballots = [...times(2, 'Alice', 'Bob'), ...times(2, 'Chen')];
    const result = tally(multi(2), five, ballots);

    expect(result.elected).toEqual([]);
    expect(result.tied).toEqual(['Alice', 'Bob', 'Chen']);
  });

  it('never elects more candidates than there are seats', () => {
    const ballots = [...times(3, 'Alice', 'Bob', 'Chen'), ...times(2, 'Dana', 'Emil')];
    const result = tally(multi(3), five, ballots);

    expect(result.elected).toHaveLength(3);
    expect(result.elected.length + result.tied.length).toBeGreaterThanOrEqual(result.seats);
  });
});

describe('tally: abstentions and empty boxes', () => {
  const two = candidates('Alice', 'Bob');

  it('counts abstentions as ballots but gives no candidate a vote for them', () => {
    const result = tally(single, two, [...times(3, 'Alice'), ...times(4), ...times(2, 'Bob')]);

    expect(result.ballots).toBe(9);
    expect(result.abstentions).toBe(4);
    expect(result.counts).toEqual([
      { candidate: 'Alice', votes: 3 },
      { candidate: 'Bob', votes: 2 },
    ]);
    expect(result.elected).toEqual(['Alice']);
  });

  it('counts a multi-seat abstention once, like any other ballot', () => {
    const result = tally(multi(2), two, [...times(1, 'Alice', 'Bob'), ...times(2)]);

    expect(result.ballots).toBe(3);
    expect(result.abstentions).toBe(2);
    expect(result.counts.reduce((sum, c) => sum + c.votes, 0)).toBe(2);
  });

  it('with only abstentions every candidate has zero votes and nobody is elected or tied', () => {
    const result = tally(single, two, times(5));

    expect(result.ballots).toBe(5);
    expect(result.abstentions).toBe(5);
    expect(result.counts.every((c) => c.votes === 0)).toBe(true);
    expect(result.elected).toEqual([]);
    expect(result.tied).toEqual([]);
  });

  it('handles an empty ballot box: zero ballots, zero abstentions, every candidate listed at zero', () => {
    const result = tally(single, two, []);

    expect(result.ballots).toBe(0);
    expect(result.abstentions).toBe(0);
    expect(result.counts).toEqual([
      { candidate: 'Alice', votes: 0 },
      { candidate: 'Bob', votes: 0 },
    ]);
    expect(result.elected).toEqual([]);
    expect(result.tied).toEqual([]);
  });

  it('never gives a seat to a candidate without a vote', () => {
    const result = tally({ kind: 'multi', maxChoices: 2 }, two, [{ choices: ['Alice'] }]);

    expect(result.elected).toEqual(['Alice']);
    expect(result.tied).toEqual([]);
  });

  it('accepts any iterable of ballots, not only arrays', () => {
    function* box() {
      yield { choices: ['Bob'] };
      yield { choices: [] };
    }
    const result = tally(single, two, box());

    expect(result.ballots).toBe(2);
    expect(result.abstentions).toBe(1);
    expect(result.elected).toEqual(['Bob']);
  });
});

describe('tally: order of the counts', () => {
  it('orders counts by votes, most first', () => {
    const result = tally(single, candidates('Alice', 'Bob', 'Chen'), [...times(1, 'Alice'), ...times(3, 'Bob'), ...times(2, 'Chen')]);

    expect(result.counts.map((c) => c.candidate)).toEqual(['Bob', 'Chen', 'Alice']);
  });

  it('keeps the order candidates were added in when counts are equal', () => {
    const list = candidates('Zed', 'Amy', 'Mia', 'Bea');
    const result = tally(multi(2), list, [...times(2, 'Mia', 'Bea'), ...times(2, 'Zed', 'Amy')]);

    expect(result.counts.map((c) => c.candidate)).toEqual(['Zed', 'Amy', 'Mia', 'Bea']);
    expect(result.tied).toEqual(['Zed', 'Amy', 'Mia', 'Bea']);
  });

  it('keeps candidate order among equal counts regardless of ballot order', () => {
    const list = candidates('Zed', 'Amy', 'Mia');
    const result = tally(single, list, [...times(1, 'Mia'), ...times(1, 'Amy'), ...times(2, 'Zed')]);

    expect(result.counts).toEqual([
      { candidate: 'Zed', votes: 2 },
      { candidate: 'Amy', votes: 1 },
      { candidate: 'Mia', votes: 1 },
    ]);
  });

  it('lists every candidate in the counts, including those nobody chose', () => {
    const list = candidates('Alice', 'Bob', 'Chen', 'Dana');
    const result = tally(single, list, times(3, 'Chen'));

    expect(result.counts.map((c) => c.candidate).sort()).toEqual(['Alice', 'Bob', 'Chen', 'Dana']);
  });
});
