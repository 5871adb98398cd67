import { reservedLabelOf } from './ballotLabels';
import { LIST_VOTES } from './counting/sheet';
import type { BallotDefinition, Candidate } from './election';
import { fail, ok, type Result } from './result';
import { findNameClash, nameProblem } from './text';

/** The most seats any ballot fills, and the most lists a list ballot holds. */
export const MAX_SEATS = 1000;
export const MAX_LISTS = 50;

const whole = (value: number, least: number, most: number) => Number.isInteger(value) && value >= least && value <= most;
const SEATS_PROBLEM = `ballot.seats: must be a whole number from 1 to ${MAX_SEATS}`;

/** Whether a ballot definition makes sense on its own; errors name the field ("ballot.seats"). */
export function checkBallotDefinition(ballot: BallotDefinition): Result<void> {
  switch (ballot.kind) {
    case 'single':
      return ok(undefined);
    case 'multi':
      return whole(ballot.maxChoices, 1, MAX_SEATS) ? ok(undefined) : fail('invalid', `ballot.maxChoices: must be a whole number from 1 to ${MAX_SEATS}`);
    case 'ranked':
      if (!whole(ballot.seats, 1, MAX_SEATS)) return fail('invalid', SEATS_PROBLEM);
      if (ballot.method === 'irv' && ballot.seats !== 1) return fail('invalid', 'ballot.seats: IRV fills one seat; use scottish-stv or meek-stv for more');
      return ok(undefined);
    case 'referendum':
      if (ballot.quorumPercent !== undefined && !whole(ballot.quorumPercent, 1, 100)) return fail('invalid', 'ballot.quorumPercent: must be a whole number from 1 to 100');
      return ok(undefined);
    case 'list':
      return checkListBallot(ballot);
  }
}

function checkListBallot(ballot: Extract<BallotDefinition, { kind: 'list' }>): Result<void> {
  if (!whole(ballot.seats, 1, MAX_SEATS)) return fail('invalid', SEATS_PROBLEM);
  if (!whole(ballot.votes, 1, MAX_SEATS)) return fail('invalid', `ballot.votes: must be a whole number from 1 to ${MAX_SEATS}`);
  if (!whole(ballot.maxPerCandidate, 1, ballot.votes)) {
    return fail('invalid', `ballot.maxPerCandidate: must be a whole number from 1 to the votes (${ballot.votes})`);
  }
  if (ballot.listVote !== undefined && !LIST_VOTES.includes(ballot.listVote)) return fail('invalid', `ballot.listVote: must be ${LIST_VOTES.map((rule) => `"${rule}"`).join(' or ')}`);
  if (ballot.lists.length === 0 || ballot.lists.length > MAX_LISTS) return fail('invalid', `ballot.lists: give 1 to ${MAX_LISTS} lists`);
  for (const [i, name] of ballot.lists.entries()) {
    const problem = nameProblem(name) ?? (reservedLabelOf(name) && `"${name}" reads as the ballot's own "${reservedLabelOf(name)}"`);
    if (problem) return fail('invalid', `ballot.lists.${i}: ${problem}`);
  }
  const clash = findNameClash([], ballot.lists);
  if (clash) return fail('invalid', `ballot.lists.${clash.index}: "${clash.name}" looks like "${clash.other}"`);
  return ok(undefined);
}

/**
 * Whether candidates may stand on this ballot: a referendum has none; on a list ballot each names
 * one of its lists, elsewhere none does; no name looks like a list's.
 */
export function checkCandidatesOnBallot(ballot: BallotDefinition, candidates: readonly Candidate[]): Result<void> {
  if (ballot.kind === 'referendum' && candidates.length > 0) return fail('invalid', 'candidates: a referendum has no candidates, only yes and no');
  for (const [i, candidate] of candidates.entries()) {
    if (ballot.kind !== 'list' && candidate.list !== undefined) return fail('invalid', `candidates.${i}.list: only a list ballot has lists`);
    if (ballot.kind === 'list' && (candidate.list === undefined || !ballot.lists.includes(candidate.list))) {
      return fail('invalid', `candidates.${i}.list: must be one of the ballot's lists (${ballot.lists.join(', ')})`);
    }
  }
  if (ballot.kind !== 'list') return ok(undefined);
  const clash = findNameClash(
    ballot.lists,
    candidates.map((c) => c.name),
  );
  // A clash between two candidates is checkNewCandidates' to report; here only one with a list.
  if (clash && clash.otherIndex === undefined) return fail('invalid', `candidates.${clash.index}.name: "${clash.name}" looks like the list "${clash.other}"`);
  return ok(undefined);
}

/** What a ballot still lacks before voting can start, or undefined. */
export function ballotNotReady(ballot: BallotDefinition, candidates: readonly Candidate[]): string | undefined {
  if (ballot.kind === 'referendum') return undefined;
  if (candidates.length === 0) return 'add candidates before starting';
  if (ballot.kind === 'multi' && ballot.maxChoices > candidates.length) return `the ballot allows ${ballot.maxChoices} choices but has ${candidates.length} candidates`;
  if (ballot.kind === 'ranked' && ballot.seats > candidates.length) return `the ballot fills ${ballot.seats} seats but has ${candidates.length} candidates`;
  if (ballot.kind === 'list') {
    const empty = ballot.lists.find((list) => !candidates.some((c) => c.list === list));
    if (empty !== undefined) return `the list "${empty}" has no candidates`;
  }
  return undefined;
}
