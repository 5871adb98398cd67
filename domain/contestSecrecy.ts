import { onlineVoters } from './sealAndTally';
import type { ExistingElection, Phase } from './state';

/**
 * Secrecy of small contests. A contest's ballots are published in the audit export and counted
 * in its count sheet, so a contest for few voters shows how they voted: with one voter, their
 * vote; with a few, each voter, knowing their own vote, reads the others' from a unanimous or
 * near-unanimous count. The committee is warned of such a contest where it decides (the lock, and
 * the set-up once voters are on the roll); it may run it knowingly, so the warning blocks nothing.
 */

/** A contest in which fewer voters than this may vote online is small enough to show how they voted. */
export const SMALL_CONTEST_VOTERS = 10;

export interface SmallContestWarning {
  code: 'small_contest';
  /** The contest, as a refusal would name it (`contests.2`). */
  field: string;
  contest: string;
  /** Voters who may vote in it online: those marked as having voted by post are counted on paper. */
  onlineVoters: number;
  message: string;
}

/**
 * A warning for each contest in which fewer than SMALL_CONTEST_VOTERS voters may vote online;
 * none before any voter is on the roll (start refuses an empty roll anyway).
 */
export function smallContestWarnings(state: Pick<ExistingElection, 'contests' | 'voterCount' | 'eligible' | 'postal'>): SmallContestWarning[] {
  if (state.voterCount === 0) return [];
  return state.contests.flatMap((contest, i) => {
    const voters = onlineVoters(state, contest);
    if (voters >= SMALL_CONTEST_VOTERS) return [];
    const who = voters === 1 ? 'only 1 voter may' : `only ${voters} voters may`;
    return [
      {
        code: 'small_contest' as const,
        field: `contests.${i}`,
        contest: contest.id,
        onlineVoters: voters,
        message: `contests.${i} ("${contest.title}"): ${who} vote in it online, fewer than ${SMALL_CONTEST_VOTERS}: its published ballots and count may show how each of them voted`,
      },
    ];
  });
}

/**
 * Turnout per contest is published once voting has closed, never while it runs: polled every few
 * seconds next to the overall turnout, it would show which contests each voter cast a paper in.
 * Before that only the overall turnout is published.
 */
export const CONTEST_TURNOUT_PHASES: ReadonlySet<Phase> = new Set(['closed', 'tallied', 'published']);
