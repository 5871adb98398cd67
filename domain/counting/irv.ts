import type { RankedCountInput } from './ballots';
import type { LotBook } from './lot';
import { rankedPapers } from './rankedPapers';
import type { CountSheet, Decision } from './sheet';
import { StagedCount } from './stagedCount';
import type { Choice } from './ties';

/**
 * The instant-runoff vote for one seat, in whole votes: after each round, a candidate with more
 * than half of the votes still with continuing candidates wins; otherwise the lowest is excluded
 * and their ballots move to their next continuing preference. Ballots with none left are
 * exhausted (non-transferable) and no longer count towards the half.
 */
export function countIrv(input: RankedCountInput, lots: LotBook): CountSheet {
  if (input.seats !== 1) throw new Error(`the instant-runoff vote fills one seat, not ${input.seats}`);
  const { candidates, bundles, validBallots } = rankedPapers(input, 1n);
  const count = new StagedCount(candidates, bundles, 0, lots);
  let winner: number | undefined;

  const electAtEndOfRound = (): Decision[] => {
    const left = count.continuingCandidates;
    const total = left.reduce((sum, c) => sum + count.votes[c]!, 0n);
    const majority = left.find((c) => 2n * count.votes[c]! > total);
    if (majority !== undefined) winner = majority;
    else if (left.length === 1) winner = left[0];
    if (winner === undefined) return [];
    count.elect(winner);
    return [{ candidate: candidates[winner]!, reason: majority !== undefined ? 'more than half of the continuing votes' : 'the only candidate left' }];
  };

  count.endStage({ action: 'first preferences', elected: electAtEndOfRound() });
  while (winner === undefined && count.continuingCandidates.length > 0) {
    const stage = count.excludeLowest(EXCLUSION_REASON);
    count.endStage({ ...stage, elected: electAtEndOfRound() });
  }

  return {
    method: 'irv',
    seats: 1,
    candidates,
    validBallots,
    elected: winner === undefined ? [] : [candidates[winner]!],
    vacant: winner === undefined ? 1 : 0,
    final: count.figures(
      candidates.map((_, c) => c),
      count.votes,
    ),
    nonTransferable: count.format(count.nonTransferable),
    rounds: count.rounds,
    lots: lots.drawn,
  };
}

const EXCLUSION_REASON: Record<Choice['by'], string> = {
  votes: 'lowest votes',
  'earlier stage': 'lowest votes, tie broken by the most recent earlier round at which they differed',
  lot: 'lowest votes, tie broken by lot',
};
