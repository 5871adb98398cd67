import { namesOnBallot } from '../ballot';
import type { BallotDefinition, Candidate } from '../election';

/** A vote figure in a sheet at its longest: 16 digits, a point, 9 decimals, quotes, a colon and a comma. */
const FIGURE_BYTES = 32;
/** A round's fixed part: its number, the action's words, the transfer value, the quota, the non-transferable figure, the keys. */
const ROUND_BYTES = 400;
/** A decision's or a lot's fixed part: the reason's words, the 64-digit draw, the keys. */
const ENTRY_BYTES = 250;

const utf8 = (text: string) => new TextEncoder().encode(text).length;

/**
 * The most bytes the count sheet of this ballot can take, whatever the ballots: every candidate's
 * name is in each round's votes and transfers, every figure at its longest, every round with a
 * lot among everyone. The election's state holds the sheet, so limits.ts refuses a definition
 * whose sheet could not be stored, when it is made rather than when it is counted.
 */
export function worstCaseSheetBytes(ballot: BallotDefinition, candidates: readonly Candidate[]): number {
  if (ballot.kind === 'single' || ballot.kind === 'multi') return 0;
  if (ballot.kind === 'referendum') return 2 * ROUND_BYTES;
  const names = ballot.kind === 'list' ? candidates.map((c) => c.name) : namesOnBallot(ballot, candidates);
  const n = names.length;
  const nameBytes = names.reduce((sum, name) => sum + utf8(JSON.stringify(name)) + 1, 0);
  const longest = Math.max(0, ...names.map((name) => utf8(JSON.stringify(name))));
  const record = nameBytes + n * FIGURE_BYTES;
  // Every name once more in the candidate list, in final, and in a decision with its reason.
  const perCandidate = 2 * record + n * (longest + ENTRY_BYTES);
  if (ballot.kind === 'list') {
    const lists = ballot.lists.reduce((sum, name) => sum + utf8(JSON.stringify(name)) + 1, 0);
    const longestList = Math.max(...ballot.lists.map((name) => utf8(JSON.stringify(name))));
    const listRecord = lists + ballot.lists.length * FIGURE_BYTES;
    // Two rounds (totals, allocation), a step per seat, each list's result, a lot per list at most.
    return perCandidate + 2 * (record + listRecord + ROUND_BYTES) + ballot.seats * (longestList + ENTRY_BYTES) + ballot.lists.length * (lists + longestList + 2 * ENTRY_BYTES);
  }
  if (ballot.method === 'schulze') {
    // Two n × n tables of whole numbers, the ranking, a lot per position.
    return perCandidate + 2 * n * n * 17 + record + ROUND_BYTES + n * (nameBytes + ENTRY_BYTES);
  }
  // Each round elects or excludes someone, or moves a surplus: at most 2n + 1 rounds, each with
  // the votes and the transfers of everyone, and a lot among everyone; and, across the count, a
  // lot among everyone for each seat, to order candidates elected in the same round.
  const rounds = 2 * n + 1;
  return perCandidate + rounds * (2 * record + ROUND_BYTES + longest + nameBytes + ENTRY_BYTES) + n * (nameBytes + ENTRY_BYTES);
}
