import { parseArgs } from 'node:util';
import { WATCHED_EVENT_NAMES } from '../../handlers/breach/watchedEvents';
import { cloudTrailRecord, logsDelivery } from './cloudTrailFixture';
import { BREACH_DELIVERY_PATH } from './breachDeliveryPath';

/**
 * `npm run breach -- --event <EventName>`: sends the running local stack's breach handler what
 * CloudWatch Logs would send for that CloudTrail event (gzip + base64), as if someone outside
 * the stack had just done it.
 */
const { values } = parseArgs({
  options: {
    event: { type: 'string', default: 'ConsoleLogin' },
    principal: { type: 'string' },
    'source-ip': { type: 'string' },
    port: { type: 'string', default: process.env.PORT ?? '3000' },
  },
});
const eventName = values.event!;
if (!(WATCHED_EVENT_NAMES as readonly string[]).includes(eventName)) {
  console.error(`"${eventName}" is not a watched event. Watched: ${WATCHED_EVENT_NAMES.join(', ')}`);
  process.exit(2);
}
const record = cloudTrailRecord(eventName, { principalArn: values.principal, sourceIp: values['source-ip'] });
const url = `http://127.0.0.1:${values.port}${BREACH_DELIVERY_PATH}`;
const response = await fetch(url, { method: 'POST', body: JSON.stringify(logsDelivery([record])) }).catch((error: Error) => {
  console.error(`Could not reach the local stack at ${url} (is npm start running?): ${error.message}`);
  process.exit(1);
});
const answer = (await response.json()) as { breaches?: number; error?: { message: string } };
if (!response.ok) {
  console.error(`The breach handler failed: ${answer.error?.message} (details in the local stack's log)`);
  process.exit(1);
}
console.log(
  answer.breaches
    ? `Sent ${eventName} (CloudTrail event ${String(record.eventID)}): recorded in every locked election; the observers' alert is in the mailbox.`
    : `Sent ${eventName}: no election is locked, so nothing was recorded.`,
);
