import { recordOf } from './records';
import { fail, ok, type Result } from './result';

/**
 * Voter groups: what a voter is (`faculty:informatik`, `status:doctoral`), so that a contest can
 * be open to some groups only. A group is a lowercase name, optionally `kind:value`; letters,
 * digits, `.`, `_` and `-`. Groups are compared after folding case and width, like student ids
 * (voterGroupKey in roll.ts).
 */
export const MAX_GROUPS_PER_VOTER = 16;
/** Distinct groups in one election: each is counted in the election's state. */
export const MAX_VOTER_GROUPS = 100;
export const MAX_GROUP_CHARACTERS = 64;

const GROUP = /^[a-z0-9][a-z0-9._-]*(?::[a-z0-9][a-z0-9._-]*)?$/;

/** Why a (folded) group name is not one, or undefined. */
export function voterGroupProblem(group: string): string | undefined {
  if (group.length > MAX_GROUP_CHARACTERS) return `"${group.slice(0, 20)}…" is longer than ${MAX_GROUP_CHARACTERS} characters`;
  if (!GROUP.test(group)) return `"${group}" is not a group: use letters, digits, ".", "_" and "-", optionally as kind:value (faculty:informatik)`;
  return undefined;
}

/** An election's voters in at most MAX_VOTER_GROUPS groups: `counts`, voters per group. */
export function checkVoterGroupCount(counts: Readonly<Record<string, number>>): Result<void> {
  return Object.keys(counts).length > MAX_VOTER_GROUPS ? fail('invalid', `voters: an election has at most ${MAX_VOTER_GROUPS} voter groups`) : ok(undefined);
}

/** Counts per key (voters per group, per contest) after `added` more. */
export function addCounts(counts: Readonly<Record<string, number>>, added: Readonly<Record<string, number>>): Record<string, number> {
  const sum = new Map(Object.entries(counts));
  for (const [key, n] of Object.entries(added)) sum.set(key, (sum.get(key) ?? 0) + n);
  return recordOf(sum);
}

/** How many of these voters (each given by their groups) are in each group. */
export function groupCounts(voters: Iterable<readonly string[]>): Record<string, number> {
  const counts = new Map<string, number>();
  for (const groups of voters) for (const group of groups) counts.set(group, (counts.get(group) ?? 0) + 1);
  return recordOf(counts);
}
