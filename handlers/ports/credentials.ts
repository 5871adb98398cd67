import type { ChainHead, ElectionState, Language, RecordedEvent } from '../../domain';

export interface Credential {
  electionId: string;
  studentId: string;
  email: string;
  /** The voter's groups, from the roll: a cast's papers in contests open to some groups only are checked against them. */
  groups?: string[];
  /** The voter's language from the roll, when it names one: their ballot's confirmation is in it. */
  language?: Language;
}

/** Revokes a voter's credential and queues the next one, in one transaction with the event that records it. */
export interface Reissue {
  studentId: string;
  /** The generation being revoked: the write fails if the voter's mail item has moved on. */
  generation: number;
  revokedTokenHash: string;
  queuedAt: string;
  /**
   * An admin's correction of the address before lock: written as correction number `correction`
   * beside the roll entry (which never changes), the address claimed for the voter unless shared.
   */
  newAddress?: { email: string; claim: boolean; correction: number };
}

/** `email_taken`: a corrected address another voter holds. */
export type ReissueOutcome = 'reissued' | 'already_voted' | 'moved' | 'email_taken';

/** A voter marked as having voted by post: their credential of this generation is revoked with the mark. */
export interface PostalVoter {
  studentId: string;
  generation: number;
  revokedTokenHash: string;
}

/** Postal voters a transaction could not mark: already marked, or whose credential moved on meanwhile (a re-issue). */
export class PostalConflict extends Error {
  constructor(
    readonly alreadyPostal: string[],
    readonly moved: string[],
  ) {
    super(`${alreadyPostal.length} voter(s) already marked as postal voters, ${moved.length} credential(s) changed meanwhile`);
  }
}

/**
 * The voters' credentials, by the hash of their token, and their revocations: by a re-issue, or
 * by a postal vote. A revoked credential never casts again.
 */
export interface Credentials {
  findCredential(tokenHash: string): Promise<Credential | undefined>;
  /** Writes a credential the minter derived; writing it again changes nothing. */
  issueCredential(tokenHash: string, credential: Credential & { generation: number }): Promise<void>;
  /**
   * Like append, with the revocation, the check that the revoked credential has not voted, the
   * re-queued mail of the next generation and an address correction in the same transaction:
   * `already_voted`, `email_taken` (the corrected address is another voter's) and `moved` (the
   * voter's mail is of another generation or postal, the credential revoked already, or the
   * correction's number taken) change nothing. Throws StreamConflict like append.
   */
  appendWithReissue(electionId: string, head: ChainHead, events: RecordedEvent[], state: ElectionState, reissue: Reissue): Promise<ReissueOutcome>;
  /**
   * Like append, with each postal voter's mark (put once), their credential's revocation and their
   * mail item set to `postal`, in the same transaction. Throws PostalConflict naming the voters
   * already marked or whose credential moved on, StreamConflict like append.
   */
  appendWithPostalVoters(electionId: string, head: ChainHead, events: RecordedEvent[], state: ElectionState, voters: PostalVoter[]): Promise<void>;
}
