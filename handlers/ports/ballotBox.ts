import type { SealedBallot } from '../../domain';
import type { ReadOptions } from './eventStream';

/**
 * A cast's one transaction either lands or says why not; `invalid_token` covers unknown, foreign
 * and revoked credentials alike; `not_eligible`: the credential's voter is in none of the groups
 * of a contest the cast has a paper for; `contended`: another cast with the same credential was
 * being written at the same moment; `duplicate_paper`: a sealed paper with the same ciphertexts is
 * already in its box (a copy of another voter's).
 */
export type CastOutcome = 'accepted' | 'already_voted' | 'invalid_token' | 'contended' | 'not_eligible' | 'duplicate_paper';

/** One paper of a cast: its ballot, into its contest's box. */
export interface CastPaper {
  box: string;
  ballot: SealedBallot;
}

export interface CastWrite {
  tokenHash: string;
  papers: CastPaper[];
  /** For each paper in a contest open to some groups only, those groups: the credential must hold one of each. */
  eligibility: string[][];
  /** The 2019 API names its voter: the credential must be theirs. */
  studentId?: string;
  /** When the confirmation mail is queued. */
  queuedAt: string;
}

/** The ballot box: each credential's participation marker, and each contest's ballots, unlinkable to them. */
export interface BallotBox {
  /**
   * One transaction: the participation marker and every paper's ballot, checks that the credential
   * exists for this election, is not revoked and may vote in each contest, and the queued
   * confirmation. All or nothing.
   */
  castBallot(electionId: string, cast: CastWrite): Promise<CastOutcome>;
  /** Whether this credential's participation marker is in the box. */
  hasVoted(electionId: string, tokenHash: string): Promise<boolean>;
  /** A contest's ballot box, by its boxName (the election's id in an election of one contest). */
  readBallots(box: string): Promise<SealedBallot[]>;
  /** A ballot box as one stream per shard, each in ballot-id order, a page at a time: merged, they give the box in order without holding it. */
  ballotsByShard(box: string): AsyncIterable<SealedBallot[]>[];
  /**
   * A page of the box in ballot-id order: the first `limit` ballots whose id comes after `after`
   * (from the start without it). It reads at most `limit` ballots of each shard, however full the
   * box: the public board's page costs the same at the last voter as at the first.
   */
  ballotsAfter(box: string, after: string | undefined, limit: number): Promise<SealedBallot[]>;
  /** The ballot with this id (paperIdOf a receipt), if it is in the box. */
  findBallot(box: string, ballotId: string): Promise<SealedBallot | undefined>;
  countBallots(box: string, options?: ReadOptions): Promise<number>;
  countParticipation(electionId: string, options?: ReadOptions): Promise<number>;
}
