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
  'PlanResultMail',
  'MailResultBatch',
  'PublishResults',
  'RecordFailure',
] as const;

export type LifecycleTaskName = (typeof LIFECYCLE_TASK_NAMES)[number];
