import pLimit from 'p-limit';
import type { Deps, MailMessage } from '../ports';

/** SES errors that no retry can fix. */
const PERMANENT = new Set(['MessageRejected', 'MailFromDomainNotVerifiedException', 'AccountSuspendedException', 'BadRequestException', 'NotFoundException']);

export const isPermanentFailure = (reason: string): boolean => PERMANENT.has(reason);

export interface DeliveryOptions {
  attempts?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends with exponential backoff; resolves to SES's message id, or to the last error's name when every attempt failed. */
export async function deliver(
  deps: Pick<Deps, 'mailer'>,
  message: MailMessage,
  { attempts = 4, baseDelayMs = 200, sleep = realSleep }: DeliveryOptions = {},
): Promise<{ delivered: true; messageId?: string } | { delivered: false; reason: string }> {
  let reason = 'unknown';
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      const messageId = await deps.mailer.send(message);
      return { delivered: true, ...(messageId && { messageId }) };
    } catch (error) {
      reason = (error as Error).name || 'Error';
      if (PERMANENT.has(reason) || attempt === attempts) break;
      await sleep(baseDelayMs * 2 ** (attempt - 1));
    }
  }
  return { delivered: false, reason };
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
  deps: Pick<Deps, 'mailer' | 'store' | 'log'>,
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
        deps.log.warn('mail not delivered', { electionId, purpose, reason: outcome.reason });
        await deps.store.recordUndeliveredMail(electionId, studentId, purpose, outcome.reason);
      }),
    ),
  );
  return undelivered.sort();
}
