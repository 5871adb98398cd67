import { recordOf } from '../records';
import type { RankedCountInput } from './ballots';
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
  const d = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const first = new Array<number>(n).fill(0);
  let validBallots = 0;
  for (const { ranking, weight } of input.ballots) {
    const ranks = ranking.map((name) => index.get(name)).filter((i): i is number => i !== undefined);
    if (ranks.length === 0) continue;
    validBallots += weight;
    first[ranks[0]!]! += weight;
    const unranked = new Set(candidates.keys());
    for (const [position, i] of ranks.entries()) {
      unranked.delete(i);
      for (const j of ranks.slice(position + 1)) d[i]![j]! += weight;
    }
    for (const i of ranks) for (const j of unranked) d[i]![j]! += weight;
  }

  const p = d.map((row, i) => row.map((votes, j) => (i !== j && votes > d[j]![i]! ? votes : 0)));
  for (let k = 0; k < n; k += 1) {
    for (let i = 0; i < n; i += 1) {
      if (i === k) continue;
      for (let j = 0; j < n; j += 1) {
        if (j === i || j === k) continue;
        p[i]![j] = Math.max(p[i]![j]!, Math.min(p[i]![k]!, p[k]![j]!));
      }
    }
  }
  const beats = (i: number, j: number) => p[i]![j]! > p[j]![i]!;

  const ranking: string[] = [];
  const remaining = new Set(candidates.keys());
  while (remaining.size > 0) {
    const unbeaten = [...remaining].filter((i) => ![...remaining].some((j) => j !== i && beats(j, i)));
    const next = lots.draw(
      ranking.length + 1,
      'rank',
      unbeaten.map((i) => candidates[i]!),
    );
    ranking.push(next);
    remaining.delete(index.get(next)!);
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
    schulze: { preferences: d, strongestPaths: p, ranking },
  };
}
