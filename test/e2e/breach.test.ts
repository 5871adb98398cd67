import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailbox, spawnLocalStack, type LocalStackProcess } from '../support/localStackProcess';

const ADMIN = 'breach-admin-token-5c2e81';
const run = promisify(execFile);

/** `npm run breach` against the running local stack: the observers' alert lands in the local mailbox. */
describe('a simulated breach against the local stack', () => {
  let stack: LocalStackProcess;
  beforeAll(async () => {
    stack = await spawnLocalStack({ ADMIN_TOKEN: ADMIN, OBSERVER_EMAILS: 'obs-a@uni.test, obs-b@uni.test' });
  });
  afterAll(() => stack?.stop());

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${stack.apiUrl}${path}`, { method, headers: { authorization: `Bearer ${ADMIN}` }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as any };
  };
  const breach = (event: string) => run(process.execPath, ['--import', 'tsx', 'infra/local/breachCli.ts', '--event', event, '--port', new URL(stack.apiUrl).port]);

  it('records nothing while nothing is locked', async () => {
    expect((await call('POST', '/elections', { id: 'council', title: 'Faculty council' })).status).toBe(201);
    const { stdout } = await breach('ConsoleLogin');
    expect(stdout).toContain('no election is locked');
    expect((await mailbox(stack.mailboxUrl)).filter((m) => m.subject.startsWith('ELECTION BREACH'))).toEqual([]);
  });

  it('alerts every observer through the mailbox and marks the locked election compromised', async () => {
    expect((await call('POST', '/elections/council/lock')).status).toBe(200);
    const { stdout } = await breach('UpdateFunctionCode20150331v2');
    expect(stdout).toContain('recorded in every locked election');
    const alerts = (await mailbox(stack.mailboxUrl)).filter((m) => m.subject.startsWith('ELECTION BREACH: UpdateFunctionCode20150331v2'));
    expect(alerts.map((m) => m.destination.to[0]).sort()).toEqual(['obs-a@uni.test', 'obs-b@uni.test']);
    expect(alerts[0]!.body.text).toContain('eventName: UpdateFunctionCode20150331v2');
    expect((await call('GET', '/elections/council')).body).toMatchObject({ phase: 'locked', locked: true, compromised: true, breaches: 1 });
  });

  it('refuses an event name that is not watched', async () => {
    await expect(breach('ListBuckets')).rejects.toMatchObject({ code: 2 });
  });
});
