import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boxName } from '../../domain';
import { ApiClient, ApiError } from '../../cli/apiClient';
import { sealedApi, type MixUpload, type SealedApi } from '../../cli/sealed/api';
import { contestToOpen, decryptContest, mixContest } from '../../cli/sealed/opening';
import { rehearseOpening } from '../../cli/sealed/rehearsal';
import { openShare } from '../../cli/sealed/secretFiles';
import type { TrusteeMachine } from '../../cli/sealed/trusteeMachine';
import { checkOpeningUpload } from '../../domain/sealedBox/openingCheck';
import { boardInputs, contestStatement } from '../../domain/sealedBox/openingFiles';
import { openingCheckTaskHandlers } from '../../handlers/openingCheck';
import { LocalOpeningChecks } from '../../workflows/localOpeningChecks';
import { LocalWorkflowRunner } from '../../workflows/localRunner';
import { synthesizeOpeningCheckDefinition } from '../../workflows/synthesizeDefinition';
import { seededRandom } from '../unit/crypto/seededRandom';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/harness';
import { expectExportVerifies, expectOpenedAndCounted, sealedAndClosed } from '../support/sealedOpening';

const ID = 'workflow-checked';
const PASSPHRASE = 'correct horse battery staple';

/**
 * The opening-check workflow, run locally as the local stack runs it: this test makes every upload
 * too large for one request (0 ciphertexts are checked inline) and cuts each check into parts of
 * two papers, so that five papers go through the Distributed Map in three parts.
 */
describe('an opening checked on the workflow', () => {
  let app: TestApp;
  let runner: LocalWorkflowRunner;
  const checks = new LocalOpeningChecks(() => runner, 0, 2);
  const definition = synthesizeOpeningCheckDefinition();
  const runnerWith = (handlers: ReturnType<typeof openingCheckTaskHandlers>) => new LocalWorkflowRunner(definition, handlers, app.log, { clock: app.clock });
  beforeAll(async () => {
    app = await startTestApp({ openingChecks: checks });
    runner = runnerWith(openingCheckTaskHandlers(app.deps));
  });
  afterAll(async () => {
    await runner.stop();
    await app.stop();
  });

  it('answers 202, checks in parts and records what passes; refuses a forged mix or share as one request would; a check that stops is begun again', async () => {
    const lines: string[] = [];
    const client = new ApiClient({ baseUrl: app.url, adminToken: ADMIN_TOKEN });
    const api = sealedApi(client, { progress: (line) => lines.push(line), checkPollMs: 10 });
    const machine: TrusteeMachine = { api, out: (line) => lines.push(line), random: seededRandom('opening on the workflow'), passphrase: () => PASSPHRASE, kdf: { N: 2 ** 10, r: 8, p: 1 } };
    const { dir } = await sealedAndClosed(app, ID, machine);
    const { state } = await app.deps.store.load(ID);
    if (state.phase === 'none') throw new Error('no election');
    const statement = contestStatement(state, 'main')!;
    const board = boardInputs(await app.deps.store.readBallots(boxName(ID, state.contests, 'main')));
    const contest = contestToOpen(await api.election(ID), 'main');

    // A mix whose proof was changed in its last part: the workflow refuses it with the very refusal a one-request check gives.
    let forged: MixUpload | undefined;
    const forging: SealedApi = {
      ...api,
      postMix: (id, contestId, mix) => {
        const proof = { ...mix.proof, sPrime: [...mix.proof.sPrime.slice(0, -1), mix.proof.sPrime[0]!] };
        forged = { ...mix, proof };
        return api.postMix(id, contestId, { ...mix, proof });
      },
    };
    const refusal = await mixContest(forging, contest, 1, machine.random).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ApiError);
    const inline = checkOpeningUpload(statement, board, { kind: 'mix', file: { contest: 'main', position: 0, ...forged! } });
    expect(inline.ok).toBe(false);
    expect((refusal as ApiError).message).toBe(`mix of contest main refused: ${!inline.ok && inline.error.message}`);
    expect((refusal as ApiError).message).toMatch(/proof: the shuffle proof fails \(/);
    expect(lines[lines.length - 1]).toMatch(/^mix of contest main: the server checks it/);
    expect((await app.call('GET', `/elections/${ID}/opening/main`)).body.mixes).toEqual([]);

    // A part whose function stops: the check is recorded as stopped, not refused for a fault of the upload, and the same upload posted again is checked anew.
    const crashing = runnerWith({
      ...openingCheckTaskHandlers(app.deps),
      CheckOpeningPart: async () => {
        throw Object.assign(new Error('out of memory'), { name: 'Lambda.Unknown' });
      },
    });
    const checking = runner;
    runner = crashing;
    const stopped = await mixContest(api, contest, 1, seededRandom('mix 1')).catch((error: unknown) => error);
    expect((stopped as ApiError).code).toBe('check_failed');
    expect((stopped as ApiError).message).toMatch(/^mix of contest main refused: the check stopped at CheckParts .*: the upload was neither accepted nor refused; post it again$/);
    runner = checking;
    expect(await mixContest(api, contest, 1, seededRandom('mix 1'))).toEqual({ position: 0, papers: 5 });
    expect(lines).toContain('mix of contest main: checked and recorded');

    // A trustee's share changed on paper 3, in the second part: refused naming it, as one request would.
    const [share1] = [await openShare(join(dir, 'trustee-1.json'), PASSPHRASE, { electionId: ID, publicKey: contest.publicKey })];
    const withForgedShare: SealedApi = {
      ...api,
      postDecryption: (id, contestId, decryption) => {
        const shares = decryption.shares.map((paper, i) => (i === 3 ? paper.map((s) => ({ ...s, factor: decryption.shares[0]![0]!.factor })) : paper));
        return api.postDecryption(id, contestId, { ...decryption, shares });
      },
    };
    expect((await app.call('GET', `/elections/${ID}/opening/main`)).body.mixes).toHaveLength(1);
    await mixContest(api, contest, 2, seededRandom('mix 2'), 1);
    const shareRefusal = await decryptContest(withForgedShare, contest, share1!, seededRandom('decrypt'), 2).catch((error: unknown) => error);
    expect((shareRefusal as ApiError).message).toMatch(/^decryption of contest main refused: shares\[3\]\[0\]: the share does not prove a decryption by trustee 1 \(/);

    // The rest as the committee does it: both trustees' shares, each checked on the workflow, then the count.
    expect(await rehearseOpening(machine, ID, { dir })).toBe(0);
    await expectOpenedAndCounted(app, ID);

    // The checks' records sit beside the log and expire with the uploads; the export holds none of them, and verifies.
    const items = await app.scanAll();
    const records = items.filter((item) => String(item.pk).includes('#CHECK#'));
    expect(records.filter((item) => item.sk === 'RECORD').map((item) => item.state)).toEqual(expect.arrayContaining(['accepted', 'refused']));
    // Five papers in parts of two: every accepted check ran three parts, each with its verdict kept.
    for (const record of records.filter((item) => item.sk === 'RECORD' && item.state === 'accepted')) expect(record.parts).toBe(3);
    for (const item of records) expect(item.expiresAt * 1000).toBeGreaterThan(app.clock.now().getTime());
    await expectExportVerifies(app, ID);
  });

  it('answers where a check stands, and 404 for an upload never posted', async () => {
    expect(await app.call('GET', `/elections/${ID}/opening/main/checks/${'0'.repeat(64)}`)).toMatchObject({ status: 404, body: { error: { message: expect.stringContaining('no check of upload') } } });
    expect(await app.call('GET', `/elections/${ID}/opening/main/checks/nothex`)).toMatchObject({ status: 400 });
  });
});
