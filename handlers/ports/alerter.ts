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
