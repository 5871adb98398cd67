import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ciphertextToJson } from '../../domain/crypto/elgamal';
import { elementFromHex, type RandomBytes } from '../../domain/crypto/group';
import { createTrusteeCertificate, dealShares, reviewShares, type CeremonyContext, type TrusteeCertificate } from '../../domain/crypto/keyCeremony';
import { paperLayout } from '../../domain/crypto/paperEncoding';
import { decryptionShareToJson, partialDecryptions } from '../../domain/crypto/proofs/decryptionShare';
import { knowledgeOfRandomnessToJson } from '../../domain/crypto/proofs/knowledgeOfRandomness';
import { sealedContexts } from '../../domain/crypto/sealedContest';
import { sealPaper } from '../../domain/crypto/sealedPaper';
import { proveShuffle, shuffle, shuffleProofToJson } from '../../domain/crypto/shuffle';
import { readCiphertext, readList } from '../../domain/crypto/jsonFields';
import { verifyAuditLog, type AuditLine } from '../../domain';
import { parseAuditLine } from '../../contract/auditLine';
import { seededRandom } from '../unit/crypto/seededRandom';
import { awaitOpening, closeVoting, countOpened, publishResults, tallyBallots } from '../support/lifecycleSteps';
import { memberWithToken, startTestApp, type TestApp } from '../support/harness';

const ID = 'sealed-council';
const CANDIDATES = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'].map((name) => ({ name, email: `${name.split(' ')[0]!.toLowerCase()}@uni.test`, pageLink: 'https://uni.test/c' }));
const context: CeremonyContext = { electionId: ID, threshold: 2, trustees: 3 };

/** Each trustee's part of the ceremony, as their own machine does it, posted through the API. */
async function runCeremony(app: TestApp, random: RandomBytes): Promise<bigint[]> {
  const made = [1, 2, 3].map((trustee) => createTrusteeCertificate(context, trustee, random));
  for (const { certificate } of made) expect((await app.call('POST', `/elections/${ID}/ceremony/certificates`, certificate)).status).toBe(201);
  const certificates: TrusteeCertificate[] = (await app.call('GET', `/elections/${ID}/ceremony`)).body.certificates;
  for (const dealer of [1, 2, 3]) {
    const dealt = dealShares(context, certificates, dealer, random);
    if (!dealt.ok) throw new Error('dealing failed');
    expect((await app.call('POST', `/elections/${ID}/ceremony/dealings`, dealt.dealing)).status).toBe(201);
  }
  const { dealings } = (await app.call('GET', `/elections/${ID}/ceremony`)).body;
  const shares: bigint[] = [];
  for (const trustee of [1, 2, 3]) {
    const reviewed = reviewShares(context, certificates, dealings, trustee, made[trustee - 1]!.transportSecret, random);
    if (!reviewed.ok || reviewed.secretShare === null) throw new Error('review failed');
    shares.push(reviewed.secretShare);
    expect((await app.call('POST', `/elections/${ID}/ceremony/reviews`, reviewed.review)).status).toBe(201);
  }
  return shares;
}

describe('a sealed election through the REST routes', () => {
  let app: TestApp;
  beforeAll(async () => (app = await startTestApp()));
  afterAll(() => app.stop());

  it('runs the ceremony, takes sealed papers, waits for the committee, counts what the trustees open', async () => {
    const random = seededRandom('sealed-election');
    // The deployment's committee: the chair with an account, and the admin token's member; a help desk member is no part of the opening.
    const chair = await memberWithToken(app, 'Chris Chair', 'committee');
    await memberWithToken(app, 'Helen Desk', 'helpdesk');
    const created = await app.call('POST', '/elections', {
      id: ID,
      title: 'Council',
      candidates: CANDIDATES,
      closesAt: new Date(app.clock.now().getTime() + 60_000).toISOString(),
      box: 'sealed',
      trustees: { count: 3, threshold: 2, names: ['Ana', 'Ben', 'Cem'] },
      observers: ['watcher@uni.test'],
    });
    expect(created).toMatchObject({ status: 201, body: { box: 'sealed', trustees: { count: 3, threshold: 2 }, ceremony: { step: 'certificates', waitingFor: [1, 2, 3] } } });
    expect((await app.call('GET', '/elections')).body.elections.find((e: { id: string }) => e.id === ID)).toMatchObject({ box: 'sealed' });
    const roll = Array.from({ length: 4 }, (_, i) => ({ studentId: `s${i + 1}`, email: `s${i + 1}@uni.test` }));
    await app.call('POST', `/elections/${ID}/voters`, { voters: roll });
    expect(await app.call('POST', `/elections/${ID}/lock`)).toMatchObject({ status: 409, body: { error: { message: expect.stringContaining('waiting for trustee(s) 1, 2, 3') } } });
    expect(await app.call('POST', `/elections/${ID}/ceremony/dealings`, { dealer: 1 })).toMatchObject({ status: 409, body: { error: { message: expect.stringContaining('at its certificates') } } });

    const secretShares = await runCeremony(app, random);
    const election = (await app.call('GET', `/elections/${ID}`)).body;
    expect(election.ceremony).toEqual({ step: 'complete', waitingFor: [], failedRounds: 0 });
    const publicKey = elementFromHex(election.electionKey);
    // Two committee members: the chair proposes each step, the admin token's member confirms it.
    for (const step of ['lock', 'start']) {
      expect((await app.call('POST', `/elections/${ID}/${step}`, undefined, chair.headers)).status).toBe(202);
      expect((await app.call('POST', `/elections/${ID}/${step}`)).status).toBe(200);
    }
    // The credentials, held until now, went out with the start.
    const tokens = roll.map((v) => app.mailer.tokenFor(v.email));

    const layout = paperLayout({ kind: 'single' }, CANDIDATES);
    const seal = (name: string) => {
      const sealed = sealPaper({ publicKey, layout, context: { electionId: ID, contestId: 'main' } }, { choices: [name] }, random);
      return { ciphertexts: sealed.ciphertexts.map(ciphertextToJson), proof: knowledgeOfRandomnessToJson(sealed.proof) };
    };
    const papers = ['Ada Lovelace', 'Grace Hopper', 'Ada Lovelace'].map(seal);
    const receipts: string[] = [];
    for (const [i, paper] of papers.entries()) {
      const cast = await app.call('POST', `/elections/${ID}/ballots`, { token: tokens[i], papers: { main: paper } });
      expect(cast.status).toBe(201);
      expect(cast.body.trackers.main).toBe(cast.body.receipt);
      receipts.push(cast.body.receipt);
    }
    // The fourth voter copies the first voter's paper: the replay is refused, and nothing is cast.
    expect(await app.call('POST', `/elections/${ID}/ballots`, { token: tokens[3], papers: { main: papers[0] } })).toMatchObject({ status: 409, body: { error: { code: 'duplicate_paper' } } });
    expect(await app.call('POST', `/elections/${ID}/ballots`, { token: tokens[3], choices: ['Ada Lovelace'] })).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringContaining('this election is sealed') } },
    });
    // While voting runs, no table item, log line or mail holds a choice: the box is ciphertexts only.
    await app.drainMail();
    const boxItems = JSON.stringify((await app.scanAll()).filter((item) => String(item.pk).includes('#BALLOTS#')));
    expect(boxItems).toContain('ciphertexts');
    for (const name of ['Ada Lovelace', 'Grace Hopper']) {
      expect(boxItems).not.toContain(name);
      expect(app.log.lines.join('\n')).not.toContain(name);
      expect(app.mailer.sent.map((m) => m.text).join('\n')).not.toContain(name);
    }
    expect((await app.call('GET', `/elections/${ID}/turnout`)).body).toEqual({ registered: 4, voted: 3 });
    const board = (await app.call('GET', `/elections/${ID}/board/main`)).body;
    expect(board.papers.map((p: { tracker: string }) => p.tracker)).toEqual([...receipts].sort());

    app.clock.advance(61_000);
    expect((await closeVoting(app.deps, ID)).ok).toBe(true);
    expect((await tallyBallots(app.deps, ID)).ok).toBe(true);
    expect((await app.call('GET', `/elections/${ID}/results`)).status).toBe(409);
    // The workflow waits for the committee, and tells the observers so, once however often it looks.
    expect((await awaitOpening(app.deps, ID)).ok).toBe(true);
    expect((await awaitOpening(app.deps, ID)).ok).toBe(true);
    const notices = app.mailer.to('watcher@uni.test').filter((m) => m.subject === 'Sealed ballot box waits for the committee: Council');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain('holds 3 encrypted papers');
    // The committee's members with the committee role and an address are called to the opening, once; the help desk is not.
    const calls = app.mailer.sent.filter((m) => m.subject === 'Open the sealed ballot box: Council');
    expect(calls.map((m) => m.to)).toEqual(['chris@union.test']);
    expect(calls[0]!.text).toContain(`http://vote.test/trustee?election=${ID}`);
    expect(app.mailer.to('helen@union.test')).toEqual([]);
    expect((await app.call('GET', `/elections/${ID}`)).body.opening.contests).toEqual([{ id: 'main', mixes: 0, mixesNeeded: 2, mixers: [], decryptions: [], threshold: 2, next: 'mix' }]);

    const statement = { electionId: ID, contestId: 'main' };
    let inputs = board.papers.map((p: { ciphertexts: unknown }, i: number) => readList(p.ciphertexts, `board[${i}]`, readCiphertext));
    expect(await app.call('POST', `/elections/${ID}/opening/main/decryptions`, { trustee: 2, shares: [[{}]] })).toMatchObject({
      status: 409,
      body: { error: { message: expect.stringContaining('has not been mixed yet') } },
    });
    for (const [position, mixer] of [1, 3].entries()) {
      const { outputs, witness } = shuffle(publicKey, inputs, random);
      const proof = proveShuffle(publicKey, inputs, outputs, witness, sealedContexts.mix(statement, position, mixer), random);
      // A mix whose outputs were swapped after the proof was made, or made for another mixer, is refused and recorded nowhere.
      const swapped = [outputs[1]!, outputs[0]!, ...outputs.slice(2)].map((p) => p.map(ciphertextToJson));
      expect(await app.call('POST', `/elections/${ID}/opening/main/mixes`, { mixer, outputs: swapped, proof: shuffleProofToJson(proof) })).toMatchObject({
        status: 400,
        body: { error: { message: expect.stringMatching(/^proof: the shuffle proof fails/) } },
      });
      expect((await app.call('POST', `/elections/${ID}/opening/main/mixes`, { mixer: 2, outputs: outputs.map((p) => p.map(ciphertextToJson)), proof: shuffleProofToJson(proof) })).status).toBe(400);
      const mixed = await app.call('POST', `/elections/${ID}/opening/main/mixes`, { mixer, outputs: outputs.map((p) => p.map(ciphertextToJson)), proof: shuffleProofToJson(proof) });
      expect(mixed.status).toBe(201);
      inputs = outputs;
    }
    expect((await app.call('GET', `/elections/${ID}/opening/main`)).body).toMatchObject({
      next: 'decryption',
      opened: false,
      mixes: [
        { position: 0, mixer: 1 },
        { position: 1, mixer: 3 },
      ],
    });
    const last = (await app.call('GET', `/elections/${ID}/opening/main/mixes/1`)).body;
    expect(last.mixer).toBe(3);
    for (const trustee of [2, 3]) {
      const shares = inputs.map((paper: Parameters<typeof partialDecryptions>[1]) =>
        partialDecryptions(secretShares[trustee - 1]!, paper, sealedContexts.decryption(statement, trustee), random).map(decryptionShareToJson),
      );
      expect((await app.call('POST', `/elections/${ID}/opening/main/decryptions`, { trustee, shares })).status).toBe(201);
    }
    expect((await awaitOpening(app.deps, ID)).ok).toBe(true);
    expect((await countOpened(app.deps, ID)).ok).toBe(true);
    const results = (await app.call('GET', `/elections/${ID}/results`)).body;
    expect(results.result.counts).toEqual([
      { candidate: 'Ada Lovelace', votes: 2 },
      { candidate: 'Grace Hopper', votes: 1 },
      { candidate: 'Alan Turing', votes: 0 },
    ]);
    expect((await publishResults(app.deps, ID)).ok).toBe(true);
    expect(await app.call('POST', `/elections/${ID}/receipts/check`, { receipt: receipts[1] })).toMatchObject({
      status: 200,
      body: { papers: [{ contest: 'main', tracker: receipts[1] }], missing: [] },
    });

    // The export holds the ceremony, the board, every mix and decryption: it verifies, and a change to any of them is found.
    const response = await fetch(`${app.url}/elections/${ID}/audit-log`);
    const lines = (await response.text())
      .trim()
      .split('\n')
      .map((text, i) => parseAuditLine(text, i + 1));
    expect(lines.filter((l) => l.kind === 'opening')).toHaveLength(4);
    expect(verifyAuditLog(lines)).toMatchObject({ ok: true, findings: [] });
    const changed = (kind: AuditLine['kind'], index: number, change: (line: Record<string, any>) => Record<string, unknown>): AuditLine[] => {
      let seen = -1;
      return lines.map((line) => (line.kind === kind && ++seen === index ? (change(structuredClone(line)) as AuditLine) : line));
    };
    const swapOutputs = changed('opening', 1, (line) => {
      const file = JSON.parse(line.text);
      file.outputs.reverse();
      return { ...line, text: JSON.stringify(file) };
    });
    expect(verifyAuditLog(swapOutputs).findings).toContainEqual(expect.stringMatching(/^sealed contest "main": mixes\[1\]: its file does not hash to /));
    const forgedPaper = changed('ballot', 0, (line) => ({ ...line, sealed: { ...line.sealed, ciphertexts: [{ ...line.sealed.ciphertexts[0], beta: line.sealed.ciphertexts[0].alpha }] } }));
    expect(verifyAuditLog(forgedPaper).findings).toContainEqual(expect.stringMatching(/^sealed contest "main": board 0 fails: the voter's proof fails/));
  });
});
