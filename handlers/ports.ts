import type { ChainHead, ElectionState, RecordedEvent, SealedBallot } from '../domain';

/** The small interfaces the handlers need from the outside world; adapters implement them. */

export interface Clock {
  now(): Date;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface MailContent {
  subject: string;
  text: string;
}

/** Per recipient: sent, or why not. */
export type BulkOutcome = { to: string; sent: true } | { to: string; sent: false; reason: string };

/** SES's limit of destinations per SendBulkEmail call. */
export const BULK_LIMIT = 50;

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** The same content to each recipient, one message each (never a shared To or Bcc); at most BULK_LIMIT. */
  sendToEach(recipients: string[], content: MailContent): Promise<BulkOutcome[]>;
}

/** Structured logging. Callers never pass tokens or ballot choices. */
export interface Log {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface LoadedElection {
  state: ElectionState;
  head: ChainHead;
}

export interface Credential {
  electionId: string;
  studentId: string;
  email: string;
}

export interface NewVoter {
  /** Normalised (studentIdKey): the roll's key. */
  studentId: string;
  email: string;
  tokenHash: string;
  /** Claim the address on the roll's e-mail index; a voter the admin allowed to share an address skips that once it is taken. */
  claimEmail: boolean;
}

export interface Voter {
  studentId: string;
  email: string;
}

/** Side effects that must happen once although the step doing them may run again. */
export type OnceOnly =
  | { kind: 'mail-batch'; electionId: string; mailing: string; batch: number }
  | { kind: 'seal-notice'; electionId: string }
  | { kind: 'breach-alert'; cloudTrailEventId: string };

export type CastOutcome = 'accepted' | 'already_voted' | 'contended';

/** Reads are strongly consistent unless `consistent: false`: half the read units, possibly a second behind. */
export interface ReadOptions {
  consistent?: boolean;
}

/** One page of a mailing's plan: the roll entries from `first` to `last`, inclusive. */
export interface MailPage {
  first: string;
  last: string;
}

export interface ElectionStore {
  load(electionId: string, options?: ReadOptions): Promise<LoadedElection>;
  /** Appends events and the state they lead to, atomically; throws StreamConflict if the head moved. */
  append(electionId: string, head: ChainHead, events: RecordedEvent[], state: ElectionState): Promise<void>;
  /**
   * Like append, with the voters' roll entries and credentials in the same transaction.
   * Throws RollConflict naming the student ids that are on the roll already and the voters whose
   * e-mail address another student id holds.
   */
  appendWithVoters(
    electionId: string,
    head: ChainHead,
    events: RecordedEvent[],
    state: ElectionState,
    voters: NewVoter[],
  ): Promise<void>;
  readEvents(electionId: string): Promise<RecordedEvent[]>;
  /** The newest event of this type, reading the stream from its end. */
  findLatestEvent<T extends RecordedEvent['type']>(electionId: string, type: T): Promise<Extract<RecordedEvent, { type: T }> | undefined>;
  findCredential(tokenHash: string): Promise<Credential | undefined>;
  /** Writes the participation marker and the ballot in one transaction: both or neither. */
  castBallot(electionId: string, tokenHash: string, ballot: SealedBallot): Promise<CastOutcome>;
  readBallots(electionId: string): Promise<SealedBallot[]>;
  /** The ballot with this id (ballotIdOf a receipt), if it is in the box. */
  findBallot(electionId: string, ballotId: string): Promise<SealedBallot | undefined>;
  countBallots(electionId: string): Promise<number>;
  countParticipation(electionId: string, options?: ReadOptions): Promise<number>;
  listVoters(electionId: string): Promise<Voter[]>;
  /** The roll entries whose student ids lie between first and last, inclusive. */
  listVoterRange(electionId: string, first: string, last: string): Promise<Voter[]>;
  /** The roll's student ids in key order, a page of the table at a time: a large roll is never held whole. */
  voterIdPages(electionId: string): AsyncIterable<string[]>;
  /** Writes one page of a mailing's plan; a page planned before stays as it is. */
  planMailPage(electionId: string, mailing: string, page: number, range: MailPage): Promise<void>;
  readMailPage(electionId: string, mailing: string, page: number): Promise<MailPage | undefined>;
  /** Whether a one-time side effect already happened (a retried step skips it), and noting that it did. */
  isDone(effect: OnceOnly): Promise<boolean>;
  markDone(effect: OnceOnly): Promise<void>;
  recordUndeliveredMail(electionId: string, studentId: string, purpose: string, reason: string): Promise<void>;
  listElectionIds(): Promise<string[]>;
  /** The election's secret salt for the voter hashes of its audit export. */
  rollSalt(electionId: string): Promise<string>;
}

/** Someone else appended to the stream since it was loaded; reload and decide again. */
export class StreamConflict extends Error {
  constructor(electionId: string) {
    super(`the event stream of ${electionId} moved on; reload and retry`);
  }
}

/** A voter whose address is on the roll under another student id already. */
export interface EmailTaken {
  studentId: string;
  registeredAs: string;
}

export class RollConflict extends Error {
  constructor(
    readonly alreadyRegistered: string[],
    readonly emailTaken: EmailTaken[],
  ) {
    super(`${alreadyRegistered.length} voter(s) already registered, ${emailTaken.length} address(es) already on the roll`);
  }
}

/** What the lifecycle workflow is started with. */
export interface LifecycleInput {
  electionId: string;
  opensAt: string;
  closesAt: string;
}

/**
 * Starts the workflow that opens (when scheduled), closes, tallies, mails and publishes an
 * election. One execution per election: starting it again while it runs changes nothing.
 */
export interface LifecycleStarter {
  startLifecycle(input: LifecycleInput): Promise<void>;
}

export interface Alert {
  subject: string;
  message: string;
  /** The same facts as the message, machine-readable (SNS message attributes). */
  attributes: Record<string, string>;
}

/** Reaches the independent observers (SNS on AWS, the local mailbox locally). */
export interface Alerter {
  alert(alert: Alert): Promise<void>;
}

export interface Deps {
  store: ElectionStore;
  mailer: Mailer;
  clock: Clock;
  log: Log;
  lifecycle: LifecycleStarter;
  /** A new voter credential: at least 128 bits from a CSPRNG. */
  newToken(): string;
  /** A new receipt: random, unlinkable to the voter, handed to the voter only and stored nowhere. */
  newReceipt(): string;
  newElectionId(): string;
  adminTokenHash: string;
  publicUrl: string;
}
