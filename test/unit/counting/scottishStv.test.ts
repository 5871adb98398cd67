import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RankedBallots, RankedCountInput } from '../../../domain/counting/ballots';
import { parseBlt } from '../../../domain/counting/blt';
import { parseFixed } from '../../../domain/counting/fixed';
import { drawLot, LotBook } from '../../../domain/counting/lot';
import { countScottishStv } from '../../../domain/counting/scottishStv';
import type { CountSheet } from '../../../domain/counting/sheet';

const seed = { digest: 'c'.repeat(64), contest: 'scottish-stv test' };
const count = (input: RankedCountInput) => countScottishStv(input, new LotBook(seed));

/** Groups written as "A B C": weight, most preferred first. */
const groups = (spec: Record<string, number>): RankedBallots[] => Object.entries(spec).map(([ranking, weight]) => ({ ranking: ranking.split(' '), weight }));

/** In every stage, the votes held plus the non-transferable votes are the valid ballots, exactly. */
function expectVotesConserved(sheet: CountSheet) {
  for (const round of sheet.rounds) {
    const held = Object.values(round.votes).reduce((sum, figure) => sum + parseFixed(figure, 5), 0n) + parseFixed(round.nonTransferable!, 5);
    expect(held, `stage ${round.round}`).toBe(parseFixed(String(sheet.validBallots), 5));
  }
}

interface WardResult {
  source: { ballots: string; results: string };
  seats: number;
  validBallots: number;
  quota: string;
  stages: { stage: number; votes: Record<string, string> }[];
  elected: { candidate: string; stage: number }[];
  excluded: { candidate: string; stage: number }[];
}

const fixture = (file: string) => readFileSync(new URL(`fixtures/scottish-stv/${file}`, import.meta.url), 'utf8');

/**
 * Real wards of the 2017 Scottish council elections: the published preference profiles counted
 * here against the official result sheets, stage by stage, to the fifth decimal place. The six
 * cover a surplus at the first stage, surpluses of candidates elected at later stages (papers of
 * several values, rule 48(4)), exclusions, and the last seats filled under rule 52 below quota.
 */
describe('Scottish STV: 2017 Scottish council wards, stage by stage', () => {
  const wards = ['shetland_2017_ward6', 'eilean_siar_2017_ward3', 'eilean_siar_2017_ward6', 'orkney_2017_ward6', 'north_lanarkshire_2017_ward18', 'aberdeen_2017_ward1'];

  for (const ward of wards) {
    it(`${ward}: every stage's votes, who was elected and excluded when`, () => {
      const blt = parseBlt(fixture(`${ward}.blt`));
      const expected = JSON.parse(fixture(`${ward}.json`)) as WardResult;
      const sheet = count({ candidates: blt.candidates, seats: blt.seats, ballots: blt.ballots });

      expect(sheet.seats).toBe(expected.seats);
      expect(sheet.validBallots).toBe(expected.validBallots);
      expect(sheet.quota).toBe(expected.quota);
      expect(sheet.rounds.map((r) => r.votes)).toEqual(expected.stages.map((s) => s.votes));
      for (const { candidate, stage } of expected.elected) expect(sheet.rounds[stage - 1]!.elected.map((d) => d.candidate)).toContain(candidate);
      expect([...sheet.elected].sort()).toEqual(expected.elected.map((e) => e.candidate).sort());
      for (const { candidate, stage } of expected.excluded) expect(sheet.rounds[stage - 1]!.excluded.map((d) => d.candidate)).toEqual([candidate]);
      expect(sheet.rounds.flatMap((r) => r.excluded)).toHaveLength(expected.excluded.length);
      expect(sheet.lots).toEqual([]);
      expect(sheet.vacant).toBe(0);
      expectVotesConserved(sheet);
    });
  }

  it('aberdeen_2017_ward1: quota floor(6608 / 5) + 1; the largest surplus first; the last seat filled below the quota (rule 52)', () => {
    const blt = parseBlt(fixture('aberdeen_2017_ward1.blt'));
    const sheet = count({ candidates: blt.candidates, seats: blt.seats, ballots: blt.ballots });
    expect(sheet.quota).toBe('1322.00000');
    // Stage 6: Crockett passes the quota; Samarai (1317.90720) is then the only continuing candidate for the last seat.
    expect(sheet.rounds[5]!.elected).toEqual([
      { candidate: 'Barney CROCKETT (Lab)', reason: 'reached the quota (rule 47)' },
      { candidate: 'Gill SAMARAI (SNP)', reason: 'remaining seats filled (rule 52)' },
    ]);
    // At stage 1 MacKenzie (2012) is ahead of MacGregor (1670): the larger surplus goes first (rule 49(1)).
    expect(sheet.elected.slice(0, 2)).toEqual(['Avril MACKENZIE (Con)', 'Neil MACGREGOR (SNP)']);
    expect(sheet.rounds[1]!.action).toBe('surplus of Avril MACKENZIE (Con)');
    expect(sheet.rounds[1]!.transferValue).toBe('0.34294'); // 690 / 2012, truncated
  });
});

describe('Scottish STV: the rules on small counts worked by hand', () => {
  /*
   * 100 valid papers, 4 seats: quota floor(100 / 5) + 1 = 21 (rule 46).
   * Stage 1: A 42, B 20, C 18, D 11, E 9; A elected.
   * Stage 2: A's surplus 21 of 42: every paper at 21 × 1 / 42 = 0.5 (rule 48(3)): B +8, C +10, D +3.
   *          B 28 and C 28 both reach the quota; B had more at stage 1, so B is placed first.
   * Stage 3: the surpluses are equal (7); B had more at stage 1, so B's goes first (rule 49(2)).
   *          B's first preferences move at 7 × 1 / 28 = 0.25, the papers from A at 7 × 0.5 / 28 =
   *          0.125 (rule 48(4)): D +19 × 0.25 = 4.75, E +16 × 0.125 = 2; B's one plumper
   *          (0.25) is non-transferable.
   * Stage 4: C's surplus: E +18 × 0.25 + 20 × 0.125 = 7.
   * Stage 5: no surplus left: E (18) is excluded (rule 50); E's 18 papers go nowhere. D is the
   *          only continuing candidate for the one seat left: elected below quota (rule 52).
   */
  const handCount = () =>
    count({
      candidates: ['A', 'B', 'C', 'D', 'E'],
      seats: 4,
      ballots: groups({ 'A B E': 16, 'A C E': 20, 'A D': 6, B: 1, 'B D': 19, 'C E': 18, D: 11, E: 9 }),
    });

  it('moves surpluses by weighted inclusive Gregory, each paper at surplus × its value ÷ the votes (rule 48)', () => {
    const sheet = handCount();
    expect(sheet.quota).toBe('21.00000');
    expect(sheet.rounds.map((r) => [r.action, r.votes, r.transfers, r.transferValue, r.nonTransferable])).toEqual([
      ['first preferences', { A: '42.00000', B: '20.00000', C: '18.00000', D: '11.00000', E: '9.00000' }, undefined, undefined, '0.00000'],
      ['surplus of A', { A: '21.00000', B: '28.00000', C: '28.00000', D: '14.00000', E: '9.00000' }, { B: '8.00000', C: '10.00000', D: '3.00000', E: '0.00000' }, '0.50000', '0.00000'],
      [
        'surplus of B (equal surpluses: more votes at an earlier stage, rule 49(2))',
        { A: '21.00000', B: '21.00000', C: '28.00000', D: '18.75000', E: '11.00000' },
        { D: '4.75000', E: '2.00000' },
        '0.25000',
        '0.25000',
      ],
      ['surplus of C', { A: '21.00000', B: '21.00000', C: '21.00000', D: '18.75000', E: '18.00000' }, { D: '0.00000', E: '7.00000' }, '0.25000', '0.25000'],
      ['exclusion of E', { A: '21.00000', B: '21.00000', C: '21.00000', D: '18.75000' }, { D: '0.00000' }, undefined, '18.25000'],
    ]);
    expectVotesConserved(sheet);
  });

  it('elects at the stage the quota is reached, equal candidates ordered by an earlier stage, the last seat under rule 52', () => {
    const sheet = handCount();
    expect(sheet.elected).toEqual(['A', 'B', 'C', 'D']);
    expect(sheet.rounds.map((r) => r.elected)).toEqual([
      [{ candidate: 'A', reason: 'reached the quota (rule 47)' }],
      [
        { candidate: 'B', reason: 'reached the quota (rule 47); placed before an equal candidate by votes at an earlier stage' },
        { candidate: 'C', reason: 'reached the quota (rule 47)' },
      ],
      [],
      [],
      [{ candidate: 'D', reason: 'remaining seats filled (rule 52)' }],
    ]);
    expect(sheet.rounds[4]!.excluded).toEqual([{ candidate: 'E', reason: 'lowest votes (rule 50(1))' }]);
    expect(sheet.final).toEqual({ A: '21.00000', B: '21.00000', C: '21.00000', D: '18.75000', E: '0.00000' });
    expect(sheet.nonTransferable).toBe('18.25000');
    expect(sheet.vacant).toBe(0);
  });

  it('truncates transfer values to five places and counts what is lost as non-transferable (rule 48(3))', () => {
    // 30 papers, 2 seats: quota 11. A's surplus of 1 over 12 papers: 1 / 12 = 0.08333 each, so B
    // gets 12 × 0.08333 = 0.99996 and 0.00004 is lost.
    const sheet = count({ candidates: ['A', 'B', 'C'], seats: 2, ballots: groups({ 'A B': 12, B: 9, C: 9 }) });
    expect(sheet.rounds[1]).toMatchObject({
      action: 'surplus of A',
      votes: { A: '11.00000', B: '9.99996', C: '9.00000' },
      transfers: { B: '0.99996', C: '0.00000' },
      transferValue: '0.08333',
      nonTransferable: '0.00004',
    });
    // C is excluded and C's papers have no next preference: B is left alone for the last seat.
    expect(sheet.rounds[2]).toMatchObject({ action: 'exclusion of C', nonTransferable: '9.00004', elected: [{ candidate: 'B', reason: 'remaining seats filled (rule 52)' }] });
    expectVotesConserved(sheet);
  });

  it('stops once the seats are filled: a surplus left then is not transferred (rule 48(1))', () => {
    // 100 papers, 2 seats: quota 34. A's surplus (16 of 50, 0.32 a paper) takes B to 46.
    const sheet = count({ candidates: ['A', 'B', 'C'], seats: 2, ballots: groups({ 'A B': 50, 'B C': 30, C: 20 }) });
    expect(sheet.rounds).toHaveLength(2);
    expect(sheet.elected).toEqual(['A', 'B']);
    expect(sheet.final).toEqual({ A: '34.00000', B: '46.00000', C: '20.00000' });
  });

  it('sends each paper to its next continuing preference, skipping the elected and the excluded', () => {
    // 60 papers, 3 seats: quota 16. Stage 1: A 20 and B 16 elected (B exactly at quota, no surplus).
    const sheet = count({ candidates: ['A', 'B', 'C', 'D'], seats: 3, ballots: groups({ 'A B C': 20, B: 16, C: 10, 'D B C': 14 }) });
    // Stage 2: A's surplus (4 of 20, 0.2 a paper) skips the elected B: C +4.
    expect(sheet.rounds[1]).toMatchObject({ action: 'surplus of A', votes: { A: '16.00000', B: '16.00000', C: '14.00000', D: '14.00000' } });
    // Stage 3: C and D both have 14; at stage 1 C had 10 and D 14, so C is excluded (rule 51(2)(a)).
    expect(sheet.rounds[2]!.excluded).toEqual([{ candidate: 'C', reason: 'lowest votes, tie broken by an earlier stage (rule 51(2)(a))' }]);
    expect(sheet.elected).toEqual(['A', 'B', 'D']);
    expectVotesConserved(sheet);
  });
});

describe('Scottish STV: ties decided by lot', () => {
  // 79 papers, 3 seats: quota 20. A and B both have 30 at the only stage there has been.
  const input: RankedCountInput = { candidates: ['A', 'B', 'C', 'D'], seats: 3, ballots: groups({ 'A C': 30, 'B D': 30, C: 10, D: 9 }) };

  it('equal surpluses, equal at every stage: the lot picks whose surplus goes first (rule 49(3)), and is recorded', () => {
    const sheet = count(input);
    const first = drawLot(seed, 2, 'surplus', ['A', 'B']).chosen;
    const second = first === 'A' ? 'B' : 'A';
    expect(sheet.lots.map(({ round, purpose, among }) => ({ round, purpose, among }))).toEqual([
      { round: 1, purpose: 'elect', among: ['A', 'B'] },
      { round: 2, purpose: 'surplus', among: ['A', 'B'] },
    ]);
    expect(sheet.lots[1]!.chosen).toBe(first);
    expect(sheet.rounds[1]!.action).toBe(`surplus of ${first} (equal surpluses at every stage: chosen by lot, rule 49(3))`);
    expect(sheet.rounds[2]!.action).toBe(`surplus of ${second}`);
    // Each surplus is 10 of 30: 0.33333 a paper, 9.9999 moved and 0.0001 lost.
    expect(sheet.rounds[2]!.votes).toEqual({ A: '20.00000', B: '20.00000', C: '19.99990', D: '18.99990' });
    expect(sheet.elected.slice(0, 2)).toEqual([drawLot(seed, 1, 'elect', ['A', 'B']).chosen, drawLot(seed, 1, 'elect', ['A', 'B']).chosen === 'A' ? 'B' : 'A']);
    expect(sheet.elected[2]).toBe('C');
    expectVotesConserved(sheet);
  });

  it('the same ballots and the same seed give the same sheet', () => {
    expect(countScottishStv(input, new LotBook(seed))).toEqual(countScottishStv(input, new LotBook(seed)));
  });

  it('lowest candidates equal at every stage: the lot picks who is excluded (rule 51(2)(b))', () => {
    // 13 papers, 1 seat: quota 7. B and C have 2 each at the only stage.
    const sheet = count({ candidates: ['A', 'B', 'C', 'D'], seats: 1, ballots: groups({ A: 5, 'B A': 2, C: 2, D: 4 }) });
    const excluded = drawLot(seed, 2, 'exclude', ['B', 'C']).chosen;
    expect(sheet.lots).toEqual([drawLot(seed, 2, 'exclude', ['B', 'C'])]);
    expect(sheet.rounds[1]!.excluded).toEqual([{ candidate: excluded, reason: 'lowest votes, tie broken by lot (rule 51(2)(b))' }]);
    expect(sheet.elected).toEqual(['A']);
    expectVotesConserved(sheet);
  });
});

describe('Scottish STV: the ballots as given', () => {
  it('skips a withdrawn candidate on every paper; a paper for no one else is not a valid vote', () => {
    const withWithdrawn = count({
      candidates: ['A', 'B', 'W', 'C'],
      withdrawn: ['W'],
      seats: 2,
      ballots: groups({ 'W B': 5, W: 2, 'A W C': 6, C: 4, B: 3 }),
    });
    const without = count({ candidates: ['A', 'B', 'C'], seats: 2, ballots: groups({ B: 8, 'A C': 6, C: 4 }) });
    expect(withWithdrawn.candidates).toEqual(['A', 'B', 'C']);
    expect(withWithdrawn.validBallots).toBe(18);
    expect(withWithdrawn).toEqual(without);
  });

  it('records exhausted papers as non-transferable at the stage they run out', () => {
    // 20 papers, 1 seat: quota 11. C's 5 papers: 3 go to B, 2 have no further preference.
    const sheet = count({ candidates: ['A', 'B', 'C'], seats: 1, ballots: groups({ A: 8, B: 7, 'C B': 3, C: 2 }) });
    expect(sheet.rounds[1]).toMatchObject({ action: 'exclusion of C', votes: { A: '8.00000', B: '10.00000' }, transfers: { A: '0.00000', B: '3.00000' }, nonTransferable: '2.00000' });
    expect(sheet.elected).toEqual(['B']);
    expectVotesConserved(sheet);
  });

  it('elects everyone when there are no more candidates than seats, and leaves the other seats vacant', () => {
    const sheet = count({ candidates: ['A', 'B'], seats: 3, ballots: groups({ A: 3, 'B A': 1 }) });
    expect(sheet.elected).toEqual(['A', 'B']);
    expect(sheet.vacant).toBe(1);
    expect(sheet.rounds).toHaveLength(1);
  });

  it('refuses a ballot naming someone who is not a candidate, or a candidate twice', () => {
    expect(() => count({ candidates: ['A', 'B'], seats: 1, ballots: groups({ 'A X': 1 }) })).toThrow(/"X" is ranked but is not a candidate/);
    expect(() => count({ candidates: ['A', 'B'], seats: 1, ballots: groups({ 'A B A': 1 }) })).toThrow(/ranks a candidate twice/);
  });

  it('counts 100,000 ballots in a few thousand groups over 20 candidates for 5 seats in well under 2 seconds', () => {
    const candidates = Array.from({ length: 20 }, (_, i) => `Candidate ${i + 1}`);
    // A fixed pseudo-random sequence (a linear congruential generator): the same ballots every run.
    let state = 20_240_501;
    const next = (n: number) => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state % n;
    };
    const ballots: RankedBallots[] = [];
    let left = 100_000;
    while (left > 0) {
      const pool = [...candidates];
      const ranking = Array.from({ length: 1 + next(8) }, () => pool.splice(next(pool.length), 1)[0]!);
      const weight = Math.min(left, 1 + next(60));
      ballots.push({ ranking, weight });
      left -= weight;
    }
    expect(ballots.length).toBeGreaterThan(2_000);

    const started = performance.now();
    const sheet = count({ candidates, seats: 5, ballots });
    const elapsed = performance.now() - started;

    expect(sheet.validBallots).toBe(100_000);
    expect(sheet.elected).toHaveLength(5);
    expectVotesConserved(sheet);
    expect(elapsed).toBeLessThan(2_000);
  });
});
