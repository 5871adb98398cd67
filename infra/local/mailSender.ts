import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { queuedKeys, sweepMail } from '../../handlers/mail/mailStream';
import { SendPacer } from '../../handlers/mail/sendPacer';
import { sendQueuedMail, type SenderDeps } from '../../handlers/mail/sendQueuedMail';
import { startStreamPoller } from './streamPoller';

export interface LocalMailSenderOptions {
  client: DynamoDBClient;
  mailTable: string;
  /** Messages per second; SES's MaxSendRate (the local mailbox's) when not given. */
  rate?: number;
  /** How long a claim holds before a restarted sender takes the item over. */
  leaseMs: number;
  sweepEveryMs: number;
}

export interface LocalMailSender {
  rate: number;
  stop(): Promise<void>;
}

/**
 * The mail sender as it runs on AWS, on one machine: the same handler on the mail table's stream
 * (DynamoDB Local's Streams API, one batch at a time) and on a timer for the sweep, one pacer
 * between them, so the two together keep to the rate.
 */
export async function startLocalMailSender(deps: SenderDeps, options: LocalMailSenderOptions): Promise<LocalMailSender> {
  const pacer = new SendPacer(options.rate ?? (await deps.mailer.maxSendRate()));
  let stopped = false;
  // Once stopping, a batch in hand starts nothing more: what it did not reach stays queued for the next start.
  const sending = { pacer, leaseMs: options.leaseMs, remainingMs: () => (stopped ? 0 : Number.POSITIVE_INFINITY) };
  const poller = startStreamPoller({
    client: options.client,
    tableName: options.mailTable,
    log: deps.log,
    handler: async (event) => {
      await sendQueuedMail(deps, queuedKeys(event), sending);
    },
  });
  let sweeping: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    sweeping = sweeping.then(() => (stopped ? undefined : sweepMail(deps, sending))).catch((error: Error) => deps.log.warn('mail sweep failed', { error: error.name, detail: error.message }));
  }, options.sweepEveryMs);
  return {
    rate: pacer.perSecond,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await poller.stop();
      await sweeping;
    },
  };
}
