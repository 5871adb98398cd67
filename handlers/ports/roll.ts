import type { ChainHead, ElectionState, EmailTaken, Language, RecordedEvent } from '../../domain';

export interface NewVoter {
  /** Normalised (studentIdKey): the roll's key. */
  studentId: string;
  email: string;
  /** Claim the address on the roll's e-mail index; a voter the admin allowed to share an address skips that once it is taken. */
  claimEmail: boolean;
  /** The voter's groups (folded, each once), kept on the roll entry for the contests they may vote in. */
  groups?: string[];
  /** The language the voter's mail is in, when the roll names one (else the election's). */
  language?: Language;
}

export interface Voter {
  studentId: string;
  email: string;
  /** The voter's groups, when they have any. */
  groups?: string[];
  /** The voter's language, when the roll names one. */
  language?: Language;
}

/** A roll entry as the roll's pages give it: no address. */
export type RollEntry = Pick<Voter, 'studentId' | 'groups'>;

export class RollConflict extends Error {
  constructor(
    readonly alreadyRegistered: string[],
    readonly emailTaken: EmailTaken[],
  ) {
    super(`${alreadyRegistered.length} voter(s) already registered, ${emailTaken.length} address(es) already on the roll`);
  }
}

/** The roll: each voter's entry (never changed), the addresses it claims, an admin's corrections beside it, and its secret salt. */
export interface Roll {
  /**
   * Like append, with the voters' roll entries, their address claims and their queued credential
   * mail (generation 1) in the same transaction. Throws RollConflict naming the student ids that
   * are on the roll already and the voters whose e-mail address another student id holds;
   * StreamConflict like append.
   */
  appendWithVoters(electionId: string, head: ChainHead, events: RecordedEvent[], state: ElectionState, voters: NewVoter[]): Promise<void>;
  /** The student id holding this address on the roll, if any. */
  findVoterByEmail(electionId: string, email: string): Promise<string | undefined>;
  /** The voter with their address: the roll entry's, or that of address correction `correction`. */
  findVoter(electionId: string, studentId: string, correction?: number): Promise<Voter | undefined>;
  listVoters(electionId: string): Promise<Voter[]>;
  /** The roll entries whose student ids lie between first and last, inclusive. */
  listVoterRange(electionId: string, first: string, last: string): Promise<Voter[]>;
  /** The roll's student ids (with their groups) in key order, a page of the table at a time: a large roll is never held whole. */
  rollPages(electionId: string): AsyncIterable<RollEntry[]>;
  /** The election's secret salt for the voter hashes of its audit export. */
  rollSalt(electionId: string): Promise<string>;
}
