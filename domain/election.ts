/** The vocabulary of an election: what an admin defines and what a voter fills in. */

export type ElectionId = string;

export interface Candidate {
  name: string;
  email: string;
  pageLink: string;
}

/** Choose exactly one of n, or up to k of n (k seats). Abstaining is always possible. */
export type BallotDefinition =
  | { kind: 'single' }
  | { kind: 'multi'; maxChoices: number };

/** What one ballot holds: the chosen candidates' names, sorted; an empty list is an abstention. */
export interface BallotContent {
  choices: string[];
}

export interface SealedBallot extends BallotContent {
  ballotId: string;
}

export interface VotingWindow {
  opensAt?: string;
  closesAt?: string;
}

export function seatsOf(ballot: BallotDefinition): number {
  return ballot.kind === 'single' ? 1 : ballot.maxChoices;
}
