import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RankedBallots, RankedCountInput } from '../../../domain/counting/ballots';
import { parseBlt } from '../../../domain/counting/blt';
import { drawLot, LotBook } from '../../../domain/counting/lot';
import { countIrv } from '../../../domain/counting/irv';
import type { CountSheet } from '../../../domain/counting/sheet';

const seed = { digest: 'e'.repeat(64), contest: 'irv test' };
const count = (input: RankedCountInput) => countIrv(input, new LotBook(seed));

/** Groups written as "A B C": weight, most preferred first. */
const groups = (spec: Record<string, number>): RankedBallots[] => Object.entries(spec).map(([ranking, weight]) => ({ ranking: ranking.split(' '), weight }));
const single = (candidates: string[], spec: Record<string, number>): RankedCountInput => ({ candidates, seats: 1, ballots: groups(spec) });

/** In every round, the votes held plus the exhausted ballots are the valid ballots, exactly. */
function expectVotesConserved(sheet: CountSheet) {
  for (const round of sheet.rounds) {
    const held = Object.values(round.votes).reduce((sum, figure) => sum + Number(figure), 0) + Number(round.nonTransferable);
    expect(held, `round ${round.round}`).toBe(sheet.validBallots);
  }
}

interface RctabResult {
  source: { ballots: string; results: string; rules: string };
  withdrawn: string[];
  validBallots: number;
  rounds: { rctabRound: number; votes: Record<string, string>; nonTransferable: string; notInSequentialCount?: string }[];
  elected?: string[];
  rctabElected?: string[];
  lastTieByLot?: string;
}

const fixture = (file: string) => readFileSync(new URL(`fixtures/irv/${file}`, import.meta.url), 'utf8');
const candidateSet = (votes: Record<string, string>) => Object.keys(votes).sort().join('\n');

/**
 * RCTab's own test cases (inputs and expected round-by-round reports). RCTab may drop several
 * candidates in one round (batch elimination) or drop undeclared write-ins first; excluding one
 * candidate at a time passes through the same states, so every RCTab round whose set of
 * candidates this count also reaches must show the same figures in the same order.
 */
describe('IRV: RCTab reference counts', () => {
  const cases = ['2017_minneapolis_mayor', '2015_portland_mayor', 'tiebreak_previous_round_counts_then_random_test', 'excluded_test'];

  for (const name of cases) {
    it(`${name}: the same tallies and exhausted ballots round by round, and the same winner`, () => {
      const blt = parseBlt(fixture(`${name}.blt`));
      const expected = JSON.parse(fixture(`${name}.json`)) as RctabResult;
      const sheet = count({ candidates: blt.candidates, withdrawn: blt.withdrawn, seats: 1, ballots: blt.ballots });

      expect(blt.withdrawn).toEqual(expected.withdrawn);
      expect(sheet.validBallots).toBe(expected.validBallots);
      let after = -1;
      for (const round of expected.rounds.filter((r) => !r.notInSequentialCount)) {
        const at = sheet.rounds.findIndex((ours) => candidateSet(ours.votes) === candidateSet(round.votes));
        expect(at, `RCTab round ${round.rctabRound} reached`).toBeGreaterThan(after);
        expect(sheet.rounds[at]!.votes, `RCTab round ${round.rctabRound}`).toEqual(round.votes);
        expect(sheet.rounds[at]!.nonTransferable, `RCTab round ${round.rctabRound}`).toBe(round.nonTransferable);
        after = at;
      }
      if (expected.lastTieByLot) {
        const [lot] = sheet.lots.slice(-1);
        expect(lot?.among).toEqual(Object.keys(expected.rounds.at(-1)!.votes).sort());
        expect(sheet.elected).toEqual(lot!.among.filter((c) => c !== lot!.chosen));
      } else {
        expect(sheet.elected).toEqual(expected.elected);
      }
      expectVotesConserved(sheet);
    });
  }

  it('2017_minneapolis_mayor: 105,928 ballots (2,479 groups) over 19 candidates count in well under 2 seconds', () => {
    const blt = parseBlt(fixture('2017_minneapolis_mayor.blt'));
    const started = performance.now();
    const sheet = count({ candidates: blt.candidates, seats: 1, ballots: blt.ballots });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(sheet.elected).toEqual(['Jacob Frey']);
  });

  it('tiebreak_previous_round_counts_then_random_test: a three-way tie decided by the earlier round', () => {
    const blt = parseBlt(fixture('tiebreak_previous_round_counts_then_random_test.blt'));
    const sheet = count({ candidates: blt.candidates, seats: 1, ballots: blt.ballots });
    // Round 2: Dopey, Grumpy and Sneezy all have 3; in round 1 Grumpy had 2, the others 3.
    expect(sheet.rounds[2]!.excluded).toEqual([{ candidate: 'Grumpy', reason: 'lowest votes, tie broken by the most recent earlier round at which they differed' }]);
  });
});

describe('IRV: the rule on small counts', () => {
  it('elects a candidate with more than half of the first preferences at once', () => {
    const sheet = count(single(['A', 'B', 'C'], { A: 6, 'B A': 3, C: 2 }));
    expect(sheet.rounds).toHaveLength(1);
    expect(sheet.elected).toEqual(['A']);
    expect(sheet.rounds[0]!.elected).toEqual([{ candidate: 'A', reason: 'more than half of the continuing votes' }]);
    expect(sheet.final).toEqual({ A: '6', B: '3', C: '2' });
    expect(sheet.nonTransferable).toBe('0');
  });

  it('exactly half is not a majority: the lowest is excluded and their ballots move on', () => {
    const sheet = count(single(['A', 'B', 'C'], { A: 5, B: 3, 'C B': 2 }));
    expect(sheet.rounds.map((r) => [r.action, r.votes, r.transfers ?? null])).toEqual([
      ['first preferences', { A: '5', B: '3', C: '2' }, null],
      ['exclusion of C', { A: '5', B: '5' }, { A: '0', B: '2' }],
      ['exclusion of B', { A: '5' }, { A: '0' }],
    ]);
    // A and B were equal in round 2 but not in round 1, where B had fewer.
    expect(sheet.rounds[2]!.excluded).toEqual([{ candidate: 'B', reason: 'lowest votes, tie broken by the most recent earlier round at which they differed' }]);
    expect(sheet.rounds[2]!.elected).toEqual([{ candidate: 'A', reason: 'more than half of the continuing votes' }]);
    expect(sheet.nonTransferable).toBe('5');
  });

  it('exhausted ballots leave the count: a majority of the continuing votes wins', () => {
    // 12 valid ballots; after C is excluded, C's 3 are exhausted and A's 5 are more than half of the 9 left.
    const sheet = count(single(['A', 'B', 'C'], { A: 5, B: 4, C: 3 }));
    expect(sheet.rounds).toHaveLength(2);
    expect(sheet.rounds[1]).toMatchObject({ votes: { A: '5', B: '4' }, nonTransferable: '3', elected: [{ candidate: 'A' }] });
    expect(sheet.lots).toEqual([]);
    expectVotesConserved(sheet);
  });

  it('lowest candidates equal in every round: the lot decides who is excluded, the same way each time', () => {
    const input = single(['A', 'B', 'C', 'D'], { A: 4, 'B A': 2, 'C D': 2, D: 3 });
    const sheet = count(input);
    const excluded = drawLot(seed, 2, 'exclude', ['B', 'C']).chosen;
    expect(sheet.lots).toEqual([drawLot(seed, 2, 'exclude', ['B', 'C'])]);
    expect(sheet.rounds[1]!.excluded).toEqual([{ candidate: excluded, reason: 'lowest votes, tie broken by lot' }]);
    expect(count(input)).toEqual(sheet);
    expectVotesConserved(sheet);
  });

  it('the last candidate left is elected even without a majority of the valid ballots', () => {
    const sheet = count(single(['A', 'B'], { A: 2, B: 2 }));
    expect(sheet.lots).toHaveLength(1);
    expect(sheet.rounds[1]!.elected).toEqual([{ candidate: sheet.lots[0]!.among.find((c) => c !== sheet.lots[0]!.chosen)!, reason: 'more than half of the continuing votes' }]);
    const alone = count(single(['A'], {}));
    expect(alone.elected).toEqual(['A']);
    expect(alone.rounds[0]!.elected).toEqual([{ candidate: 'A', reason: 'the only candidate left' }]);
  });

  it('skips a withdrawn candidate on every ballot; a ballot for no one else is not a valid vote', () => {
    const sheet = count({ candidates: ['A', 'W', 'B'], withdrawn: ['W'], seats: 1, ballots: groups({ 'W B': 4, W: 3, A: 3, 'A W B': 1 }) });
    expect(sheet.candidates).toEqual(['A', 'B']);
    expect(sheet.validBallots).toBe(8);
    expect(sheet).toEqual(count(single(['A', 'B'], { B: 4, 'A B': 4 })));
  });

  it('fills exactly one seat', () => {
    expect(() => count({ candidates: ['A', 'B'], seats: 2, ballots: [] })).toThrow(/one seat, not 2/);
  });
});
