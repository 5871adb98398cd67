import * as z from 'zod';
import { electionId, isoTime } from '../../contract/requestSchemas';
import { LIMITS } from '../../domain';

/** The workflow's input, as `startLifecycle` gives it; every task receives it (plus its own fields). */
export const lifecycleInput = z.object({ electionId, opensAt: isoTime, closesAt: isoTime });

/** A wait for the committee: on AWS the task runs with Step Functions' token, which ends its wait; locally without one, it is asked again until it no longer waits (workflows/localRunner.ts). */
export const committeeWaitInput = lifecycleInput.extend({ taskToken: z.string().min(1).max(1024).optional() });

/** One item of the reminders' Map: which round, and its time. */
export const reminderRound = lifecycleInput.extend({
  round: z
    .int()
    .nonnegative()
    .max(LIMITS.reminders - 1),
  at: isoTime,
});

/** One item of the mailing Map: a page of the plan PlanResultMail keeps in the table. */
export const mailPageRef = z.strictObject({ electionId, page: z.int().nonnegative() });
export type MailPageRef = z.infer<typeof mailPageRef>;

export const failedStep = lifecycleInput.extend({
  failedStep: z.string(),
  failure: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
  /** Set by a step that fails alone while the workflow goes on (a reminder round); the workflow's Catch leaves it out. */
  workflowContinues: z.literal(true).optional(),
});
