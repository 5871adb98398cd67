import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleTaskHandlers } from '../../handlers/lifecycle';
import { localTime } from '../../handlers/mail/localTime';
import { LocalWorkflowRunner } from '../../workflows/localRunner';
import { synthesizeLifecycleDefinition } from '../../workflows/synthesizeDefinition';
import { runnerOnAppClock, startTestApp, type TestApp } from '../support/harness';
import { waitFor } from '../support/waitFor';

const DAY_MS = 24 * 60 * 60 * 1000;
const CANDIDATES = ['Ada Lovelace', 'Grace Hopper'].map((name, i) => ({ name, email: `c${i}@uni.test`, pageLink: `https://uni.test/c${i}` }));

/**
 * The committee's send time on the real workflow against DynamoDB Local: the links go out a day
 * before voting opens, say so, and work only once it has.
 */
describe('credentials mailed at the committee’s send time, before voting opens', () => {
  let app: TestApp;
  let runner: LocalWorkflowRunner;
  beforeAll(async () => {
    app = await startTestApp();
    runner = new LocalWorkflowRunner(synthesizeLifecycleDefinition({ graceSeconds: 1 }), lifecycleTaskHandlers(app.deps), app.log, runnerOnAppClock(app));
    app.workflow = runner;
  });
  afterAll(async () => {
    await runner.stop();
    await app.stop();
  });

  const iso = (t: number) => new Date(t).toISOString();
  const election = async (id: string) => (await app.call('GET', `/elections/${id}`)).body;

  it('refuses a send time after the opening or without one, naming the field', async () => {
    const now = app.clock.now().getTime();
    const window = { opensAt: iso(now + DAY_MS), closesAt: iso(now + 2 * DAY_MS) };
    const late = await app.call('POST', '/elections', { id: 'late-links', title: 'Late links', candidates: CANDIDATES, ...window, credentialsAt: iso(now + 2 * DAY_MS - 1) });
    expect(late.status).toBe(400);
    expect(late.body.error.message).toBe(`credentialsAt: ${iso(now + 2 * DAY_MS - 1)} is not before opensAt ${window.opensAt}`);
    const withoutDeadline = await app.call('POST', '/elections', { id: 'no-deadline', title: 'No deadline', credentialsAt: iso(now + 1000) });
    expect(withoutDeadline.body.error.message).toBe('credentialsAt: needs closesAt too');
  });

  it('mails the links when the clock reaches the send time, a day early, refuses them until voting opens, and takes them from then on', async () => {
    const id = 'sent-a-day-early';
    const now = app.clock.now().getTime();
    const [credentialsAt, opensAt, closesAt] = [now + DAY_MS, now + 2 * DAY_MS, now + 3 * DAY_MS];
    const created = await app.call('POST', '/elections', {
      id,
      title: 'Fachschaftsrat',
      language: 'de',
      candidates: CANDIDATES,
      opensAt: iso(opensAt),
      closesAt: iso(closesAt),
      credentialsAt: iso(credentialsAt),
    });
    expect(created.body).toMatchObject({ credentialsAt: iso(credentialsAt), credentialMail: 'held' });
    const voters = ['s1', 's2'].map((studentId) => ({ studentId, email: `${studentId}@uni.test` }));
    expect((await app.call('POST', `/elections/${id}/voters`, { voters })).status).toBe(200);
    expect((await app.call('POST', `/elections/${id}/lock`)).status).toBe(200);
    expect((await app.call('POST', `/elections/${id}/start`)).body.phase).toBe('scheduled');

    // A minute before the send time nothing has gone out.
    app.clock.advance(credentialsAt - 60_000 - app.clock.now().getTime());
    await app.drainMail();
    expect(app.mailer.to('s1@uni.test')).toEqual([]);
    expect((await election(id)).credentialMail).toBe('held');

    app.clock.advance(60_000);
    await waitFor(async () => (await election(id)).credentialMail === 'released');
    await app.drainMail();
    const [mail, ...more] = app.mailer.to('s1@uni.test');
    expect(more).toEqual([]);
    expect(mail!.text).toContain(`Sie können von ${localTime(iso(opensAt), 'de', 'Europe/Berlin')} bis ${localTime(iso(closesAt), 'de', 'Europe/Berlin')} wählen.`);
    expect(mail!.text).toContain(`Diese E-Mail kommt vor Beginn der Wahl: Bewahren Sie sie auf. Link und Wahlschlüssel unten gelten ab ${localTime(iso(opensAt), 'de', 'Europe/Berlin')};`);
    const released = await election(id);
    expect(released).toMatchObject({ phase: 'scheduled', credentialMail: 'released' });
    expect(Date.parse(released.credentialsReleasedAt)).toBeGreaterThanOrEqual(credentialsAt);

    const cast = () => app.call('POST', `/elections/${id}/ballots`, { token: app.mailer.tokenFor('s1@uni.test'), choices: ['Ada Lovelace'] });
    const early = await cast();
    expect(early.status).toBe(409);
    expect(early.body.error).toEqual({ code: 'wrong_phase', message: `voting opens at ${iso(opensAt)} (the election is scheduled)` });

    app.clock.advance(opensAt - app.clock.now().getTime());
    await waitFor(async () => (await election(id)).phase === 'open');
    expect((await cast()).status).toBe(201);
    const types = (await app.store.readEvents(id)).map((e) => e.type);
    expect(types.slice(types.indexOf('VotingScheduled'))).toEqual(['VotingScheduled', 'CredentialsReleased', 'VotingOpened']);
  });
});
