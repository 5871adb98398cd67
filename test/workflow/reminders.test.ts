import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog, type AuditLine, type RecordedEvent } from '../../domain';
import { lifecycleTaskHandlers } from '../../handlers/lifecycle';
import { LocalWorkflowRunner } from '../../workflows/localRunner';
import { synthesizeLifecycleDefinition } from '../../workflows/synthesizeDefinition';
import { mailHeldCredentials, openElection, runnerOnAppClock, setUpElection, startTestApp, type TestApp } from '../support/harness';
import { waitFor } from '../support/waitFor';

const definition = synthesizeLifecycleDefinition({ graceSeconds: 1 });
const REMINDER = /^Reminder: you have not voted yet/;

describe('the lifecycle definition', () => {
  it('waits for each reminder time in turn inside a Map, and a failed round never fails the election', () => {
    const states = (definition as { States: Record<string, Record<string, any>> }).States;
    expect(states.OpenVoting!.Next).toBe('Reminders');
    expect(states.Reminders).toMatchObject({ Type: 'Map', ItemsPath: '$.reminders', MaxConcurrency: 1, Next: 'WaitUntilClose' });
    const round = states.Reminders!.ItemProcessor;
    expect(round.States.WaitUntilReminder).toMatchObject({ Type: 'Wait', TimestampPath: '$.at', Next: 'QueueReminders' });
    expect(round.States.QueueReminders.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: null, Next: 'ReminderNotQueued' }]);
    expect(round.States.ReminderNotQueued).toMatchObject({ Type: 'Pass', End: true });
  });
});

describe('reminders during voting, run by the state machine', () => {
  let app: TestApp;
  let runner: LocalWorkflowRunner;
  beforeAll(async () => {
    app = await startTestApp();
    runner = new LocalWorkflowRunner(definition, lifecycleTaskHandlers(app.deps), app.log, runnerOnAppClock(app));
    app.workflow = runner;
  });
  afterAll(async () => {
    await runner.stop();
    await app.stop();
  });

  const reminded = () =>
    app.mailer.sent
      .filter((m) => REMINDER.test(m.subject))
      .map((m) => m.to)
      .sort();
  const remindersQueued = async (id: string) =>
    (await app.store.readEvents(id)).filter((e): e is Extract<RecordedEvent, { type: 'RemindersQueued' }> => e.type === 'RemindersQueued').map((e) => e.data);

  it('mails a working link at each reminder time to every voter who has not voted, nothing to those who have, and counts them in the log', async () => {
    const { id, roll, tokens } = await setUpElection(app, { id: 'remind', voters: 5, closesInMs: 60_000 });
    // A minute apart by the app's clock, which the test moves past each in turn.
    const now = app.clock.now().getTime();
    const at = [now + 60_000, now + 120_000].map((t) => new Date(t).toISOString());
    const window = { closesAt: new Date(now + 180_000).toISOString(), reminders: [at[1], at[0]] };
    const set = await app.call('PUT', `/elections/${id}/window`, window);
    expect(set.status).toBe(200);
    expect(set.body.reminders).toEqual({ at, queued: 0 });
    await openElection(app, id);
    await mailHeldCredentials(app, id);
    const cast = (token: string) => app.call('POST', `/elections/${id}/ballots`, { token, choices: ['Ada Lovelace'] });
    expect((await cast(tokens[0]!)).status).toBe(201);

    app.clock.advance(60_000);
    await waitFor(async () => (await remindersQueued(id)).length === 1);
    expect(await remindersQueued(id)).toEqual([{ round: 0, at: at[0], voters: 4 }]);
    await app.drainMail();
    expect(reminded()).toEqual(['s2@uni.test', 's3@uni.test', 's4@uni.test', 's5@uni.test']);
    // The reminder carries the voter's own link, which works.
    const reminder = app.mailer.to('s2@uni.test').find((m) => REMINDER.test(m.subject))!;
    expect(reminder.text).toContain(tokens[1]);
    expect((await cast(tokens[1]!)).status).toBe(201);

    app.clock.advance(60_000);
    await waitFor(async () => (await remindersQueued(id)).length === 2);
    expect((await remindersQueued(id))[1]).toEqual({ round: 1, at: at[1], voters: 3 });
    // Someone who votes after the round was queued, before their reminder goes out, gets nothing.
    expect((await cast(tokens[2]!)).status).toBe(201);
    expect((await app.drainMail()).skipped).toBe(1);
    expect(reminded()).toEqual(['s2@uni.test', 's3@uni.test', 's4@uni.test', 's4@uni.test', 's5@uni.test', 's5@uni.test']);

    app.clock.advance(60_000);
    await runner.settled(id);
    const types = (await app.store.readEvents(id)).map((e) => e.type);
    expect(types.slice(types.indexOf('VotingOpened'))).toEqual([
      'VotingOpened',
      'CredentialsReleased',
      'RemindersQueued',
      'RemindersQueued',
      'VotingClosed',
      'BallotBoxSealed',
      'ResultsTallied',
      'OfficialRecordIssued',
      'ResultsPublished',
    ]);
    expect((await app.call('GET', `/elections/${id}`)).body.reminders).toEqual({ at, queued: 2 });

    // A round run again (a retried task, a restarted stack) queues no one twice and records nothing twice.
    const again = await lifecycleTaskHandlers(app.deps).QueueReminders({ electionId: id, opensAt: at[0], closesAt: window.closesAt, round: 1, at: at[1] });
    expect(again).toEqual({ round: 1, notQueued: 'the election is published' });
    expect((await app.drainMail()).sent).toBe(0);

    const response = await fetch(`${app.url}/elections/${id}/audit-log`);
    const lines = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditLine);
    expect(verifyAuditLog(lines)).toMatchObject({ ok: true, findings: [] });
    expect(roll).toHaveLength(5);
  });
});

describe('a reminder round that fails', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('is recorded and mailed to the observers like a failed step, and leaves the election open', async () => {
    const { id } = await setUpElection(app, { id: 'remind-broken', voters: 2 });
    const closesAt = new Date(Date.now() + 60_000).toISOString();
    const at = new Date(Date.now() + 30_000).toISOString();
    expect((await app.call('PUT', `/elections/${id}/window`, { closesAt, reminders: [at] })).status).toBe(200);
    expect((await app.call('PUT', `/elections/${id}/observers`, { observers: ['observer@uni.test'] })).status).toBe(200);
    await openElection(app, id);
    const unreadable = {
      ...app.deps.mail,
      remindable: () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(Object.assign(new Error('table gone'), { name: 'ResourceNotFoundException' })) }) }),
    };

    const outcome = await lifecycleTaskHandlers({ ...app.deps, mail: unreadable }).QueueReminders({ electionId: id, opensAt: at, closesAt, round: 0, at });

    expect(outcome).toEqual({ round: 0, notQueued: 'ResourceNotFoundException' });
    const last = (await app.store.readEvents(id)).at(-1)!;
    expect(last).toMatchObject({ type: 'LifecycleFailed', data: { step: 'QueueReminders (round 1)', error: 'ResourceNotFoundException: table gone', continues: true } });
    expect(app.mailer.to('observer@uni.test').map((m) => m.subject)).toEqual(['ALERT: Student parliament: the election workflow failed at QueueReminders (round 1)']);
    expect(app.mailer.to('observer@uni.test')[0]!.text).toContain('The election goes on without it.');
    // The workflow went on: there is nothing for the committee to retry.
    const view = (await app.call('GET', `/elections/${id}`)).body;
    expect(view.phase).toBe('open');
    expect(view.workflowFailure).toBeUndefined();
  });

  it('run again after it queued its mail but failed to record it, counts every voter it reminded, not only those already mailed', async () => {
    const { id } = await setUpElection(app, { id: 'remind-twice', voters: 6 });
    const closesAt = new Date(Date.now() + 60_000).toISOString();
    const at = new Date(Date.now() + 30_000).toISOString();
    expect((await app.call('PUT', `/elections/${id}/window`, { closesAt, reminders: [at] })).status).toBe(200);
    await openElection(app, id);
    // The first run queues all six reminders, then cannot record the round: the store refuses that append.
    const refusing = new Proxy(app.store, {
      get(store, name) {
        const value = Reflect.get(store, name, store) as unknown;
        if (name !== 'append' || typeof value !== 'function') return typeof value === 'function' ? value.bind(store) : value;
        return (electionId: string, head: unknown, events: RecordedEvent[], state: unknown) =>
          events.some((e) => e.type === 'RemindersQueued') ? Promise.reject(new Error('throttled')) : value.call(store, electionId, head, events, state);
      },
    });
    const round = { electionId: id, opensAt: at, closesAt, round: 0, at };
    expect(await lifecycleTaskHandlers({ ...app.deps, store: refusing }).QueueReminders(round)).toEqual({ round: 0, notQueued: 'Error' });

    // Run again before the sender mailed any of them: all six are still queued.
    expect(await lifecycleTaskHandlers(app.deps).QueueReminders(round)).toEqual({ round: 0, queued: 6 });
    const recorded = (await app.store.readEvents(id)).filter((e) => e.type === 'RemindersQueued').map((e) => e.data);
    expect(recorded).toEqual([{ round: 0, at, voters: 6 }]);
    await app.drainMail();
    expect(app.mailer.sent.filter((m) => REMINDER.test(m.subject))).toHaveLength(6);
  });
});
