import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialToken, mailbox, spawnLocalStack, type LocalStackProcess } from '../support/localStackProcess';
import { waitFor } from '../support/waitFor';

const ADMIN = 'rehearsal-admin-token-0c9e';
const DAY_MS = 86_400_000;
const exec = promisify(execFile);

/** `npm start -- --rehearsal`: an election of two weeks, run through in moments by moving the stack's clock with `npm run clock`. */
describe('a rehearsal on a clock the committee moves forward', () => {
  let stack: LocalStackProcess;
  beforeAll(async () => {
    stack = await spawnLocalStack({ ADMIN_TOKEN: ADMIN, GRACE_SECONDS: '1' }, ['--rehearsal']);
  });
  afterAll(() => stack?.stop());

  /** `npm run clock -- …` against the stack: its exit code and what it printed. */
  const clock = async (...args: string[]) => {
    try {
      const { stdout } = await exec(process.execPath, ['--import', 'tsx', 'infra/local/clockCli.ts', ...args], { env: { ...process.env, ELECTION_API: stack.apiUrl } });
      return { code: 0, out: stdout };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, out: failed.stdout + failed.stderr };
    }
  };
  const events = async (id: string) => (await stack.call('GET', `/elections/${id}/events?after=0`)).body.events as { type: string; at: string; data: any }[];
  const phase = async (id: string) => (await events(id)).map((e) => e.type);

  it('says so when it starts, and keeps nothing', () => {
    expect(stack.output()).toContain('Clock:        REHEARSAL');
    expect(stack.output()).toContain('in memory');
  });

  it('opens, reminds, closes, publishes an election of two weeks and deletes its personal data as its clock is moved past each time', async () => {
    const now = Date.parse((await clock()).out.match(/reads (\S+)\./)![1]!);
    const opensAt = now + DAY_MS;
    const remindAt = opensAt + 7 * DAY_MS;
    const closesAt = opensAt + 14 * DAY_MS;
    const iso = (t: number) => new Date(t).toISOString();
    const candidates = ['Ada Lovelace', 'Grace Hopper'].map((name, i) => ({ name, email: `c${i}@uni.test`, pageLink: `https://uni.test/c${i}` }));
    const created = await stack.call('POST', '/elections', {
      id: 'two-weeks',
      title: 'Two weeks',
      ballot: { kind: 'single' },
      candidates,
      opensAt: iso(opensAt),
      closesAt: iso(closesAt),
      reminders: [iso(remindAt)],
    });
    expect(created.status).toBe(201);
    const voters = [1, 2, 3].map((i) => ({ studentId: `r${i}`, email: `r${i}@uni.test` }));
    expect((await stack.call('POST', '/elections/two-weeks/voters', { voters })).status).toBe(200);
    expect((await stack.call('POST', '/elections/two-weeks/lock')).status).toBe(200);
    expect((await stack.call('POST', '/elections/two-weeks/start')).body.phase).toBe('scheduled');
    // Not yet: the window opens a day on, and the credentials go out then.
    expect(await mailbox(stack.mailboxUrl)).toEqual([]);

    expect((await clock('--forward', '1d')).code).toBe(0);
    await waitFor(async () => (await phase('two-weeks')).includes('VotingOpened'));
    const token = await credentialToken(stack.mailboxUrl, 'r1@uni.test');
    expect((await stack.call('POST', '/elections/two-weeks/ballots', { token, choices: ['Ada Lovelace'] })).status).toBe(201);

    // The rehearsal clock runs on from where it is set: it reads the time given, or a moment later.
    const readsAfterMove = Date.parse((await clock('--to', iso(remindAt))).out.match(/reads (\S+)\./)![1]!);
    expect(readsAfterMove - remindAt).toBeGreaterThanOrEqual(0);
    expect(readsAfterMove - remindAt).toBeLessThan(60_000);
    await waitFor(async () => (await phase('two-weeks')).includes('RemindersQueued'));
    expect((await events('two-weeks')).find((e) => e.type === 'RemindersQueued')!.data).toEqual({ round: 0, at: iso(remindAt), voters: 2 });
    await waitFor(async () => (await mailbox(stack.mailboxUrl)).filter((m) => /^Reminder/.test(m.subject)).length === 2);

    expect((await clock('--forward', '7d')).code).toBe(0);
    await waitFor(async () => (await phase('two-weeks')).includes('ResultsPublished'));
    const types = await phase('two-weeks');
    expect(types).not.toContain('LifecycleFailed');
    expect(types.slice(types.indexOf('VotingScheduled'))).toEqual([
      'VotingScheduled',
      'CredentialsReleased',
      'VotingOpened',
      'RemindersQueued',
      'VotingClosed',
      'BallotBoxSealed',
      'ResultsTallied',
      'OfficialRecordIssued',
      'ResultsPublished',
    ]);
    // The log's times are the rehearsal's: closed at the deadline two weeks on, not today.
    expect(Date.parse((await events('two-weeks')).find((e) => e.type === 'VotingClosed')!.data.at)).toBeGreaterThanOrEqual(closesAt);
    expect((await stack.call('GET', '/elections/two-weeks/results')).body.result.elected).toEqual(['Ada Lovelace']);
    await waitFor(async () => (await mailbox(stack.mailboxUrl)).filter((m) => m.subject === 'Results: Two weeks').length === 3);

    // Past the challenge period of 14 days, the stack's sweep deletes the voters' personal data, and the log says so.
    expect((await stack.call('GET', '/elections/two-weeks')).body.personalData).toMatchObject({ status: 'kept' });
    expect((await clock('--forward', '15d')).code).toBe(0);
    await waitFor(async () => (await phase('two-weeks')).includes('PersonalDataDeleted'));
    expect((await stack.call('GET', '/elections/two-weeks')).body.personalData).toMatchObject({ status: 'deleted' });
  }, 120_000);

  it('never moves back, and says how to move it', async () => {
    const back = await clock('--to', '2020-01-01T00:00:00Z');
    expect(back.code).toBe(1);
    expect(back.out).toContain('the clock only moves forward');
    const wrong = await clock('--forward', 'tomorrow');
    expect(wrong.code).toBe(2);
    expect(wrong.out).toContain('like 90s, 15m, 2h, 3d or 2w');
  });
});
