import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { groupRankings, LotBook, type CountSheet, type RankedCountInput } from '../../../domain';
import { parseFixed } from '../../../domain/counting/fixed';
import { countIrv } from '../../../domain/counting/irv';
import { countListSeats } from '../../../domain/counting/listSeats';
import { countMeekStv } from '../../../domain/counting/meekStv';
import { countScottishStv } from '../../../domain/counting/scottishStv';
import type { ListMethod } from '../../../domain/counting/sheet';

/**
 * Properties every count keeps, on ballots fast-check makes up: votes neither appear nor vanish,
 * the seats filled are the seats, one-seat STV is IRV, a list never loses a seat by gaining votes.
 */
const NAMES = ['Ada', 'Bea', 'Cal', 'Dov', 'Eli', 'Fay'];
const seed = { digest: 'f'.repeat(64), contest: 'properties' };

/** Up to 6 candidates and up to 60 ballots, each ranking some of them without repeats. */
const rankedElection = (complete: boolean) =>
  fc.integer({ min: 2, max: NAMES.length }).chain((n) => {
    const candidates = NAMES.slice(0, n);
    const ranking = complete ? fc.shuffledSubarray(candidates, { minLength: n, maxLength: n }) : fc.shuffledSubarray(candidates, { minLength: 1, maxLength: n });
    return fc.record({ candidates: fc.constant(candidates), seats: fc.integer({ min: 1, max: n - 1 }), rankings: fc.array(ranking, { minLength: 1, maxLength: 60 }) });
  });

const inputOf = ({ candidates, seats, rankings }: { candidates: string[]; seats: number; rankings: string[][] }): RankedCountInput => ({ candidates, seats, ballots: groupRankings(rankings) });

/** Every figure in a sheet at the scale it is written in, exactly. */
const scaleOf = (sheet: CountSheet) => (Object.values(sheet.final)[0]?.split('.')[1] ?? '').length;
const sum = (figures: string[], scale: number) => figures.reduce((total, figure) => total + parseFixed(figure, scale), 0n);

function expectVotesConserved(sheet: CountSheet) {
  const scale = scaleOf(sheet);
  const valid = parseFixed(String(sheet.validBallots), scale);
  for (const round of sheet.rounds) {
    const held = sum(Object.values(round.votes), scale) + parseFixed(round.nonTransferable ?? '0', scale);
    expect(held, `round ${round.round} (${round.action})`).toBe(valid);
  }
}

describe('ranked counts', () => {
  for (const [method, count] of [
    ['scottish-stv', countScottishStv],
    ['meek-stv', countMeekStv],
  ] as const) {
    test.prop([rankedElection(false)])(`${method}: every round holds exactly the valid ballots, and the seats are filled`, (election) => {
      const sheet = count(inputOf(election), new LotBook(seed));
      expectVotesConserved(sheet);
      expect(sheet.elected.length + sheet.vacant).toBe(election.seats);
      expect(new Set(sheet.elected).size).toBe(sheet.elected.length);
    });

    test.prop([rankedElection(false)])(`${method}: the same ballots and seed give the same sheet`, (election) => {
      expect(count(inputOf(election), new LotBook(seed))).toEqual(count(inputOf(election), new LotBook(seed)));
    });
  }

  test.prop([rankedElection(false)])('irv: every round holds exactly the valid ballots, and one candidate is elected', (election) => {
    const sheet = countIrv({ ...inputOf(election), seats: 1 }, new LotBook(seed));
    expectVotesConserved(sheet);
    expect(sheet.elected).toHaveLength(1);
  });

  test.prop([rankedElection(true)])('one-seat Scottish STV elects whom IRV elects, on complete rankings where no lot is drawn', (election) => {
    const irv = countIrv({ ...inputOf(election), seats: 1 }, new LotBook(seed));
    const stv = countScottishStv({ ...inputOf(election), seats: 1 }, new LotBook(seed));
    fc.pre(irv.lots.length === 0 && stv.lots.length === 0);
    expect(stv.elected).toEqual(irv.elected);
  });
});

describe('list seats', () => {
  const LISTS = ['Left', 'Green', 'Centre', 'Right'];
  const listElection = fc.record({
    seats: fc.integer({ min: 1, max: 40 }),
    votes: fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: LISTS.length, maxLength: LISTS.length }),
    candidatesPerList: fc.integer({ min: 1, max: 50 }),
  });
  const inputFor = (method: ListMethod, seats: number, votes: number[], candidatesPerList: number) => ({
    method,
    seats,
    lists: LISTS.map((name) => ({ name, candidates: Array.from({ length: candidatesPerList }, (_, i) => `${name} ${i + 1}`) })),
    candidateVotes: new Map(),
    listVotes: new Map(LISTS.map((name, i) => [name, votes[i]!])),
    validBallots: votes.reduce((a, b) => a + b, 0),
  });

  for (const method of ['dhondt', 'sainte-lague', 'hare-niemeyer'] as const) {
    test.prop([listElection])(`${method}: the seats given are the seats, filled or left empty`, ({ seats, votes, candidatesPerList }) => {
      fc.pre(votes.some((v) => v > 0));
      const sheet = countListSeats(inputFor(method, seats, votes, candidatesPerList), new LotBook(seed));
      const given = Object.values(sheet.lists!.seatsByList).reduce((a, b) => a + b, 0);
      expect(given).toBe(seats);
      expect(sheet.elected.length + sheet.vacant).toBe(seats);
    });
  }

  // Divisor methods guarantee it; largest remainder does not in general, so it is not claimed.
  for (const method of ['dhondt', 'sainte-lague'] as const) {
    test.prop([listElection, fc.integer({ min: 0, max: LISTS.length - 1 }), fc.integer({ min: 1, max: 2000 })])(
      `${method}: a list that gains votes, the others unchanged, never loses a seat`,
      ({ seats, votes, candidatesPerList }, list, gain) => {
        fc.pre(votes.some((v) => v > 0));
        const before = countListSeats(inputFor(method, seats, votes, candidatesPerList), new LotBook(seed));
        fc.pre(before.lots.length === 0);
        const more = votes.map((v, i) => (i === list ? v + gain : v));
        const after = countListSeats(inputFor(method, seats, more, candidatesPerList), new LotBook(seed));
        fc.pre(after.lots.length === 0);
        expect(after.lists!.seatsByList[LISTS[list]!]).toBeGreaterThanOrEqual(before.lists!.seatsByList[LISTS[list]!]!);
      },
    );
  }
});
