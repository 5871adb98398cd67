/** A voter's latest credential generation: every credential they ever had is one of generations 1 to `generation`. */
export interface VoterCredentials {
  studentId: string;
  generation: number;
}

/** How many items of each kind an erasure deleted (0 for a kind it found nothing of, as when run again). */
export type ErasedCounts = Readonly<Record<'rollEntries' | 'otherItems', number>>;

/**
 * What an election keeps beside its log on the election tables that names its voters: deleted, all
 * of it, once the election's retention is over (domain/retention.ts). The log, the ballot box and
 * the participation markers stay: they hold no address and no student id, only keyed hashes whose
 * key (the roll's salt) goes with the rest.
 */
export interface PersonalRecords {
  /** Deletes each credential with one of these token hashes, and its revocation; a hash with neither is skipped. How many credentials it deleted. */
  eraseCredentials(tokenHashes: readonly string[]): Promise<number>;
  /**
   * Deletes every item of the election that names a voter or their address: the roll's entries,
   * the addresses the roll claims, address corrections, postal marks, undelivered mail with its
   * reasons, the mailings' plans (ranges of student ids), and last the roll's salt. Run again, it
   * deletes what a run cut short left.
   */
  eraseVoterRecords(electionId: string): Promise<ErasedCounts>;
}

/** The election's mail on the mail table, which names voters and their addresses until it is erased. */
export interface PersonalMail {
  /** The generation of each voter's credential mail item, a page at a time: which credentials to erase. */
  voterCredentialPages(electionId: string): AsyncIterable<VoterCredentials[]>;
  /**
   * Deletes every mail item of the election (each voter's credential and reminder item, each
   * cast's confirmation, each request for a link, with addresses, bounce reasons, token hashes and
   * message ids) and, before each, the item of every message it was sent as, which names it (a
   * re-issue, a reminder or a resend sends an item again under a new message id). Run again, it
   * deletes what a run cut short left. How many items it deleted.
   */
  eraseElectionMail(electionId: string): Promise<number>;
}
