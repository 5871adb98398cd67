import { recordOf } from '../records';
import { ballotCount, type RankedCountInput } from './ballots';
import type { LotBook } from './lot';
import type { CountSheet } from './sheet';

/**
 * The Schulze method with winning votes. d[i][j] counts the ballots ranking i above j: a ranked
 * candidate is above every candidate the ballot leaves unranked, and unranked ones are equal. A
 * link i→j is as strong as d[i][j] when d[i][j] > d[j][i], else 0; p is the strongest (widest)
 * path; i beats j when p[i][j] > p[j][i]. The ranking takes, again and again, the candidates no
 * remaining candidate beats; several at once are ordered by lot. k seats go to the top k.
 */
export function countSchulze(input: RankedCountInput, lots: LotBook): CountSheet {
  const withdrawn = new Set(input.withdrawn ?? []);
  const candidates = input.candidates.filter((name) => !withdrawn.has(name));
  const index = new Map(candidates.map((name, i) => [name, i]));
  const n = candidates.length;
  const { d, first, validBallots } = pairwise(input.ballots, index, n);
  const p = strongestPaths(d, n);
  const beats = (i: number, j: number) => p[i * n + j]! > p[j * n + i]!;

  const ranking: string[] = [];
  // How many of the candidates not yet ranked beat each one: the unbeaten are those at 0.
  const beatenBy = candidates.map((_, i) => candidates.filter((__, j) => beats(j, i)).length);
  const remaining = new Set(candidates.keys());
  while (remaining.size > 0) {
    const unbeaten = [...remaining].filter((i) => beatenBy[i] === 0);
    const next = index.get(
      lots.draw(
        ranking.length + 1,
        'rank',
        unbeaten.map((i) => candidates[i]!),
      ),
    )!;
    ranking.push(candidates[next]!);
    remaining.delete(next);
    for (const i of remaining) if (beats(next, i)) beatenBy[i]! -= 1;
  }
  const seats = Math.min(input.seats, n);
  const wins = candidates.map((_, i) => candidates.filter((__, j) => beats(i, j)).length);
  const elected = ranking.slice(0, seats);
  return {
    method: 'schulze',
    seats: input.seats,
    candidates,
    validBallots,
    elected,
    vacant: input.seats - elected.length,
    final: recordOf(candidates.map((name, i) => [name, String(wins[i])])),
    rounds: [
      {
        round: 1,
        action: 'pairwise count (votes: first preferences)',
        votes: recordOf(candidates.map((name, i) => [name, String(first[i])])),
        elected: elected.map((candidate, place) => ({ candidate, reason: `ranked ${place + 1} by strongest paths` })),
        excluded: [],
      },
    ],
    lots: [...lots.drawn],
    schulze: { preferences: rows(d, n), strongestPaths: rows(p, n), ranking },
  };
}

/**
 * d[i·n + j], the ballots ranking i above j. A ballot of k preferences adds to k(k − 1)/2 pairs,
 * not to k·n: i is above j on every ballot that ranks i, except those that rank j before it, so
 * d[i][j] = ranked[i] − before[j][i], and only pairs of ranked candidates are counted one by one.
 */
function pairwise(ballots: RankedCountInput['ballots'], index: ReadonlyMap<string, number>, n: number) {
  const ranked = new Float64Array(n);
  const before = new Float64Array(n * n);
  const first = new Array<number>(n).fill(0);
  let valid = 0n;
  for (const { ranking, weight } of ballots) {
    const ranks = ranking.map((name) => index.get(name)).filter((i): i is number => i !== undefined);
    if (ranks.length === 0) continue;
    valid += BigInt(weight);
    first[ranks[0]!]! += weight;
    for (let a = 0; a < ranks.length; a += 1) {
      const i = ranks[a]!;
      ranked[i]! += weight;
      const row = i * n;
      for (let b = a + 1; b < ranks.length; b += 1) before[row + ranks[b]!]! += weight;
    }
  }
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) for (let j = 0; j < n; j += 1) if (i !== j) d[i * n + j] = ranked[i]! - before[j * n + i]!;
  return { d, first, validBallots: ballotCount(valid) };
}

/** The widest paths (Floyd–Warshall over the winning links): a link i→j is d[i][j] when it beats d[j][i], else 0. */
function strongestPaths(d: Float64Array, n: number): Float64Array {
  const p = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) for (let j = 0; j < n; j += 1) if (i !== j && d[i * n + j]! > d[j * n + i]!) p[i * n + j] = d[i * n + j]!;
  for (let k = 0; k < n; k += 1) {
    for (let i = 0; i < n; i += 1) {
      const viaK = p[i * n + k]!;
      if (i === k || viaK === 0) continue;
      for (let j = 0; j < n; j += 1) {
        if (j === i || j === k) continue;
        const width = Math.min(viaK, p[k * n + j]!);
        if (width > p[i * n + j]!) p[i * n + j] = width;
      }
    }
  }
  return p;
}

/** A flat n × n table as the sheet's rows. */
const rows = (table: Float64Array, n: number): number[][] => Array.from({ length: n }, (_, i) => Array.from(table.subarray(i * n, (i + 1) * n)));
