/** Side effects that must happen once although the step doing them may run again. */
export type OnceOnly =
  | { kind: 'mail-batch'; electionId: string; mailing: string; batch: number }
  | { kind: 'seal-notice'; electionId: string }
  /** The observers told that a sealed box waits for the committee to open it. */
  | { kind: 'opening-notice'; electionId: string }
  /** The committee called, and the observers told, that the counted results wait for the committee's acceptance. */
  | { kind: 'acceptance-call'; electionId: string }
  /** The committee reminded on the `day`th day (since the count) that the results still wait for it. */
  | { kind: 'acceptance-reminder'; electionId: string; day: number }
  | { kind: 'breach-alert'; cloudTrailEventId: string }
  /** The election's personal data erased, all of it, after its deletion was recorded. */
  | { kind: 'personal-data-erased'; electionId: string };

/** One page of a mailing's plan: the roll entries from `first` to `last`, inclusive. */
export interface MailPage {
  first: string;
  last: string;
}

/** What the lifecycle and the breach handler did already, so that a step run again does it once: each record is put once and never changes. */
export interface EffectsLedger {
  /** Whether a one-time side effect already happened (a retried step skips it), and noting that it did. */
  isDone(effect: OnceOnly): Promise<boolean>;
  markDone(effect: OnceOnly): Promise<void>;
  /** Writes one page of a mailing's plan; a page planned before stays as it is. */
  planMailPage(electionId: string, mailing: string, page: number, range: MailPage): Promise<void>;
  readMailPage(electionId: string, mailing: string, page: number): Promise<MailPage | undefined>;
  /** Keeps a mail that could not be delivered, for the record; the first failure of a voter's mail of one purpose stands. */
  recordUndeliveredMail(electionId: string, studentId: string, purpose: string, reason: string): Promise<void>;
}
