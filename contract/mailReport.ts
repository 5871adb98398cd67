/** The mail report the API answers (`GET /elections/{id}/mail`) and the CLI prints: every voter's mail by its state, and those that went wrong. */
export type MailKind = 'credential' | 'reminder' | 'confirmation';
/** `postal`: the voter voted by post; their credential is revoked and nothing more is mailed to them. */
/** `held`: a credential waiting for voting to open (an election whose credentials go out at the start). */
export const MAIL_STATUSES = ['pending', 'sending', 'sent', 'delivered', 'undelivered', 'bounced', 'complained', 'postal', 'held'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

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

export interface MailReport {
  counts: Record<MailStatus, number>;
  /** Undelivered, bounced or complained, by student id. */
  problems: VoterMail[];
}
