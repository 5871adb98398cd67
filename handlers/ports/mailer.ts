export interface MailMessage extends MailContent {
  to: string;
}

export interface MailContent {
  subject: string;
  text: string;
  /** The sender's display name the committee chose for the election's voter mail; the deployment's address stays the sender's. */
  fromName?: string;
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
