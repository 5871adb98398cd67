import { join } from 'node:path';
import { newToken } from '../../handlers/adapters/random';
import { jsonLog } from '../../handlers/adapters/jsonLog';
import { requireFreePorts } from './freePorts';
import { RehearsalClock } from './rehearsalClock';
import { startLocalStack } from './stack';

/** `npm start`: the local stack, configured from the environment, until Ctrl-C or SIGTERM. */

const env = process.env;
// The local stack supports Node 20 on purpose (Lambda runs newer); the lock file pins SDK versions that do.
env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const port = (name: string, fallback: number) => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number, not "${env[name]}"`);
  return value;
};

const wholeSeconds = (name: string, fallback: number) => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of seconds, not "${env[name]}"`);
  return value;
};

const positive = (name: string, fallback: number) => {
  const value = Number(env[name] ?? fallback);
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`${name} must be a positive number, not "${env[name]}"`);
  return value;
};

const emailAddress = (name: string, fallback: string) => {
  const value = (env[name] ?? fallback).trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) throw new Error(`${name} must be an e-mail address, not "${env[name]}"`);
  return value;
};

const text = (name: string, fallback: string) => {
  const value = (env[name] ?? fallback).trim();
  if (!value) throw new Error(`${name} must not be empty`);
  return value;
};

// A rehearsal's log holds times that have not come yet: it keeps nothing that a real run could pick up.
const rehearsal = process.argv.includes('--rehearsal');
const inMemory = rehearsal || process.argv.includes('--in-memory');
const rehearsalClock = rehearsal ? new RehearsalClock() : undefined;
const adminToken = env.ADMIN_TOKEN || newToken();

/** Any reason not to start: said in one line, exit code 1, and nothing is left running. */
const refuse = (error: Error): never => {
  console.error(`The local stack could not start: ${error.message}`);
  process.exit(1);
};

const dataDir = inMemory ? undefined : (env.DATA_DIR ?? '.local/dynamodb');

const { stack, chair } = await (async () => {
  // 9229 is cognito-local's own default (and the Node inspector's: set COGNITO_PORT to debug with --inspect).
  const ports = { PORT: port('PORT', 3000), SES_PORT: port('SES_PORT', 8005), DYNAMODB_PORT: port('DYNAMODB_PORT', 8000), COGNITO_PORT: port('COGNITO_PORT', 9229) };
  // The local mailbox takes any address of this shape; localhost.test, like the sender's, is nobody's real one.
  const chair = { email: emailAddress('CHAIR_EMAIL', 'chair@localhost.test'), name: text('CHAIR_NAME', 'Chair') };
  // Before anything starts: a stand-in answering on one of these ports is not ours to reuse.
  await requireFreePorts(ports);
  const started = await startLocalStack({
    port: ports.PORT,
    sesPort: ports.SES_PORT,
    dynamoDbPort: ports.DYNAMODB_PORT,
    cognitoPort: ports.COGNITO_PORT,
    dataDir,
    adminToken,
    chair,
    publicUrl: env.PUBLIC_URL,
    senderEmail: env.SENDER_EMAIL ?? 'elections@localhost.test',
    observerEmails: (env.OBSERVER_EMAILS ?? 'observer@localhost.test')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    graceSeconds: wholeSeconds('GRACE_SECONDS', 2),
    sesMaxSendRate: positive('SES_MAX_SEND_RATE', 14),
    log: jsonLog(env.LOG_LEVEL ?? 'warn'),
    rehearsalClock,
  });
  return { stack: started, chair };
})().catch(refuse);

console.log(
  [
    'Local election stack is running.',
    `  API:          ${stack.apiUrl}`,
    `  Voter page:   ${stack.apiUrl}/vote (voters open it from the link in their credential e-mail)`,
    `  Console:      ${stack.apiUrl}/admin ("Continue with your account": the chair's address and the admin token below as password; or the admin token itself)`,
    `  Observers:    ${stack.apiUrl}/observe#election=<id> (public: the log as it grows, the roll, turnout, the export verified)`,
    `  Trustees:     ${stack.apiUrl}/trustee?election=<id> (each trustee of a sealed election, on their own computer: the key ceremony, then the opening)`,
    `  Mailbox:      ${stack.mailboxUrl} (sends at most ${env.SES_MAX_SEND_RATE ?? 14} messages/s, like SES: SES_MAX_SEND_RATE)`,
    `  DynamoDB:     ${stack.dynamoDbEndpoint} (${dataDir ? `data in ${dataDir}` : 'in memory'})`,
    `  Accounts:     cognito-local at ${stack.cognitoEndpoint}, the committee's user pool (${dataDir ? `data in ${join(dataDir, 'cognito')}` : 'in memory'})`,
    `  Chair:        ${stack.chair.name} <${stack.chair.email}>, id ${stack.chair.id}: the bootstrap committee member (CHAIR_EMAIL, CHAIR_NAME)${
      stack.chair.name === chair.name ? '' : `; the account keeps the name it was made with, not "${chair.name}"`
    }`,
    `  Alerts to:    ${env.OBSERVER_EMAILS ?? 'observer@localhost.test'} (breach alerts; npm run breach -- --event ConsoleLogin)`,
    rehearsalClock
      ? `  Clock:        REHEARSAL: now ${rehearsalClock.now().toISOString()}; move it forward with npm run clock -- --forward 1d (or --to <time>). Nothing is kept.`
      : '  Clock:        real time (npm start -- --rehearsal runs an election of weeks in minutes, on a clock you move forward)',
    `  Admin token:  ${adminToken}${env.ADMIN_TOKEN ? ' (from ADMIN_TOKEN)' : ' (generated; set ADMIN_TOKEN to keep one)'}: acts as the chair, every admin event names ${stack.chair.name}`,
    'Press Ctrl-C to stop.',
  ].join('\n'),
);

let stopping = false;
const stopEverything = () => {
  if (stopping) return;
  stopping = true;
  console.log('Stopping…');
  void stack.stop().then(() => process.exit(0));
};
// SIGHUP: the terminal was closed. Each stops every child, DynamoDB Local's Java included.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stopEverything);
// A parent killed outright (kill -9 on npm) sends us nothing; we are handed to another process,
// so a changed parent pid is how we learn it. `npm start` execs us, so npm is that parent.
const parentPid = process.ppid;
setInterval(() => process.ppid !== parentPid && stopEverything(), 500).unref();
