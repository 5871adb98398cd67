import pLimit from 'p-limit';
import type { BallotBox, MailOutbox, RemindableVoter } from '../ports';
import { runCommand } from '../runCommand';
import { reminderRound } from './input';
import { LifecycleStepFailed } from './lifecycleError';
import { recordFailure, type FailureDeps } from './recordFailure';

/** Mail items and markers read at once: enough to go through a large roll in minutes, not enough to throttle. */
const CONCURRENCY = 16;

type ReminderDeps = FailureDeps & { store: BallotBox; mail: MailOutbox };

export type ReminderRoundOutcome = { round: number; queued: number } | { round: number; notQueued: string };

/**
 * At a reminder time: queues a reminder to every voter whose mail went out and who has not voted,
 * and records how many in the log. The sender mails them at SES's rate, and skips anyone who votes
 * meanwhile. Run again (a retry, a restarted local stack), a round queues no one twice and is
 * recorded once. A round that fails is recorded and alerted like any failed step, but ends here,
 * so that the election still closes on time.
 */
export const queueReminders =
  (deps: ReminderDeps) =>
  async (raw: unknown): Promise<ReminderRoundOutcome> => {
    const input = reminderRound.parse(raw);
    const { electionId, round } = input;
    try {
      const { state } = await deps.store.load(electionId);
      if (state.phase !== 'open') return { round, notQueued: `the election is ${state.phase}` };
      if (state.remindersQueued.includes(round)) return { round, notQueued: 'already queued' };
      const now = deps.clock.now();
      const limit = pLimit(CONCURRENCY);
      let voters = 0;
      for await (const page of deps.mail.remindable(electionId, round)) {
        const queued = await Promise.all(page.map((voter) => limit(() => remind(deps, electionId, voter, round, now))));
        voters += queued.filter(Boolean).length;
      }
      const applied = await runCommand(deps, electionId, { type: 'RecordReminders', round, voters });
      if (!applied.ok) throw new LifecycleStepFailed('QueueReminders', applied.error);
      deps.log.info('reminders queued', { electionId, round, voters });
      return { round, queued: voters };
    } catch (error) {
      const { name, message } = error as Error;
      await recordFailure(deps)({ ...input, failedStep: `QueueReminders (round ${round + 1})`, failure: { Error: name, Cause: message }, workflowContinues: true });
      return { round, notQueued: name };
    }
  };

/** Whether this voter gets reminder `round`: queued now, or by an earlier run of the same round. */
async function remind(deps: ReminderDeps, electionId: string, voter: RemindableVoter, round: number, now: Date): Promise<boolean> {
  if (voter.reminderRound === round) return true;
  if (voter.tokenHash !== undefined && (await deps.store.hasVoted(electionId, voter.tokenHash))) return false;
  return deps.mail.queueReminder(voter, round, now);
}
