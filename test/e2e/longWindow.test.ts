import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { credentialToken, mailbox, spawnLocalStack, type LocalStackProcess } from '../support/localStackProcess';
import { waitFor } from '../support/waitFor';

const ADMIN = 'long-window-admin-token-51c2';
const REMINDER = /^Reminder: you have not voted yet/;

/**
 * `npm start` on real time, as a committee rehearses: an election that opens more than a minute
 * after it is started, reminds more than a minute after that, and closes more than a minute
 * later still. Every wait outlasts the 60 s the Step Functions stand-in gives a Task by default,
 * which once failed every such election on the local stack; and the stack is killed mid-election
 * and restarted on its DATA_DIR, losing nothing.
 * The stack's clock cannot be moved here: the test lets the minutes pass.
 */
describe('an election of several minutes on the local stack, restarted in the middle', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'long-window-'));
  let stack: LocalStackProcess | undefined;
  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const start = () => spawnLocalStack({ ADMIN_TOKEN: ADMIN, DATA_DIR: dataDir, GRACE_SECONDS: '1' }, []);
  const events = async () => (await stack!.call('GET', '/elections/long-window/events?after=0')).body.events as { type: string; at: string; data: any }[];

  it('opens, reminds, closes, tallies, publishes and mails each at its time', async () => {
    stack = await start();
    expect(stack.output()).toContain('Clock:        real time');
    // Only a rehearsing stack moves its clock.
    expect((await fetch(`${stack.apiUrl}/_local/clock`, { method: 'POST', body: '{}' })).status).toBe(404);

    const opensAt = Date.now() + 75_000;
    const remindAt = opensAt + 65_000;
    const closesAt = remindAt + 65_000;
    const iso = (t: number) => new Date(t).toISOString();
    const candidates = ['Ada Lovelace', 'Grace Hopper'].map((name, i) => ({ name, email: `c${i}@uni.test`, pageLink: `https://uni.test/c${i}` }));
    const window = { opensAt: iso(opensAt), closesAt: iso(closesAt), reminders: [iso(remindAt)] };
    expect((await stack.call('POST', '/elections', { id: 'long-window', title: 'Long window', ballot: { kind: 'single' }, candidates, ...window })).status).toBe(201);
    const voters = [1, 2, 3].map((i) => ({ studentId: `w${i}`, email: `w${i}@uni.test` }));
    expect((await stack.call('POST', '/elections/long-window/voters', { voters })).status).toBe(200);
    expect((await stack.call('POST', '/elections/long-window/lock')).status).toBe(200);
    expect((await stack.call('POST', '/elections/long-window/start')).body.phase).toBe('scheduled');

    const opened = await waitFor(async () => (await events()).find((e) => e.type === 'VotingOpened'), until(opensAt + 30_000));
    expect(Date.parse(opened.data.at)).toBeGreaterThanOrEqual(opensAt);
    // The credentials were held until the opening.
    const token = await credentialToken(stack.mailboxUrl, 'w1@uni.test');
    expect((await stack.call('POST', '/elections/long-window/ballots', { token, choices: ['Grace Hopper'] })).status).toBe(201);

    // A crash between the opening and the reminder: the restarted stack takes the workflow up from the log.
    await stack.kill();
    stack = await start();
    // Nothing lost: the roll, the ballot cast and the credential it used up.
    expect((await stack.call('GET', '/elections/long-window')).body).toMatchObject({ phase: 'open', voterCount: 3 });
    expect((await stack.call('GET', '/elections/long-window/turnout')).body).toEqual({ registered: 3, voted: 1 });
    expect((await stack.call('POST', '/elections/long-window/ballots', { token, choices: ['Ada Lovelace'] })).status).toBe(409);

    const reminded = await waitFor(async () => (await events()).find((e) => e.type === 'RemindersQueued'), until(remindAt + 30_000));
    expect(reminded.data).toEqual({ round: 0, at: iso(remindAt), voters: 2 });
    expect(Date.parse(reminded.at)).toBeGreaterThanOrEqual(remindAt);
    const reminders = await waitFor(
      async () => {
        const mails = (await mailbox(stack!.mailboxUrl)).filter((m) => REMINDER.test(m.subject));
        return mails.length === 2 ? mails : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(reminders.map((m) => m.destination.to[0]).sort()).toEqual(['w2@uni.test', 'w3@uni.test']);

    const published = await waitFor(async () => (await events()).find((e) => e.type === 'ResultsPublished'), until(closesAt + 60_000));
    const types = (await events()).map((e) => e.type);
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
    const closed = (await events()).find((e) => e.type === 'VotingClosed')!;
    expect(Date.parse(closed.data.at)).toBeGreaterThanOrEqual(closesAt);
    expect(Date.parse(published.at)).toBeGreaterThan(Date.parse(closed.data.at));

    const results = await stack.call('GET', '/elections/long-window/results');
    expect(results.body).toMatchObject({ phase: 'published', turnout: { voted: 1, registered: 3 } });
    expect(results.body.result.elected).toEqual(['Grace Hopper']);
    const resultMails = await waitFor(
      async () => {
        const mails = (await mailbox(stack!.mailboxUrl)).filter((m) => m.subject === 'Results: Long window');
        return mails.length === 3 ? mails : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(resultMails.map((m) => m.destination.to[0]).sort()).toEqual(['w1@uni.test', 'w2@uni.test', 'w3@uni.test']);
  }, 420_000);
});

/** Waiting that fails once the clock passes `deadline` (epoch ms). */
const until = (deadline: number) => ({ timeoutMs: deadline - Date.now(), intervalMs: 500 });
