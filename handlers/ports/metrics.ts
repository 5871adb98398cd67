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
