import type { RankedCountInput } from './ballots';
import { mulUp } from './fixed';

/** The PR Foundation's Meek reference rule counts in fixed point with 9 decimal places. */
export const MEEK_SCALE = 9;

/** A hopeful candidate keeps the whole of each vote that reaches it: keep factor 1 (Rule A). */
export const KEEP_ALL = 10n ** BigInt(MEEK_SCALE);

export type CandidateState = 'hopeful' | 'elected' | 'defeated';

/** A group of identical ballots, as indices into the counted candidates, withdrawn ones already skipped. */
export interface IndexedBallots {
  ranking: readonly number[];
  weight: number;
}

/**
 * The ballots as indices into `counted`. Withdrawn candidates are skipped on every ballot as if
 * they were not there (Rule A gives them a keep factor of 0). A ballot that ranks only withdrawn
 * candidates stays, empty: it is a valid ballot whose vote goes nowhere.
 */
export function indexBallots(input: RankedCountInput, counted: readonly string[]): IndexedBallots[] {
  const indexOf = new Map(counted.map((name, i) => [name, i]));
  const withdrawn = new Set(input.withdrawn ?? []);
  return input.ballots.map(({ ranking, weight }) => {
    if (!Number.isSafeInteger(weight) || weight < 1) throw new Error(`a ballot weight of ${weight} is not a whole number of ballots`);
    const indices: number[] = [];
    const seen = new Set<string>();
    for (const name of ranking) {
      if (seen.has(name)) throw new Error(`"${name}" is ranked twice on one ballot`);
      seen.add(name);
      if (withdrawn.has(name)) continue;
      const index = indexOf.get(name);
      if (index === undefined) throw new Error(`"${name}" is ranked but is not a candidate`);
      indices.push(index);
    }
    return { ranking: indices, weight };
  });
}

/**
 * Ballots grouped by the candidates their vote can reach in one round: the elected candidates
 * ranked before the first hopeful one, then that hopeful one (if any). Defeated candidates keep
 * nothing (keep factor 0), and a hopeful candidate keeps all, so later preferences cannot matter
 * until the next defeat or election. States do not change inside a round (an election ends it,
 * Rule B.2.e), so each round routes the ballots once and every iteration moves a few routes
 * instead of every ballot; the sums are the same, since a route's share is linear in its weight.
 */
export interface BallotRoute {
  path: readonly number[];
  weight: bigint;
}

interface RouteNode {
  next: Map<number, RouteNode>;
  weight: number;
}

export function routeBallots(ballots: readonly IndexedBallots[], states: readonly CandidateState[]): BallotRoute[] {
  const root: RouteNode = { next: new Map(), weight: 0 };
  for (const { ranking, weight } of ballots) {
    let node = root;
    for (const candidate of ranking) {
      const state = states[candidate];
      if (state === 'defeated') continue;
      let child = node.next.get(candidate);
      if (!child) node.next.set(candidate, (child = { next: new Map(), weight: 0 }));
      node = child;
      if (state === 'hopeful') break;
    }
    node.weight += weight;
  }
  const routes: BallotRoute[] = [];
  const walk = (node: RouteNode, path: number[]) => {
    if (node.weight > 0) routes.push({ path, weight: BigInt(node.weight) });
    for (const [candidate, child] of node.next) walk(child, [...path, candidate]);
  };
  walk(root, []);
  return routes;
}

/** Each candidate's vote after one distribution, and what no candidate kept (exhausted ballots). */
export interface Distribution {
  votes: bigint[];
  exhausted: bigint;
}

/**
 * Rule B.2.a: each ballot starts with weight 1; each candidate in turn keeps the weight times its
 * keep factor, rounded up to 9 places, and the ballot goes on with what is left, until the
 * ranking ends or nothing is left. What is left at the end is exhausted. Nothing is lost to
 * rounding: the weight falls by exactly what was kept.
 */
export function distributeVotes(routes: readonly BallotRoute[], keepFactors: readonly bigint[]): Distribution {
  const votes = keepFactors.map(() => 0n);
  let exhausted = 0n;
  for (const { path, weight } of routes) {
    let left = KEEP_ALL;
    for (const candidate of path) {
      const kept = mulUp(left, keepFactors[candidate]!, MEEK_SCALE);
      votes[candidate]! += kept * weight;
      left -= kept;
      if (left <= 0n) break;
    }
    exhausted += left * weight;
  }
  return { votes, exhausted };
}
