import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
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

  /** The stack is found by --port, or by ELECTION_API as a user who set it for the CLI would. */
  const breach = (event: string, options: string[] = [], env: Record<string, string> = {}) =>
    run(process.execPath, ['--import', 'tsx', 'infra/local/breachCli.ts', '--event', event, ...(env.ELECTION_API ? [] : ['--port', new URL(stack.apiUrl).port]), ...options], {
      env: { ...process.env, PORT: '1', ELECTION_API: '', ...env },
    });
  const alerts = async (subject: string) => (await mailbox(stack.mailboxUrl)).filter((m) => m.subject.startsWith(subject));

  it("sets an election's own observers from the command line", async () => {
    expect((await stack.call('POST', '/elections', { id: 'council', title: 'Faculty council' })).status).toBe(201);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'admin', 'set-observers', 'council', 'council-watch@uni.test'], {
      env: { ...process.env, ELECTION_API: stack.apiUrl, ADMIN_TOKEN: ADMIN },
    });
    expect(stdout).toContain('council has 1 observer(s) of its own: council-watch@uni.test. They get its breach alerts');
    await expect(
      run(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'admin', 'set-observers', 'council', 'not-an-address'], { env: { ...process.env, ELECTION_API: stack.apiUrl, ADMIN_TOKEN: ADMIN } }),
    ).rejects.toMatchObject({ code: 1 });
  });

  it('records nothing while nothing is locked', async () => {
    const { stdout } = await breach('ConsoleLogin');
    expect(stdout).toContain('no election is locked');
    expect(await alerts('ELECTION BREACH')).toEqual([]);
  });

  it("alerts every observer and the election's own through the mailbox, and marks the locked election compromised", async () => {
    expect((await stack.call('POST', '/elections/council/lock')).status).toBe(200);
    const { stdout } = await breach('UpdateFunctionCode20150331v2');
    expect(stdout).toContain('through EventBridge');
    expect(stdout).toContain('recorded in every locked election');
    const sent = await alerts('ELECTION BREACH: UpdateFunctionCode20150331v2');
    expect(sent.map((m) => m.destination.to[0]).sort()).toEqual(['council-watch@uni.test', 'obs-a@uni.test', 'obs-b@uni.test']);
    const toDeployment = sent.find((m) => m.destination.to[0] === 'obs-a@uni.test')!;
    expect(toDeployment.body.text).toContain('eventName: UpdateFunctionCode20150331v2');
    expect(toDeployment.body.text).toContain('deliveredBy: EventBridge');
    expect(toDeployment.body.text).toMatch(/delaySeconds: \d+/);
    expect((await stack.call('GET', '/elections/council')).body).toMatchObject({ phase: 'locked', locked: true, compromised: true, breaches: 1 });
  });

  it('alerts once when both paths deliver the same CloudTrail event, found through ELECTION_API', async () => {
    const eventId = randomUUID();
    const logs = await breach('DeleteTrail', ['--via', 'logs', '--event-id', eventId], { ELECTION_API: `${stack.apiUrl}/` });
    expect(logs.stdout).toContain(`through CloudWatch Logs (CloudTrail event ${eventId})`);
    await breach('DeleteTrail', ['--via', 'eventbridge', '--event-id', eventId]);
    const sent = await alerts('ELECTION BREACH: DeleteTrail');
    expect(sent.map((m) => m.destination.to[0]).sort()).toEqual(['council-watch@uni.test', 'obs-a@uni.test', 'obs-b@uni.test']);
    // The public view is kept a moment (README, public reads); the breach handler's write shows within it.
    await expect.poll(async () => (await stack.call('GET', '/elections/council')).body.breaches, { timeout: 5_000, interval: 250 }).toBe(2);
  });

  it('refuses an event name that is not watched, and a path that does not exist', async () => {
    await expect(breach('ListBuckets')).rejects.toMatchObject({ code: 2 });
    await expect(breach('ConsoleLogin', ['--via', 'carrier-pigeon'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--via takes eventbridge or logs') });
  });
});
