import { recordOf } from '../records';
import type { LotBook } from './lot';
import type { CountSheet, ListMethod, ListSection, ListVote } from './sheet';

export interface ListCountInput {
  method: ListMethod;
  seats: number;
  /** In ballot order; each list's candidates in list order. */
  lists: { name: string; candidates: string[] }[];
  /** Personal votes by candidate name; a candidate without an entry has none. */
  candidateVotes: ReadonlyMap<string, number>;
  /** Votes for a whole list, by list name. */
  listVotes: ReadonlyMap<string, number>;
  validBallots: number;
  /** What a vote for a whole list counted as, when the ballot names it: pinned in the sheet. */
  listVote?: { rule: ListVote; votes: number; maxPerCandidate: number };
}

/** A quotient total / divisor kept as the fraction (total × scale) / units, so quotients compare exactly. */
interface Quotient {
  numerator: bigint;
  denominator: bigint;
}

const compare = (a: Quotient, b: Quotient) => {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left > right ? 1 : left < right ? -1 : 0;
};

/** Three decimals, truncated: for reading only, never compared. */
const display = ({ numerator, denominator }: Quotient) => {
  const thousandths = (numerator * 1000n) / denominator;
  return `${thousandths / 1000n}.${String(thousandths % 1000n).padStart(3, '0')}`;
};

/**
 * The divisor for a list's next seat, as a fraction: D'Hondt divides by 1, 2, 3, …; Sainte-Laguë
 * (Schepers) by 0.5, 1.5, 2.5, …, written as (2s + 1) / 2.
 */
const DIVISORS: Record<Exclude<ListMethod, 'hare-niemeyer'>, (seatsHeld: number) => Quotient> = {
  dhondt: (s) => ({ numerator: BigInt(s + 1), denominator: 1n }),
  'sainte-lague': (s) => ({ numerator: BigInt(2 * s + 1), denominator: 2n }),
};

/**
 * Seats to party lists, then to candidates. A list's total is its candidates' personal votes plus
 * its list votes. D'Hondt and Sainte-Laguë give one seat at a time to the highest quotient;
 * Hare-Niemeyer gives each list the whole part of seats × total / all votes, then the seats left
 * to the largest remainders. Quotients and remainders are compared exactly; equal ones competing
 * for fewer seats than there are of them are decided by lot. A list with no votes wins no seat.
 * Inside a list, seats go to its candidates by personal votes, most first, ties in list order;
 * seats beyond a list's candidates stay empty.
 */
export function countListSeats(input: ListCountInput, lots: LotBook): CountSheet {
  const personalVotes = (candidate: string) => input.candidateVotes.get(candidate) ?? 0;
  const listVotes = (list: string) => input.listVotes.get(list) ?? 0;
  const totals = input.lists.map(({ name, candidates }) => BigInt(listVotes(name)) + candidates.reduce((sum, c) => sum + BigInt(personalVotes(c)), 0n));
  const names = input.lists.map((l) => l.name);
  const { seatsWon, steps } = input.method === 'hare-niemeyer' ? largestRemainder(names, totals, input.seats, lots) : highestQuotients(names, totals, input.seats, DIVISORS[input.method], lots);

  const results: ListSection['results'] = input.lists.map(({ name, candidates }, i) => {
    const byVotes = candidates.map((candidate, order) => ({ candidate, order, votes: personalVotes(candidate) })).sort((a, b) => b.votes - a.votes || a.order - b.order);
    const elected = byVotes.slice(0, seatsWon[i]).map((c) => c.candidate);
    return { list: name, votes: String(totals[i]), seats: seatsWon[i]!, elected, emptySeats: seatsWon[i]! - elected.length };
  });
  const elected = results.flatMap((r) => r.elected);
  const personal = input.lists.flatMap(({ candidates }) => candidates.map((c) => [c, String(personalVotes(c))] as const));
  return {
    method: input.method,
    seats: input.seats,
    candidates: names,
    validBallots: input.validBallots,
    elected,
    vacant: input.seats - elected.length,
    final: recordOf(names.map((name, i) => [name, String(totals[i])])),
    rounds: [
      {
        round: 1,
        action:
          input.listVote?.rule === 'all'
            ? `personal votes per candidate, each vote for a whole list given as ${input.listVote.votes} votes down its list in order (at most ${input.listVote.maxPerCandidate} to a candidate); no list votes`
            : 'personal votes per candidate and list votes per list',
        votes: recordOf([...personal, ...names.map((name) => [name, String(listVotes(name))] as const)]),
        elected: [],
        excluded: [],
      },
      {
        round: 2,
        action: `list totals; ${input.seats} seats allocated`,
        votes: recordOf(names.map((name, i) => [name, String(totals[i])])),
        elected: results.flatMap((r) => r.elected.map((candidate) => ({ candidate, reason: `seat of ${r.list}, by personal votes in list order` }))),
        excluded: [],
      },
    ],
    lots: [...lots.drawn],
    lists: { results, steps, seatsByList: recordOf(names.map((name, i) => [name, seatsWon[i]!])), ...(input.listVote && { listVote: input.listVote.rule }) },
  };
}

function highestQuotients(names: string[], totals: bigint[], seats: number, divisor: (held: number) => Quotient, lots: LotBook) {
  const seatsWon = names.map(() => 0);
  const steps: ListSection['steps'] = [];
  for (let seat = 1; seat <= seats; seat += 1) {
    const quotients = totals.map((total, i): Quotient => {
      const d = divisor(seatsWon[i]!);
      return { numerator: total * d.denominator, denominator: d.numerator };
    });
    const candidates = names.map((_, i) => i).filter((i) => totals[i]! > 0n);
    if (candidates.length === 0) break;
    const best = candidates.reduce((a, b) => (compare(quotients[b]!, quotients[a]!) > 0 ? b : a));
    const tied = candidates.filter((i) => compare(quotients[i]!, quotients[best]!) === 0);
    // Tied lists that all get a seat among the seats left need no lot: the first in ballot order goes first.
    const winner =
      tied.length <= seats - seat + 1
        ? tied[0]!
        : names.indexOf(
            lots.draw(
              seat,
              'seat',
              tied.map((i) => names[i]!),
            ),
          );
    seatsWon[winner]! += 1;
    steps.push({
      seat,
      list: names[winner]!,
      quotient: display(quotients[winner]!),
      reason: tied.length > seats - seat + 1 ? `highest quotient, tied with ${tied.length - 1} other list(s): by lot` : 'highest quotient',
    });
  }
  return { seatsWon, steps };
}

function largestRemainder(names: string[], totals: bigint[], seats: number, lots: LotBook) {
  const all = totals.reduce((a, b) => a + b, 0n);
  const steps: ListSection['steps'] = [];
  if (all === 0n) return { seatsWon: names.map(() => 0), steps };
  const shares = totals.map((total) => BigInt(seats) * total);
  const seatsWon = shares.map((share) => Number(share / all));
  let given = 0;
  names.forEach((list, i) => {
    if (seatsWon[i] === 0) return;
    given += seatsWon[i]!;
    steps.push({ seat: given, list, quotient: display({ numerator: shares[i]!, denominator: all }), reason: `whole part of its quota share: seats ${given - seatsWon[i]! + 1} to ${given}` });
  });
  const byRemainder = names.map((_, i) => i).filter((i) => shares[i]! % all > 0n);
  let left = seats - seatsWon.reduce((a, b) => a + b, 0);
  while (left > 0 && byRemainder.length > 0) {
    const largest = byRemainder.reduce((a, b) => (shares[b]! % all > shares[a]! % all ? b : a));
    const tied = byRemainder.filter((i) => shares[i]! % all === shares[largest]! % all);
    const winner =
      tied.length <= left
        ? tied[0]!
        : names.indexOf(
            lots.draw(
              seats - left + 1,
              'seat',
              tied.map((i) => names[i]!),
            ),
          );
    seatsWon[winner]! += 1;
    byRemainder.splice(byRemainder.indexOf(winner), 1);
    steps.push({
      seat: seats - left + 1,
      list: names[winner]!,
      quotient: display({ numerator: shares[winner]!, denominator: all }),
      reason: tied.length > left ? 'largest remainder, tied: by lot' : 'largest remainder',
    });
    left -= 1;
  }
  return { seatsWon, steps };
}
