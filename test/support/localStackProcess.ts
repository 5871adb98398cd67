import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './freePort';

export interface LocalStackProcess {
  apiUrl: string;
  mailboxUrl: string;
  dynamoDbPort: number;
  child: ChildProcess;
  output(): string;
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
  const ports = { PORT: String(await freePort()), SES_PORT: String(await freePort()), DYNAMODB_PORT: String(await freePort()), ...env };
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
  return {
    apiUrl: `http://127.0.0.1:${port}`,
    mailboxUrl: `http://127.0.0.1:${sesPort}`,
    dynamoDbPort,
    child,
    output,
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
      await waitUntilClosed(dynamoDbPort);
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
  for (let i = 0; i < 100; i += 1) {
    const open = await fetch(`http://127.0.0.1:${port}`).then(
      () => true,
      () => false,
    );
    if (!open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`DynamoDB Local on port ${port} did not stop`);
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
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await mailbox(mailboxUrl)).filter(matches);
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`${found.length} of ${count} expected messages arrived within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The voting token from the newest credential e-mail to this address, once it has arrived. */
export async function credentialToken(mailboxUrl: string, address: string): Promise<string> {
  const mails = await waitForMail(mailboxUrl, (m) => m.destination.to.includes(address) && m.subject.startsWith('Your voting credential'));
  return mails.at(-1)!.body.text!.match(/token: (\S+)/)![1]!;
}
