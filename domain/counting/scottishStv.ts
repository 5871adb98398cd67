import type { RankedCountInput } from './ballots';
import { whole } from './fixed';
import type { LotBook } from './lot';
import { rankedPapers } from './rankedPapers';
import type { CountSheet, Decision } from './sheet';
import { StagedCount } from './stagedCount';
import { type Choice, chooseByVotes, orderByVotes } from './ties';

/** Rule 48(3): transfer values are calculated to five decimal places; every figure is kept at that scale. */
const SCALE = 5;
const ONE = whole(1, SCALE);

/**
 * Counts by the single transferable vote as Scottish councils do: The Scottish Local Government
 * Elections Order 2007 (SSI 2007/42), Schedule 1, rules 45 to 52 ("rule N" below). A surplus moves
 * by the weighted inclusive Gregory method the rules describe: every paper the elected candidate
 * holds moves on, at the candidate's surplus × the paper's value ÷ the candidate's votes (rule 48).
 * An excluded candidate's papers all move on in one stage, each at its own value (rule 50).
 */
export function countScottishStv(input: RankedCountInput, lots: LotBook): CountSheet {
  const { candidates, bundles, validBallots } = rankedPapers(input, ONE);
  const { seats } = input;
  const count = new StagedCount(candidates, bundles, SCALE, lots);
  // Rule 46: valid papers ÷ (seats + 1), decimals ignored, plus one.
  const quota = whole(BigInt(validBallots) / BigInt(seats + 1) + 1n, SCALE);
  const elected: number[] = [];
  /** Elected candidates whose surplus has not been transferred yet. */
  const surpluses = new Set<number>();

  const elect = (choices: Choice[], reason: string): Decision[] =>
    choices.map(({ chosen, by }) => {
      count.elect(chosen);
      elected.push(chosen);
      if (count.votes[chosen]! > quota) surpluses.add(chosen);
      return { candidate: candidates[chosen]!, reason: `${reason}${ORDER_TIE[by]}` };
    });

  /** Who is elected at the end of the stage under way, in order of their votes. */
  const electAtEndOfStage = (): Decision[] => {
    const drawLot = count.drawLot('elect');
    // Rule 47(1): reaching the quota at any stage elects.
    const reached = count.continuingCandidates.filter((c) => count.votes[c]! >= quota);
    const decisions = elect(orderByVotes(reached, count.stagesSoFar, drawLot), 'reached the quota (rule 47)');
    // Rule 52: as many continuing candidates as vacancies left fill them, without further transfers.
    const left = count.continuingCandidates;
    if (elected.length < seats && left.length <= seats - elected.length) {
      decisions.push(...elect(orderByVotes(left, count.stagesSoFar, drawLot), 'remaining seats filled (rule 52)'));
    }
    return decisions;
  };

  const transferSurplus = () => {
    // Rule 49: the highest surplus first; equal ones by an earlier stage, else by lot.
    const { chosen: from, by } = chooseByVotes([...surpluses], count.stagesSoFar, 'most', count.drawLot('surplus'));
    surpluses.delete(from);
    const total = count.votes[from]!;
    const surplus = total - quota;
    // Rule 48(3)-(4): each paper moves at surplus × its value when received ÷ the candidate's
    // votes, to five places, the remainder ignored. In scale-5 units, (s/u)(v/u)/(t/u) = (s·v/t)/u,
    // so the result's units are s·v/t truncated.
    const moved = count.move(count.takePapers(from), (bundle) => (surplus * bundle.value) / total);
    const transfers = count.transfersOf(moved);
    // Non-transferable papers and what truncation lost leave the count; the candidate keeps the quota.
    count.nonTransferable += surplus - moved.credited.reduce((a, b) => a + b, 0n);
    count.votes[from] = quota;
    count.endStage({
      action: `surplus of ${candidates[from]}${SURPLUS_TIE[by]}`,
      transfers,
      // The transfer value of a paper worth one (a first preference); others move at their value × about this.
      transferValue: count.format((surplus * ONE) / total),
      elected: electAtEndOfStage(),
    });
  };

  const excludeLowest = () => {
    // Rules 50(1) and 51: the lowest is excluded, a tie by an earlier stage, else by lot. Rule
    // 50(2)-(4): all the papers move on in this one stage, each at the value it had when it
    // reached the excluded candidate (one for a first preference).
    const stage = count.excludeLowest(EXCLUSION_REASON);
    count.endStage({ ...stage, elected: electAtEndOfStage() });
  };

  // Rule 45: the first stage credits each candidate with their first preferences.
  count.endStage({ action: 'first preferences', elected: electAtEndOfStage() });
  // Rule 48(1): transfers go on only while vacancies remain; rule 50(1): exclude only once no
  // surplus is left. No one left continuing with seats unfilled means fewer candidates than seats.
  while (elected.length < seats && count.continuingCandidates.length > 0) {
    if (surpluses.size > 0) transferSurplus();
    else excludeLowest();
  }

  return {
    method: 'scottish-stv',
    seats,
    candidates,
    validBallots,
    quota: count.format(quota),
    elected: elected.map((c) => candidates[c]!),
    vacant: seats - elected.length,
    final: count.figures(
      candidates.map((_, c) => c),
      count.votes,
    ),
    nonTransferable: count.format(count.nonTransferable),
    rounds: count.rounds,
    lots: lots.drawn,
  };
}

/** The order of election within a stage is by votes (the rules set none); how a tie in it was settled. */
const ORDER_TIE: Record<Choice['by'], string> = {
  votes: '',
  'earlier stage': '; placed before an equal candidate by votes at an earlier stage',
  lot: '; placed before an equal candidate by lot',
};

const SURPLUS_TIE: Record<Choice['by'], string> = {
  votes: '',
  'earlier stage': ' (equal surpluses: more votes at an earlier stage, rule 49(2))',
  lot: ' (equal surpluses at every stage: chosen by lot, rule 49(3))',
};

const EXCLUSION_REASON: Record<Choice['by'], string> = {
  votes: 'lowest votes (rule 50(1))',
  'earlier stage': 'lowest votes, tie broken by an earlier stage (rule 51(2)(a))',
  lot: 'lowest votes, tie broken by lot (rule 51(2)(b))',
};
