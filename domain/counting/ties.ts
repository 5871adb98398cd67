/** Which end of the poll a choice takes: the most votes (a surplus, an election) or the fewest (an exclusion). */
export type End = 'most' | 'fewest';

/** A choice among candidates by votes, and what decided it. */
export interface Choice {
  chosen: number;
  /** "votes": no tie; "earlier stage": a tie decided by looking back; "lot": equal at every stage. */
  by: 'votes' | 'earlier stage' | 'lot';
}

/** Draws one of the tied candidate indexes by lot. */
export type DrawLot = (among: readonly number[]) => number;

/**
 * The candidate at `end` of the poll now; a tie is decided by looking back to the most recent
 * earlier stage at which the tied candidates had unequal votes and taking the one at `end` there
 * (SSI 2007/42 rules 49(2) and 51(2)(a)), and by lot if they were equal at every stage (rules
 * 49(3) and 51(2)(b)).
 *
 * Where three or more are tied and the stage looked back to still leaves some of them level at
 * `end`, the look-back goes on, further back, among those still level: the rule names one stage
 * but not what to do when that stage does not decide, and going further back keeps the rule's
 * idea (earlier support decides) before resorting to lot.
 *
 * `stages` holds every candidate's votes at the end of each stage, oldest first, the current one last.
 */
export function chooseByVotes(candidates: readonly number[], stages: readonly (readonly bigint[])[], end: End, drawLot: DrawLot): Choice {
  const [current, ...earlier] = [...stages].reverse();
  let tied = atEnd(candidates, current!, end);
  if (tied.length === 1) return { chosen: tied[0]!, by: 'votes' };
  for (const stage of earlier) {
    tied = atEnd(tied, stage, end);
    if (tied.length === 1) return { chosen: tied[0]!, by: 'earlier stage' };
  }
  return { chosen: drawLot(tied), by: 'lot' };
}

/** The candidates in order of votes, most first, ties decided as `chooseByVotes` decides them. */
export function orderByVotes(candidates: readonly number[], stages: readonly (readonly bigint[])[], drawLot: DrawLot): Choice[] {
  const order: Choice[] = [];
  let left = [...candidates];
  while (left.length > 0) {
    const choice = chooseByVotes(left, stages, 'most', drawLot);
    order.push(choice);
    left = left.filter((c) => c !== choice.chosen);
  }
  return order;
}

function atEnd(candidates: readonly number[], votes: readonly bigint[], end: End): number[] {
  const figures = candidates.map((c) => votes[c]!);
  const target = figures.reduce((a, b) => ((end === 'most' ? b > a : b < a) ? b : a));
  return candidates.filter((c) => votes[c] === target);
}
