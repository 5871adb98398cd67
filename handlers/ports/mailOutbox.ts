import type { MailKind, MailReport, MailStatus, VoterMail } from '../../contract/mailReport';

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

/**
 * The outbox: each voter's mail item (their credential's generation and its delivery), the
 * confirmations casts queue, and the queue of everything due to send. Every change is
 * conditional, so a repeat, a race or a re-issue meanwhile changes nothing twice.
 */
export interface MailOutbox {
  /** Takes a due item for sending, or undefined when it is not due, settled, or someone else holds it (their lease not run out). */
  claim(key: MailKey, now: Date, leaseMs: number): Promise<ClaimedMail | undefined>;
  /** Records what became of a claimed item; a re-issue that moved the item on meanwhile wins. */
  settle(mail: ClaimedMail, outcome: MailOutcome, now: Date): Promise<void>;
  /** Items due by `now` (pending, or sending with a lease that may have run out; voters' link requests too), at most `limit`. */
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
  /** Queues reminder `round` for the voter; false when their item changed since it was read (a re-issue, a bounce). */
  queueReminder(voter: RemindableVoter, round: number, now: Date): Promise<boolean>;
  /** The election's credentials held until voting opens, a page at a time. */
  heldCredentials(electionId: string): AsyncIterable<MailKey[]>;
  /** Queues a held credential to send now; false when it is no longer held (released already, or the voter marked postal). */
  releaseCredential(key: MailKey, now: Date): Promise<boolean>;
  /**
   * Puts the voter's credential mail back in the queue, the same generation (the same link),
   * unless it is in flight already or still held, the voter voted by post, a re-issue moved it on, or the
   * voter's requests are over their limits: false then.
   */
  resendCredential(resend: CredentialResend): Promise<boolean>;
}
