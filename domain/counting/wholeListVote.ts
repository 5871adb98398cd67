/**
 * A vote for a whole list counted as all the voter's votes (`listVote: "all"`): the votes go to the
 * list's candidates in list order, one each from the top, then round again from the top while votes
 * are left, never more than `maxPerCandidate` to one candidate. Votes left once every candidate
 * holds `maxPerCandidate` count for nobody, like votes a voter leaves ungiven by hand.
 *
 * So with 5 votes, at most 2 each, a list of Clara and David gives Clara 2 and David 2 (one vote
 * left over), and a list of Anna, Ben, Clara, David, Emil and Frida gives the first five one each.
 * Returns one ballot's votes per candidate, in list order.
 */
export function votesDownTheList(candidates: readonly string[], votes: number, maxPerCandidate: number): Map<string, number> {
  // After `rounds` whole rounds every candidate holds `rounds` votes; the `rest` go to the first ones.
  const rounds = candidates.length === 0 ? 0 : Math.floor(votes / candidates.length);
  const rest = candidates.length === 0 ? 0 : votes % candidates.length;
  return new Map(candidates.map((candidate, i) => [candidate, Math.min(maxPerCandidate, rounds + (i < rest ? 1 : 0))]));
}
