import { SendBulkEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import aslValidator from 'asl-validator';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SesMailer } from '../../handlers/adapters/sesMailer';
import { lifecycleTaskHandlers } from '../../handlers/lifecycle';
import { startMailbox, type RunningMailbox } from '../../infra/local/mailbox';
import { LocalWorkflowRunner } from '../../workflows/localRunner';
import { synthesizeLifecycleDefinition } from '../../workflows/synthesizeDefinition';
import { freePort } from '../support/freePort';
import { openElection, runnerOnAppClock, setUpElection, startTestApp, type TestApp } from '../support/harness';
import { mailbox } from '../support/localStackProcess';
import { waitFor } from '../support/waitFor';

const LOCAL = { region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const definition = synthesizeLifecycleDefinition({ graceSeconds: 1 });
/** Retries wait no real time in tests; the waits until opensAt and closesAt follow the app's clock (runnerOnAppClock). */
const fastRetries = { retryIntervalOverrides: { MailResultBatch: 0, RecordFailure: 0 } };

describe('the lifecycle definition', () => {
  it('is valid ASL by asl-validator, with ARNs and paths checked', () => {
    const { isValid, errorsText } = aslValidator(definition, { checkArn: true, checkPaths: true });
    expect(errorsText()).toBe('');
    expect(isValid).toBe(true);
  });

  it('waits on the election window, bounds the mail fan-out and catches every task', () => {
    const states = (definition as { States: Record<string, Record<string, any>> }).States;
    // The credentials first, at the committee's send time (opensAt without one), then the opening.
    expect(definition).toMatchObject({ StartAt: 'WaitUntilCredentials' });
    expect(states.WaitUntilCredentials).toMatchObject({ Type: 'Wait', TimestampPath: '$.credentialsAt', Next: 'ReleaseCredentials' });
    expect(states.ReleaseCredentials!.Next).toBe('WaitUntilOpen');
    expect(states.WaitUntilOpen).toMatchObject({ Type: 'Wait', TimestampPath: '$.opensAt', Next: 'OpenVoting' });
    expect(states.WaitUntilClose).toMatchObject({ Type: 'Wait', TimestampPath: '$.closesAt' });
    expect(states.GracePeriod).toMatchObject({ Type: 'Wait', Seconds: 1 });
    expect(states.MailResults).toMatchObject({ Type: 'Map', MaxConcurrency: 10, ItemsPath: '$.mail.pages' });
    const mailRetry = states.MailResults!.ItemProcessor.States.MailResultBatch.Retry;
    expect(mailRetry).toContainEqual(expect.objectContaining({ ErrorEquals: ['MailThrottled'], BackoffRate: 2, JitterStrategy: 'FULL' }));
    for (const [name, state] of Object.entries(states)) {
      if (state.Type === 'Task' && name !== 'RecordFailure') expect(state.Catch?.at(-1)?.ErrorEquals, name).toEqual(['States.ALL']);
    }
    expect(states.MailResults!.Catch[0].ErrorEquals).toEqual(['States.ALL']);
  });

  it('waits for the committee’s acceptance after the count and before any mail, beginning the wait again each day, which reminds the committee', () => {
    const states = (definition as { States: Record<string, Record<string, any>> }).States;
    expect(states.CountOpened!.Next).toBe('AwaitAcceptance');
    expect(states.AwaitAcceptance).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      TimeoutSeconds: 24 * 60 * 60,
      Next: 'IssueRecord',
      Parameters: { Payload: { 'electionId.$': '$.electionId', 'taskToken.$': '$$.Task.Token' } },
    });
    // The day's timeout first: the catch of every error after it would record a failure.
    expect(states.AwaitAcceptance!.Catch.map((c: { ErrorEquals: string[]; Next: string }) => [c.ErrorEquals, c.Next])).toEqual([
      [['States.Timeout'], 'AwaitAcceptance'],
      [['States.ALL'], 'AwaitAcceptanceFailed'],
    ]);
    expect(states.AwaitAcceptance!.Catch[0].ResultPath).toBeNull();
    // The official record is issued as of the final results before anything is mailed or published.
    expect(states.IssueRecord).toMatchObject({ Type: 'Task', Next: 'PlanResultMail' });
  });
});

describe('a whole election run by the state machine against DynamoDB Local and the local mailbox', () => {
  let app: TestApp;
  let box: RunningMailbox;
  let runner: LocalWorkflowRunner;
  beforeAll(async () => {
    // Not a test of SES's rate: the harness drains credentials unpaced.
    box = await startMailbox(await freePort(), { maxSendRate: 1_000 });
    const mailer = new SesMailer('elections@uni.test', new SESv2Client({ ...LOCAL, endpoint: box.url }));
    app = await startTestApp({ mailer });
    runner = new LocalWorkflowRunner(definition, lifecycleTaskHandlers(app.deps), app.log, runnerOnAppClock(app));
    app.workflow = runner;
  });
  afterAll(async () => {
    await runner.stop();
    await app.stop();
    await box.stop();
  });

  it('opens on schedule, closes at the deadline, tallies, mails every voter once and publishes', async () => {
    const { id, roll } = await setUpElection(app, { id: 'sfn-run', voters: 120, closesInMs: 60_000 });
    const now = app.clock.now().getTime();
    const window = { opensAt: new Date(now + 60_000).toISOString(), closesAt: new Date(now + 120_000).toISOString() };
    expect((await app.call('PUT', `/elections/${id}/window`, window)).status).toBe(200);
    await openElection(app, id);
    expect((await app.call('GET', `/elections/${id}`)).body.phase).toBe('scheduled');

    // Nobody has a link before voting opens: the credentials are held until then.
    expect((await mailbox(box.url)).filter((m) => m.destination.to.includes('s1@uni.test'))).toEqual([]);
    app.clock.advance(60_000);
    await waitFor(async () => (await app.call('GET', `/elections/${id}`)).body.phase === 'open');
    expect((await app.call('GET', `/elections/${id}`)).body.credentialMail).toBe('released');
    expect((await app.drainMail()).sent).toBe(120);
    const credential = (await mailbox(box.url)).find((m) => m.destination.to.includes('s1@uni.test'));
    const token = credential?.body.text?.match(/token: (\S+)/)?.[1];
    expect((await app.call('POST', `/elections/${id}/ballots`, { token, choices: ['Grace Hopper'] })).status).toBe(201);

    app.clock.advance(60_000);
    await runner.settled(id);
    const events = await app.store.readEvents(id);
    expect(events.map((e) => e.type).slice(-8)).toEqual([
      'VotingScheduled',
      'CredentialsReleased',
      'VotingOpened',
      'VotingClosed',
      'BallotBoxSealed',
      'ResultsTallied',
      'OfficialRecordIssued',
      'ResultsPublished',
    ]);
    const results = (await mailbox(box.url)).filter((m) => m.subject === 'Results: Student parliament');
    expect(results).toHaveLength(120);
    expect(new Set(results.map((m) => m.destination.to.join()))).toEqual(new Set(roll.map((v) => v.email)));
    expect(results.every((m) => m.destination.to.length === 1)).toBe(true);
    expect(results[0]!.body.text).toContain('Grace Hopper: 1\n');
    expect(results[0]!.body.text).toContain('Turnout: 1 of 120 voters');
  });
});

describe('SES throttling during the results fan-out', () => {
  const ses = new SESv2Client(LOCAL);
  const sesMock = mockClient(ses);
  let app: TestApp;
  let runner: LocalWorkflowRunner;
  beforeAll(async () => {
    app = await startTestApp({ mailer: new SesMailer('elections@uni.test', ses) });
    // Only the results fan-out goes to this SES: the credentials stay queued, so setup keeps within the short window.
    app.autoDrain = false;
    runner = new LocalWorkflowRunner(definition, lifecycleTaskHandlers(app.deps), app.log, { ...fastRetries, ...runnerOnAppClock(app) });
    app.workflow = runner;
  });
  afterAll(async () => {
    sesMock.restore();
    await runner.stop();
    await app.stop();
  });

  it('retries a throttled batch and e-mails every voter exactly once', async () => {
    const throttled = Object.assign(new Error('Maximum sending rate exceeded'), { name: 'TooManyRequestsException', $metadata: {} });
    let calls = 0;
    sesMock.on(SendBulkEmailCommand).callsFake((input: { BulkEmailEntries: unknown[] }) => {
      calls += 1;
      if (calls <= 3) throw throttled;
      return { BulkEmailEntryResults: input.BulkEmailEntries.map(() => ({ Status: 'SUCCESS' })) };
    });
    const { id, roll } = await setUpElection(app, { id: 'throttled', voters: 75, closesInMs: 60_000 });
    await openElection(app, id);
    app.clock.advance(60_000);
    await runner.settled(id);

    expect((await app.call('GET', `/elections/${id}`)).body.phase).toBe('published');
    const delivered = sesMock
      .commandCalls(SendBulkEmailCommand)
      .slice(3)
      .flatMap((c) => c.args[0].input.BulkEmailEntries!.map((e) => e.Destination!.ToAddresses!));
    expect(delivered.every((to) => to.length === 1)).toBe(true);
    expect(delivered.map((to) => to[0]).sort()).toEqual(roll.map((v) => v.email).sort());
    expect(calls).toBe(3 + 2); // one page of two batches (50 + 25), three throttled attempts before them
  });
});

describe('a task that fails for good', () => {
  let app: TestApp;
  let runner: LocalWorkflowRunner;
  /** The tally fails until the test mends it, as a fault the committee has dealt with. */
  let tallyMended = false;
  beforeAll(async () => {
    app = await startTestApp();
    const tasks = lifecycleTaskHandlers(app.deps);
    const broken = {
      ...tasks,
      TallyBallots: async (input: unknown) => (tallyMended ? tasks.TallyBallots(input) : Promise.reject(Object.assign(new Error('disk on fire'), { name: 'TallyCrashed' }))),
    };
    runner = new LocalWorkflowRunner(definition, broken, app.log, { ...fastRetries, ...runnerOnAppClock(app) });
    app.workflow = runner;
  });
  afterAll(async () => {
    await runner.stop();
    await app.stop();
  });

  it('is recorded in the log as LifecycleFailed and alerts every observer', async () => {
    const { id } = await setUpElection(app, { id: 'broken', voters: 2, closesInMs: 60_000 });
    expect((await app.call('PUT', `/elections/${id}/observers`, { observers: ['obs1@uni.test', 'obs2@uni.test'] })).status).toBe(200);
    await openElection(app, id);
    app.clock.advance(60_000);
    await runner.settled(id);

    const last = (await app.store.readEvents(id)).at(-1)!;
    expect(last).toMatchObject({ type: 'LifecycleFailed', data: { step: 'TallyBallots' } });
    expect((last.data as { error: string }).error).toContain('TallyCrashed');
    for (const observer of ['obs1@uni.test', 'obs2@uni.test']) {
      expect(app.mailer.to(observer).map((m) => m.subject)).toEqual(['ALERT: Student parliament: the election workflow failed at TallyBallots']);
    }
    expect((await app.call('GET', `/elections/${id}`)).body.phase).toBe('closed');
  });

  it('shows where the workflow stopped, and a retry the committee asks for runs it on from there to publication', async () => {
    const id = 'broken';
    const stopped = (await app.call('GET', `/elections/${id}`)).body;
    expect(stopped).toMatchObject({ phase: 'closed', workflowFailure: { step: 'TallyBallots' } });
    expect(stopped.workflowFailure.error).toContain('TallyCrashed: disk on fire');
    expect(stopped.workflowRetries).toBeUndefined();

    expect((await app.call('POST', `/elections/${id}/workflow/retry`, undefined, { authorization: 'Bearer wrong' })).status).toBe(401);
    tallyMended = true;
    const retried = await app.call('POST', `/elections/${id}/workflow/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.workflowFailure).toBeUndefined();
    expect(retried.body.workflowRetries).toBe(1);
    await waitFor(async () => (await app.store.load(id)).state.phase === 'published');
    await runner.settled(id);

    const types = (await app.store.readEvents(id)).map((e) => e.type);
    expect(types.slice(types.indexOf('LifecycleFailed'))).toEqual(['LifecycleFailed', 'LifecycleRetried', 'BallotBoxSealed', 'ResultsTallied', 'OfficialRecordIssued', 'ResultsPublished']);
    // Once it got on, there is nothing to retry.
    expect((await app.call('POST', `/elections/${id}/workflow/retry`)).body.error.code).toBe('wrong_phase');
  });

  it('refuses a retry while the workflow has not stopped', async () => {
    const { id } = await setUpElection(app, { id: 'running', voters: 1, closesInMs: 60_000 });
    await openElection(app, id);
    const refused = await app.call('POST', `/elections/${id}/workflow/retry`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('has not stopped');
    app.clock.advance(60_000);
    await runner.settled(id);
  });
});

describe('every task is idempotent', () => {
  let app: TestApp;
  beforeAll(async () => (app = await startTestApp()));
  afterAll(() => app.stop());

  it('appends once and mails once when each task runs twice', async () => {
    const { id, roll } = await setUpElection(app, { id: 'twice', voters: 3, closesInMs: 60_000 });
    await openElection(app, id);
    app.clock.advance(60_000);
    const tasks = lifecycleTaskHandlers(app.deps);
    const { state } = await app.store.load(id);
    const input = { electionId: id, opensAt: state.phase === 'open' ? state.openedAt : '', closesAt: state.phase === 'open' ? state.window.closesAt : '' };
    for (const step of ['OpenVoting', 'CloseVoting', 'TallyBallots'] as const) {
      await tasks[step](input);
      const count = (await app.store.readEvents(id)).length;
      await tasks[step](input);
      expect((await app.store.readEvents(id)).length, step).toBe(count);
    }
    const { pages } = (await tasks.PlanResultMail(input)) as { pages: unknown[] };
    await tasks.PlanResultMail(input);
    for (const page of [...pages, ...pages]) await tasks.MailResultBatch(page);
    for (const voter of roll) expect(app.mailer.to(voter.email).filter((m) => m.subject.startsWith('Results'))).toHaveLength(1);
    await tasks.PublishResults(input);
    const count = (await app.store.readEvents(id)).length;
    await tasks.PublishResults(input);
    expect((await app.store.readEvents(id)).length).toBe(count);
  });
});
