import type { SealedPaperJson } from './sealedBox/sealedCast';
/** The vocabulary of an election: what an admin defines and what a voter fills in. */

import type { ListMethod, ListVote, RankedMethod } from './counting/sheet';

export type ElectionId = string;

export interface Candidate {
  name: string;
  email: string;
  pageLink: string;
  /** On a list ballot: the list the candidate stands on (candidates keep the order they were added in). */
  list?: string;
}

/**
 * "Re-open nominations": the pseudo-candidate a single or ranked ballot may offer. It is counted
 * like a candidate, and a seat it wins stays vacant. No candidate may be named like it
 * (ballotLabels.ts), so its stored name is unambiguous.
 */
export const RON = 'RON';

/** How a referendum's question is answered; an abstention is the empty ballot, as everywhere. */
export const REFERENDUM_ANSWERS = ['yes', 'no'] as const;

/**
 * What the ballot asks and how it is counted (docs/counting.md, "The rules, exactly", pins each rule):
 * - single: one of n, plurality; multi: up to k of n (k seats), plurality;
 * - ranked: candidates in order of preference, counted by IRV, Scottish STV, Meek STV or Schulze;
 * - list: personal votes to candidates of party lists (at most `maxPerCandidate` each, `votes` in
 *   all), or a vote for a whole list, counted as `listVote` says; seats to lists by D'Hondt,
 *   Sainte-Laguë or Hare-Niemeyer;
 * - referendum: yes or no, passed by a simple or two-thirds majority, with an optional quorum.
 * Abstaining is always possible.
 */
export type BallotDefinition =
  | { kind: 'single'; ron?: boolean }
  | { kind: 'multi'; maxChoices: number }
  | { kind: 'ranked'; method: RankedMethod; seats: number; ron?: boolean }
  | { kind: 'list'; method: ListMethod; seats: number; lists: string[]; votes: number; maxPerCandidate: number; listVote?: ListVote }
  | { kind: 'referendum'; majority: 'simple' | 'two-thirds'; quorumPercent?: number };

/**
 * What one ballot holds; an empty list is an abstention. single, multi: the chosen names, sorted;
 * ranked: the names in order of preference; list: one name per personal vote, sorted (a name
 * given three votes appears three times), or the one list voted for; referendum: "yes" or "no".
 */
export interface BallotContent {
  choices: string[];
}

export interface SealedBallot extends BallotContent {
  ballotId: string;
  /** In a sealed election: the encrypted paper, under its tracker as `ballotId`; `choices` is then empty until the box is opened. */
  sealed?: SealedPaperJson;
}

export interface VotingWindow {
  opensAt?: string;
  closesAt?: string;
}

/** Seats to fill; a referendum fills none. */
export function seatsOf(ballot: BallotDefinition): number {
  switch (ballot.kind) {
    case 'single':
      return 1;
    case 'multi':
      return ballot.maxChoices;
    case 'referendum':
      return 0;
    default:
      return ballot.seats;
  }
}

/** The names a ballot may hold besides candidates: RON, the lists, the referendum's answers. */
export function ballotOptions(ballot: BallotDefinition): string[] {
  if (ballot.kind === 'list') return [...ballot.lists];
  if (ballot.kind === 'referendum') return [...REFERENDUM_ANSWERS];
  return 'ron' in ballot && ballot.ron ? [RON] : [];
}

/**
 * Every name a ballot may hold: the candidates, then RON, the lists or the referendum's answers.
 * Here rather than in ./ballot.ts, so that the paper encoding (domain/crypto/paperEncoding.ts),
 * bundled for the voter page, does not bring the name comparison's table of confusable characters along.
 */
export function namesOnBallot(definition: BallotDefinition, candidates: readonly Candidate[]): string[] {
  return [...candidates.map((c) => c.name), ...ballotOptions(definition)];
}
