import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditVerify } from '../../cli/audit';
import { auditRecord } from '../../cli/auditRecord';
import { readAuditLog } from '../../cli/readAuditLog';
import { reseal } from '../audit/forge';
import { lifecycleTaskHandlers } from '../../handlers/lifecycle';
import { issueRecord } from '../../handlers/lifecycle/issueRecord';
import { buildOfficialRecord, loadRecordFonts } from '../../record';
import { LocalWorkflowRunner } from '../../workflows/localRunner';
import { synthesizeLifecycleDefinition } from '../../workflows/synthesizeDefinition';
import type { Member } from '../../domain';
import { mailHeldCredentials, memberWithToken, runnerOnAppClock, startTestApp, tokenHeaders, type TestApp } from '../support/harness';
import { waitFor } from '../support/waitFor';

const ID = 'accepted-council';
const DAY_MS = 24 * 60 * 60 * 1000;
const OBSERVER = 'observer@uni.test';
const VOTERS = ['s1', 's2', 's3'].map((studentId) => ({ studentId, email: `${studentId}@uni.test` }));

/**
 * An election whose committee accepts the results, run by the real workflow on the local runner
 * against DynamoDB Local: counted, it waits, mails the committee and the observers that the results
 * are provisional, reminds the committee a day later, and mails and publishes nothing until a
 * second committee member has confirmed the acceptance the first proposed.
 */
describe('the committee’s acceptance of the results, on the workflow', () => {
  let app: TestApp;
  let runner: LocalWorkflowRunner;
  let members: Member[];
  let ada: Record<string, string>;
  let grace: Record<string, string>;
  beforeAll(async () => {
    app = await startTestApp();
    runner = new LocalWorkflowRunner(synthesizeLifecycleDefinition({ graceSeconds: 1 }), lifecycleTaskHandlers(app.deps), app.log, runnerOnAppClock(app));
    app.workflow = runner;
    const signedUp = [await memberWithToken(app, 'Ada Lovelace', 'committee'), await memberWithToken(app, 'Grace Hopper', 'committee')];
    members = signedUp.map((m) => m.member);
    [ada, grace] = signedUp.map((m) => m.headers) as [Record<string, string>, Record<string, string>];
  });
  afterAll(async () => {
    await runner.stop();
    await app.stop();
  });

  /** Both steps proposed by the admin token's member and confirmed by Ada. */
  async function lockAndStart(id: string) {
    for (const step of ['lock', 'start']) {
      expect((await app.call('POST', `/elections/${id}/${step}`)).status).toBe(202);
      expect((await app.call('POST', `/elections/${id}/${step}`, undefined, ada)).status).toBe(200);
    }
  }

  const election = async (id = ID) => (await app.call('GET', `/elections/${id}`)).body;
  const eventTypes = async (id = ID) => (await app.store.readEvents(id)).map((e) => e.type);
  const subjects = (address: string) => app.mailer.to(address).map((m) => m.subject);

  it('the API publishes by itself unless asked otherwise, and refuses an acceptance of any other kind naming the field', async () => {
    const created = await app.call('POST', '/elections', { id: 'plain', title: 'Plain', candidates: [] });
    expect(created.status).toBe(201);
    expect(created.body.acceptance).toBe('automatic');
    const wrong = await app.call('POST', '/elections', { id: 'wrong', title: 'Wrong', acceptance: 'chair' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/^acceptance: /);
    expect((await app.call('POST', '/elections/plain/acceptance', undefined, ada)).status).toBe(409);
  });

  it('mails and publishes nothing until two committee members accepted, reminds the committee daily, then mails and publishes', async () => {
    const closesAt = new Date(app.clock.now().getTime() + 60_000).toISOString();
    const candidates = ['Ada Lovelace', 'Grace Hopper'].map((name) => ({ name, email: 'c@uni.test', pageLink: 'https://uni.test/c' }));
    const created = await app.call('POST', '/elections', { id: ID, title: 'Student council', candidates, closesAt, observers: [OBSERVER], acceptance: 'committee' });
    expect(created.status).toBe(201);
    expect(created.body.acceptance).toBe('committee');
    expect((await app.call('POST', `/elections/${ID}/voters`, { voters: VOTERS })).status).toBe(200);
    await lockAndStart(ID);
    await mailHeldCredentials(app, ID);
    const token = app.mailer.tokenFor('s1@uni.test');
    expect((await app.call('POST', `/elections/${ID}/ballots`, { token, choices: ['Grace Hopper'] })).status).toBe(201);
    // Too early: the election is open.
    expect((await app.call('POST', `/elections/${ID}/acceptance`, undefined, ada)).status).toBe(409);

    app.clock.advance(61_000);
    await waitFor(async () => (await election()).awaitingAcceptance === true && subjects('ada@union.test').includes('Accept the results: Student council'));
    expect(await election()).toMatchObject({ phase: 'tallied', acceptance: 'committee', awaitingAcceptance: true });
    expect((await app.call('GET', `/elections/${ID}/results`)).body).toMatchObject({ phase: 'tallied', awaitingAcceptance: true });
    // The committee is called, the observers told: provisional. No voter hears of the results.
    expect(subjects('grace@union.test')).toContain('Accept the results: Student council');
    expect(app.mailer.to('ada@union.test').at(-1)!.text).toContain('http://vote.test/admin');
    expect(subjects(OBSERVER)).toContain('Results counted, provisional until the committee accepts them: Student council');
    const resultsMail = () => VOTERS.flatMap((v) => app.mailer.to(v.email)).filter((m) => m.subject.startsWith('Results'));
    expect(resultsMail()).toEqual([]);
    expect(await eventTypes()).not.toContain('ResultsPublished');

    // Once called, the committee hears again only after a day, and then once that day.
    const calls = () => subjects('ada@union.test').filter((s) => s.includes('Student council') && /Accept|Reminder/.test(s));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls()).toEqual(['Accept the results: Student council']);
    app.clock.advance(DAY_MS);
    await waitFor(async () => calls().length === 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls()).toEqual(['Accept the results: Student council', "Reminder: the results of Student council have waited 1 day for the committee's acceptance"]);
    expect(subjects(OBSERVER).filter((s) => s.startsWith('Results counted'))).toHaveLength(1);
    // A day on, the members' tokens of yesterday have expired.
    [ada, grace] = (await Promise.all(members.map((m) => tokenHeaders(app, m)))) as [Record<string, string>, Record<string, string>];

    // Ada proposes: nothing is published; she cannot confirm her own proposal.
    const proposed = await app.call('POST', `/elections/${ID}/acceptance`, undefined, ada);
    expect(proposed.status).toBe(202);
    expect(proposed.body.proposal).toMatchObject({ action: 'Accept', proposedBy: { name: 'Ada Lovelace' } });
    expect(proposed.body.proposal.message).toContain('proposed to accept the results');
    const again = await app.call('POST', `/elections/${ID}/acceptance`, undefined, ada);
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'awaiting_second_member' } } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await eventTypes()).not.toContain('ResultsPublished');
    expect(resultsMail()).toEqual([]);

    // Grace confirms: the wait ends, the results are mailed and published.
    const acceptedAnswer = await app.call('POST', `/elections/${ID}/acceptance`, undefined, grace);
    expect(acceptedAnswer.status).toBe(200);
    expect(acceptedAnswer.body.accepted).toMatchObject({ by: { name: 'Grace Hopper' }, proposedBy: { name: 'Ada Lovelace' } });
    await runner.settled(ID);
    expect((await eventTypes()).slice(-5)).toEqual(['ResultsTallied', 'ActionProposed', 'ResultsAccepted', 'OfficialRecordIssued', 'ResultsPublished']);
    expect(await election()).toMatchObject({ phase: 'published', accepted: { by: { name: 'Grace Hopper' }, proposedBy: { name: 'Ada Lovelace' } } });
    expect(await election()).not.toHaveProperty('awaitingAcceptance');
    expect(resultsMail()).toHaveLength(VOTERS.length);
    expect((await app.call('POST', `/elections/${ID}/acceptance`, undefined, grace)).status).toBe(409);
  });

  it('lists the official record as of the acceptance by its SHA-256, which the PDF built from the export has exactly, in both languages', async () => {
    const lines = await readAuditLog(`${app.url}/elections/${ID}/audit-log`);
    const events = lines.flatMap((l) => (l.kind === 'event' ? [l.event] : []));
    const acceptance = events.find((e) => e.type === 'ResultsAccepted')!;
    const issued = events.filter((e) => e.type === 'OfficialRecordIssued');
    expect(issued).toHaveLength(1);
    const [issue] = issued;
    expect(issue!.type === 'OfficialRecordIssued' && issue!.data.head).toBe(acceptance.seq);
    const listed = issue!.type === 'OfficialRecordIssued' ? issue!.data.records : [];
    expect(listed.map((r) => r.language)).toEqual(['de', 'en']);
    const fonts = await loadRecordFonts();
    for (const { language, sha256 } of listed) {
      const pdf = await buildOfficialRecord(
        events.filter((e) => e.seq <= acceptance.seq),
        language,
        fonts,
      );
      expect(createHash('sha256').update(pdf).digest('hex'), language).toBe(sha256);
      // The API serves the issued record too, and the current one, which the publication made another.
      const served = new Uint8Array(await (await fetch(`${app.url}/elections/${ID}/record.pdf?language=${language}&version=issued`)).arrayBuffer());
      expect(createHash('sha256').update(served).digest('hex'), language).toBe(sha256);
      const current = new Uint8Array(await (await fetch(`${app.url}/elections/${ID}/record.pdf?language=${language}`)).arrayBuffer());
      expect(createHash('sha256').update(current).digest('hex'), language).not.toBe(sha256);
    }
    // Whatever the workflow runs again, the record is issued once.
    await issueRecord(app.deps)({ electionId: ID, opensAt: new Date(0).toISOString(), closesAt: new Date(0).toISOString() });
    expect((await eventTypes()).filter((t) => t === 'OfficialRecordIssued')).toHaveLength(1);
  });

  it('audit record checks the rebuilt records against the listed digests, and audit verify fails an export whose count was changed and re-hashed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'issued-record-'));
    const lines = await readAuditLog(`${app.url}/elections/${ID}/audit-log`);
    writeFileSync(join(dir, 'export.ndjson'), lines.map((l) => JSON.stringify(l)).join('\n'));
    const said: string[] = [];
    expect(await auditRecord(join(dir, 'export.ndjson'), { outFile: undefined, cwd: dir }, 'en', (line) => said.push(line))).toBe(0);
    const issue = lines.flatMap((l) => (l.kind === 'event' && l.event.type === 'OfficialRecordIssued' ? [l.event] : []))[0]!;
    expect(said.filter((line) => line.includes('equals the listed one'))).toHaveLength(2);
    expect(said[0]).toContain(`(en, up to event ${issue.data.head}, as issued)`);

    // Grace Hopper's vote moved to Ada Lovelace, the seal, the count and every hash made again: every check inside the file passes but the record's digests.
    const changed = reseal(lines.map((l) => (l.kind === 'ballot' ? { ...l, choices: ['Ada Lovelace'] } : l)));
    writeFileSync(join(dir, 'changed.ndjson'), changed.map((l) => JSON.stringify(l)).join('\n'));
    const verified: string[] = [];
    expect(await auditVerify(join(dir, 'changed.ndjson'), {}, (line) => verified.push(line))).toBe(1);
    const findings = verified.slice(verified.findIndex((line) => line.startsWith('FAILED')));
    expect(findings[0]).toBe('FAILED: 2 discrepancies');
    expect(findings[1]).toMatch(
      new RegExp(`^  - the official record issued as of event ${issue.data.head} \\(de\\) built again has SHA-256 [0-9a-f]{64}, not the ${issue.data.records[0]!.sha256} event \\d+ lists$`),
    );
    const rebuilt: string[] = [];
    expect(await auditRecord(join(dir, 'changed.ndjson'), { outFile: join(dir, 'changed.pdf'), cwd: dir }, 'de', (line) => rebuilt.push(line))).toBe(1);
    expect(rebuilt.filter((line) => line.includes('DIFFERS from the listed'))).toHaveLength(2);
  });
});
