import { describe, expect, it } from 'vitest';
import { checkBallotDefinition, tally, type BallotContent, type BallotDefinition, type Candidate } from '../../../domain';
import { renderCountSheet } from '../../../domain/counting/renderSheet';
import { votesDownTheList } from '../../../domain/counting/wholeListVote';

/**
 * What a vote for a whole list counts as, `listVote` in the ballot definition, counted by hand:
 * lists A (a1, a2, a3), B (b1, b2) and C (c1); 3 votes, at most 2 to a candidate; 4 seats by D'Hondt.
 */
const onList = (list: string, ...names: string[]): Candidate[] => names.map((name) => ({ name, email: `${name}@uni.test`, pageLink: 'https://uni.test/c', list }));
const CANDIDATES = [...onList('A', 'a1', 'a2', 'a3'), ...onList('B', 'b1', 'b2'), ...onList('C', 'c1')];
const ballot = (listVote?: 'one' | 'all'): BallotDefinition => ({ kind: 'list', method: 'dhondt', seats: 4, lists: ['A', 'B', 'C'], votes: 3, maxPerCandidate: 2, ...(listVote && { listVote }) });
const BALLOTS: BallotContent[] = [{ choices: ['A'] }, { choices: ['A'] }, { choices: ['b1', 'b1', 'b2'] }, { choices: ['B'] }, { choices: ['a3', 'b2'] }, { choices: ['C'] }];
const count = (definition: BallotDefinition) => tally(definition, CANDIDATES, BALLOTS, { seed: { digest: 'd'.repeat(64), contest: 'parliament' }, registeredVoters: 6 });

describe('a vote for a whole list', () => {
  it('counts as one list vote by default and under "one": personal votes only for the candidates voted for', () => {
    // Personal: a3 1, b1 2, b2 2. List votes: A 2, B 1, C 1. Totals A 3, B 5, C 1.
    // D'Hondt: B 5, A 3, B 2.5, B 1.67 (over A 1.5): B 3 seats but 2 candidates, A 1.
    for (const definition of [ballot(), ballot('one')]) {
      const { sheet, elected, counts, vacant } = count(definition);
      expect(sheet!.final).toEqual({ A: '3', B: '5', C: '1' });
      expect(sheet!.rounds[0]!.votes).toEqual({ a1: '0', a2: '0', a3: '1', b1: '2', b2: '2', c1: '0', A: '2', B: '1', C: '1' });
      expect(sheet!.lists!.seatsByList).toEqual({ A: 1, B: 3, C: 0 });
      expect(elected).toEqual(['a3', 'b1', 'b2']);
      expect(vacant).toBe(1);
      expect(counts).toEqual([
        { candidate: 'B', votes: 5 },
        { candidate: 'A', votes: 3 },
        { candidate: 'C', votes: 1 },
      ]);
    }
  });

  it('counts under "all" as the voter’s votes down the list in order, at most the most per candidate, the rest lost', () => {
    // Each A ballot: a1, a2, a3 one each. The B ballot: b1, b2, then b1 again. The C ballot: c1 twice, one vote lost.
    // Personal: a1 2, a2 2, a3 2 + 1, b1 2 + 2, b2 1 + 2, c1 2. Totals A 7, B 7, C 2.
    // D'Hondt: A 7 and B 7 (both get a seat: A first in ballot order), then A 3.5 and B 3.5 likewise.
    const { sheet, elected, counts, vacant } = count(ballot('all'));
    expect(sheet!.rounds[0]!.votes).toEqual({ a1: '2', a2: '2', a3: '3', b1: '4', b2: '3', c1: '2', A: '0', B: '0', C: '0' });
    expect(sheet!.final).toEqual({ A: '7', B: '7', C: '2' });
    expect(sheet!.lists!.steps.map((s) => `${s.list} ${s.quotient}`)).toEqual(['A 7.000', 'B 7.000', 'A 3.500', 'B 3.500']);
    // Inside A, a3 (3) first, then a1 and a2 (2 each) in list order.
    expect(elected).toEqual(['a3', 'a1', 'b1', 'b2']);
    expect(vacant).toBe(0);
    expect(counts).toEqual([
      { candidate: 'A', votes: 7 },
      { candidate: 'B', votes: 7 },
      { candidate: 'C', votes: 2 },
    ]);
  });

  it('is pinned in the count sheet when the ballot names it, and a sheet without it reads as it always did', () => {
    expect(count(ballot('all')).sheet!.lists!.listVote).toBe('all');
    expect(count(ballot('all')).sheet!.rounds[0]!.action).toBe(
      'personal votes per candidate, each vote for a whole list given as 3 votes down its list in order (at most 2 to a candidate); no list votes',
    );
    expect(count(ballot('one')).sheet!.lists!.listVote).toBe('one');
    expect(count(ballot()).sheet!.lists).not.toHaveProperty('listVote');
    expect(count(ballot()).sheet!.rounds[0]!.action).toBe('personal votes per candidate and list votes per list');

    expect(renderCountSheet(count(ballot('all')).sheet!)).toContain("A vote for a whole list: the voter's votes, given down the list in order");
    expect(renderCountSheet(count(ballot('one')).sheet!)).toContain('A vote for a whole list: one list vote for the list');
    expect(renderCountSheet(count(ballot()).sheet!)).toContain('A vote for a whole list: one list vote for the list');
  });

  it('gives whole rounds down the list, then the rest from the top, never past the most per candidate', () => {
    expect([...votesDownTheList(['Clara', 'David'], 5, 2)]).toEqual([
      ['Clara', 2],
      ['David', 2],
    ]);
    expect([...votesDownTheList(['Clara', 'David'], 5, 3)]).toEqual([
      ['Clara', 3],
      ['David', 2],
    ]);
    expect([...votesDownTheList(['Anna', 'Ben', 'Clara', 'David', 'Emil', 'Frida'], 5, 1)].map(([, n]) => n)).toEqual([1, 1, 1, 1, 1, 0]);
    expect([...votesDownTheList([], 5, 1)]).toEqual([]);
  });

  it('is refused as anything but "one" or "all", naming the field', () => {
    const odd = { ...ballot(), listVote: 'half' } as unknown as BallotDefinition;
    expect(checkBallotDefinition(odd)).toEqual({ ok: false, error: { code: 'invalid', message: 'ballot.listVote: must be "one" or "all"' } });
  });
});
