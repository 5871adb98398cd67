/** The `service` of every log line and the default dimension of every metric. */
export const SERVICE_NAME = 'student-election';

/** The CloudWatch namespace of every metric this system emits; the dashboard reads it. */
export const METRIC_NAMESPACE = 'StudentElection';
