// The observers' view's verifier bundle (web/lib/verifier.ts), as the browser gets it from /lib/verifier.js,
// run in node on a sealed election's export: it checks the ceremony, the board, every mix and
// decryption as `audit verify` does, and finds a changed mix.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../domain';
import { parseAuditLine } from '../../contract/auditLine';
import { ciphertextToJson } from '../../domain/crypto/elgamal';
import { elementFromHex } from '../../domain/crypto/group';
import { readCiphertext, readList } from '../../domain/crypto/jsonFields';
import { paperLayout } from '../../domain/crypto/paperEncoding';
import { knowledgeOfRandomnessFromJson, knowledgeOfRandomnessToJson } from '../../domain/crypto/proofs/knowledgeOfRandomness';
import { rehearseCeremony, rehearseOpening } from '../../domain/crypto/rehearsal';
import { sealedContestRecordToJson } from '../../domain/crypto/sealedContest';
import { sealPaper } from '../../domain/crypto/sealedPaper';
import { buildWebBundle } from '../../infra/webBundles';
import type * as Verifier from '../../web/lib/verifier';
import { seededRandom } from '../unit/crypto/seededRandom';
import { openElection, startTestApp, type TestApp } from '../support/harness';
import { awaitOpening, closeVoting, countOpened, publishResults, tallyBallots } from '../support/lifecycleSteps';

const ID = 'observed-sealed';
const CANDIDATES = ['Ada Lovelace', 'Grace Hopper'].map((name, i) => ({ name, email: `c${i}@uni.test`, pageLink: `https://uni.test/c${i}` }));
const work = mkdtempSync(join(tmpdir(), 'observer-verifier-sealed-'));
let verifier: typeof Verifier;
let app: TestApp;
let exported = '';

/** A sealed election of 2 of 3 trustees, three sealed papers, opened by the rehearsal of the trustees' parts and published. */
async function publishedSealedElection(): Promise<string> {
  const random = seededRandom('observer-verifier-sealed');
  const closesAt = new Date(app.clock.now().getTime() + 60_000).toISOString();
  await app.call('POST', '/elections', { id: ID, title: 'Sealed council', candidates: CANDIDATES, closesAt, box: 'sealed', trustees: { count: 3, threshold: 2 } });
  const roll = [1, 2, 3].map((i) => ({ studentId: `s${i}`, email: `s${i}@uni.test` }));
  await app.call('POST', `/elections/${ID}/voters`, { voters: roll });
  const rehearsed = rehearseCeremony({ electionId: ID, threshold: 2, trustees: 3 }, random);
  if (!rehearsed.ok) throw new Error('the ceremony failed');
  const { transcript, secretShares } = rehearsed.ceremony;
  for (const [step, messages] of [
    ['certificates', transcript.certificates],
    ['dealings', transcript.dealings],
    ['reviews', transcript.reviews],
  ] as const)
    for (const message of messages) expect((await app.call('POST', `/elections/${ID}/ceremony/${step}`, message)).status).toBe(201);
  const election = (await app.call('GET', `/elections/${ID}`)).body;
  const publicKey = elementFromHex(election.electionKey);
  await openElection(app, ID);
  const layout = paperLayout({ kind: 'single' }, CANDIDATES);
  const statement = { electionId: ID, contestId: 'main' };
  for (const [i, choice] of ['Ada Lovelace', 'Grace Hopper', 'Ada Lovelace'].entries()) {
    const sealed = sealPaper({ publicKey, layout, context: statement }, { choices: [choice] }, random);
    const paper = { ciphertexts: sealed.ciphertexts.map(ciphertextToJson), proof: knowledgeOfRandomnessToJson(sealed.proof) };
    expect((await app.call('POST', `/elections/${ID}/ballots`, { token: app.mailer.tokenFor(roll[i]!.email), papers: { main: paper } })).status).toBe(201);
  }
  app.clock.advance(61_000);
  expect((await closeVoting(app.deps, ID)).ok).toBe(true);
  expect((await tallyBallots(app.deps, ID)).ok).toBe(true);

  const board = (await app.call('GET', `/elections/${ID}/board/main`)).body.papers.map((p: { ciphertexts: unknown; proof: unknown }, i: number) => ({
    ciphertexts: readList(p.ciphertexts, `papers[${i}].ciphertexts`, readCiphertext),
    proof: knowledgeOfRandomnessFromJson(p.proof),
  }));
  const keys = { publicKey, verificationKeys: [], threshold: 2, layout };
  const opened = sealedContestRecordToJson(rehearseOpening({ ...statement, ...keys }, board, secretShares, { mixers: [1, 2], decryptors: [1, 3] }, random));
  for (const mix of opened.mixes) expect((await app.call('POST', `/elections/${ID}/opening/main/mixes`, mix)).status).toBe(201);
  for (const decryption of opened.decryptions) expect((await app.call('POST', `/elections/${ID}/opening/main/decryptions`, decryption)).status).toBe(201);
  expect((await awaitOpening(app.deps, ID)).ok).toBe(true);
  expect((await countOpened(app.deps, ID)).ok).toBe(true);
  expect((await publishResults(app.deps, ID)).ok).toBe(true);
  return (await fetch(`${app.url}/elections/${ID}/audit-log`)).text();
}

beforeAll(async () => {
  const built = await buildWebBundle('verifier');
  const file = join(work, 'verifier.mjs');
  writeFileSync(file, Buffer.from(built!).toString('utf8'));
  verifier = (await import(pathToFileURL(file).href)) as typeof Verifier;
  app = await startTestApp();
  exported = await publishedSealedElection();
}, 120_000);
afterAll(() => app?.stop());

describe('the observers’ verifier on a sealed election’s export', () => {
  it('verifies it as `audit verify` does: the ceremony, the board, the mixes and the decryptions', async () => {
    const lines = exported
      .trim()
      .split('\n')
      .map((text, i) => parseAuditLine(text, i + 1));
    expect(lines.filter((line) => line.kind === 'opening')).toHaveLength(4);
    const check = await verifier.verifyExport(verifier.linesOf(new Response(exported).body!));
    expect(check.report).toEqual(verifyAuditLog(lines));
    expect(check.report).toMatchObject({ ok: true, findings: [], electionId: ID, finalPhase: 'published' });
    const types = lines.flatMap((line) => (line.kind === 'event' ? [line.event.type] : []));
    expect(types).toEqual(expect.arrayContaining(['TrusteeCertificateGiven', 'ElectionKeyPublished', 'MixAccepted', 'DecryptionAccepted']));
    expect(check.head?.seq).toBe(types.length);
  });

  it('finds a mix changed in the export', async () => {
    let openings = 0;
    const changed = exported
      .trimEnd()
      .split('\n')
      .map((text) => {
        const line = JSON.parse(text) as { kind: string; text?: string };
        if (line.kind !== 'opening' || openings++ !== 1) return text;
        const file = JSON.parse(line.text!) as { outputs: unknown[] };
        file.outputs.reverse();
        return JSON.stringify({ ...line, text: JSON.stringify(file) });
      })
      .join('\n');
    const check = await verifier.verifyExport(changed.split('\n'));
    expect(check.report.ok).toBe(false);
    expect(check.report.findings).toContainEqual(expect.stringMatching(/^sealed contest "main": mixes\[1\]: its file does not hash to /));
  });
});
