import { parseArgs } from 'node:util';
import { WATCHED_EVENT_NAMES } from '../../handlers/breach/watchedEvents';
import { BREACH_DELIVERY_PATH } from './breachDeliveryPath';
import { cloudTrailRecord, eventBridgeDelivery, logsDelivery } from './cloudTrailFixture';

/** How each path hands the breach Lambda a CloudTrail record. */
const DELIVERIES = {
  eventbridge: { name: 'EventBridge', wrap: eventBridgeDelivery },
  logs: { name: 'CloudWatch Logs', wrap: (record: Record<string, unknown>) => logsDelivery([record]) },
} as const;

/**
 * `npm run breach -- --event <EventName> [--via eventbridge|logs]`: sends the running local
 * stack's breach handler what EventBridge (one event) or CloudWatch Logs (gzip + base64) would
 * send for that CloudTrail event, as if someone outside the stack had just done it. The stack is
 * at ELECTION_API, or http://127.0.0.1:<--port or PORT or 3000>.
 */
const { values } = parseArgs({
  options: {
    event: { type: 'string', default: 'ConsoleLogin' },
    via: { type: 'string', default: 'eventbridge' },
    principal: { type: 'string' },
    'source-ip': { type: 'string' },
    'event-id': { type: 'string' },
    port: { type: 'string' },
  },
});
const eventName = values.event!;
if (!(WATCHED_EVENT_NAMES as readonly string[]).includes(eventName)) fail(`"${eventName}" is not a watched event. Watched: ${WATCHED_EVENT_NAMES.join(', ')}`, 2);
const via = values.via!;
if (!Object.hasOwn(DELIVERIES, via)) fail(`--via takes eventbridge or logs (got "${via}")`, 2);
const delivery = DELIVERIES[via as keyof typeof DELIVERIES];

const base = values.port ? `http://127.0.0.1:${values.port}` : process.env.ELECTION_API || `http://127.0.0.1:${process.env.PORT || '3000'}`;
const url = `${base.replace(/\/+$/, '')}${BREACH_DELIVERY_PATH}`;
const record = cloudTrailRecord(eventName, { principalArn: values.principal, sourceIp: values['source-ip'], eventId: values['event-id'] });
const response = await fetch(url, { method: 'POST', body: JSON.stringify(delivery.wrap(record)) }).catch((error: Error) =>
  fail(`Could not reach the local stack at ${url} (is npm start running? ELECTION_API or --port): ${error.message}`),
);
if (response.status === 404) fail(`${base} has no breach delivery: npm run breach talks to the local stack (npm start) only`);
const answer = (await response.json().catch(() => ({}))) as { breaches?: number; error?: { message: string } };
if (!response.ok) fail(`The breach handler failed: ${answer.error?.message ?? response.status} (details in the local stack's log)`);
console.log(
  answer.breaches
    ? `Sent ${eventName} through ${delivery.name} (CloudTrail event ${String(record.eventID)}): recorded in every locked election; the observers' alert is in the mailbox (once per event id, whichever path brings it first).`
    : `Sent ${eventName} through ${delivery.name}: no election is locked, so nothing was recorded.`,
);

function fail(why: string, code = 1): never {
  console.error(why);
  process.exit(code);
}
