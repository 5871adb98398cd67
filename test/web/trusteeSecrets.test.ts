// The trustee page's worker module in node: each trustee's part on its own instance, as each trustee's browser holds it.
import { describe, expect, it } from 'vitest';
import type { BallotDefinition, Candidate } from '../../domain/election';
import { ciphertextToJson } from '../../domain/crypto/elgamal';
import { elementFromHex, elementToHex } from '../../domain/crypto/group';
import { type CeremonyContext, type Dealing, type ShareReview, type TrusteeCertificate, verifyCeremony } from '../../domain/crypto/keyCeremony';
import { paperLayout } from '../../domain/crypto/paperEncoding';
import { knowledgeOfRandomnessToJson } from '../../domain/crypto/proofs/knowledgeOfRandomness';
import { sealedContestRecordFromJson, sealedContexts, verifySealedContest } from '../../domain/crypto/sealedContest';
import { sealPaper } from '../../domain/crypto/sealedPaper';
import type { KdfParameters } from '../../domain/crypto/shareFile';
import { seededRandom } from '../unit/crypto/seededRandom';
import { type Progress, TrusteeSecrets } from '../../web/lib/trustee/trusteeSecrets';

/** scrypt at 128 KiB: the files' format and checks are what is tested here, not their cost. */
const CHEAP: KdfParameters = { N: 2 ** 10, r: 1, p: 1 };
const CONTEXT: CeremonyContext = { electionId: 'council-2026', threshold: 2, trustees: 3 };
const PASSPHRASES = ['correct horse battery staple', 'Tr0ubadour&3', 'Grüße aus Köln'];
const CANDIDATES: Candidate[] = ['Ada', 'Grace', 'Edsger'].map((name) => ({ name, email: `${name}@uni.test`, pageLink: 'https://uni.test' }));
const BALLOT: BallotDefinition = { kind: 'single' };

const ok = <R extends { ok: boolean }>(result: R): Extract<R, { ok: true }> => {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
  return result as Extract<R, { ok: true }>;
};

describe("a trustee's secrets on the trustee's own machine", () => {
  const trustees = [1, 2, 3].map((trustee) => new TrusteeSecrets(seededRandom(`trustee ${trustee}`), CHEAP));
  let certificates: TrusteeCertificate[];
  let transportSecretFiles: string[];
  let dealings: Dealing[];
  let reviews: ShareReview[];
  let shareFiles: string[];
  let publicKey: string;

  it('creates each certificate and seals its transport secret under the passphrase, which the file does not hold', async () => {
    const made = await Promise.all(trustees.map((secrets, i) => secrets.certify({ context: CONTEXT, trustee: i + 1, passphrase: PASSPHRASES[i]! })));
    certificates = made.map((m) => m.certificate);
    transportSecretFiles = made.map((m) => m.transportSecretFile);
    expect(certificates.map((c) => c.trustee)).toEqual([1, 2, 3]);
    for (const [i, file] of transportSecretFiles.entries()) {
      expect(JSON.parse(file)).toMatchObject({ format: 'sealed-box/trustee-transport-secret-file', version: 1, sealed: { election: { electionId: 'council-2026', trustee: i + 1 } } });
      expect(file).not.toContain(PASSPHRASES[i]);
    }
    await expect(trustees[0]!.certify({ context: CONTEXT, trustee: 1, passphrase: '' })).rejects.toThrow('passphrase: empty');
  });

  it('takes up the ceremony from the transport-secret file after the tab was closed, and refuses a wrong passphrase, another trustee’s file or another file', async () => {
    const reopened = new TrusteeSecrets(seededRandom('trustee 2, reopened'), CHEAP);
    const start = { context: CONTEXT, trustee: 2, passphrase: PASSPHRASES[1]!, certificate: certificates[1]!, file: transportSecretFiles[1]! };
    expect(await reopened.resume({ ...start, passphrase: 'wrong' })).toMatchObject({ ok: false, failed: 'passphrase' });
    expect(await reopened.resume({ ...start, file: transportSecretFiles[2]!, passphrase: PASSPHRASES[2]! })).toMatchObject({ ok: false, failed: 'ceremony' });
    expect(await reopened.resume({ ...start, context: { ...CONTEXT, electionId: 'other' } })).toMatchObject({ ok: false, failed: 'election' });
    expect(await reopened.resume({ ...start, file: '{"format":"sealed-box/trustee-share-file"}' })).toMatchObject({ ok: false, failed: 'format' });
    expect(await reopened.resume({ ...start, file: 'not json' })).toMatchObject({ ok: false, failed: 'format', reason: 'this is not a transport-secret file: it is not JSON' });
    expect(await reopened.resume(start)).toEqual({ ok: true });
    trustees[1] = reopened;
  });

  it('deals once every certificate is in, and names a certificate that fails', () => {
    const forged = structuredClone(certificates);
    forged[2]!.proof.response = forged[0]!.proof.response;
    expect(trustees[0]!.deal({ certificates: forged })).toMatchObject({ ok: false, failed: { step: 'certificate', trustee: 3 } });
    dealings = trustees.map((secrets) => ok(secrets.deal({ certificates })).dealing);
    expect(dealings.map((d) => d.dealer)).toEqual([1, 2, 3]);
  });

  it('reviews the dealings into the share file, sealed for the election key the published transcript verifies to', async () => {
    const reviewed = await Promise.all(trustees.map(async (secrets) => ok(await secrets.review({ certificates, dealings }))));
    reviews = reviewed.map((r) => r.review);
    shareFiles = reviewed.map((r) => r.shareFile!);
    publicKey = reviewed[0]!.publicKey;
    expect(reviews.map((r) => r.outcome)).toEqual(['acknowledged', 'acknowledged', 'acknowledged']);
    expect(new Set(reviewed.map((r) => r.publicKey)).size).toBe(1);
    const verified = ok(verifyCeremony({ ...CONTEXT, certificates, dealings, reviews }));
    expect(elementToHex(verified.publicKey)).toBe(publicKey);
    for (const [i, file] of shareFiles.entries()) {
      expect(JSON.parse(file)).toMatchObject({ format: 'sealed-box/trustee-share-file', election: { electionId: 'council-2026', publicKey, trustee: i + 1 } });
      expect(file).not.toContain(PASSPHRASES[i]);
    }
  });

  it('names a dealing that fails its check, and gives no review and no share file then', async () => {
    const lying = structuredClone(dealings);
    lying[0]!.shares[2] = lying[1]!.shares[2]!;
    const reviewed = await trustees[2]!.review({ certificates, dealings: lying });
    // The swapped share breaks dealer 1's proof, which covers every share it sealed: refused before any review.
    expect(reviewed).toMatchObject({ ok: false, failed: { step: 'dealing', trustee: 1 } });
  });

  it('opens the box from the share files: two mixes and two decryptions that the check of the whole contest reads back', async () => {
    const statement = { electionId: CONTEXT.electionId, contestId: 'main' };
    const layout = paperLayout(BALLOT, CANDIDATES);
    const voter = seededRandom('voters');
    const cast = ['Ada', 'Grace', 'Ada', 'Edsger', 'Ada'];
    const board = cast.map((name) => sealPaper({ publicKey: elementFromHex(publicKey), layout, context: sealedContexts.paper(statement) }, { choices: [name] }, voter));
    const boardJson = board.map((paper) => ({ ciphertexts: paper.ciphertexts.map(ciphertextToJson), proof: knowledgeOfRandomnessToJson(paper.proof) }));

    const opening = [1, 2, 3].map((trustee) => new TrusteeSecrets(seededRandom(`opening ${trustee}`), CHEAP));
    expect(await opening[0]!.openShare({ file: shareFiles[0]!, passphrase: 'wrong', electionId: CONTEXT.electionId, publicKey })).toMatchObject({ ok: false, failed: 'passphrase' });
    expect(await opening[0]!.openShare({ file: shareFiles[0]!, passphrase: PASSPHRASES[0]!, electionId: CONTEXT.electionId, publicKey: certificates[0]!.transportKey })).toMatchObject({
      ok: false,
      failed: 'ceremony',
    });
    for (const [i, secrets] of opening.entries()) {
      expect(await secrets.openShare({ file: shareFiles[i]!, passphrase: PASSPHRASES[i]!, electionId: CONTEXT.electionId, publicKey })).toEqual({ ok: true, trustee: i + 1 });
    }

    const progress: Progress[] = [];
    const first = opening[2]!.mix({ contestId: 'main', position: 0, publicKey, inputs: boardJson.map((p) => p.ciphertexts) }, (p) => progress.push(p));
    const second = opening[0]!.mix({ contestId: 'main', position: 1, publicKey, inputs: first.outputs });
    expect(progress).toEqual([
      { done: 0, of: 5 },
      { done: 5, of: 5 },
    ]);
    const decryptions = [opening[1]!, opening[2]!].map((secrets) => secrets.decrypt({ contestId: 'main', papers: second.outputs }));
    expect(decryptions.map((d) => d.trustee)).toEqual([2, 3]);

    const verificationKeys = ok(verifyCeremony({ ...CONTEXT, certificates, dealings, reviews })).verificationKeys;
    const record = sealedContestRecordFromJson(JSON.parse(JSON.stringify({ board: boardJson, mixes: [first, second], decryptions })));
    const verified = ok(verifySealedContest({ ...statement, publicKey: elementFromHex(publicKey), verificationKeys, threshold: 2, layout }, record));
    expect(verified.papers.map((paper) => (paper.ok ? paper.content.choices.join() : paper.problem)).sort()).toEqual([...cast].sort());
  });

  it('refuses to mix or decrypt before a share file is open, and to deal before the ceremony started here', () => {
    const fresh = new TrusteeSecrets(seededRandom('fresh'), CHEAP);
    expect(() => fresh.decrypt({ contestId: 'main', papers: [] })).toThrow('no share file is open');
    expect(() => fresh.deal({ certificates })).toThrow('the ceremony has not been started here');
  });
});
