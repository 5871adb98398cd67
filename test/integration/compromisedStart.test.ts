import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../handlers/runCommand';
import { setUpElection, startTestApp, type TestApp } from '../support/harness';

/** An election that was breached while locked starts only when the admin confirms it knowingly. */
describe('starting an election marked compromised', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('is refused with what happened and how to confirm, and starts once confirmed', async () => {
    const { id } = await setUpElection(app, { id: 'breached', voters: 2, closesInMs: 3_600_000 });
    expect((await app.call('POST', `/elections/${id}/lock`)).status).toBe(200);
    const now = app.clock.now().toISOString();
    const breach = { cloudTrailEventId: 'ct-1', eventName: 'ConsoleLogin', principal: 'arn:aws:iam::1:user/mallory', sourceIp: '198.51.100.7', eventTime: now, detectedAt: now };
    expect((await runCommand(app.deps, id, { type: 'RecordBreach', breach })).ok).toBe(true);

    const refused = await app.call('POST', `/elections/${id}/start`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('compromised');
    expect(refused.body.error.message).toContain('1 breach(es) were recorded while this election was locked');
    expect(refused.body.error.message).toContain('confirmCompromised: true');
    expect((await app.call('GET', `/elections/${id}`)).body.phase).toBe('locked');

    const started = await app.call('POST', `/elections/${id}/start`, { confirmCompromised: true });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body).toMatchObject({ phase: 'open', compromised: true });
  });

  it('needs no confirmation for an election without breaches', async () => {
    const { id } = await setUpElection(app, { id: 'clean', voters: 2, closesInMs: 3_600_000 });
    expect((await app.call('POST', `/elections/${id}/lock`)).status).toBe(200);
    expect((await app.call('POST', `/elections/${id}/start`)).status).toBe(200);
  });
});
