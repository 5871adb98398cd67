import { LIFECYCLE_TASK_NAMES, type LifecycleTaskName } from '../../contract/lifecycleTasks';
import { METRIC, type Deps } from '../ports';
import { awaitAcceptance } from './awaitAcceptance';
import { awaitOpening } from './awaitOpening';
import { closeVoting } from './closeVoting';
import { countOpened } from './countOpened';
import { issueRecord } from './issueRecord';
import { mailResultBatch } from './mailResultBatch';
import { openVoting } from './openVoting';
import { planResultMail } from './planResultMail';
import { publishResults } from './publishResults';
import { queueReminders } from './queueReminders';
import { recordFailure } from './recordFailure';
import { releaseCredentials } from './releaseCredentials';
import { tallyBallots } from './tallyBallots';

/** Every task of the lifecycle workflow, by the name of its state in the state machine. */
export const LIFECYCLE_TASKS: Record<LifecycleTaskName, (deps: Deps) => (input: unknown) => Promise<unknown>> = {
  OpenVoting: openVoting,
  ReleaseCredentials: releaseCredentials,
  QueueReminders: queueReminders,
  CloseVoting: closeVoting,
  TallyBallots: tallyBallots,
  AwaitOpening: awaitOpening,
  CountOpened: countOpened,
  AwaitAcceptance: awaitAcceptance,
  IssueRecord: issueRecord,
  PlanResultMail: planResultMail,
  MailResultBatch: mailResultBatch,
  PublishResults: publishResults,
  RecordFailure: recordFailure,
};

export type LifecycleTaskHandlers = Record<LifecycleTaskName, (input: unknown) => Promise<unknown>>;

/** A lifecycle task that reports how long each run took, failed runs too, by its step's name. */
export function timedLifecycleTask(name: LifecycleTaskName, deps: Deps): (input: unknown) => Promise<unknown> {
  const run = LIFECYCLE_TASKS[name](deps);
  return async (input) => {
    const started = performance.now();
    try {
      return await run(input);
    } finally {
      deps.metrics.duration(METRIC.lifecycleStepDuration, Math.round(performance.now() - started), { step: name });
    }
  };
}

export function lifecycleTaskHandlers(deps: Deps): LifecycleTaskHandlers {
  return Object.fromEntries(LIFECYCLE_TASK_NAMES.map((name) => [name, timedLifecycleTask(name, deps)])) as LifecycleTaskHandlers;
}
