import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleTaskHandlers } from '../../handlers/lifecycle';
import { setTimeout as delay } from 'node:timers/promises';
import { LocalWorkflowRunner, WAIT_ATTEMPT_MS } from '../../workflows/localRunner';
import { synthesizeLifecycleDefinition } from '../../workflows/synthesizeDefinition';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';
import { ManualTimers } from '../support/manualTimers';
import { waitFor } from '../support/waitFor';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Elections are set up weeks ahead: the local workflow must wait like Step Functions' Wait, however long. */
describe('a lifecycle whose waits are longer than a JavaScript timer can be', () => {
  let app: TestApp;
  let runner: LocalWorkflowRunner;
  const timers = new ManualTimers();
  beforeAll(async () => {
    app = await startTestApp();
    runner = new LocalWorkflowRunner(synthesizeLifecycleDefinition({ graceSeconds: 1 }), lifecycleTaskHandlers(app.deps), app.log, {
      clock: app.clock,
      sleep: timers.sleep,
    });
    app.workflow = runner;
  });
  afterAll(async () => {
    await runner.stop();
    await app.stop();
  });

  // From the table: the public view may be a few seconds old (handlers/usecases/publicReads.ts).
  const phase = async (id: string) => (await app.store.load(id)).state.phase;
  /** Moves the clock to the moment, lets every sleep end, and returns once the workflow sleeps again (or has finished). */
  const passTime = async (id: string, to: number) => {
    app.clock.advance(to - app.clock.now().getTime());
    timers.fire();
    await waitFor(async () => timers.asleep === 1 || (await phase(id)) === 'published');
  };

  it('opens 60 days ahead and closes 400 days ahead, exactly when the clock passes opensAt and closesAt', async () => {
    const { id, roll } = await setUpElection(app, { id: 'far-ahead', voters: 2 });
    const opensAt = app.clock.now().getTime() + 60 * DAY_MS;
    const closesAt = app.clock.now().getTime() + 400 * DAY_MS;
    const window = { opensAt: new Date(opensAt).toISOString(), closesAt: new Date(closesAt).toISOString() };
    expect((await app.call('PUT', `/elections/${id}/window`, window)).status).toBe(200);
    await openElection(app, id);
    await waitFor(async () => timers.asleep === 1);
    expect(await phase(id)).toBe('scheduled');

    // A sleep that ends early (as an overflowing timer does) must not end the wait.
    await passTime(id, app.clock.now().getTime());
    await passTime(id, opensAt - 30 * DAY_MS);
    await passTime(id, opensAt - 1000);
    expect(await phase(id)).toBe('scheduled');
    await passTime(id, opensAt + 1);
    expect(await phase(id)).toBe('open');

    // The credentials were held until now.
    expect(app.mailer.to(roll[0]!.email)).toEqual([]);
    await app.drainMail();
    const token = app.mailer.tokenFor(roll[0]!.email);
    expect((await app.call('POST', `/elections/${id}/ballots`, { token, choices: ['Grace Hopper'] })).status).toBe(201);
    await passTime(id, closesAt - 200 * DAY_MS);
    await passTime(id, closesAt - 1000);
    expect(await phase(id)).toBe('open');
    await passTime(id, closesAt + 1);
    expect(await phase(id)).toBe('closed');
    await passTime(id, app.clock.now().getTime() + 1000); // the grace period, one second
    await runner.settled(id);

    expect(await phase(id)).toBe('published');
    const events = (await app.store.readEvents(id)).map((e) => e.type);
    expect(events).not.toContain('LifecycleFailed');
    expect(events.slice(-8)).toEqual(['VotingScheduled', 'CredentialsReleased', 'VotingOpened', 'VotingClosed', 'BallotBoxSealed', 'ResultsTallied', 'OfficialRecordIssued', 'ResultsPublished']);
    // Each attempt of a Task waits at most WAIT_ATTEMPT_MS; the 400 days took many, and none failed the step.
    expect(Math.max(...timers.requested)).toBe(WAIT_ATTEMPT_MS);
  });

  it('stops while waiting without opening the election or recording a failure', async () => {
    const { id } = await setUpElection(app, { id: 'stopped-while-waiting', voters: 1 });
    const opensAt = app.clock.now().getTime() + 60 * DAY_MS;
    const window = { opensAt: new Date(opensAt).toISOString(), closesAt: new Date(opensAt + DAY_MS).toISOString() };
    expect((await app.call('PUT', `/elections/${id}/window`, window)).status).toBe(200);
    await openElection(app, id);
    await waitFor(async () => timers.asleep === 1);

    // stop() returns once every execution has ended: none is left to wake, however far the clock moves.
    await runner.stop();
    app.clock.advance(opensAt + 1 - app.clock.now().getTime());
    timers.fire();
    await runner.settled(id);

    expect(await phase(id)).toBe('scheduled');
    expect((await app.store.readEvents(id)).map((e) => e.type)).not.toContain('LifecycleFailed');
  });
});

/**
 * aws-local-stepfunctions ends a Task after 60 s unless the definition says otherwise, and the
 * runner waits inside the Task: on the local stack every election longer than a minute failed
 * with States.Timeout. Here the limits are lowered (a Task timeout of 1 s, attempts of 0.2 s) so
 * that real seconds outlast them.
 */
describe('a wait that outlasts the Task timeout', () => {
  let app: TestApp;
  let runner: LocalWorkflowRunner;
  beforeAll(async () => {
    app = await startTestApp();
    runner = new LocalWorkflowRunner(synthesizeLifecycleDefinition({ graceSeconds: 0 }), lifecycleTaskHandlers(app.deps), app.log, {
      clock: app.clock,
      sleep: (ms, signal) => delay(Math.min(ms, 20), undefined, { signal }),
      taskTimeoutSeconds: 1,
      waitAttemptMs: 200,
    });
    app.workflow = runner;
  });
  afterAll(async () => {
    await runner.stop();
    await app.stop();
  });

  it('goes on waiting in further attempts, and opens and closes when the times come', async () => {
    const { id } = await setUpElection(app, { id: 'outlasting', voters: 1 });
    const opensAt = app.clock.now().getTime() + DAY_MS;
    const window = { opensAt: new Date(opensAt).toISOString(), closesAt: new Date(opensAt + DAY_MS).toISOString() };
    expect((await app.call('PUT', `/elections/${id}/window`, window)).status).toBe(200);
    await openElection(app, id);
    // Real time past the Task timeout, three times over, while the step waits for opensAt.
    await delay(3_000);
    app.clock.advance(opensAt + 1 - app.clock.now().getTime());
    await waitFor(async () => (await app.store.load(id)).state.phase === 'open');
    await delay(3_000);
    app.clock.advance(Date.parse(window.closesAt) + 1 - app.clock.now().getTime());
    await waitFor(async () => (await app.store.load(id)).state.phase === 'published');
    await runner.settled(id);
    expect((await app.store.readEvents(id)).map((e) => e.type)).not.toContain('LifecycleFailed');
  });
});
