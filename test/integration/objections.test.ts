import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog, type AuditLine } from '../../domain';
import { closeVoting, publishResults, tallyBallots } from '../support/lifecycleSteps';
import { memberWithToken, openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';

/** Objections to a published election over the API, on DynamoDB Local: recorded, decided, shown, and in an export that verifies. */
describe('objections to a published election, over the API', () => {
  let app: TestApp;
  const id = 'challenged';

  beforeAll(async () => {
    app = await startTestApp();
    const { tokens } = await setUpElection(app, { id, voters: 3, closesInMs: 60_000 });
    expect((await app.call('POST', `/elections/${id}/objections`, { receivedAt: app.clock.now().toISOString(), grounds: 'Zu früh.' })).body.error.code).toBe('wrong_phase');
    await openElection(app, id);
    expect((await app.call('POST', `/elections/${id}/ballots`, { token: tokens[0], choices: ['Ada Lovelace'] })).status).toBe(201);
    app.clock.advance(61_000);
    for (const step of [closeVoting, tallyBallots, publishResults]) expect((await step(app.deps, id)).ok).toBe(true);
  });
  afterAll(() => app.stop());

  it('shows the challenge period once published, records an objection and its decision, and names what it refuses', async () => {
    const election = (await app.call('GET', `/elections/${id}`)).body;
    expect(election).toMatchObject({ phase: 'published', challengeDays: 14, objections: [] });
    expect(Date.parse(election.challengeEndsAt) - app.clock.now().getTime()).toBeGreaterThan(13.9 * 86_400_000);

    const recorded = await app.call('POST', `/elections/${id}/objections`, { receivedAt: app.clock.now().toISOString(), grounds: 'Die Schlusszeit stand falsch in der Benachrichtigung.' });
    expect(recorded).toMatchObject({ status: 200, body: { objections: [{ id: 1, late: false }] } });
    const decided = await app.call('POST', `/elections/${id}/objections/1/decision`, { outcome: 'rejected', reasons: 'Kein Einfluss auf das Ergebnis.' });
    expect(decided.body.objections).toEqual([{ id: 1, late: false, outcome: 'rejected' }]);

    expect((await app.call('POST', `/elections/${id}/objections/1/decision`, { outcome: 'upheld', reasons: 'Doch.' })).body.error).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('objection'),
    });
    expect((await app.call('POST', `/elections/${id}/objections/x/decision`, { outcome: 'upheld', reasons: 'Doch.' })).body.error.message).toMatch(/^objection: /);
    expect((await app.call('POST', `/elections/${id}/objections/1/decision`, { outcome: 'maybe', reasons: 'x' })).body.error.message).toContain('outcome');
    const future = new Date(app.clock.now().getTime() + 86_400_000).toISOString();
    expect((await app.call('POST', `/elections/${id}/objections`, { receivedAt: future, grounds: 'Später.' })).body.error.message).toBe('receivedAt: lies in the future');
    const { headers } = await memberWithToken(app, 'Hal Desk', 'helpdesk');
    expect((await app.call('POST', `/elections/${id}/objections`, { receivedAt: app.clock.now().toISOString(), grounds: 'x' }, headers)).status).toBe(403);
  });

  it('keeps the export verifiable, with the objection and its decision in it', async () => {
    const response = await fetch(`${app.url}/elections/${id}/audit-log`);
    const lines = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditLine);
    const types = lines.flatMap((l) => (l.kind === 'event' && l.event.type.startsWith('Objection') ? [l.event.type] : []));
    expect(types).toEqual(['ObjectionRecorded', 'ObjectionDecided']);
    expect(verifyAuditLog(lines)).toMatchObject({ ok: true, findings: [] });
  });
});
