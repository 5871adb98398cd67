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

/** Runs `npm start`'s entry point as its own process, on free loopback ports. */
export async function spawnLocalStack(env: Record<string, string> = {}, args: string[] = ['--in-memory']): Promise<LocalStackProcess> {
  const [port, sesPort, dynamoDbPort] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts', ...args], {
    env: { ...process.env, PORT: String(port), SES_PORT: String(sesPort), DYNAMODB_PORT: String(dynamoDbPort), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that kill() can take DynamoDB Local down with it, as a crash would.
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local stack did not start:\n${output}`)), 45_000);
    const check = () => {
      if (output.includes('Local election stack is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    void exited.then(() => reject(new Error(`local stack exited:\n${output}`)));
  });
  return {
    apiUrl: `http://127.0.0.1:${port}`,
    mailboxUrl: `http://127.0.0.1:${sesPort}`,
    dynamoDbPort,
    child,
    output: () => output,
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

async function waitUntilClosed(port: number): Promise<void> {
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
