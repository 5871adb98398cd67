import { describe, expect, it } from 'vitest';
import { groupRankings, type RankedBallots } from '../../../domain/counting/ballots';
import { parseBlt } from '../../../domain/counting/blt';
import { parseFixed } from '../../../domain/counting/fixed';
import { parseListVotesCsv } from '../../../domain/counting/listCsv';
import { countListSeats } from '../../../domain/counting/listSeats';
import { LotBook } from '../../../domain/counting/lot';
import { countMeekStv } from '../../../domain/counting/meekStv';
import { renderCountSheet } from '../../../domain/counting/renderSheet';
import { countScottishStv } from '../../../domain/counting/scottishStv';
import type { CountSheet } from '../../../domain/counting/sheet';
import { COUNT_LIMITS } from '../../../domain/limits';

const lots = () => new LotBook({ digest: 'e'.repeat(64), contest: 'hostile' });
const names = (n: number) => Array.from({ length: n }, (_, i) => `Candidate ${i + 1}`);
/** A .blt file of these ballot lines over `candidates` candidates. */
const blt = (candidates: number, seats: number, ballotLines: string[]) => [`${candidates} ${seats}`, ...ballotLines, '0', ...names(candidates).map((n) => `"${n}"`), '"Hostile"'].join('\n');

/** mulberry32: a small seeded generator, so the ballots are the same on every run. */
function randomSource(seedValue: number) {
  let state = seedValue;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every round's votes and non-transferable votes add up to the valid ballots exactly (Meek's 9 places). */
function expectVotesConserved(sheet: CountSheet) {
  const valid = BigInt(sheet.validBallots) * 10n ** 9n;
  for (const round of sheet.rounds) {
    const held = Object.values(round.votes).reduce((total, votes) => total + parseFixed(votes, 9), 0n);
    expect(held + parseFixed(round.nonTransferable!, 9), round.action).toBe(valid);
  }
}

describe('a .blt file past the count limits is refused at the line that passes one, naming it', () => {
  it('a line ranking 200,000 candidates: at the header, which declares them, before the line is read', () => {
    const everyone = Array.from({ length: 200_000 }, (_, i) => i + 1).join(' ');
    expect(() => parseBlt(blt(200_000, 1, [`1 ${everyone} 0`]))).toThrow(`line 1: 200000 candidates: a count takes at most ${COUNT_LIMITS.candidates}`);
  });

  it('more ballot lines than a count takes', () => {
    const limits = { ...COUNT_LIMITS, ballotLines: 3 };
    expect(parseBlt(blt(2, 1, ['1 1 0', '1 2 0', '1 1 2 0']), limits).ballots).toHaveLength(3);
    expect(() => parseBlt(blt(2, 1, ['1 1 0', '1 2 0', '1 1 2 0', '1 2 1 0']), limits)).toThrow('line 5: more than 3 ballot lines: a count takes at most 3');
  });

  it('more preferences on all ballot lines together than a count takes', () => {
    const limits = { ...COUNT_LIMITS, ranks: 4 };
    expect(() => parseBlt(blt(3, 1, ['1 1 2 0', '1 2 3 0', '1 3 0']), limits)).toThrow('line 4: more than 4 preferences on the ballot lines so far: a count takes at most 4');
  });

  it('weights adding up past 2^53 − 1, the most a count sheet states exactly, each weight within it', () => {
    const most = Number.MAX_SAFE_INTEGER;
    expect(() => parseBlt(blt(2, 1, [`${most} 1 0`, '1 2 0']))).toThrow(`line 3: the weights add up to more than ${most} ballots, the most a count states exactly`);
    expect(() => parseBlt(blt(2, 1, [`${most + 1} 1 0`]))).toThrow('line 2: the weights add up to more than');
  });
});

describe('a list,votes file past the count limits', () => {
  it('more lists than a count takes: refused at the first list past the limit', () => {
    const text = ['list,votes', 'A,1', 'B,2', 'C,3'].join('\n');
    expect(() => parseListVotesCsv(text, { ...COUNT_LIMITS, lists: 2 })).toThrow('line 4: more than 2 lists: a count takes at most 2');
  });

  it('a file at the limit is counted and its sheet printed', () => {
    const text = ['list,votes', ...Array.from({ length: COUNT_LIMITS.lists }, (_, i) => `List ${i},${i % 7}`)].join('\n');
    const sheet = countListSeats({ method: 'dhondt', seats: 10, ...parseListVotesCsv(text) }, lots());
    expect(renderCountSheet(sheet)).toContain(`Lists: ${COUNT_LIMITS.lists}`);
  });
});

describe('counts at real sizes the limits allow', () => {
  // How long it takes is the benchmark's to say (bench/countingMethods.ts), not a test's.
  it('Meek STV counts 100,000 ballots over 20 candidates for 5 seats, every vote conserved', () => {
    const random = randomSource(2024);
    const candidates = names(20);
    const rankings: string[][] = [];
    for (let n = 0; n < 100_000; n += 1) {
      const pool = [...candidates];
      const length = 1 + Math.floor(random() * candidates.length);
      // Skewed towards the first candidates, so some are elected early and surpluses move.
      rankings.push(Array.from({ length }, () => pool.splice(Math.floor(random() * random() * pool.length), 1)[0]!));
    }
    const sheet = countMeekStv({ candidates, seats: 5, ballots: groupRankings(rankings) }, lots());
    expect(sheet.elected).toHaveLength(5);
    expect(sheet.validBallots).toBe(100_000);
    expectVotesConserved(sheet);
  });

  it('Scottish STV moves a surplus of 200,000 distinct rankings to one candidate in one transfer', () => {
    const candidates = names(20);
    const [first, second, ...others] = candidates;
    const ballots: RankedBallots[] = [];
    // 200,000 different tails of five among the other 18: every ballot its own bundle.
    for (let n = 0; ballots.length < 200_000; n += 1) {
      const tail: string[] = [];
      const pool = [...others];
      for (let rest = n, k = 0; k < 5; k += 1, rest = Math.floor(rest / pool.length)) tail.push(pool.splice(rest % pool.length, 1)[0]!);
      ballots.push({ ranking: [first!, second!, ...tail], weight: 1 });
    }
    ballots.push({ ranking: [others[0]!], weight: 1 });
    const sheet = countScottishStv({ candidates, seats: 2, ballots }, lots());
    expect(sheet.elected).toEqual([first, second]);
    expect(sheet.rounds[1]).toMatchObject({ action: `surplus of ${first}` });
    expect(sheet.rounds[1]!.transfers![second!]).toBe('133332.00000');
  });

  it('Meek STV counts exactly at the largest total weight a sheet states, and refuses a larger one rather than round it', () => {
    const most = Number.MAX_SAFE_INTEGER;
    const candidates = ['Ada', 'Bea', 'Cy'];
    const heaviest: RankedBallots[] = [
      { ranking: ['Ada', 'Bea'], weight: most - 1_000_003 },
      { ranking: ['Bea'], weight: 1_000_000 },
      { ranking: ['Cy', 'Bea'], weight: 3 },
    ];
    const sheet = countMeekStv({ candidates, seats: 2, ballots: heaviest }, lots());
    expect(sheet.validBallots).toBe(most);
    expect(sheet.elected).toEqual(['Ada', 'Bea']);
    expectVotesConserved(sheet);
    const heavier = [...heaviest, { ranking: ['Cy'], weight: 2 }];
    expect(() => countMeekStv({ candidates, seats: 2, ballots: heavier }, lots())).toThrow(
      `the ballots' weights add up to ${BigInt(most) + 2n}, more than ${most}, the most a count sheet states exactly`,
    );
  });
});
