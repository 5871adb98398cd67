import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/harness';
import { closeVoting, issueRecord, mailResults, publishResults, tallyBallots } from '../support/lifecycleSteps';

/**
 * The official record through the API and the command line, against DynamoDB Local: refused before
 * the count, provisional once counted, final once published; and `election audit record`, run as
 * its own process on the export the API served (saved, or by its URL), writes the very bytes the
 * API served and prints their SHA-256, so that a printed copy can be checked against the log.
 */
const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

const person = (name: string, list?: string) => ({ name, email: 'c@uni.test', pageLink: 'https://uni.test/c', ...(list && { list }) });
const CONTESTS = [
  {
    id: 'parliament',
    title: 'Studierendenparlament',
    ballot: { kind: 'list', method: 'dhondt', seats: 2, lists: ['Grüner Campus', 'Offene Uni'], votes: 2, maxPerCandidate: 1 },
    candidates: [person('Anna Berg', 'Grüner Campus'), person('Юлия Смирнова', 'Grüner Campus'), person('Δημήτρης Παππάς', 'Offene Uni')],
  },
  {
    id: 'fac-inf',
    title: 'Fachschaftsrat Informatik',
    groups: ['faculty:informatik'],
    ballot: { kind: 'ranked', method: 'scottish-stv', seats: 1 },
    candidates: ['Ada Byron', 'Bea Cole', 'Cal Dunn'].map((n) => person(n)),
  },
  { id: 'doc-ref', title: 'Urabstimmung Promovierende', groups: ['status:doctoral'], ballot: { kind: 'referendum', majority: 'simple' } },
];
const ROLL = [
  ...['i1', 'i2', 'i3'].map((id) => ({ studentId: id, email: `${id}@uni.test`, groups: ['faculty:informatik'] })),
  { studentId: 'i4', email: 'i4@uni.test', groups: ['faculty:informatik', 'status:doctoral'] },
  { studentId: 'b1', email: 'b1@uni.test', groups: ['faculty:biologie', 'status:doctoral'] },
  { studentId: 'p1', email: 'p1@uni.test', groups: ['faculty:informatik'] },
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `election audit record …` as a user types it in `dir` (npm run passes that directory as INIT_CWD). */
async function auditRecord(args: string[], dir: string): Promise<Run> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', join(ROOT, 'cli/main.ts'), 'audit', 'record', ...args, '--threads', '1'], {
      cwd: ROOT,
      env: { ...process.env, INIT_CWD: dir },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the official record: GET /elections/{id}/record.pdf and election audit record', () => {
  let app: TestApp;
  const id = 'wahl-2026';
  const dir = mkdtempSync(join(tmpdir(), 'record-'));
  const recordPdf = (query = '') => fetch(`${app.url}/elections/${id}/record.pdf${query}`);
  const pdfText = async (response: Response) => (await extractText(new Uint8Array(await response.arrayBuffer()), { mergePages: true })).text;
  const cast = (studentId: string, papers: Record<string, unknown>) => app.call('POST', `/elections/${id}/ballots`, { token: app.mailer.tokenFor(`${studentId}@uni.test`), papers });

  beforeAll(async () => {
    app = await startTestApp();
    const closesAt = new Date(app.clock.now().getTime() + 60_000).toISOString();
    expect((await app.call('POST', '/elections', { id, title: 'Hochschulwahlen 2026', closesAt, contests: CONTESTS })).status).toBe(201);
    expect((await app.call('POST', `/elections/${id}/voters`, { voters: ROLL })).status).toBe(200);
    expect((await app.call('POST', `/elections/${id}/postal-voters`, { studentIds: ['p1'] })).status).toBe(200);
    await app.drainMail();
  });
  afterAll(() => app.stop());

  it('refuses the record before the votes are counted, naming the phase; an unknown election is not found', async () => {
    const draft = await app.call('GET', `/elections/${id}/record.pdf`);
    expect(draft.status).toBe(409);
    expect(draft.body.error).toEqual({ code: 'wrong_phase', message: 'phase: the official record is available once the votes are counted (the election is draft)' });
    for (const step of ['lock', 'start']) expect((await app.call('POST', `/elections/${id}/${step}`)).status).toBe(200);
    expect((await app.call('GET', `/elections/${id}/record.pdf`)).body.error.message).toContain('(the election is open)');
    expect((await app.call('GET', '/elections/nobody/record.pdf')).status).toBe(404);
    const french = await app.call('GET', `/elections/${id}/record.pdf?language=fr`);
    expect(french.status).toBe(400);
    expect(french.body.error.message).toMatch(/^language: /);
  });

  it('serves a provisional record once the votes are counted, with the lot the count drew', async () => {
    // Ada Byron 2, Bea Cole 1, Cal Dunn 1: the first exclusion is drawn by lot.
    const casts: [string, Record<string, unknown>][] = [
      ['i1', { parliament: { choices: ['Anna Berg', 'Юлия Смирнова'] }, 'fac-inf': { choices: ['Ada Byron'] } }],
      ['i2', { parliament: { choices: ['Offene Uni'] }, 'fac-inf': { choices: ['Ada Byron', 'Bea Cole'] } }],
      ['i3', { parliament: { abstain: true }, 'fac-inf': { choices: ['Bea Cole', 'Ada Byron'] } }],
      ['i4', { parliament: { choices: ['Δημήτρης Παππάς'] }, 'fac-inf': { choices: ['Cal Dunn'] }, 'doc-ref': { choices: ['yes'] } }],
      ['b1', { parliament: { choices: ['Anna Berg'] }, 'doc-ref': { choices: ['no'] } }],
    ];
    for (const [studentId, papers] of casts) expect((await cast(studentId, papers)).status).toBe(201);
    app.clock.advance(61_000);
    for (const step of [closeVoting, tallyBallots]) expect((await step(app.deps, id)).ok).toBe(true);

    const provisional = await recordPdf();
    expect(provisional.status).toBe(200);
    expect(provisional.headers.get('content-type')).toBe('application/pdf');
    expect(provisional.headers.get('content-disposition')).toBe(`inline; filename="record-${id}-de.pdf"`);
    const text = await pdfText(provisional);
    expect(text).toContain('VORLÄUFIG');
    expect(text).toContain('Wahlniederschrift');
    expect(text).toMatch(/Ausschluss Bea Cole, Cal Dunn/);
    expect(text).toContain('Юлия Смирнова');
    expect(text).toContain('davon Briefwahl 1');
  });

  it('serves the final record once published, and the command line builds the same bytes from the export the API served', async () => {
    expect((await recordPdf('?version=issued')).status).toBe(409);
    for (const step of [issueRecord, mailResults, publishResults]) expect((await step(app.deps, id)).ok).toBe(true);
    const served = new Uint8Array(await (await recordPdf()).arrayBuffer());
    const servedEnglish = new Uint8Array(await (await recordPdf('?language=en')).arrayBuffer());
    const issued = await recordPdf('?version=issued');
    expect(issued.headers.get('content-disposition')).toBe(`inline; filename="record-${id}-de-issued.pdf"`);
    const issuedGerman = new Uint8Array(await issued.arrayBuffer());
    const issuedEnglish = new Uint8Array(await (await recordPdf('?version=issued&language=en')).arrayBuffer());
    const text = (await extractText(served.slice(), { mergePages: true })).text;
    expect(text).not.toContain('VORLÄUFIG');
    expect(text).toContain('Ergebnisse veröffentlicht');
    expect((await extractText(servedEnglish.slice(), { mergePages: true })).text).toContain('Official record of the election');

    const exportUrl = `${app.url}/elections/${id}/audit-log`;
    writeFileSync(join(dir, 'export.ndjson'), await (await fetch(exportUrl)).text());
    // By default as issued when the counted results became final (this election asks for no acceptance), each language held to the digest the log lists.
    const issuedRecord = await auditRecord(['export.ndjson', '--out', 'issued.pdf'], dir);
    expect(issuedRecord, issuedRecord.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(issuedRecord.stdout).toContain(`SHA-256: ${sha256(issuedGerman)}`);
    expect(issuedRecord.stdout).toContain(`(de, listed in event`);
    expect(issuedRecord.stdout).toContain(`built again, SHA-256 ${sha256(issuedGerman)} equals the listed one`);
    expect(issuedRecord.stdout).toContain(`built again, SHA-256 ${sha256(issuedEnglish)} equals the listed one`);
    expect(sha256(readFileSync(join(dir, 'issued.pdf')))).toBe(sha256(issuedGerman));

    const fromFile = await auditRecord(['export.ndjson', '--head', 'latest'], dir);
    expect(fromFile, fromFile.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(fromFile.stdout).toContain(`SHA-256: ${sha256(served)}`);
    expect(sha256(readFileSync(join(dir, `record-${id}-de.pdf`)))).toBe(sha256(served));

    const fromUrl = await auditRecord([exportUrl, '--language', 'en', '--out', 'english.pdf', '--head', 'latest'], dir);
    expect(fromUrl, fromUrl.stderr).toMatchObject({ code: 0 });
    expect(fromUrl.stdout).toContain(`SHA-256: ${sha256(servedEnglish)}`);
    expect(Buffer.from(readFileSync(join(dir, 'english.pdf'))).equals(Buffer.from(servedEnglish))).toBe(true);
  });

  it('builds no record from an export that does not verify, nor in a language it does not know', async () => {
    const lines = readFileSync(join(dir, 'export.ndjson'), 'utf8').trim().split('\n');
    const changed = lines.map((line) => line.replace('"choices":["Cal Dunn"]', '"choices":["Bea Cole"]'));
    expect(changed).not.toEqual(lines);
    writeFileSync(join(dir, 'changed.ndjson'), changed.join('\n'));
    const refused = await auditRecord(['changed.ndjson', '--out', 'changed.pdf'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('does not verify, so no record is built from it');
    const unknown = await auditRecord(['export.ndjson', '--language', 'fr'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--language: de or en, not "fr"');
    const head = await auditRecord(['export.ndjson', '--head', 'accepted'], dir);
    expect(head.code).toBe(2);
    expect(head.stderr).toContain('--head: issued or latest, not "accepted"');
  });
});
