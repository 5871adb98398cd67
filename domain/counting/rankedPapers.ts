import { ballotCount, type RankedCountInput } from './ballots';

/**
 * Identical ballot papers travelling together. A group of identical rankings always goes to the
 * same next preference at the same value, so it never has to be split into single papers: each
 * group is one bundle for the whole count, moved from pile to pile.
 */
export interface Bundle {
  /** Candidate indexes (into `RankedPapers.candidates`), most preferred first, withdrawn ones left out. */
  readonly ranking: readonly number[];
  /** How many papers the bundle holds. */
  readonly papers: bigint;
  /** Where on `ranking` the candidate now holding the bundle is; -1 before the first preferences are dealt. */
  position: number;
  /** What each paper is worth, in units of the count's scale. */
  value: bigint;
}

/** The ballots of a ranked count, ready to be dealt out. */
export interface RankedPapers {
  /** The candidates counted, in ballot order (withdrawn ones left out). */
  candidates: string[];
  /** One bundle per group that ranks at least one counted candidate. */
  bundles: Bundle[];
  /** Papers that ranked at least one counted candidate: the valid votes. */
  validBallots: number;
}

/**
 * Checks the input and turns each group into a bundle worth `unit` a paper. A withdrawn candidate
 * is skipped on every paper as if not printed there; a paper that ranked only withdrawn candidates
 * counts for nobody, so it is not a valid vote.
 */
export function rankedPapers(input: RankedCountInput, unit: bigint): RankedPapers {
  if (!Number.isInteger(input.seats) || input.seats < 1) throw new Error(`the number of seats must be a whole number of at least 1, not ${input.seats}`);
  if (new Set(input.candidates).size !== input.candidates.length) throw new Error('two candidates have the same name');
  const withdrawn = new Set(input.withdrawn ?? []);
  for (const name of withdrawn) if (!input.candidates.includes(name)) throw new Error(`"${name}" is withdrawn but is not a candidate`);
  const candidates = input.candidates.filter((name) => !withdrawn.has(name));
  const indexOf = new Map(candidates.map((name, i) => [name, i]));

  const bundles: Bundle[] = [];
  let validBallots = 0n;
  for (const { ranking, weight } of input.ballots) {
    if (!Number.isSafeInteger(weight) || weight < 1) throw new Error(`a ballot weight must be a whole number of at least 1, not ${weight}`);
    if (new Set(ranking).size !== ranking.length) throw new Error(`a ballot ranks a candidate twice: ${JSON.stringify(ranking)}`);
    const indexes: number[] = [];
    for (const name of ranking) {
      const index = indexOf.get(name);
      if (index !== undefined) indexes.push(index);
      else if (!withdrawn.has(name)) throw new Error(`"${name}" is ranked but is not a candidate`);
    }
    if (indexes.length === 0) continue;
    bundles.push({ ranking: indexes, papers: BigInt(weight), position: -1, value: unit });
    validBallots += BigInt(weight);
  }
  return { candidates, bundles, validBallots: ballotCount(validBallots) };
}

/** What sorting papers by their next available preference gives: the piles for each continuing candidate, and the rest. */
export interface Sorted {
  /** By candidate index; candidates receiving nothing have an empty pile. */
  piles: Bundle[][];
  /** Bundles with no next available preference. */
  nonTransferable: Bundle[];
}

/**
 * Sorts bundles by the next available preference: the first candidate after the current holder
 * (before the first stage, the first preference) who is still continuing, preferences for anyone
 * elected or excluded being skipped ("next available preference", SSI 2007/42 article 2). Each
 * bundle's position moves on to where it now is.
 */
export function sortByNextPreference(bundles: readonly Bundle[], continuing: readonly boolean[]): Sorted {
  const piles: Bundle[][] = continuing.map(() => []);
  const nonTransferable: Bundle[] = [];
  for (const bundle of bundles) {
    let position = bundle.position + 1;
    while (position < bundle.ranking.length && !continuing[bundle.ranking[position]!]) position += 1;
    bundle.position = position;
    if (position < bundle.ranking.length) piles[bundle.ranking[position]!]!.push(bundle);
    else nonTransferable.push(bundle);
  }
  return { piles, nonTransferable };
}

/** The votes a pile of bundles is worth. */
export const pileValue = (pile: readonly Bundle[]): bigint => pile.reduce((total, bundle) => total + bundle.papers * bundle.value, 0n);
