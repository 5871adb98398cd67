import { recordOf } from '../records';
import { ballotCount, type RankedCountInput } from './ballots';
import { divUp, formatFixed, mulUp, whole } from './fixed';
import type { LotBook } from './lot';
import { BallotRoutes, KEEP_ALL, MEEK_SCALE, indexBallots, type CandidateState } from './meekVoteDistribution';
import type { CountRound, CountSheet, Decision } from './sheet';

/**
 * Meek STV exactly as the New Zealand PR Foundation's "Reference Rule: Meek's Method"
 * (prfound.org/resources/reference/reference-meek-rule/) words it; the clause letters below are
 * that rule's. Every figure is a bigint of 10^-9 units and every rounding is the one the rule
 * names. A sheet round is one of the rule's rounds (B), recorded once its iteration has stopped.
 */

/** Rule A: iteration stops once the total surplus is below omega, 10^-6. */
const OMEGA = 10n ** BigInt(MEEK_SCALE - 6);
/** Rule B.2.b: the quota is truncated to 9 places and then raised by 10^-9. */
const QUOTA_STEP = 1n;

const figure = (value: bigint) => formatFixed(value, MEEK_SCALE);
const sum = (values: Iterable<bigint>) => {
  let total = 0n;
  for (const value of values) total += value;
  return total;
};

/** Why the iteration of a round stopped (Rule B.2.e). */
type Stop = 'elected' | 'omega' | 'stable';

/** One distribution of the votes and the quota it gives. */
interface Measured {
  votes: bigint[];
  exhausted: bigint;
  quota: bigint;
}

/** The last distribution of a round's iteration and what it showed. */
interface Iterated extends Measured {
  surplus: bigint;
  iterations: number;
  stop: Stop;
  /** Hopeful candidates at or over the quota (Rule B.2.c). */
  reached: number[];
}

export function countMeekStv(input: RankedCountInput, lots: LotBook): CountSheet {
  const { seats } = input;
  if (!Number.isSafeInteger(seats) || seats < 1) throw new Error(`${seats} is not a number of seats`);
  if (new Set(input.candidates).size !== input.candidates.length) throw new Error('two candidates have the same name');
  const withdrawn = new Set(input.withdrawn ?? []);
  for (const name of withdrawn) if (!input.candidates.includes(name)) throw new Error(`"${name}" is withdrawn but is not a candidate`);

  const counted = input.candidates.filter((name) => !withdrawn.has(name));
  const ballots = indexBallots(input, counted);
  // In bigints, like every figure of the count: exact at any total weight.
  const totalWeight = ballots.reduce((total, { weight }) => total + weight, 0n);
  const validBallots = ballotCount(totalWeight);
  const states: CandidateState[] = counted.map(() => 'hopeful');
  const routes = new BallotRoutes(ballots, states);
  // Rule A: every hopeful candidate starts with a keep factor of 1; withdrawn ones are not counted at all.
  const keepFactors = counted.map(() => KEEP_ALL);
  const electedOrder: number[] = [];
  const rounds: CountRound[] = [];
  let lastDistribution: Measured | undefined;

  const inState = (state: CandidateState) => counted.flatMap((_, i) => (states[i] === state ? [i] : []));
  const names = (candidates: readonly number[]) => candidates.map((i) => counted[i]!);
  const byVotesThenBallotOrder = (votes: readonly bigint[]) => (a: number, b: number) => (votes[a]! === votes[b]! ? a - b : votes[a]! > votes[b]! ? -1 : 1);

  // Rule B.1: go on while seats are unfilled and more hopeful candidates remain than unfilled seats.
  while (electedOrder.length < seats && inState('hopeful').length > seats - electedOrder.length) {
    const round = rounds.length + 1;
    const countedNow = counted.flatMap((_, i) => (states[i] === 'defeated' ? [] : [i]));
    const last = iterate(routes, states, keepFactors, seats);
    lastDistribution = last;
    const elected: Decision[] = [];
    const excluded: Decision[] = [];
    let outcome: string;
    if (last.stop === 'elected') {
      const newly = [...last.reached].sort(byVotesThenBallotOrder(last.votes));
      for (const candidate of newly) states[candidate] = 'elected';
      routes.moved(newly, states);
      electedOrder.push(...newly);
      elected.push(...names(newly).map((candidate) => ({ candidate, reason: 'reached the quota' })));
      outcome = `election of ${names(newly).join(', ')}`;
    } else {
      const loser = defeatLowest(last, inState('hopeful'), round);
      states[loser.candidate] = 'defeated';
      routes.moved([loser.candidate], states);
      keepFactors[loser.candidate] = 0n;
      excluded.push({ candidate: counted[loser.candidate]!, reason: loser.tied.length > 1 ? 'lowest votes, tie broken by lot' : 'lowest votes' });
      outcome = `exclusion of ${counted[loser.candidate]}${loser.tied.length > 1 ? ` by lot among ${names(loser.tied).join(', ')}` : ''} (${stopReason(last)})`;
    }
    rounds.push({
      round,
      action: `${last.iterations} ${last.iterations === 1 ? 'iteration' : 'iterations'}, ${outcome}${keepFactorText()}`,
      votes: recordOf(countedNow.map((i) => [counted[i]!, figure(last.votes[i]!)])),
      nonTransferable: figure(last.exhausted),
      quota: figure(last.quota),
      elected,
      excluded,
    });
  }

  // A count that is complete before any round still shows the first preferences it was decided on.
  if (!lastDistribution) {
    const first = measure(routes, keepFactors, seats);
    lastDistribution = first;
    rounds.push({
      round: 1,
      action: `first preferences, no iteration needed (${inState('hopeful').length} hopeful candidates for ${seats} seats)`,
      votes: recordOf(counted.map((name, i) => [name, figure(first.votes[i]!)])),
      nonTransferable: figure(first.exhausted),
      quota: figure(first.quota),
      elected: [],
      excluded: [],
    });
  }
  const { votes: lastVotes, quota: lastQuota } = lastDistribution;

  // Rule C: elect the remaining hopeful candidates if seats are unfilled (C.1), otherwise defeat them (C.2).
  const finalRound = rounds.at(-1)!;
  const remaining = inState('hopeful').sort(byVotesThenBallotOrder(lastVotes));
  if (remaining.length > 0) {
    if (electedOrder.length < seats) {
      for (const candidate of remaining) states[candidate] = 'elected';
      electedOrder.push(...remaining);
      finalRound.elected.push(...names(remaining).map((candidate) => ({ candidate, reason: 'remaining seats filled' })));
      finalRound.action += `; count complete: ${names(remaining).join(', ')} elected to fill the remaining seats`;
    } else {
      for (const candidate of remaining) states[candidate] = 'defeated';
      finalRound.excluded.push(...names(remaining).map((candidate) => ({ candidate, reason: 'all seats filled' })));
      finalRound.action += `; count complete: ${names(remaining).join(', ')} defeated as all seats are filled`;
    }
  }

  // The rule distributes no more after its last round, so at the end only the elected hold votes
  // (as droop's final report shows): a candidate defeated in the last round takes its votes out of the count.
  const finalVotes = counted.map((_, i) => (states[i] === 'elected' ? lastVotes[i]! : 0n));
  return {
    method: 'meek-stv',
    seats,
    candidates: counted,
    validBallots,
    quota: figure(lastQuota),
    elected: names(electedOrder),
    // Only when fewer candidates stand than there are seats; RON is a candidate like any other here.
    vacant: seats - electedOrder.length,
    final: recordOf(counted.map((name, i) => [name, figure(finalVotes[i]!)])),
    nonTransferable: figure(whole(totalWeight, MEEK_SCALE) - sum(finalVotes)),
    rounds,
    lots: [...lots.drawn],
  };

  /** Rule B.3: defeat the lowest hopeful candidate; everyone within the total surplus of the lowest vote is tied with it (Rule T: decided by lot). */
  function defeatLowest(result: Iterated, hopeful: readonly number[], round: number) {
    const lowest = hopeful.reduce((low, i) => (result.votes[i]! < low ? result.votes[i]! : low), result.votes[hopeful[0]!]!);
    const tied = hopeful.filter((i) => result.votes[i]! <= lowest + result.surplus);
    const chosen = tied.length === 1 ? tied[0]! : counted.indexOf(lots.draw(round, 'exclude', names(tied)));
    return { candidate: chosen, tied };
  }

  /** The elected candidates' keep factors as the round's last distribution used them. */
  function keepFactorText() {
    if (electedOrder.length === 0) return '';
    return `; keep factors ${electedOrder.map((i) => `${counted[i]} ${figure(keepFactors[i]!)}`).join(', ')}`;
  }
}

function stopReason({ stop, surplus }: Iterated) {
  return stop === 'omega' ? `total surplus ${figure(surplus)} below omega ${figure(OMEGA)}` : `total surplus ${figure(surplus)} stopped falling`;
}

/** Rules B.2.a and B.2.b: distribute the votes, then set the quota from the votes held. */
function measure(routes: BallotRoutes, keepFactors: readonly bigint[], seats: number): Measured {
  const { votes, exhausted } = routes.distribute(keepFactors);
  return { votes, exhausted, quota: sum(votes) / BigInt(seats + 1) + QUOTA_STEP };
}

/**
 * Rule B.2: distribute, set the quota, find winners and the total surplus, and stop when someone
 * is elected, when the surplus is below omega, or (after the first iteration) when it did not
 * fall; otherwise update the elected candidates' keep factors (B.2.f) and go again.
 */
function iterate(routes: BallotRoutes, states: readonly CandidateState[], keepFactors: bigint[], seats: number): Iterated {
  let previousSurplus: bigint | undefined;
  for (let iterations = 1; ; iterations += 1) {
    const { votes, exhausted, quota } = measure(routes, keepFactors, seats);
    const reached = states.flatMap((state, i) => (state === 'hopeful' && votes[i]! >= quota ? [i] : []));
    const elected = states.flatMap((state, i) => (state === 'elected' || reached.includes(i) ? [i] : []));
    const total = sum(elected.map((i) => votes[i]! - quota));
    const surplus = total > 0n ? total : 0n;
    const result = { votes, exhausted, quota, surplus, iterations, reached };
    if (reached.length > 0) return { ...result, stop: 'elected' };
    if (surplus < OMEGA) return { ...result, stop: 'omega' };
    if (previousSurplus !== undefined && surplus >= previousSurplus) return { ...result, stop: 'stable' };
    previousSurplus = surplus;
    // Rule B.2.f: kf × q rounded up, then ÷ v rounded up.
    for (const i of elected) keepFactors[i] = divUp(mulUp(keepFactors[i]!, quota, MEEK_SCALE), votes[i]!, MEEK_SCALE);
  }
}
