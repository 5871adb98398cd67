import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { MailKey } from '../ports';
import { sendQueuedMail, type SenderDeps, type SenderOptions, type SendTally } from './sendQueuedMail';

/** The keys of the items a stream batch shows queued; the claim decides whether each is still to send. */
export function queuedKeys(event: DynamoDBStreamEvent): MailKey[] {
  return event.Records.flatMap((record) => {
    const image = record.dynamodb?.NewImage;
    if (image?.status?.S !== 'pending' || image.pk?.S === undefined || image.sk?.S === undefined) return [];
    return [{ pk: image.pk.S, sk: image.sk.S }];
  });
}

/** Everything due, found on the in-flight index: what a lost stream record, a retry's wait or a crashed sender left behind. */
export async function sweepMail(deps: SenderDeps, options: SenderOptions, limit = 5000): Promise<SendTally> {
  return sendQueuedMail(deps, await deps.mail.due(deps.clock.now(), limit), options);
}

/** Sweeps until a sweep sends nothing: everything due now is sent, undelivered or waiting for its retry. */
export async function drainQueuedMail(deps: SenderDeps, options: SenderOptions): Promise<SendTally> {
  const total: SendTally = { sent: 0, undelivered: 0, retry: 0, skipped: 0, notClaimed: 0, leftForLater: 0, linkRequests: 0 };
  for (;;) {
    const round = await sweepMail(deps, options);
    for (const key of Object.keys(total) as (keyof SendTally)[]) total[key] += round[key];
    // An answered link request may have queued a voter's mail: the next round sends it.
    if (round.sent + round.undelivered + round.skipped + round.linkRequests === 0) return total;
  }
}
