import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleTaskHandlers } from '../../handlers/lifecycle';
import { LocalWorkflowRunner } from '../../workflows/localRunner';
import { synthesizeLifecycleDefinition } from '../../workflows/synthesizeDefinition';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';
import { ManualTimers } from '../support/manualTimers';
import { waitFor } from '../support/waitFor';

const HOUR_MS = 60 * 60 * 1000;

/** The committee's send time: the workflow releases the credentials then, hours before it opens voting. */
describe('a lifecycle with a send time for the credentials, run by the state machine', () => {
  let app: TestApp;
  let runner: LocalWorkflowRunner;
  const timers = new ManualTimers();
  beforeAll(async () => {
    app = await startTestApp();
    runner = new LocalWorkflowRunner(synthesizeLifecycleDefinition({ graceSeconds: 1 }), lifecycleTaskHandlers(app.deps), app.log, { clock: app.clock, sleep: timers.sleep });
    app.workflow = runner;
  });
  afterAll(async () => {
    await runner.stop();
    await app.stop();
  });

  const state = async (id: string) => (await app.store.load(id)).state;
  /** Moves the clock to the moment, lets every sleep end, and returns once the workflow sleeps again (or has finished). */
  const passTime = async (id: string, to: number) => {
    app.clock.advance(to - app.clock.now().getTime());
    timers.fire();
    await waitFor(async () => timers.asleep === 1 || (await state(id)).phase === 'published');
  };

  it('waits until the send time, releases the credentials, and opens voting at opensAt, not before', async () => {
    const { id, roll } = await setUpElection(app, { id: 'sent-early', voters: 2 });
    const now = app.clock.now().getTime();
    const [credentialsAt, opensAt, closesAt] = [now + 6 * HOUR_MS, now + 30 * HOUR_MS, now + 54 * HOUR_MS];
    const iso = (t: number) => new Date(t).toISOString();
    const window = { opensAt: iso(opensAt), closesAt: iso(closesAt), credentialsAt: iso(credentialsAt) };
    expect((await app.call('PUT', `/elections/${id}/window`, window)).body).toMatchObject({ credentialsAt: iso(credentialsAt), credentialMail: 'held' });
    await openElection(app, id);
    await waitFor(async () => timers.asleep === 1);

    await passTime(id, credentialsAt - 1000);
    expect(await state(id)).toMatchObject({ phase: 'scheduled', credentialsHeld: true });
    await passTime(id, credentialsAt + 1);
    const released = await state(id);
    expect(released.phase).toBe('scheduled');
    expect(released).not.toHaveProperty('credentialsHeld');
    await app.drainMail();
    const token = app.mailer.tokenFor(roll[0]!.email);
    const cast = () => app.call('POST', `/elections/${id}/ballots`, { token, choices: ['Grace Hopper'] });
    expect((await cast()).body.error).toEqual({ code: 'wrong_phase', message: `voting opens at ${iso(opensAt)} (the election is scheduled)` });

    await passTime(id, opensAt - 1000);
    expect((await state(id)).phase).toBe('scheduled');
    await passTime(id, opensAt + 1);
    expect((await state(id)).phase).toBe('open');
    expect((await cast()).status).toBe(201);

    await passTime(id, closesAt + 1);
    await passTime(id, app.clock.now().getTime() + 1000); // the grace period, one second
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
    const at = (type: string) => Date.parse((events.find((e) => e.type === type)!.data as { at: string }).at);
    expect(at('CredentialsReleased')).toBeGreaterThanOrEqual(credentialsAt);
    expect(at('CredentialsReleased')).toBeLessThan(opensAt);
    expect(at('VotingOpened')).toBeGreaterThanOrEqual(opensAt);
  });
});
