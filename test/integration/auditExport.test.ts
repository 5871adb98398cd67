import { get } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_FORMAT, AUDIT_VERSION, auditLines, verifyAuditLog, type AuditLine } from '../../domain';
import { auditVerify } from '../../cli/audit';
import { serveAuditExportDirectory, type LocalAuditExports } from '../../handlers/adapters/directoryAuditExportStore';
import { runCommand } from '../../handlers/runCommand';
import { rollHash } from '../../handlers/security';
import { closeVoting, mailResults, publishResults, tallyBallots } from '../support/lifecycleSteps';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';

const CHOICES = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'];

/** The export as the old route built it, whole in memory, from the same store: the streamed one must be the same lines. */
async function exportBuiltWhole(app: TestApp, electionId: string): Promise<AuditLine[]> {
  const { state } = await app.store.load(electionId);
  if (state.phase !== 'published') throw new Error(`${electionId} is ${state.phase}`);
  const [events, ballots, participation, voters, salt] = await Promise.all([
    app.store.readEvents(electionId),
    app.store.readBallots(electionId),
    app.store.countParticipation(electionId),
    app.store.listVoters(electionId),
    app.store.rollSalt(electionId),
  ]);
  const rollLines = voters.map((v) => ({ hash: rollHash(salt, v.studentId) })).sort((a, b) => (a.hash < b.hash ? -1 : 1));
  const header = {
    kind: 'header',
    format: AUDIT_FORMAT,
    version: AUDIT_VERSION,
    electionId,
    title: state.title,
    events: events.length,
    ballots: ballots.length,
    participation,
    voters: rollLines.length,
    breaches: state.breaches.length,
  } as const;
  return auditLines({ header, events, ballots, participation, voters: rollLines });
}

/** Asks the API for the export without following its redirect. */
async function askForExport(app: TestApp, electionId: string): Promise<Response> {
  return fetch(`${app.url}/elections/${electionId}/audit-log`, { redirect: 'manual' });
}

const linesOf = (ndjson: string): AuditLine[] =>
  ndjson
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as AuditLine);

/** The bytes as stored, not unpacked: what `curl -L` without `--compressed` or the AWS CLI saves. */
function rawBytes(url: string): Promise<Buffer> {
  return new Promise((done, failed) => {
    get(url, async (response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of response) chunks.push(chunk as Buffer);
      done(Buffer.concat(chunks));
    }).on('error', failed);
  });
}

async function castAndPublish(app: TestApp, id: string, voters: number, casts: number): Promise<void> {
  const { tokens } = await setUpElection(app, { id, voters, closesInMs: 60_000 });
  await openElection(app, id);
  for (let i = 0; i < casts; i += 1) {
    expect((await app.call('POST', `/elections/${id}/ballots`, { token: tokens[i], choices: [CHOICES[i % 3]] })).status).toBe(201);
  }
  app.clock.advance(61_000);
  for (const step of [closeVoting, tallyBallots, mailResults]) expect((await step(app.deps, id)).ok).toBe(true);
}

describe('the audit export, streamed into the export store and served by a redirect', () => {
  let app: TestApp;
  let exports: LocalAuditExports;
  let dir: string;
  const work = mkdtempSync(join(tmpdir(), 'audit-export-test-'));
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-exports-'));
    exports = await serveAuditExportDirectory(dir);
    app = await startTestApp({ auditExports: exports.store });
    await castAndPublish(app, 'exported', 40, 30);
    expect((await publishResults(app.deps, 'exported')).ok).toBe(true);
  });
  afterAll(async () => {
    await app.stop();
    await exports.stop();
  });

  it('is written by the publish step, before anyone asks, and the API redirects to it without letting the link be cached', async () => {
    const { head } = await app.store.load('exported');
    expect(readdirSync(dir)).toEqual([`exported.${String(head.seq).padStart(10, '0')}.ndjson.gz`]);
    const answer = await askForExport(app, 'exported');
    expect(answer.status).toBe(302);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('location')).toBe(`${exports.url}/${readdirSync(dir)[0]}`);
  });

  it('holds the same lines as the export built whole, ballots in id order, and verifies', async () => {
    const response = await fetch(`${app.url}/elections/exported/audit-log`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="exported-audit-log.ndjson"');
    const lines = linesOf(await response.text());
    expect(lines).toEqual(await exportBuiltWhole(app, 'exported'));
    const ballotIds = lines.flatMap((l) => (l.kind === 'ballot' ? [l.ballotId] : []));
    expect(ballotIds).toHaveLength(30);
    expect(ballotIds).toEqual([...ballotIds].sort());
    expect(lines[0]).toMatchObject({ kind: 'header', ballots: 30, participation: 30, voters: 40 });
    expect(verifyAuditLog(lines)).toMatchObject({ ok: true, findings: [] });
  });

  it('is verified by the CLI by its API URL, saved gzipped, and saved unpacked', async () => {
    const out: string[] = [];
    expect(await auditVerify(`${app.url}/elections/exported/audit-log`, {}, (line) => out.push(line))).toBe(0);
    const gzipped = await rawBytes((await askForExport(app, 'exported')).headers.get('location')!);
    expect([...gzipped.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    writeFileSync(join(work, 'exported.ndjson.gz'), gzipped);
    writeFileSync(join(work, 'exported.ndjson'), gunzipSync(gzipped));
    expect(await auditVerify(join(work, 'exported.ndjson.gz'), {}, () => undefined)).toBe(0);
    expect(await auditVerify(join(work, 'exported.ndjson'), {}, () => undefined)).toBe(0);
    writeFileSync(join(work, 'cut.ndjson.gz'), gzipped.subarray(0, gzipped.length - 20));
    await expect(auditVerify(join(work, 'cut.ndjson.gz'), {}, () => undefined)).rejects.toThrow('the export is gzipped but damaged');
  });

  it('is written by the first request when the election was published without it, once however many ask at once', async () => {
    await castAndPublish(app, 'late', 6, 4);
    // Published by the command alone, as before exports were kept (or when the step's write failed).
    expect((await runCommand(app.deps, 'late', { type: 'Publish', now: app.clock.now() })).ok).toBe(true);
    const { head } = await app.store.load('late');
    expect(await app.deps.auditExports.link({ electionId: 'late', seq: head.seq })).toBeUndefined();
    const answers = await Promise.all(Array.from({ length: 5 }, () => askForExport(app, 'late')));
    expect(answers.map((a) => a.status)).toEqual([302, 302, 302, 302, 302]);
    expect(new Set(answers.map((a) => a.headers.get('location'))).size).toBe(1);
    expect(readdirSync(dir).filter((name) => name.startsWith('late') || name.includes('.part'))).toEqual([`late.${String(head.seq).padStart(10, '0')}.ndjson.gz`]);
    expect(linesOf(await (await fetch(answers[0]!.headers.get('location')!)).text())).toEqual(await exportBuiltWhole(app, 'late'));
  });

  it('is written anew when the log grows after publication, and the earlier export stays as it was', async () => {
    const before = readFileSync(
      join(
        dir,
        readdirSync(dir).find((name) => name.startsWith('exported'))!,
      ),
    );
    expect((await runCommand(app.deps, 'exported', { type: 'RecordLifecycleFailure', step: 'PublishResults', error: 'Error: test' })).ok).toBe(true);
    const lines = linesOf(await (await fetch(`${app.url}/elections/exported/audit-log`)).text());
    expect(lines.at(-1 - 40 - 1 - 30)).toMatchObject({ kind: 'event', event: { type: 'LifecycleFailed' } });
    expect(verifyAuditLog(lines).ok).toBe(true);
    const files = readdirSync(dir).filter((name) => name.startsWith('exported'));
    expect(files).toHaveLength(2);
    expect(readFileSync(join(dir, files[0]!))).toEqual(before);
  });

  it('answers 409 before publication and 404 for no election, in the API error shape', async () => {
    await setUpElection(app, { id: 'running' });
    expect(await app.call('GET', '/elections/running/audit-log')).toMatchObject({ status: 409, body: { error: { code: 'wrong_phase' } } });
    expect(await app.call('GET', '/elections/nowhere/audit-log')).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });
});
