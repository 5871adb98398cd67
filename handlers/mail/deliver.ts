import pLimit from 'p-limit';
import { METRIC, type Deps, type EffectsLedger, type MailMessage } from '../ports';
import { errorName, retry } from '../../contract/retry';

/** SES errors that no retry can fix. */
const PERMANENT = new Set(['MessageRejected', 'MailFromDomainNotVerifiedException', 'AccountSuspendedException', 'BadRequestException', 'NotFoundException']);

export const isPermanentFailure = (reason: string): boolean => PERMANENT.has(reason);

export interface DeliveryOptions {
  attempts?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Sends with exponential backoff (on top of the SES client's own retries: see contract/retry.ts);
 * resolves to SES's message id, or to the last error's name when every attempt failed.
 */
export async function deliver(
  deps: Pick<Deps, 'mailer'>,
  message: MailMessage,
  { attempts = 4, baseDelayMs = 200, sleep }: DeliveryOptions = {},
): Promise<{ delivered: true; messageId?: string } | { delivered: false; reason: string }> {
  try {
    const messageId = await retry(() => deps.mailer.send(message), { attempts, baseDelayMs, sleep, retryable: (error) => !PERMANENT.has(errorName(error)) });
    return { delivered: true, ...(messageId && { messageId }) };
  } catch (error) {
    return { delivered: false, reason: errorName(error) };
  }
}

export interface Addressed {
  studentId: string;
  message: MailMessage;
}

/**
 * Delivers many messages with bounded concurrency. What could not be delivered is recorded in
 * the store, so that nothing is lost silently, and returned by student id.
 */
export async function deliverAll(
  // Metrics are optional: the breach handler's tests mail observers without them.
  deps: { store: EffectsLedger } & Pick<Deps, 'mailer' | 'log'> & Partial<Pick<Deps, 'metrics'>>,
  electionId: string,
  purpose: string,
  mails: Addressed[],
  options: DeliveryOptions = {},
): Promise<string[]> {
  const limit = pLimit(8);
  const undelivered: string[] = [];
  await Promise.all(
    mails.map(({ studentId, message }) =>
      limit(async () => {
        const outcome = await deliver(deps, message, options);
        if (outcome.delivered) return;
        undelivered.push(studentId);
        deps.metrics?.count(METRIC.mailUndelivered);
        deps.log.warn('mail not delivered', { electionId, purpose, reason: outcome.reason });
        await deps.store.recordUndeliveredMail(electionId, studentId, purpose, outcome.reason);
      }),
    ),
  );
  return undelivered.sort();
}
