import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { queuedKeys, sweepMail } from '../mail/mailStream';
import { SendPacer } from '../mail/sendPacer';
import { sendQueuedMail, type SendTally } from '../mail/sendQueuedMail';
import { lambdaDeps, withCapabilities } from './environment';
import { observed } from './observed';

/** Credentials are derived to be mailed, with the page's address in them. */
const CAPABILITIES = ['minter', 'publicUrl'] as const;

/** Longer than this function's timeout: a claim is taken over only from a sender that died. */
const LEASE_MS = 16 * 60_000;

let pacer: Promise<SendPacer> | undefined;

/**
 * The mail sender: invoked by the mail table's stream (items just queued) and every minute by a
 * schedule (the sweep: retries that are due, items a stream batch did not reach). It runs with a
 * reserved concurrency of one, so its pacer holds the account's SES rate for all of it. The rate
 * is SES's own MaxSendRate unless MAIL_SEND_RATE sets a lower share.
 */
export const handler = withCapabilities(
  observed(async (event: DynamoDBStreamEvent | { source?: string }, context: Context): Promise<SendTally> => {
    const deps = await lambdaDeps(...CAPABILITIES);
    pacer ??= (async () => {
      const configured = Number(process.env.MAIL_SEND_RATE ?? 0);
      return new SendPacer(configured > 0 ? configured : await deps.mailer.maxSendRate());
    })();
    const options = { pacer: await pacer, leaseMs: LEASE_MS, remainingMs: () => context.getRemainingTimeInMillis() };
    return 'Records' in event ? sendQueuedMail(deps, queuedKeys(event), options) : sweepMail(deps, options);
  }),
  CAPABILITIES,
);
