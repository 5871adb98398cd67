import { recordOf } from '../records';
import { formatFixed } from './fixed';
import type { LotBook } from './lot';
import { type Bundle, pileValue, sortByNextPreference } from './rankedPapers';
import type { CountRound, Decision } from './sheet';
import { type Choice, chooseByVotes, type DrawLot } from './ties';

/** What moving bundles on to their next available preferences did. */
export interface Moved {
  /** Votes credited to each candidate, by candidate index. */
  credited: bigint[];
  /** The value of the papers that had no next available preference. */
  exhausted: bigint;
}

/** What a stage did, in the rule's terms; the votes after it are taken from the count. */
export interface StageRecord {
  action: string;
  transfers?: Record<string, string>;
  transferValue?: string;
  elected?: Decision[];
  excluded?: Decision[];
}

/**
 * The state of a count that moves ballot papers between candidates stage by stage (Scottish STV,
 * IRV): who holds which papers, everyone's votes, who is still continuing, and the record of each
 * stage. The rules decide what to move and when; this moves papers and writes things down.
 */
export class StagedCount {
  private readonly piles: Bundle[][];
  readonly votes: bigint[];
  /** Neither elected nor excluded. */
  readonly continuing: boolean[];
  private readonly excluded: boolean[];
  /** Everyone's votes at the end of each stage, oldest first: what ties look back to. */
  readonly stages: bigint[][] = [];
  readonly rounds: CountRound[] = [];
  /** Votes that left the count: exhausted papers and, where a rule truncates, rounding losses. */
  nonTransferable = 0n;

  /** Deals every bundle to its first preference. */
  constructor(
    readonly names: readonly string[],
    bundles: readonly Bundle[],
    readonly scale: number,
    private readonly lots: LotBook,
  ) {
    this.continuing = names.map(() => true);
    this.excluded = names.map(() => false);
    this.piles = sortByNextPreference(bundles, this.continuing).piles;
    this.votes = this.piles.map(pileValue);
  }

  /** Continuing candidates' indexes. */
  get continuingCandidates(): number[] {
    return this.names.flatMap((_, c) => (this.continuing[c] ? [c] : []));
  }

  /** Everyone's votes at each stage so far, the current (unfinished) one last. */
  get stagesSoFar(): bigint[][] {
    return [...this.stages, this.votes];
  }

  /** The number the stage under way will have. */
  get nextRound(): number {
    return this.rounds.length + 1;
  }

  /** The candidate keeps their papers and votes but receives no more. */
  elect(candidate: number): void {
    this.continuing[candidate] = false;
  }

  /** Takes the candidate out of the count and moves their papers on at the value each had when it reached them. */
  private exclude(candidate: number): Moved {
    this.continuing[candidate] = false;
    this.excluded[candidate] = true;
    const papers = this.takePapers(candidate);
    this.votes[candidate] = 0n;
    return this.move(papers, (bundle) => bundle.value);
  }

  /**
   * Excludes the continuing candidate with the fewest votes, a tie decided by the most recent
   * earlier stage at which they differed and then by lot, and moves their papers on; exhausted
   * papers become non-transferable. Returns what the stage record needs, the decision's reason
   * taken from `reasons` by how it was decided.
   */
  excludeLowest(reasons: Record<Choice['by'], string>): Required<Pick<StageRecord, 'action' | 'transfers' | 'excluded'>> {
    const { chosen, by } = chooseByVotes(this.continuingCandidates, this.stagesSoFar, 'fewest', this.drawLot('exclude'));
    const moved = this.exclude(chosen);
    this.nonTransferable += moved.exhausted;
    return {
      action: `exclusion of ${this.names[chosen]}`,
      transfers: this.transfersOf(moved),
      excluded: [{ candidate: this.names[chosen]!, reason: reasons[by] }],
    };
  }

  /** Empties the candidate's pile, for the rule to move the papers on. */
  takePapers(candidate: number): Bundle[] {
    return this.piles[candidate]!.splice(0);
  }

  /**
   * Moves the bundles to the continuing candidates of their next available preferences, each
   * paper now worth `valueOf(bundle)`, and credits those candidates.
   */
  move(bundles: readonly Bundle[], valueOf: (bundle: Bundle) => bigint): Moved {
    for (const bundle of bundles) bundle.value = valueOf(bundle);
    const { piles, nonTransferable } = sortByNextPreference(bundles, this.continuing);
    const credited = piles.map(pileValue);
    piles.forEach((pile, c) => {
      // One bundle at a time: spread into push, a pile of a hundred thousand bundles overflows the stack.
      for (const bundle of pile) this.piles[c]!.push(bundle);
      this.votes[c]! += credited[c]!;
    });
    return { credited, exhausted: pileValue(nonTransferable) };
  }

  /** What each continuing candidate received in a move, as the sheet writes transfers. */
  transfersOf({ credited }: Moved): Record<string, string> {
    return this.figures(this.continuingCandidates, credited);
  }

  /** A lot for a tie in the stage under way, over candidate indexes. */
  drawLot(purpose: string): DrawLot {
    const round = this.nextRound;
    return (among) =>
      this.names.indexOf(
        this.lots.draw(
          round,
          purpose,
          among.map((c) => this.names[c]!),
        ),
      );
  }

  /** Ends the stage under way: keeps everyone's votes for look-backs and writes the stage down. */
  endStage({ action, transfers, transferValue, elected = [], excluded = [] }: StageRecord): void {
    this.rounds.push({
      round: this.nextRound,
      action,
      votes: this.figures(
        this.names.flatMap((_, c) => (this.excluded[c] ? [] : [c])),
        this.votes,
      ),
      ...(transfers ? { transfers } : {}),
      ...(transferValue ? { transferValue } : {}),
      nonTransferable: this.format(this.nonTransferable),
      elected,
      excluded,
    });
    this.stages.push([...this.votes]);
  }

  format(value: bigint): string {
    return formatFixed(value, this.scale);
  }

  /** Figures by name, for the given candidate indexes. */
  figures(candidates: readonly number[], values: readonly bigint[]): Record<string, string> {
    return recordOf(candidates.map((c) => [this.names[c]!, this.format(values[c]!)]));
  }
}
