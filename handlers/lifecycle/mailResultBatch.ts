import { resultsContent } from '../mail/messages';
import type { Deps } from '../ports';
import { mailBatch } from './input';
import { LifecycleStepFailed, MailThrottled } from './lifecycleError';

const MAILING = 'results';
const THROTTLING = new Set(['TooManyRequestsException', 'LimitExceededException', 'Throttling', 'ThrottlingException']);

/**
 * Sends the results to one batch of voters in one SES call. A batch that went out before is
 * skipped, so a retried step mails nobody twice; a throttled call is thrown back to the
 * workflow, whose Retry waits and tries again.
 */
export const mailResultBatch = (deps: Deps) => async (raw: unknown): Promise<{ sent: number; undelivered: number }> => {
  const { electionId, batch, first, last } = mailBatch.parse(raw);
  const effect = { kind: 'mail-batch', electionId, mailing: MAILING, batch } as const;
  if (await deps.store.isDone(effect)) return { sent: 0, undelivered: 0 };
  const { state } = await deps.store.load(electionId);
  if (state.phase !== 'tallied' && state.phase !== 'published') {
    throw new LifecycleStepFailed('MailResultBatch', { code: 'wrong_phase', message: `no results to mail (the election is ${state.phase})` });
  }
  const voters = await deps.store.listVoterRange(electionId, first, last);
  let outcomes;
  try {
    outcomes = await deps.mailer.sendToEach(voters.map((v) => v.email), resultsContent(state, state.result, state.seal, deps.publicUrl));
  } catch (error) {
    if (THROTTLING.has((error as Error).name)) throw new MailThrottled(`SES throttled batch ${batch}`);
    throw error;
  }
  const failed = outcomes.flatMap((o, i) => (o.sent ? [] : [{ studentId: voters[i]!.studentId, reason: o.reason }]));
  for (const { studentId, reason } of failed) await deps.store.recordUndeliveredMail(electionId, studentId, MAILING, reason);
  await deps.store.markDone(effect);
  if (failed.length > 0) deps.log.warn('results not delivered to some voters', { electionId, batch, undelivered: failed.length });
  return { sent: outcomes.length - failed.length, undelivered: failed.length };
};
