import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog, type AuditLine } from '../../domain';
import { sweepPersonalData } from '../../handlers/usecases/retentionSweep';
import { ADMIN_TOKEN, openElection, startTestApp, type TestApp } from '../support/harness';
import { closeVoting, publishResults, tallyBallots } from '../support/lifecycleSteps';

const DAY_MS = 86_400_000;
const ID = 'council-deleted';
/** Voters whose ids and addresses no other text of the test holds: finding one anywhere is finding their data. */
const VOTERS = [
  { studentId: 'matr-470011', email: 'anna.voting@stud.uni.test' },
  { studentId: 'matr-470022', email: 'ben.reissued@stud.uni.test' },
  { studentId: 'matr-470033', email: 'cara.old@stud.uni.test' },
  { studentId: 'matr-470044', email: 'dora.postal@stud.uni.test' },
];
const CORRECTED = 'cara.new@stud.uni.test';
const OBSERVER = 'olga.observer@watch.uni.test';
const PERSONAL = [...VOTERS.flatMap((v) => [v.studentId, v.email]), CORRECTED, OBSERVER];

/** Every text an export file of the directory holds, unzipped. */
const exportTexts = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => gunzipSync(readFileSync(join(f.parentPath, f.name))).toString('utf8'));
const found = (texts: string[]) => PERSONAL.filter((value) => texts.some((text) => text.toLowerCase().includes(value)));

/**
 * The deletion of an election's personal data, on DynamoDB Local: after a whole election with a
 * re-issue, an address correction, a postal voter, a vote with its confirmation, a bounce and a
 * request for a new link, and an observer, the sweep keeps the data through the challenge period, the retention and
 * an undecided objection, then deletes it: no table, export or log line holds a voter's student id
 * or address, nor the observer's, any more, and the export still verifies.
 */
describe('the deletion of personal data', () => {
  let app: TestApp;
  let publishedAt: number;

  beforeAll(async () => {
    app = await startTestApp();
    const created = await app.call('POST', '/elections', {
      id: ID,
      title: 'Faculty council',
      ballot: { kind: 'single' },
      candidates: [{ name: 'Ada Lovelace', email: 'ada@candidates.test', pageLink: 'https://uni.test/ada' }],
      closesAt: new Date(app.clock.now().getTime() + 3_600_000).toISOString(),
      retentionDays: 2,
      observers: [OBSERVER],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await app.call('POST', `/elections/${ID}/voters`, { voters: VOTERS })).status).toBe(200);
    const [anna, ben, cara, dora] = VOTERS;
    expect((await app.call('PUT', `/elections/${ID}/voters/${cara!.studentId}/email`, { email: CORRECTED })).status).toBe(200);
    expect((await app.call('POST', `/elections/${ID}/voters/${ben!.studentId}/reissue`)).status).toBe(200);
    expect((await app.call('POST', `/elections/${ID}/postal-voters`, { studentIds: [dora!.studentId] })).status).toBe(200);
    await openElection(app, ID);
    await app.drainMail();
    const cast = await app.call('POST', `/elections/${ID}/ballots`, { token: app.mailer.tokenFor(anna!.email, ID), choices: ['Ada Lovelace'] });
    expect(cast.status, JSON.stringify(cast.body)).toBe(201);
    // Ben asks for his link again, and Cara's address bounces, with a reason that names it.
    expect((await app.call('POST', `/elections/${ID}/credentials/resend`, { email: ben!.email }, { authorization: '' })).status).toBe(202);
    await app.drainMail();
    const caraMail = (await app.scanAll()).find((item) => item.studentId === cara!.studentId && item.messageId);
    expect(await app.mail.recordMailEvent(caraMail!.messageId, 'bounced', `smtp; 550 5.1.1 <${CORRECTED}>: user unknown`)).toBe(true);
    app.clock.advance(3_601_000);
    for (const step of [closeVoting, tallyBallots, publishResults]) expect((await step(app.deps, ID)).ok).toBe(true);
    publishedAt = app.clock.now().getTime();
  });
  afterAll(() => app.stop());

  it('keeps the data through the challenge period, the retention and an undecided objection, and says until when', async () => {
    const texts = (await app.scanAll()).map((item) => JSON.stringify(item));
    expect(found(texts)).toEqual(PERSONAL);
    const { challengeEndsAt } = (await app.call('GET', `/elections/${ID}`)).body;
    expect(Date.parse(challengeEndsAt) - publishedAt).toBeGreaterThanOrEqual(14 * DAY_MS - 1_000);
    const dueAt = new Date(Date.parse(challengeEndsAt) + 2 * DAY_MS).toISOString();
    expect((await app.call('GET', `/elections/${ID}`)).body).toMatchObject({ retentionDays: 2, personalData: { status: 'kept', deleteAt: dueAt, waitsFor: [] } });
    expect(await sweepPersonalData(app.deps)).toEqual([{ outcome: 'kept', electionId: ID, reason: `due at ${dueAt}` }]);

    expect((await app.call('POST', `/elections/${ID}/objections`, { receivedAt: app.clock.now().toISOString(), grounds: 'Die Frist stand falsch.' })).status).toBe(200);
    app.clock.advance(17 * DAY_MS);
    expect(await sweepPersonalData(app.deps)).toEqual([{ outcome: 'kept', electionId: ID, reason: 'objection(s) 1 undecided' }]);
    expect((await app.call('GET', `/elections/${ID}`)).body.personalData).toEqual({ status: 'kept', deleteAt: dueAt, waitsFor: [1] });
    expect(found((await app.scanAll()).map((item) => JSON.stringify(item)))).toEqual(PERSONAL);
  });

  it('deletes it once the objection is decided: no table, export or log line names a voter, and the export verifies', async () => {
    expect((await app.call('POST', `/elections/${ID}/objections/1/decision`, { outcome: 'rejected', reasons: 'Die Frist stand richtig.' })).status).toBe(200);
    const [outcome] = await sweepPersonalData(app.deps);
    // A credential for each online voter: the ones re-issued before the start were held, never written.
    expect(outcome).toMatchObject({ outcome: 'deleted', electionId: ID, credentials: 3, rollEntries: 4 });

    expect(found((await app.scanAll()).map((item) => JSON.stringify(item)))).toEqual([]);
    expect(found(exportTexts(app.exportDir))).toEqual([]);
    expect(found(app.log.lines)).toEqual([]);

    const election = (await app.call('GET', `/elections/${ID}`)).body;
    expect(election.personalData).toEqual({ status: 'deleted', deletedAt: outcome!.outcome === 'deleted' && outcome!.at });
    const response = await fetch(`${app.url}/elections/${ID}/audit-log`);
    const lines = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditLine);
    expect(lines.filter((l) => l.kind === 'event').at(-1)).toMatchObject({ event: { type: 'PersonalDataDeleted' } });
    expect(lines.filter((l) => l.kind === 'voter')).toHaveLength(VOTERS.length);
    expect(verifyAuditLog(lines)).toMatchObject({ ok: true, findings: [] });
    // The official record is still built from the log.
    const record = await fetch(`${app.url}/elections/${ID}/record.pdf?language=de`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(record.status).toBe(200);
    expect(record.headers.get('content-type')).toBe('application/pdf');
  });

  it('records the deletion once: the next sweep finds nothing left to do', async () => {
    const { head } = await app.store.load(ID);
    expect(await sweepPersonalData(app.deps)).toEqual([{ outcome: 'done-before', electionId: ID }]);
    expect((await app.store.load(ID)).head).toEqual(head);
  });
});
