import { describe, expect, it } from 'vitest';
import { LotBook } from '../../../domain';
import { countListSeats, type ListCountInput } from '../../../domain/counting/listSeats';

const seed = { digest: 'a'.repeat(64), contest: 'lists' };
/** Lists of `size` numbered candidates with the given list votes. */
function lists(votes: Record<string, number>, seats: number, method: ListCountInput['method'], size = 20): ListCountInput {
  const names = Object.keys(votes);
  return {
    method,
    seats,
    lists: names.map((name) => ({ name, candidates: Array.from({ length: size }, (_, i) => `${name} ${i + 1}`) })),
    candidateVotes: new Map(),
    listVotes: new Map(Object.entries(votes)),
    validBallots: Object.values(votes).reduce((a, b) => a + b, 0),
  };
}
const seatsOf = (input: ListCountInput) => countListSeats(input, new LotBook(seed)).lists!.seatsByList;

describe("D'Hondt, Sainte-Laguë and Hare-Niemeyer", () => {
  // Wikipedia, "D'Hondt method" example (CC BY-SA): 230,000 votes, 8 seats.
  const example = { A: 100_000, B: 80_000, C: 30_000, D: 20_000 };

  it("give Wikipedia's example 4/3/1/0 under D'Hondt and 3/3/1/1 under Sainte-Laguë and Hare-Niemeyer", () => {
    expect(seatsOf(lists(example, 8, 'dhondt'))).toEqual({ A: 4, B: 3, C: 1, D: 0 });
    expect(seatsOf(lists(example, 8, 'sainte-lague'))).toEqual({ A: 3, B: 3, C: 1, D: 1 });
    expect(seatsOf(lists(example, 8, 'hare-niemeyer'))).toEqual({ A: 3, B: 3, C: 1, D: 1 });
  });

  it("records D'Hondt's quotients seat by seat", () => {
    const { steps } = countListSeats(lists(example, 8, 'dhondt'), new LotBook(seed)).lists!;
    expect(steps.map((s) => `${s.list} ${s.quotient}`)).toEqual(['A 100000.000', 'B 80000.000', 'A 50000.000', 'B 40000.000', 'A 33333.333', 'C 30000.000', 'B 26666.666', 'A 25000.000']);
  });

  it('shows the Alabama paradox under Hare-Niemeyer: one more seat in all costs the small list its second seat', () => {
    // 6, 6 and 2 votes: 10 seats give 4/4/2 (quota shares 4.29, 4.29, 1.43); 11 give 5/5/1.
    const votes = { A: 6, B: 6, C: 2 };
    expect(seatsOf(lists(votes, 10, 'hare-niemeyer'))).toEqual({ A: 4, B: 4, C: 2 });
    expect(seatsOf(lists(votes, 11, 'hare-niemeyer'))).toEqual({ A: 5, B: 5, C: 1 });
    // A divisor method is house-monotone: the same step cannot cost a list a seat.
    expect(seatsOf(lists(votes, 10, 'sainte-lague')).C).toBeLessThanOrEqual(seatsOf(lists(votes, 11, 'sainte-lague')).C!);
  });

  it('decides equal quotients for the last seat by lot, recorded and the same each time', () => {
    const sheet = countListSeats(lists({ Red: 300, Blue: 300, Green: 100 }, 3, 'dhondt'), new LotBook(seed));
    expect(sheet.lots).toHaveLength(1);
    expect(sheet.lots[0]).toMatchObject({ purpose: 'seat', among: ['Blue', 'Red'], round: 3 });
    const winner = sheet.lots[0]!.chosen;
    expect(sheet.lists!.seatsByList[winner]).toBe(2);
    expect(countListSeats(lists({ Red: 300, Blue: 300, Green: 100 }, 3, 'dhondt'), new LotBook(seed))).toEqual(sheet);
  });

  it('gives no seat to a list without votes, and none at all when nobody voted', () => {
    expect(seatsOf(lists({ A: 10, B: 0 }, 3, 'sainte-lague'))).toEqual({ A: 3, B: 0 });
    const empty = countListSeats(lists({ A: 0, B: 0 }, 3, 'hare-niemeyer'), new LotBook(seed));
    expect(empty.elected).toEqual([]);
    expect(empty.vacant).toBe(3);
  });
});

describe('seats inside a list', () => {
  const input: ListCountInput = {
    method: 'dhondt',
    seats: 4,
    lists: [
      { name: 'Campus Greens', candidates: ['Ana', 'Ben', 'Cem'] },
      { name: 'Solo List', candidates: ['Dia'] },
    ],
    candidateVotes: new Map(Object.entries({ Ana: 3, Ben: 7, Cem: 3, Dia: 9 })),
    listVotes: new Map(Object.entries({ 'Campus Greens': 5, 'Solo List': 10 })),
    validBallots: 20,
  };

  it("adds personal and list votes into the list's total", () => {
    expect(countListSeats(input, new LotBook(seed)).final).toEqual({ 'Campus Greens': '18', 'Solo List': '19' });
  });

  it('fills seats by personal votes, ties in list order, and leaves seats beyond the candidates empty', () => {
    const sheet = countListSeats(input, new LotBook(seed));
    // 18 and 19: quotients 19, 18, 9.5, 9 → two seats each; Solo List has one candidate.
    expect(sheet.lists!.results).toEqual([
      { list: 'Campus Greens', votes: '18', seats: 2, elected: ['Ben', 'Ana'], emptySeats: 0 },
      { list: 'Solo List', votes: '19', seats: 2, elected: ['Dia'], emptySeats: 1 },
    ]);
    expect(sheet.elected).toEqual(['Ben', 'Ana', 'Dia']);
    expect(sheet.vacant).toBe(1);
  });
});
