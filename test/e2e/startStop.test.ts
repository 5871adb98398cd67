import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/freePort';
import { waitUntilClosed } from '../support/localStackProcess';

/** A process as /proc shows it; its start time tells it from a later process given the same pid. */
interface ProcessEntry {
  pid: number;
  ppid: number;
  name: string;
  startTime: string;
  state: string;
}

function processEntry(pid: number): ProcessEntry | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // gone
  }
  // "pid (name) state ppid …": the name may hold spaces and parentheses, so split after the last ")".
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  return { pid, ppid: Number(fields[1]), name: stat.slice(stat.indexOf('(') + 1, close), state: fields[0]!, startTime: fields[19]! };
}

/** Every process below root, at this moment. */
function descendants(root: number): ProcessEntry[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => processEntry(Number(name)) ?? []);
  const found: ProcessEntry[] = [];
  const parents = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const entry of all) {
      if (parents.has(entry.ppid) && !parents.has(entry.pid)) {
        parents.add(entry.pid);
        found.push(entry);
        grew = true;
      }
    }
  }
  return found;
}

/** Still running: the same process (same start time) and not a zombie waiting to be reaped. */
const running = (entry: ProcessEntry) => {
  const now = processEntry(entry.pid);
  return now !== undefined && now.startTime === entry.startTime && now.state !== 'Z';
};

async function untilNoneRunning(entries: ProcessEntry[], timeoutMs: number): Promise<ProcessEntry[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = entries.filter(running);
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * `npm start` as a user runs it, in its own process group as a shell gives a job, stopped in each
 * way it can be: afterwards nothing it started is left, DynamoDB Local's Java process and
 * cognito-local included.
 */
describe('npm start stops everything it started', () => {
  let npm: ChildProcess | undefined;
  afterEach(() => {
    // Whatever a failed case left behind must not outlive the test run.
    try {
      process.kill(-npm!.pid!, 'SIGKILL');
    } catch {
      // the group is empty
    }
  });

  const cases: { how: string; stop: (npmPid: number) => void }[] = [
    { how: 'SIGTERM sent to npm', stop: (pid) => process.kill(pid, 'SIGTERM') },
    { how: 'Ctrl-C in its terminal (SIGINT to the whole job)', stop: (pid) => process.kill(-pid, 'SIGINT') },
    { how: 'its terminal closed (SIGHUP to the whole job)', stop: (pid) => process.kill(-pid, 'SIGHUP') },
    { how: 'npm killed with SIGKILL', stop: (pid) => process.kill(pid, 'SIGKILL') },
  ];

  it.each(cases)('when stopped by $how', async ({ stop }) => {
    const ports = { PORT: await freePort(), SES_PORT: await freePort(), DYNAMODB_PORT: await freePort(), COGNITO_PORT: await freePort() };
    npm = spawn('npm', ['start', '--', '--in-memory'], {
      env: { ...process.env, ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])), npm_config_update_notifier: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    npm.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const npmExited = new Promise<void>((resolve) => npm!.once('exit', () => resolve()));
    const deadline = Date.now() + 45_000;
    while (!output.includes('Local election stack is running')) {
      if (Date.now() > deadline || npm.exitCode !== null) throw new Error(`npm start did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const started = descendants(npm.pid!);
    expect(started.map((p) => p.name)).toEqual(expect.arrayContaining(['node', 'java']));
    stop(npm.pid!);
    await npmExited;

    const left = await untilNoneRunning(started, 20_000);
    expect(
      left.map((p) => `${p.pid} ${p.name}`),
      output,
    ).toEqual([]);
    await waitUntilClosed(ports.DYNAMODB_PORT);
    await waitUntilClosed(ports.COGNITO_PORT);
    await expect(fetch(`http://127.0.0.1:${ports.PORT}/`)).rejects.toThrow();
  });
});
