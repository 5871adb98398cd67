/**
 * A ranked ballot as the counting rules read it: candidate names, most preferred first, each at
 * most once. Identical rankings are counted once with their number (`weight`), which is what
 * makes 100,000 ballots over 20 candidates a few thousand groups to move around.
 */
export interface RankedBallots {
  ranking: readonly string[];
  weight: number;
}

/** Groups identical rankings, in the order each was first seen; empty rankings are left out. */
export function groupRankings(rankings: Iterable<readonly string[]>): RankedBallots[] {
  const groups = new Map<string, RankedBallots>();
  for (const ranking of rankings) {
    if (ranking.length === 0) continue;
    const key = JSON.stringify(ranking);
    const group = groups.get(key);
    if (group) group.weight += 1;
    else groups.set(key, { ranking, weight: 1 });
  }
  return [...groups.values()];
}

/** The input of every ranked count. */
export interface RankedCountInput {
  /** Every candidate standing, in ballot order (RON included when the contest has it, under its label). */
  candidates: readonly string[];
  /** Candidates withdrawn after the ballots were printed: skipped on every ballot as if not there. */
  withdrawn?: readonly string[];
  seats: number;
  ballots: readonly RankedBallots[];
}

/**
 * A total of ballot weights as a count sheet states it (`validBallots`, a number): a number is
 * exact only up to 2^53 − 1, so a total past that is refused rather than misstated.
 */
export function ballotCount(total: bigint): number {
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`the ballots' weights add up to ${total}, more than ${Number.MAX_SAFE_INTEGER}, the most a count sheet states exactly`);
  return Number(total);
}
