import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash, verifyAuditLog, type AuditLine, type RecordedEvent } from '../../domain';
import { closeVoting, mailResults, publishResults, tallyBallots } from '../support/lifecycleSteps';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';
import { runCommand } from '../../handlers/runCommand';

/** A real export of a small published election, then every kind of tampering an auditor must catch. */
describe('the audit log export and its independent replay', () => {
  let app: TestApp;
  let exported: AuditLine[];
  beforeAll(async () => {
    app = await startTestApp();
    const { id, tokens } = await setUpElection(app, { id: 'audited', voters: 5, closesInMs: 2_000 });
    expect((await app.call('GET', `/elections/${id}/audit-log`)).status).toBe(409);
    await openElection(app, id);
    for (const [i, choice] of ['Ada Lovelace', 'Ada Lovelace', 'Grace Hopper', 'Alan Turing'].entries()) {
      expect((await app.call('POST', `/elections/${id}/ballots`, { token: tokens[i], choices: [choice] })).status).toBe(201);
    }
    await new Promise((r) => setTimeout(r, 2_100));
    for (const step of [closeVoting, tallyBallots, mailResults, publishResults]) expect((await step(app.deps, id)).ok).toBe(true);
    const response = await fetch(`${app.url}/elections/${id}/audit-log`);
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    exported = (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as AuditLine);
  });
  afterAll(() => app.stop());

  const events = () => exported.filter((l): l is Extract<AuditLine, { kind: 'event' }> => l.kind === 'event');
  const findEvent = (type: string) => events().find((l) => l.event.type === type)!;
  /** Replaces one line by a changed copy. */
  const replace = (line: AuditLine, changed: AuditLine) => exported.map((l) => (l === line ? changed : l));
  const resign = (event: RecordedEvent): RecordedEvent => {
    const { hash: _, ...unsigned } = event;
    return { ...event, hash: eventHash(unsigned) };
  };
  const ballots = () => exported.filter((l) => l.kind === 'ballot');

  it('exports the header first, then events, ballots by id, participation and the roll as salted hashes only', () => {
    expect(exported[0]).toMatchObject({ kind: 'header', format: 'student-election-audit', version: 1, electionId: 'audited', ballots: 4, participation: 4, voters: 5 });
    const ids = ballots().map((b) => (b as { ballotId: string }).ballotId);
    expect(ids).toEqual([...ids].sort());
    const text = JSON.stringify(exported);
    for (let i = 1; i <= 5; i += 1) expect(text).not.toContain(`s${i}@uni.test`);
    expect(exported.filter((l) => l.kind === 'voter').every((l) => /^[0-9a-f]{64}$/.test((l as { hash: string }).hash))).toBe(true);
  });

  it('verifies an untouched export clean', () => {
    const report = verifyAuditLog(exported);
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({ ok: true, finalPhase: 'published', ballots: 4, participation: 4 });
  });

  const cases: [string, () => AuditLine[], RegExp][] = [
    ['an event field changed', () => {
      const line = findEvent('CandidatesAdded');
      const event = { ...line.event, data: { candidates: [{ name: 'Mallory', email: 'm@x.test', pageLink: 'https://x.test' }] } } as RecordedEvent;
      return replace(line, { kind: 'event', event });
    }, /event \d+ \(CandidatesAdded\) was changed/],
    ['an event removed', () => exported.filter((l) => l !== findEvent('ElectionLocked')), /missing before event \d+: removed/],
    ['two events swapped', () => {
      const a = findEvent('ElectionLocked');
      const b = findEvent('VotingOpened');
      return exported.map((l) => (l === a ? b : l === b ? a : l));
    }, /reordered/],
    ['an event inserted', () => {
      const after = findEvent('VotingClosed');
      const forged = resign({ ...after.event, type: 'LifecycleFailed', data: { step: 'X', error: 'forged' } } as RecordedEvent);
      const at = exported.indexOf(after);
      return [...exported.slice(0, at + 1), { kind: 'event', event: forged }, ...exported.slice(at + 1)];
    }, /appears twice: an event was inserted/],
    ['a ballot added', () => {
      const at = exported.findIndex((l) => l.kind === 'participation');
      return [...exported.slice(0, at), { kind: 'ballot', ballotId: 'zzzz-forged', choices: ['Alan Turing'] }, ...exported.slice(at)];
    }, /5 ballots but 4 voters took part/],
    ['a ballot removed', () => exported.filter((l) => l !== ballots()[0]), /3 ballots but 4 voters took part/],
    ['a ballot changed', () => {
      const line = ballots().find((b) => (b as { choices: string[] }).choices[0] === 'Alan Turing')!;
      return replace(line, { ...(line as Extract<AuditLine, { kind: 'ballot' }>), choices: ['Ada Lovelace'] });
    }, /the seal does not match the ballots/],
    ['the result changed', () => {
      const line = findEvent('ResultsTallied');
      const event = line.event as Extract<RecordedEvent, { type: 'ResultsTallied' }>;
      return replace(line, { kind: 'event', event: { ...event, data: { result: { ...event.data.result, elected: ['Grace Hopper'] } } } });
    }, /event \d+ \(ResultsTallied\) was changed/],
    ['the result changed and re-signed', () => {
      const line = findEvent('ResultsTallied');
      const event = line.event as Extract<RecordedEvent, { type: 'ResultsTallied' }>;
      return replace(line, { kind: 'event', event: resign({ ...event, data: { result: { ...event.data.result, elected: ['Grace Hopper'] } } }) });
    }, /the published result does not match the ballots/],
    ['the seal changed', () => {
      const line = findEvent('BallotBoxSealed');
      const event = line.event as Extract<RecordedEvent, { type: 'BallotBoxSealed' }>;
      return replace(line, { kind: 'event', event: { ...event, data: { ...event.data, digest: '0'.repeat(64) } } });
    }, /event \d+ \(BallotBoxSealed\) was changed/],
  ];

  it.each(cases)('detects %s with a specific message', (_, tamper, message) => {
    const report = verifyAuditLog(tamper());
    expect(report.ok).toBe(false);
    expect(report.findings.join('\n')).toMatch(message);
  });
});

describe('the export of a compromised election', () => {
  let app: TestApp;
  beforeAll(async () => (app = await startTestApp()));
  afterAll(() => app.stop());

  it('says so in its header, and the replay counts the breach without calling it a discrepancy', async () => {
    const { id } = await setUpElection(app, { id: 'compromised', voters: 1, closesInMs: 1_500 });
    await openElection(app, id);
    const breach = { cloudTrailEventId: 'ct-1', eventName: 'ConsoleLogin', principal: 'arn:aws:iam::1:user/m', sourceIp: '203.0.113.7', eventTime: new Date().toISOString(), detectedAt: new Date().toISOString() };
    expect((await runCommand(app.deps, id, { type: 'RecordBreach', breach })).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 1_600));
    for (const step of [closeVoting, tallyBallots, mailResults, publishResults]) expect((await step(app.deps, id)).ok).toBe(true);
    const lines = (await (await fetch(`${app.url}/elections/${id}/audit-log`)).text()).trim().split('\n').map((l) => JSON.parse(l) as AuditLine);
    expect(lines[0]).toMatchObject({ kind: 'header', breaches: 1 });
    expect(verifyAuditLog(lines)).toMatchObject({ ok: true, breaches: 1 });
    expect((await app.call('GET', `/elections/${id}/results`)).body.compromised).toBe(true);
  });
});
