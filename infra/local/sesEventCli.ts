import { parseArgs } from 'node:util';
import { SES_EVENT_DELIVERY_PATH } from './sesEventDeliveryPath';
import { sesEvent, snsDelivery, type SentMessage, type SesEventKind } from './sesEventFixture';

/**
 * `npm run ses-event -- --bounce <address>` (or --complaint, --delivery): tells the running local
 * stack what SES would tell it through SNS about the newest message to that address in the
 * local mailbox, as if that address had just bounced it, complained or received it.
 */
const { values } = parseArgs({
  options: {
    bounce: { type: 'string' },
    complaint: { type: 'string' },
    delivery: { type: 'string' },
  },
});
const chosen = (['bounce', 'complaint', 'delivery'] as const).filter((kind) => values[kind] !== undefined);
if (chosen.length !== 1) fail('Give exactly one of --bounce <address>, --complaint <address>, --delivery <address>', 2);
const kind: SesEventKind = chosen[0]!;
const address = values[kind]!.trim().toLowerCase();
const mailboxUrl = process.env.SES_URL ?? 'http://127.0.0.1:8005';
const apiUrl = `${process.env.ELECTION_API ?? 'http://127.0.0.1:3000'}${SES_EVENT_DELIVERY_PATH}`;

const message = await newestMessageTo(address);
const response = await fetch(apiUrl, { method: 'POST', body: JSON.stringify(snsDelivery([sesEvent(kind, message)])) }).catch((error: Error) =>
  fail(`Could not reach the local stack at ${apiUrl} (is npm start running?): ${error.message}`),
);
const answer = (await response.json().catch(() => ({}))) as { recorded?: number; error?: { message: string } };
if (!response.ok) fail(`The SES events handler failed: ${answer.error?.message ?? response.status} (details in the local stack's log)`);
console.log(
  `Sent a ${kind} for ${message.messageId} ("${message.subject}" to ${address}): ` +
    (answer.recorded ? 'recorded on that mail.' : 'nothing recorded (no mail item has that message id, or it is no longer the latest for that voter).'),
);

/** The newest message to the address in aws-ses-v2-local's store, which keeps messages in the order they arrived. */
async function newestMessageTo(to: string): Promise<SentMessage> {
  const store = await fetch(`${mailboxUrl}/store`)
    .then((r) => r.json() as Promise<{ emails: { messageId: string; subject: string; destination: { to: string[] } }[] }>)
    .catch((error: Error) => fail(`Could not read the local mailbox at ${mailboxUrl} (is npm start running? SES_URL): ${error.message}`));
  const newest = store.emails.filter((mail) => mail.destination.to.some((recipient) => recipient.toLowerCase() === to)).at(-1);
  if (!newest) fail(`The local mailbox at ${mailboxUrl} holds no message to ${to}.`);
  return { messageId: newest.messageId, to, subject: newest.subject };
}

function fail(why: string, code = 1): never {
  console.error(why);
  process.exit(code);
}
