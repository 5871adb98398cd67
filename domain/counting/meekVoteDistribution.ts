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
  weight: bigint;
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
    return { ranking: indices, weight: BigInt(weight) };
  });
}

/** Each candidate's vote after one distribution, and what no candidate kept (exhausted ballots). */
export interface Distribution {
  votes: bigint[];
  exhausted: bigint;
}

/** Ballots whose votes take the same way: the candidates on it, in order, are the path from the root. */
interface RouteNode {
  /** -1 at the root, the way of ballots that rank no candidate still counted. */
  readonly candidate: number;
  readonly parent: RouteNode | undefined;
  readonly children: Map<number, RouteNode>;
  /** The ballots whose way ends here, by index. */
  ballots: number[];
  /** Their weight. */
  weight: bigint;
  /** The weight of every ballot whose way passes through here (this node's and its children's): set by `settle`. */
  through: bigint;
}

const routeNode = (candidate: number, parent: RouteNode | undefined): RouteNode => ({ candidate, parent, children: new Map(), ballots: [], weight: 0n, through: 0n });

/**
 * The ways the ballots' votes take in a round: the elected candidates a ballot ranks before its
 * first hopeful one, then that hopeful one (if any). Defeated candidates keep nothing (keep factor
 * 0) and a hopeful candidate keeps all, so later preferences cannot matter until the next defeat
 * or election. Ways that begin alike share a node, so that a distribution rounds each shared step
 * once (a step's rounding depends only on the steps before it) and moves whole groups of ballots.
 *
 * States only go from hopeful to elected or defeated, so when a candidate's state changes only the
 * ballots whose way ends with that candidate move on, from where they stand: over a whole count
 * each ballot is read once, however many rounds there are.
 */
export class BallotRoutes {
  private readonly root = routeNode(-1, undefined);
  /** Per ballot: where on its ranking the candidate its way ends with stands (the ranking's length once it has no hopeful candidate left). */
  private readonly positions: number[] = [];
  /** The nodes whose candidate is hopeful: the only ones whose ballots will move on. */
  private readonly hopefulNodes = new Map<number, Set<RouteNode>>();

  constructor(
    private readonly ballots: readonly IndexedBallots[],
    states: readonly CandidateState[],
  ) {
    ballots.forEach((_, b) => this.moveOn(b, this.root, 0, states));
    this.settle();
  }

  /** After `candidates` were elected or defeated (in `states`), the ballots that stopped at them go on to their next way. */
  moved(candidates: readonly number[], states: readonly CandidateState[]): void {
    for (const candidate of candidates) {
      for (const node of this.hopefulNodes.get(candidate) ?? []) {
        const leaving = node.ballots;
        node.ballots = [];
        node.weight = 0n;
        // An elected candidate stays on the way; a defeated one drops out of it, and its node goes.
        const from = states[candidate] === 'elected' ? node : node.parent!;
        if (from !== node) from.children.delete(candidate);
        for (const b of leaving) this.moveOn(b, from, this.positions[b]! + 1, states);
      }
      this.hopefulNodes.delete(candidate);
    }
    this.settle();
  }

  /**
   * Rule B.2.a: each ballot starts with weight 1; each candidate in turn keeps the weight times its
   * keep factor, rounded up to 9 places, and the ballot goes on with what is left, until the
   * ranking ends or nothing is left. What is left at the end is exhausted. Nothing is lost to
   * rounding: the weight falls by exactly what was kept.
   */
  distribute(keepFactors: readonly bigint[]): Distribution {
    const votes = keepFactors.map(() => 0n);
    let exhausted = this.root.weight * KEEP_ALL;
    // Down each way as deep as it goes: no deeper than the candidates, so the stack holds.
    const visit = (node: RouteNode, reaching: bigint) => {
      const keepFactor = keepFactors[node.candidate]!;
      // A hopeful candidate (keep factor 1) keeps what reaches it, which mulUp would work out to the unit.
      const kept = keepFactor === KEEP_ALL ? reaching : mulUp(reaching, keepFactor, MEEK_SCALE);
      votes[node.candidate]! += kept * node.through;
      const left = reaching - kept;
      // Past a candidate who kept everything, nothing reaches the rest of the way, and nothing is exhausted.
      if (left === 0n) return;
      exhausted += left * node.weight;
      for (const child of node.children.values()) visit(child, left);
    };
    for (const child of this.root.children.values()) visit(child, KEEP_ALL);
    return { votes, exhausted };
  }

  /** Takes ballot `b` from `node` along its ranking, from `position` on, to where its way now ends. */
  private moveOn(b: number, node: RouteNode, position: number, states: readonly CandidateState[]): void {
    const { ranking } = this.ballots[b]!;
    let end = node;
    let at = position;
    for (; at < ranking.length; at += 1) {
      const candidate = ranking[at]!;
      const state = states[candidate];
      if (state === 'defeated') continue;
      end = this.child(end, candidate, state === 'hopeful');
      if (state === 'hopeful') break;
    }
    end.ballots.push(b);
    end.weight += this.ballots[b]!.weight;
    this.positions[b] = at;
  }

  private child(parent: RouteNode, candidate: number, hopeful: boolean): RouteNode {
    let node = parent.children.get(candidate);
    if (!node) {
      node = routeNode(candidate, parent);
      parent.children.set(candidate, node);
      if (hopeful) {
        const nodes = this.hopefulNodes.get(candidate) ?? new Set();
        this.hopefulNodes.set(candidate, nodes.add(node));
      }
    }
    return node;
  }

  /** Sets every node's `through`, children before parents. */
  private settle(): void {
    const order: RouteNode[] = [];
    const pending = [this.root];
    for (let node = pending.pop(); node; node = pending.pop()) {
      order.push(node);
      pending.push(...node.children.values());
    }
    for (const node of order.reverse()) {
      node.through = node.weight;
      for (const child of node.children.values()) node.through += child.through;
    }
  }
}
