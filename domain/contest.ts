import { checkBallotDefinition } from './ballotDefinition';
import type { BallotDefinition, Candidate } from './election';
import { recordOf } from './records';
import { fail, ok, type Result } from './result';
import { findNameClash, isSafeText, nameProblem } from './text';
import { voterGroupProblem } from './voterGroups';

/**
 * Contests: the ballot papers of one election (a student parliament, a faculty council, a
 * referendum), each with its own ballot, candidates and, optionally, the voter groups that may vote
 * in it. An election defined with one `ballot` (every election before contests existed) has one
 * contest, `main`, titled like the election.
 */
export const MAIN_CONTEST = 'main';
export const MAX_CONTESTS = 20;
/** Groups one contest may name: a voter in any of them may vote in it. */
export const MAX_GROUPS_PER_CONTEST = 16;
export const MAX_DESCRIPTION_CHARACTERS = 1000;
const CONTEST_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

export interface ContestDefinition {
  /** 1–40 lowercase letters, digits or dashes: the field name of the contest's paper in a cast. */
  id: string;
  title: string;
  description?: string;
  ballot: BallotDefinition;
  /** The voter groups that may vote in it (a voter in any one of them); absent: every voter. */
  groups?: string[];
}

export interface Contest extends ContestDefinition {
  candidates: Candidate[];
}

/** Whether a voter in these groups may vote in the contest. */
export const mayVoteIn = (contest: Pick<ContestDefinition, 'groups'>, voterGroups: readonly string[]): boolean =>
  contest.groups === undefined || contest.groups.some((group) => voterGroups.includes(group));

/** For each contest open to some groups only: how many of these voters (each given by their groups) may vote in it. */
export function eligibilityCounts(contests: readonly ContestDefinition[], voters: Iterable<readonly string[]>): Record<string, number> {
  return countPerContest(
    contests.filter((c) => c.groups !== undefined),
    voters,
  );
}

/** For every contest: how many of these voters may vote in it. */
export function countPerContest(contests: readonly ContestDefinition[], voters: Iterable<readonly string[]>): Record<string, number> {
  const counts = new Map(contests.map((c) => [c.id, 0]));
  for (const groups of voters) for (const contest of contests) if (mayVoteIn(contest, groups)) counts.set(contest.id, counts.get(contest.id)! + 1);
  return recordOf(counts);
}

/**
 * The name of a contest's ballot box, which keys its ballots and seeds its lots: the election's own
 * id when it has one contest (so an election keeps the box it had before contests existed), the
 * election's id and the contest's otherwise.
 */
export function boxName(electionId: string, contests: readonly Pick<ContestDefinition, 'id'>[], contestId: string): string {
  return contests.length === 1 ? electionId : `${electionId}.${contestId}`;
}

/**
 * Whether the contests make sense together: 1 to MAX_CONTESTS of them, ids unique, each titled
 * and its ballot sound. Errors name the field (`contests.2.ballot.seats`).
 */
export function checkContests(contests: readonly ContestDefinition[]): Result<void> {
  if (contests.length === 0 || contests.length > MAX_CONTESTS) return fail('invalid', `contests: give 1 to ${MAX_CONTESTS} contests`);
  const seen = new Set<string>();
  for (const [i, contest] of contests.entries()) {
    const field = `contests.${i}`;
    if (!CONTEST_ID.test(contest.id)) return fail('invalid', `${field}.id: must be 1–40 lowercase letters, digits or dashes`);
    if (seen.has(contest.id)) return fail('invalid', `${field}.id: "${contest.id}" is given twice`);
    seen.add(contest.id);
    const titleProblem = nameProblem(contest.title);
    if (titleProblem) return fail('invalid', `${field}.title: ${titleProblem}`);
    if (contest.description !== undefined && ([...contest.description].length > MAX_DESCRIPTION_CHARACTERS || !isSafeText(contest.description))) {
      return fail('invalid', `${field}.description: at most ${MAX_DESCRIPTION_CHARACTERS} characters of NFC text without control or invisible characters`);
    }
    const groups = checkContestGroups(contest.groups, field);
    if (!groups.ok) return groups;
    const ballot = checkBallotDefinition(contest.ballot);
    if (!ballot.ok) return fail(ballot.error.code, `${field}.${ballot.error.message}`);
  }
  const clash = findNameClash(
    [],
    contests.map((c) => c.title),
  );
  if (clash) return fail('invalid', `contests.${clash.index}.title: "${clash.name}" looks like "${clash.other}"`);
  return ok(undefined);
}

function checkContestGroups(groups: readonly string[] | undefined, field: string): Result<void> {
  if (groups === undefined) return ok(undefined);
  if (groups.length === 0 || groups.length > MAX_GROUPS_PER_CONTEST) return fail('invalid', `${field}.groups: give 1 to ${MAX_GROUPS_PER_CONTEST} groups, or none for every voter`);
  for (const [j, group] of groups.entries()) {
    const problem = voterGroupProblem(group);
    if (problem) return fail('invalid', `${field}.groups.${j}: ${problem}`);
    if (groups.indexOf(group) !== j) return fail('invalid', `${field}.groups.${j}: "${group}" is given twice`);
  }
  return ok(undefined);
}
