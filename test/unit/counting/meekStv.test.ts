import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RankedCountInput } from '../../../domain/counting/ballots';
import { parseBlt } from '../../../domain/counting/blt';
import { parseFixed } from '../../../domain/counting/fixed';
import { drawLot, LotBook } from '../../../domain/counting/lot';
import { countMeekStv } from '../../../domain/counting/meekStv';
import type { CountSheet } from '../../../domain/counting/sheet';

const seed = { digest: 'c'.repeat(64), contest: 'meek' };
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function inputFromBlt(name: string): RankedCountInput {
  const { candidates, withdrawn, seats, ballots } = parseBlt(fixture(name));
  return { candidates, withdrawn, seats, ballots };
}

/** Rule-level check on every sheet: in each round the candidates' votes and the excess add up to the valid ballots exactly. */
function expectVotesConserved(sheet: CountSheet) {
  const valid = parseFixed(String(sheet.validBallots), 9);
  for (const round of sheet.rounds) {
    const held = Object.values(round.votes).reduce((total, votes) => total + parseFixed(votes, 9), 0n);
    expect(held + parseFixed(round.nonTransferable!, 9), round.action).toBe(valid);
  }
}

/**
 * droop breaks a tie by the candidates' order in the ballot file and defeats the first one; this
 * stands in for our lot so that droop's published counts can be followed round by round.
 */
class BallotOrderTies extends LotBook {
  readonly ties: { round: number; purpose: string; among: string[] }[] = [];

  constructor(private readonly order: readonly string[]) {
    super(seed);
  }

  override draw(round: number, purpose: string, among: readonly string[]): string {
    this.ties.push({ round, purpose, among: [...among] });
    return [...among].sort((a, b) => this.order.indexOf(a) - this.order.indexOf(b))[0]!;
  }
}

interface DroopRound {
  round: number;
  quota: string;
  nonTransferable: string;
  votes: Record<string, string>;
  keepFactors: Record<string, string>;
  elected: string[];
  excluded: string[];
  tie: { among: string[]; chosen: string } | null;
  remainingElected: string[];
  remainingExcluded: string[];
}

interface DroopCount {
  source: string;
  licence: string;
  blt: string;
  elected: string[];
  quota: string;
  final: Record<string, string>;
  nonTransferable: string;
  rounds: DroopRound[];
}

const DROOP_CASES = [
  ['42', 'three candidates, two seats: a surplus flows on to a candidate who is then defeated'],
  ['513', 'three candidates, two seats, the same with a first preference for the defeated candidate'],
  ['SC', 'GPUS steering committee 2005: 13 candidates, 4 seats, 94 ballots, ties among write-ins'],
  ['SCw', 'the same election with a candidate withdrawn'],
  ['SC-Vm-12', 'Voting matters issue 12: a three-way tie within the surplus'],
  ['M135', "Wichmann's ERBS test M135: 25 candidates, 7 seats, 677 ballots, 23 rounds"],
] as const;

describe("Meek STV reproduces droop's published PR Foundation reference counts (rule meek-prf, fixed point, 9 places)", () => {
  for (const [name, what] of DROOP_CASES) {
    it(`${name}: ${what}`, () => {
      const expected = JSON.parse(fixture(`meek/${name}.json`)) as DroopCount;
      const input = inputFromBlt(`meek/${expected.blt}`);
      const ties = new BallotOrderTies(input.candidates);
      const sheet = countMeekStv(input, ties);

      expect(sheet.method).toBe('meek-stv');
      expect(sheet.elected).toEqual(expected.elected);
      expect(sheet.vacant).toBe(0);
      expect(sheet.quota).toBe(expected.quota);
      expect(sheet.final).toEqual(expected.final);
      expect(sheet.nonTransferable).toBe(expected.nonTransferable);
      expect(sheet.rounds).toHaveLength(expected.rounds.length);
      sheet.rounds.forEach((round, i) => {
        const want = expected.rounds[i]!;
        expect(round.round).toBe(want.round);
        expect(round.votes, `round ${want.round}`).toEqual(want.votes);
        expect(round.quota, `round ${want.round}`).toBe(want.quota);
        expect(round.nonTransferable, `round ${want.round}`).toBe(want.nonTransferable);
        expect(round.elected.map((d) => d.candidate)).toEqual([...want.elected, ...want.remainingElected]);
        expect(round.excluded.map((d) => d.candidate)).toEqual([...want.excluded, ...want.remainingExcluded]);
        const keepFactors = Object.entries(want.keepFactors).map(([candidate, kf]) => `${candidate} ${kf}`);
        if (keepFactors.length > 0) expect(round.action).toContain(`; keep factors ${keepFactors.join(', ')}`);
        else expect(round.action).not.toContain('keep factors');
      });
      expect(ties.ties.map((tie) => ({ round: tie.round, among: [...tie.among].sort() }))).toEqual(
        expected.rounds.flatMap((round) => (round.tie ? [{ round: round.round, among: [...round.tie.among].sort() }] : [])),
      );
      expect(ties.ties.every((tie) => tie.purpose === 'exclude')).toBe(true);
      expectVotesConserved(sheet);
    });
  }

  it('SC with our own lots: the order in which the four zero-vote write-ins go does not change a figure', () => {
    const expected = JSON.parse(fixture('meek/SC.json')) as DroopCount;
    const sheet = countMeekStv(inputFromBlt('meek/SC.blt'), new LotBook(seed));
    expect(sheet.elected).toEqual(expected.elected);
    expect(sheet.final).toEqual(expected.final);
    expect(sheet.lots.map(({ round, purpose, among }) => ({ round, purpose, among }))).toEqual([
      { round: 2, purpose: 'exclude', among: ['Jimmy Leas', 'Steve Greenfield', 'Write-In 1', 'Write-In 2'] },
      { round: 3, purpose: 'exclude', among: expect.any(Array) },
      { round: 4, purpose: 'exclude', among: expect.any(Array) },
    ]);
    const excludedInRounds2To5 = sheet.rounds.slice(1, 5).flatMap((round) => round.excluded.map((d) => d.candidate));
    expect(excludedInRounds2To5.sort()).toEqual(['Jimmy Leas', 'Steve Greenfield', 'Write-In 1', 'Write-In 2']);
    sheet.rounds.slice(1, 4).forEach((round, i) => expect(round.excluded[0]!.candidate).toBe(sheet.lots[i]!.chosen));
    expectVotesConserved(sheet);
  });
});

describe('Meek STV and Scottish STV disagree (fixtures/meek-vs-scottish.blt)', () => {
  it('Meek elects Bea and Dov, where Scottish STV elects Bea and Cal', () => {
    const sheet = countMeekStv(inputFromBlt('meek-vs-scottish.blt'), new LotBook(seed));
    expect(sheet.elected).toEqual(['Bea', 'Dov']);
    expect(sheet.rounds.map((round) => round.votes)).toEqual([
      { Bea: '40.000000000', Cal: '26.000000000', Dov: '25.000000000', Xan: '9.000000000' },
      { Bea: '33.333333360', Cal: '26.000000000', Dov: '31.666666640', Xan: '9.000000000' },
      // Xan's 9 ballots pass Bea at her keep factor 0.680272109: Cal gets 9 × 0.319727891.
      { Bea: '33.333333341', Cal: '28.877551019', Dov: '37.789115640' },
    ]);
    expect(sheet.rounds.map((round) => round.action)).toEqual([
      '1 iteration, election of Bea; keep factors Bea 1.000000000',
      '2 iterations, exclusion of Xan (total surplus 0.000000026 below omega 0.000001000); keep factors Bea 0.833333334',
      '2 iterations, election of Dov; keep factors Bea 0.680272109, Dov 1.000000000; count complete: Cal defeated as all seats are filled',
    ]);
    expect(sheet.rounds.every((round) => round.quota === '33.333333334')).toBe(true);
    expectVotesConserved(sheet);
  });
});

describe('Meek STV, focused cases', () => {
  it('skips a withdrawn candidate on every ballot; a ballot for nobody else is valid but goes nowhere', () => {
    const sheet = countMeekStv(
      {
        candidates: ['Ann', 'Ben', 'Wes', 'Cy'],
        withdrawn: ['Wes'],
        seats: 1,
        ballots: [
          { ranking: ['Wes', 'Ann'], weight: 3 },
          { ranking: ['Ben'], weight: 3 },
          { ranking: ['Cy', 'Wes', 'Ben'], weight: 2 },
          { ranking: ['Wes'], weight: 1 },
        ],
      },
      new LotBook(seed),
    );
    expect(sheet.candidates).toEqual(['Ann', 'Ben', 'Cy']);
    expect(sheet.validBallots).toBe(9);
    expect(sheet.rounds[0]!.votes).toEqual({ Ann: '3.000000000', Ben: '3.000000000', Cy: '2.000000000' });
    expect(sheet.rounds[0]!.nonTransferable).toBe('1.000000000');
    // 8 votes held, 2 seats' worth: 8 / 2 + 10^-9.
    expect(sheet.rounds[0]!.quota).toBe('4.000000001');
    expect(sheet.rounds[0]!.excluded).toEqual([{ candidate: 'Cy', reason: 'lowest votes' }]);
    expect(sheet.rounds[1]!.votes).toEqual({ Ann: '3.000000000', Ben: '5.000000000' });
    expect(sheet.elected).toEqual(['Ben']);
    expect(Object.keys(sheet.final)).not.toContain('Wes');
    expectVotesConserved(sheet);
  });

  it('lets exhausted ballots leave the count and recomputes the quota from the votes still held', () => {
    const sheet = countMeekStv(
      {
        candidates: ['Ann', 'Ben', 'Cy'],
        seats: 2,
        ballots: [
          { ranking: ['Ann'], weight: 6 },
          { ranking: ['Ben'], weight: 2 },
          { ranking: ['Cy'], weight: 1 },
        ],
      },
      new LotBook(seed),
    );
    const [first, second] = sheet.rounds;
    expect(first!.quota).toBe('3.000000001');
    expect(first!.elected).toEqual([{ candidate: 'Ann', reason: 'reached the quota' }]);
    // Iteration 2: kf 3.000000001 / 6 rounded up = 0.500000001, Ann keeps 3.000000006, the rest of
    // her ballots exhaust, the quota falls to 6.000000006 / 3 + 10^-9 = 2.000000003. Iteration 3:
    // kf (0.500000001 × 2.000000003 = 1.0000000035...)↑ = 1.000000004, ÷ 3.000000006 = 0.3333333339...↑
    // = 0.333333334; Ann keeps 2.000000004, 3.999999996 exhausts, the quota is 5.000000004 / 3
    // truncated, 1.666666668, + 10^-9 = 1.666666669, and Ben's 2 votes reach it.
    expect(second!.action).toBe('3 iterations, election of Ben; keep factors Ann 0.333333334, Ben 1.000000000; count complete: Cy defeated as all seats are filled');
    expect(second!.votes).toEqual({ Ann: '2.000000004', Ben: '2.000000000', Cy: '1.000000000' });
    expect(second!.nonTransferable).toBe('3.999999996');
    expect(second!.quota).toBe('1.666666669');
    expect(sheet.elected).toEqual(['Ann', 'Ben']);
    // At the end only the elected hold votes (as in droop's final report): Cy's vote counts as excess.
    expect(sheet.final).toEqual({ Ann: '2.000000004', Ben: '2.000000000', Cy: '0.000000000' });
    expect(sheet.nonTransferable).toBe('4.999999996');
    expectVotesConserved(sheet);
  });

  it('decides an exclusion tie by lot, records it, and draws the same way from the same seed', () => {
    const input = {
      candidates: ['Ann', 'Ben', 'Cy'],
      seats: 1,
      ballots: [
        { ranking: ['Ann'], weight: 2 },
        { ranking: ['Ben', 'Ann'], weight: 1 },
        { ranking: ['Cy'], weight: 1 },
      ],
    };
    const sheet = countMeekStv(input, new LotBook(seed));
    const lot = drawLot(seed, 1, 'exclude', ['Ben', 'Cy']);
    expect(sheet.lots).toEqual([lot]);
    expect(sheet.rounds[0]!.excluded).toEqual([{ candidate: lot.chosen, reason: 'lowest votes, tie broken by lot' }]);
    expect(sheet.rounds[0]!.action).toContain(`exclusion of ${lot.chosen} by lot among Ben, Cy`);
    expect(countMeekStv(input, new LotBook(seed))).toEqual(sheet);
    expectVotesConserved(sheet);
  });

  it('counts candidates within the total surplus of the lowest vote as tied (Rule B.3)', () => {
    const sheet = countMeekStv(inputFromBlt('meek/SC-Vm-12.blt'), new LotBook(seed));
    // X 667.166666686, Y 667.166666562, Z 667.166666500, total surplus 0.000000250: all three tie.
    expect(sheet.lots[0]).toMatchObject({ round: 2, purpose: 'exclude', among: ['X', 'Y', 'Z'] });
    expect(sheet.rounds[1]!.excluded).toEqual([{ candidate: sheet.lots[0]!.chosen, reason: 'lowest votes, tie broken by lot' }]);
    expectVotesConserved(sheet);
  });

  it('stops iterating when the total surplus stops falling, before it is below omega', () => {
    // 7,000 ballots for Ann then Ben: Ann's keep factor settles at 0.619000001, where each of her
    // 7,000 ballots keeps 10^-9 more than the quota needs, so the surplus stays 0.000006999.
    const sheet = countMeekStv(
      {
        candidates: ['Ann', 'Ben', 'Cy', 'Dee'],
        seats: 2,
        ballots: [
          { ranking: ['Ann', 'Ben'], weight: 7000 },
          { ranking: ['Cy'], weight: 3000 },
          { ranking: ['Dee'], weight: 2999 },
        ],
      },
      new LotBook(seed),
    );
    expect(sheet.rounds[1]!.action).toBe('3 iterations, exclusion of Ben (total surplus 0.000006999 stopped falling); keep factors Ann 0.619000001');
    expect(sheet.rounds[1]!.votes).toEqual({ Ann: '4333.000007000', Ben: '2666.999993000', Cy: '3000.000000000', Dee: '2999.000000000' });
    expect(sheet.rounds[1]!.quota).toBe('4333.000000001');
    expect(sheet.elected).toEqual(['Ann', 'Cy']);
    expectVotesConserved(sheet);
  });

  it('stops iterating when the total surplus is below omega', () => {
    const sheet = countMeekStv(inputFromBlt('meek/42.blt'), new LotBook(seed));
    // Castor's keep factor: 2.000000001 / 4 rounded up = 0.500000001; he holds 2.000000004, a surplus of 0.000000003.
    expect(sheet.rounds[1]!.action).toMatch(/^2 iterations, exclusion of Pollux \(total surplus 0\.000000003 below omega 0\.000001000\)/);
  });

  it('elects several candidates who reach the quota in the same iteration, most votes first', () => {
    const sheet = countMeekStv(
      {
        candidates: ['Ann', 'Ben', 'Cy'],
        seats: 2,
        ballots: [
          { ranking: ['Ann'], weight: 4 },
          { ranking: ['Ben'], weight: 5 },
          { ranking: ['Cy'], weight: 1 },
        ],
      },
      new LotBook(seed),
    );
    expect(sheet.rounds).toHaveLength(1);
    expect(sheet.rounds[0]!.elected).toEqual([
      { candidate: 'Ben', reason: 'reached the quota' },
      { candidate: 'Ann', reason: 'reached the quota' },
    ]);
    expect(sheet.rounds[0]!.excluded).toEqual([{ candidate: 'Cy', reason: 'all seats filled' }]);
    expect(sheet.elected).toEqual(['Ben', 'Ann']);
  });

  it('fills the seats at once when there are no more candidates than seats, showing the first preferences', () => {
    const sheet = countMeekStv(
      {
        candidates: ['Ann', 'Ben'],
        seats: 2,
        ballots: [
          { ranking: ['Ann', 'Ben'], weight: 3 },
          { ranking: ['Ben'], weight: 1 },
        ],
      },
      new LotBook(seed),
    );
    expect(sheet.rounds).toEqual([
      {
        round: 1,
        action: 'first preferences, no iteration needed (2 hopeful candidates for 2 seats); count complete: Ann, Ben elected to fill the remaining seats',
        votes: { Ann: '3.000000000', Ben: '1.000000000' },
        nonTransferable: '0.000000000',
        quota: '1.333333334',
        elected: [
          { candidate: 'Ann', reason: 'remaining seats filled' },
          { candidate: 'Ben', reason: 'remaining seats filled' },
        ],
        excluded: [],
      },
    ]);
    expect(sheet.elected).toEqual(['Ann', 'Ben']);
    expect(sheet.vacant).toBe(0);
    const tooFew = countMeekStv({ candidates: ['Ann', 'Ben'], seats: 3, ballots: [{ ranking: ['Ann'], weight: 1 }] }, new LotBook(seed));
    expect(tooFew.elected).toEqual(['Ann', 'Ben']);
    expect(tooFew.vacant).toBe(1);
  });

  it('refuses input it cannot count', () => {
    const lots = new LotBook(seed);
    const ballots = [{ ranking: ['Ann'], weight: 1 }];
    expect(() => countMeekStv({ candidates: ['Ann'], seats: 0, ballots }, lots)).toThrow(/seats/);
    expect(() => countMeekStv({ candidates: ['Ann'], seats: 1, ballots: [{ ranking: ['Zed'], weight: 1 }] }, lots)).toThrow(/"Zed" is ranked but is not a candidate/);
    expect(() => countMeekStv({ candidates: ['Ann', 'Ben'], seats: 1, ballots: [{ ranking: ['Ann', 'Ann'], weight: 1 }] }, lots)).toThrow(/ranked twice/);
    expect(() => countMeekStv({ candidates: ['Ann'], withdrawn: ['Zed'], seats: 1, ballots }, lots)).toThrow(/withdrawn but is not a candidate/);
  });
});
