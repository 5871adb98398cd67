/**
 * The tasks of the lifecycle workflow, by the name of its state in the state machine: the state
 * machine (`workflows/`), the stack's functions (`infra/`) and the handlers that run them
 * (`handlers/lifecycle/`) all go by these names.
 */
export const LIFECYCLE_TASK_NAMES = [
  'OpenVoting',
  'ReleaseCredentials',
  'QueueReminders',
  'CloseVoting',
  'TallyBallots',
  'AwaitOpening',
  'CountOpened',
  'AwaitAcceptance',
  'IssueRecord',
  'PlanResultMail',
  'MailResultBatch',
  'PublishResults',
  'RecordFailure',
] as const;

/**
 * How long the wait for the committee's acceptance of the results lasts before it begins again,
 * which reminds the committee: the state machine's timeout of the wait, and the task's count of
 * the days the results have waited.
 */
export const ACCEPTANCE_REMINDER_HOURS = 24;

export type LifecycleTaskName = (typeof LIFECYCLE_TASK_NAMES)[number];
