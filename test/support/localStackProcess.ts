import { spawn, type ChildProcess } from 'node:child_process';
import { REHEARSAL_CLOCK_PATH } from '../../infra/local/rehearsalClock';
import { freePort } from './freePort';
import { waitFor } from './waitFor';

export interface LocalStackProcess {
  apiUrl: string;
  mailboxUrl: string;
  dynamoDbPort: number;
  /** cognito-local's, the committee's user pool. */
  cognitoUrl: string;
  child: ChildProcess;
  output(): string;
  /** The API as the election committee calls it, with the admin token the stack was started with (`ADMIN_TOKEN`): the answer's status and JSON. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** As `call`, for a request that must succeed: the answer's JSON. A refusal throws, naming the request and the answer. */
  admin(method: string, path: string, body?: unknown): Promise<Record<string, any>>;
  /**
   * The clock of a stack started with `--rehearsal`, moved forward to `to` (as `npm run clock --
   * --to` does), or only read without it: the time it then reads. Its workflow wakes at once.
   */
  rehearsalClock(to?: Date): Promise<Date>;
  /** Sends SIGTERM and resolves with the exit code once the stack has stopped. */
  stop(): Promise<number | null>;
  /**
   * A crash of our process: SIGKILL, so none of our shutdown code runs. DynamoDB Local, the
   * database's stand-in, then stops as a separate service would, with SIGTERM: killed hard it can
   * lose its last acknowledged transaction (seen 2 times in 15), which DynamoDB itself never does.
   */
  kill(): Promise<void>;
}

/** `npm start`'s entry point as its own process, on free loopback ports unless env names them. */
async function spawnEntry(env: Record<string, string>, args: string[]) {
  const ports = { PORT: String(await freePort()), SES_PORT: String(await freePort()), DYNAMODB_PORT: String(await freePort()), COGNITO_PORT: String(await freePort()), ...env };
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts', ...args], {
    env: { ...process.env, ...ports },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that kill() can take DynamoDB Local down with it, as a crash would.
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ports, exited, output: () => output };
}

/** Runs `npm start`'s entry point as its own process, on free loopback ports, until it says it is running. */
export async function spawnLocalStack(env: Record<string, string> = {}, args: string[] = ['--in-memory']): Promise<LocalStackProcess> {
  const { child, ports, exited, output } = await spawnEntry(env, args);
  const [port, sesPort, dynamoDbPort] = [ports.PORT, ports.SES_PORT, Number(ports.DYNAMODB_PORT)];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      // A stack that did not start in time is not left running behind the failed test: its whole group goes.
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // it had exited already
      }
      reject(new Error(`local stack did not start:\n${output()}`));
    }, 45_000);
    const check = () => {
      if (output().includes('Local election stack is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    void exited.then(() => reject(new Error(`local stack exited:\n${output()}`)));
  });
  const apiUrl = `http://127.0.0.1:${port}`;
  const call = async (method: string, path: string, body?: unknown) => {
    if (!env.ADMIN_TOKEN) throw new Error('the stack was started without ADMIN_TOKEN: its admin token is unknown');
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${env.ADMIN_TOKEN}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  return {
    apiUrl,
    mailboxUrl: `http://127.0.0.1:${sesPort}`,
    dynamoDbPort,
    cognitoUrl: `http://127.0.0.1:${ports.COGNITO_PORT}`,
    child,
    output,
    call,
    admin: async (method, path, body) => {
      const answer = await call(method, path, body);
      if (answer.status >= 400) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body as Record<string, any>;
    },
    rehearsalClock: async (to) => {
      const response = await fetch(`${apiUrl}${REHEARSAL_CLOCK_PATH}`, { method: 'POST', body: JSON.stringify(to ? { to: to.toISOString() } : {}) });
      if (!response.ok) throw new Error(`the rehearsal clock: ${response.status} ${await response.text()}`);
      return new Date(((await response.json()) as { now: string }).now);
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        return; // nothing left in the group
      }
      // Neither stand-in may still hold the data directory when a restart takes it up.
      await Promise.all([waitUntilClosed(dynamoDbPort), waitUntilClosed(Number(ports.COGNITO_PORT))]);
    },
  };
}

/** Runs `npm start`'s entry point expecting it to refuse to start: its exit code and everything it printed. */
export async function failedStart(env: Record<string, string>, args: string[] = ['--in-memory']): Promise<{ code: number | null; output: string }> {
  const { child, exited, output } = await spawnEntry(env, args);
  const timer = setTimeout(() => child.kill('SIGTERM'), 45_000);
  const code = await exited;
  clearTimeout(timer);
  return { code, output: output() };
}

/** Resolves once nothing answers HTTP on the port any more (within about 10 s). */
export async function waitUntilClosed(port: number): Promise<void> {
  const closed = () =>
    fetch(`http://127.0.0.1:${port}`).then(
      () => false,
      () => true,
    );
  await waitFor(closed, { timeoutMs: 10_000, gaveUp: () => `what answers on port ${port} (DynamoDB Local, cognito-local) did not stop` });
}

export interface StoredMail {
  subject: string;
  destination: { to: string[] };
  body: { text?: string };
}

/** Every message in aws-ses-v2-local's mailbox. */
export async function mailbox(mailboxUrl: string): Promise<StoredMail[]> {
  const response = await fetch(`${mailboxUrl}/store`);
  return ((await response.json()) as { emails: StoredMail[] }).emails;
}

/**
 * The mailbox once it holds at least `count` messages that match: mail leaves through the
 * outbox, a moment after the request that queued it has been answered.
 */
export async function waitForMail(mailboxUrl: string, matches: (mail: StoredMail) => boolean, count = 1, timeoutMs = 30_000): Promise<StoredMail[]> {
  let found: StoredMail[] = [];
  return waitFor(
    async () => {
      found = (await mailbox(mailboxUrl)).filter(matches);
      return found.length >= count && found;
    },
    { timeoutMs, gaveUp: () => `${found.length} of ${count} expected messages arrived within ${timeoutMs} ms` },
  );
}

/** A voting link as the credential mail writes it, in either language. */
const VOTING_LINK = /\S+\/vote#election=[^&\s]+&token=[^&\s]+/;

/** The newest credential e-mail to this address (the newest with a voting link, in whichever language), once it has arrived. */
export async function credentialMail(mailboxUrl: string, address: string): Promise<StoredMail> {
  const mails = await waitForMail(mailboxUrl, (m) => m.destination.to.includes(address) && VOTING_LINK.test(m.body.text ?? ''));
  return mails.at(-1)!;
}

/** The voting token from the newest credential e-mail to this address, once it has arrived. */
export async function credentialToken(mailboxUrl: string, address: string): Promise<string> {
  return tokenInLink((await credentialMail(mailboxUrl, address)).body.text!.match(VOTING_LINK)![0]);
}

/** The voting link from the newest credential e-mail to this address, as the voter clicks it. */
export async function votingLink(mailboxUrl: string, address: string): Promise<string> {
  const link = (await credentialMail(mailboxUrl, address)).body.text?.match(VOTING_LINK)?.[0];
  if (!link) throw new Error(`no voting link mailed to ${address}`);
  return link;
}

/** The token a voting link carries in its fragment, where the voter page reads it. */
export const tokenInLink = (link: string): string => new URLSearchParams(new URL(link).hash.slice(1)).get('token')!;
