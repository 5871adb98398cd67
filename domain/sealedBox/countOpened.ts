import type { DecodedPaper } from '../crypto/paperEncoding';
import type { ElectionEvent } from '../events';
import { countContest, resultEvents } from '../sealAndTally';
import type { ExistingElection } from '../state';

/**
 * Counts the opened boxes by today's rules, unchanged: each contest's papers as the trustees'
 * combined decryptions read them back, in the last mix's order. A paper that decodes to no paper
 * of its contest is counted as invalid (`invalid`), never guessed at; lots are seeded by each
 * box's digest at the seal, as in an open election.
 */
export function tallyOpened(
  state: ExistingElection & { seal: NonNullable<Extract<ExistingElection, { phase: 'closed' }>['seal']> },
  opened: ReadonlyMap<string, readonly DecodedPaper[]>,
): ElectionEvent[] {
  const seals = state.contests.map((contest) => ({ contest: contest.id, digest: state.seal.contests?.find((c) => c.contest === contest.id)?.digest ?? state.seal.digest }));
  const results = state.contests.map((contest, i) => {
    const papers = opened.get(contest.id) ?? [];
    const valid = papers.flatMap((paper) => (paper.ok ? [paper.content] : []));
    const result = countContest(state, contest, valid, seals[i]!.digest);
    const invalid = papers.length - valid.length;
    return invalid > 0 ? { ...result, ballots: papers.length, invalid } : result;
  });
  return resultEvents(seals, results);
}
