import type { Readable } from 'node:stream';
import type { ChainHead, ElectionState, EmailTaken, RecordedEvent, SealedBallot } from '../domain';

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
  /** Resolves to SES's message id, by which its bounce, complaint or delivery is matched later. */
  send(message: MailMessage): Promise<string | undefined>;
  /** The same content to each recipient, one message each (never a shared To or Bcc); at most BULK_LIMIT. */
  sendToEach(recipients: string[], content: MailContent): Promise<BulkOutcome[]>;
  /** Messages per second the account may send (SES's SendQuota.MaxSendRate). */
  maxSendRate(): Promise<number>;
}

/** Structured logging. Callers never pass tokens or ballot choices. */
export interface Log {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** What the dashboard shows; each is counted (or timed) where it happens. */
export const METRIC = {
  castAccepted: 'CastAccepted',
  /** By `reason`: the code the voter was answered with. */
  castRefused: 'CastRefused',
  /** A command that found the stream moved on and decided again. */
  streamConflict: 'StreamConflict',
  mailSent: 'MailSent',
  mailRetried: 'MailRetried',
  mailUndelivered: 'MailUndelivered',
  /** By `outcome`: bounced, complained or delivered, as SES reported it later. */
  mailReported: 'MailReported',
  breachRecorded: 'BreachRecorded',
  /** By `step`: a lifecycle task's run, in milliseconds. */
  lifecycleStepDuration: 'LifecycleStepDuration',
} as const;
export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** Operational figures (EMF on AWS, flushed once per invocation). Never a token, an address or a choice as a dimension. */
export interface Metrics {
  count(name: MetricName, value?: number, dimensions?: Record<string, string>): void;
  duration(name: MetricName, ms: number, dimensions?: Record<string, string>): void;
}

export interface LoadedElection {
  state: ElectionState;
  head: ChainHead;
}

export interface Credential {
  electionId: string;
  studentId: string;
  email: string;
  /** The voter's groups, from the roll: a cast's papers in contests open to some groups only are checked against them. */
  groups?: string[];
}

/** Which credential: a voter's generation g is their g-th, and every earlier one is revoked. */
export interface CredentialRef {
  electionId: string;
  studentId: string;
  generation: number;
}

/**
 * Derives a voter's token from what identifies it (a keyed MAC: a KMS HMAC key on AWS), so the
 * token is never stored anywhere: the sender derives it to mail it, the re-issuer to revoke it.
 */
export interface CredentialMinter {
  tokenFor(credential: CredentialRef): Promise<string>;
}

export interface NewVoter {
  /** Normalised (studentIdKey): the roll's key. */
  studentId: string;
  email: string;
  /** Claim the address on the roll's e-mail index; a voter the admin allowed to share an address skips that once it is taken. */
  claimEmail: boolean;
  /** The voter's groups (folded, each once), kept on the roll entry for the contests they may vote in. */
  groups?: string[];
}

export interface Voter {
  studentId: string;
  email: string;
  /** The voter's groups, when they have any. */
  groups?: string[];
}

/** A roll entry as the roll's pages give it: no address. */
export type RollEntry = Pick<Voter, 'studentId' | 'groups'>;

/** Side effects that must happen once although the step doing them may run again. */
export type OnceOnly = { kind: 'mail-batch'; electionId: string; mailing: string; batch: number } | { kind: 'seal-notice'; electionId: string } | { kind: 'breach-alert'; cloudTrailEventId: string };

/**
 * A cast's one transaction either lands or says why not; `invalid_token` covers unknown, foreign
 * and revoked credentials alike; `not_eligible`: the credential's voter is in none of the groups
 * of a contest the cast has a paper for.
 */
export type CastOutcome = 'accepted' | 'already_voted' | 'invalid_token' | 'contended' | 'not_eligible';

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

/** `email_taken`: a corrected address another voter holds. */
export type ReissueOutcome = 'reissued' | 'already_voted' | 'moved' | 'email_taken';

/** A voter's request for their link by address, claimed by the sender to answer. */
export interface ClaimedLinkRequest {
  key: MailKey;
  electionId: string;
  /** As the requester typed it; gone from the item once the request is answered. */
  address: string;
  /** Already in a LinkRequestsCounted event: a sender died after counting it. */
  counted: boolean;
}

/** A voter's credential mail to send again, unchanged, at their request by address. */
export interface CredentialResend {
  electionId: string;
  studentId: string;
  /** The generation read: the mail goes again only if no re-issue moved it on meanwhile. */
  generation: number;
  now: Date;
  /** Refused when the voter's last request was after `lastBefore`, or they made `maxRequests` already. */
  lastBefore: Date;
  maxRequests: number;
}

export type MailKind = 'credential' | 'reminder' | 'confirmation';
/** `postal`: the voter voted by post; their credential is revoked and nothing more is mailed to them. */
export const MAIL_STATUSES = ['pending', 'sending', 'sent', 'delivered', 'undelivered', 'bounced', 'complained', 'postal'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export interface MailKey {
  pk: string;
  sk: string;
}

/** A mail item claimed for sending: what the sender needs to write it. */
export interface ClaimedMail {
  key: MailKey;
  electionId: string;
  kind: MailKind;
  generation: number;
  attempts: number;
  /** A voter's mail (credential, reminder); their address is read from the roll. */
  studentId?: string;
  /** A confirmation's credential. */
  tokenHash?: string;
  /** Which of the voter's address corrections is in force; absent: the roll entry's address. */
  correction?: number;
}

export type MailOutcome =
  /** `tokenHash`: the credential a voter's mail carried, kept so that a reminder can tell whether it has voted. */
  | { status: 'sent'; messageId?: string; tokenHash?: string }
  | { status: 'undelivered'; reason: string }
  /** Transient: back in the queue, due again at `due`. */
  | { status: 'retry'; reason: string; due: string }
  /** Nothing to send after all (a reminder to a voter who has voted): back to sent. */
  | { status: 'skipped' };

/** A voter's credential mail as the admin sees it. */
export interface VoterMail {
  studentId: string;
  email: string;
  kind: MailKind;
  generation: number;
  status: MailStatus;
  reason?: string;
  /** Which of the voter's address corrections is in force; absent: the roll entry's address. */
  correction?: number;
}

/** A voter whose mail went out (sent, or delivered), or who has this round's reminder already, as the reminders read them. */
export interface RemindableVoter {
  key: MailKey;
  generation: number;
  status: MailStatus;
  /** The hash of the credential last mailed to them; absent when the sender did not record it, and then the sender checks. */
  tokenHash?: string;
  /** The last reminder round queued for them. */
  reminderRound?: number;
}

export interface MailReport {
  counts: Record<MailStatus, number>;
  /** Undelivered, bounced or complained, by student id. */
  problems: VoterMail[];
}

/** The mail table: the outbox and each voter's delivery state. */
export interface MailQueue {
  /** Takes a due item for sending, or undefined when it is not due, settled, or someone else holds it (their lease not run out). */
  claim(key: MailKey, now: Date, leaseMs: number): Promise<ClaimedMail | undefined>;
  /** Records what became of a claimed item; a re-issue that moved the item on meanwhile wins. */
  settle(mail: ClaimedMail, outcome: MailOutcome, now: Date): Promise<void>;
  /** Items due by `now` (pending, or sending with a lease that may have run out), at most `limit`. */
  due(now: Date, limit: number): Promise<MailKey[]>;
  voterMail(electionId: string, studentId: string): Promise<VoterMail | undefined>;
  /** SES's later word on a sent message; false when the message is not ours or no longer the item's latest. */
  recordMailEvent(messageId: string, outcome: 'delivered' | 'bounced' | 'complained', reason?: string): Promise<boolean>;
  report(electionId: string): Promise<MailReport>;
  /**
   * The election's voters whose mail went out, and those given reminder `round` already whatever
   * became of it (queued, sent, bounced): a round run again counts every voter it reminded.
   */
  remindable(electionId: string, round: number): AsyncIterable<RemindableVoter[]>;
  /**
   * Takes the right to send the alerts of one CloudTrail event for `leaseMs`: false while another
   * delivery of it (the other path) holds an unexpired claim. The mail table is the one mutable
   * table, so a claim whose holder died can be taken over once its lease runs out.
   */
  claimBreachAlert(cloudTrailEventId: string, now: Date, leaseMs: number): Promise<boolean>;
  /** Gives a claim up at once (its alert failed), so that the delivery Lambda retries takes it again; only the claim made at `now`. */
  releaseBreachAlert(cloudTrailEventId: string, now: Date, leaseMs: number): Promise<void>;
  /** Queues reminder `round` for the voter; false when their item changed since it was read (a re-issue, a bounce). */
  queueReminder(voter: RemindableVoter, round: number, now: Date): Promise<boolean>;
  /** Queues a voter's request for their link by address: one new item, the same write whatever the address. */
  queueLinkRequest(electionId: string, address: string, now: Date): Promise<void>;
  /** Takes a queued link request to answer, like `claim`. */
  claimLinkRequest(key: MailKey, now: Date, leaseMs: number): Promise<ClaimedLinkRequest | undefined>;
  /**
   * Puts the voter's credential mail back in the queue, the same generation (the same link),
   * unless it is in flight already, the voter voted by post, a re-issue moved it on, or the
   * voter's requests are over their limits: false then.
   */
  resendCredential(resend: CredentialResend): Promise<boolean>;
  /** Takes an answered request out of the queue and drops its address. */
  settleLinkRequest(request: ClaimedLinkRequest): Promise<void>;
}

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
  appendWithVoters(electionId: string, head: ChainHead, events: RecordedEvent[], state: ElectionState, voters: NewVoter[]): Promise<void>;
  readEvents(electionId: string): Promise<RecordedEvent[]>;
  /** The newest event of this type and every event after it, in order, reading the stream from its end; none if there is no such event. */
  readEventsSince(electionId: string, type: RecordedEvent['type']): Promise<RecordedEvent[]>;
  /** Up to `limit` events after event number `afterSeq`, in order, read eventually consistent (a page of the log as observers follow it). */
  readEventPage(electionId: string, afterSeq: number, limit: number): Promise<RecordedEvent[]>;
  findCredential(tokenHash: string): Promise<Credential | undefined>;
  /** Whether this credential's participation marker is in the box. */
  hasVoted(electionId: string, tokenHash: string): Promise<boolean>;
  /** Writes a credential the minter derived; writing it again changes nothing. */
  issueCredential(tokenHash: string, credential: Credential & { generation: number }): Promise<void>;
  /**
   * One transaction: the participation marker and every paper's ballot, checks that the credential
   * exists for this election, is not revoked and may vote in each contest, and the queued
   * confirmation. All or nothing.
   */
  castBallot(electionId: string, cast: CastWrite): Promise<CastOutcome>;
  /** Like append, with the revocation, the not-voted check and the re-queued mail in the same transaction. Throws StreamConflict like append. */
  appendWithReissue(electionId: string, head: ChainHead, events: RecordedEvent[], state: ElectionState, reissue: Reissue): Promise<ReissueOutcome>;
  /** Like append, marking each of these claimed link requests counted in the same transaction. Throws StreamConflict like append. */
  appendWithCountedLinkRequests(electionId: string, head: ChainHead, events: RecordedEvent[], state: ElectionState, requests: MailKey[]): Promise<void>;
  /**
   * Like append, with each postal voter's mark (put once), their credential's revocation and their
   * mail item set to `postal`, in the same transaction. Throws PostalConflict naming the voters
   * already marked or whose credential moved on, StreamConflict like append.
   */
  appendWithPostalVoters(electionId: string, head: ChainHead, events: RecordedEvent[], state: ElectionState, voters: PostalVoter[]): Promise<void>;
  /** The student id holding this address on the roll, if any. */
  findVoterByEmail(electionId: string, email: string): Promise<string | undefined>;
  /** The voter's roll entry: the address credentials go to, from the append-only table the trail watches. */
  /** The voter with their address: the roll entry's, or that of address correction `correction`. */
  findVoter(electionId: string, studentId: string, correction?: number): Promise<Voter | undefined>;
  /** A contest's ballot box, by its boxName (the election's id in an election of one contest). */
  readBallots(box: string): Promise<SealedBallot[]>;
  /** A ballot box as one stream per shard, each in ballot-id order, a page at a time: merged, they give the box in order without holding it. */
  ballotsByShard(box: string): AsyncIterable<SealedBallot[]>[];
  /** The ballot with this id (paperIdOf a receipt), if it is in the box. */
  findBallot(box: string, ballotId: string): Promise<SealedBallot | undefined>;
  countBallots(box: string, options?: ReadOptions): Promise<number>;
  countParticipation(electionId: string, options?: ReadOptions): Promise<number>;
  listVoters(electionId: string): Promise<Voter[]>;
  /** The roll entries whose student ids lie between first and last, inclusive. */
  listVoterRange(electionId: string, first: string, last: string): Promise<Voter[]>;
  /** The roll's student ids (with their groups) in key order, a page of the table at a time: a large roll is never held whole. */
  rollPages(electionId: string): AsyncIterable<RollEntry[]>;
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

/** An election's audit export: its log as it stood at event `seq`. The log only grows, so an export never changes. */
export interface AuditExportRef {
  electionId: string;
  seq: number;
}

/**
 * Where published audit exports are kept (a private S3 bucket on AWS, a directory locally), as
 * gzipped NDJSON: each written once, then handed out by a short-lived link.
 */
export interface AuditExportStore {
  /** Writes the export from its gzipped bytes; when it is there already (another writer won), the first one stands. */
  put(ref: AuditExportRef, gzipped: Readable): Promise<void>;
  /** A short-lived URL of the export, or undefined while it is not written. */
  link(ref: AuditExportRef): Promise<string | undefined>;
}

/** Someone else appended to the stream since it was loaded; reload and decide again. */
export class StreamConflict extends Error {
  constructor(electionId: string) {
    super(`the event stream of ${electionId} moved on; reload and retry`);
  }
}

/** A voter whose address is on the roll under another student id already: defined with the rules that refuse them (domain/registration.ts). */
export type { EmailTaken };

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
  /** The reminder times, in order; the workflow waits for each in turn. */
  reminders: string[];
}

/**
 * Starts the workflow that opens (when scheduled), closes, tallies, mails and publishes an
 * election. One execution per election: starting it again while it runs changes nothing.
 */
export interface LifecycleStarter {
  startLifecycle(input: LifecycleInput): Promise<void>;
  /** Runs the workflow again after it stopped at a failed step; `attempt` counts the election's retries. */
  resumeLifecycle(input: LifecycleInput, attempt: number): Promise<void>;
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
  mail: MailQueue;
  minter: CredentialMinter;
  mailer: Mailer;
  clock: Clock;
  log: Log;
  metrics: Metrics;
  lifecycle: LifecycleStarter;
  auditExports: AuditExportStore;
  /** A new receipt: random, unlinkable to the voter, handed to the voter only and stored nowhere. */
  newReceipt(): string;
  newElectionId(): string;
  adminTokenHash: string;
  publicUrl: string;
}
