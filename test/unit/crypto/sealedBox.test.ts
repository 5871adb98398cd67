import { describe, expect, it } from 'vitest';
import type { BallotDefinition, Candidate } from '../../../domain/election';
import { combinePartialDecryptions, createTrusteeCertificate, dealShares, reviewShares, verifyCeremony, type CeremonyContext } from '../../../domain/crypto/keyCeremony';
import { paperLayout } from '../../../domain/crypto/paperEncoding';
import { partialDecryptions, verifyPartialDecryptions } from '../../../domain/crypto/proofs/decryptionShare';
import { verifyKnowledgeOfRandomness } from '../../../domain/crypto/proofs/knowledgeOfRandomness';
import { openPaper, sealPaper } from '../../../domain/crypto/sealedPaper';
import { proveShuffle, shuffle, verifyShuffle } from '../../../domain/crypto/shuffle';
import type { CiphertextVector } from '../../../domain/crypto/elgamal';
import { seededRandom } from './seededRandom';

const CANDIDATES: Candidate[] = Array.from({ length: 40 }, (_, i) => ({ name: `Candidate ${i}`, email: `c${i}@uni.test`, pageLink: 'https://uni.test' }));
const RANKED: BallotDefinition = { kind: 'ranked', method: 'scottish-stv', seats: 3 };

const ok = <T>(result: ({ ok: true } & T) | { ok: false; failed: unknown }): T => {
  if (!result.ok) throw new Error(`step failed: ${JSON.stringify(result.failed)}`);
  return result;
};

/**
 * The whole sealed box on the building blocks, as the app will run it: three trustees make the
 * key (two of them open the box), voters seal ranked papers of two ciphertexts each, two mixers
 * shuffle with proofs, two trustees decrypt with proofs, and the papers read back are the papers
 * cast, in another order; one trustee alone cannot open it.
 */
describe('the sealed box from the key ceremony to the papers read back', () => {
  const random = seededRandom('sealed box');
  const context: CeremonyContext = { electionId: 'council-2026', threshold: 2, trustees: 3 };
  const made = [1, 2, 3].map((trustee) => createTrusteeCertificate(context, trustee, random));
  const certificates = made.map((m) => m.certificate);
  const dealings = [1, 2, 3].map((dealer) => ok(dealShares(context, certificates, dealer, random)).dealing);
  const reviewed = [1, 2, 3].map((trustee) => ok(reviewShares(context, certificates, dealings, trustee, made[trustee - 1]!.transportSecret, random)));
  const { publicKey, verificationKeys } = ok(verifyCeremony({ ...context, certificates, dealings, reviews: reviewed.map((r) => r.review) }));
  const layout = paperLayout(RANKED, CANDIDATES);
  const ballotContext = { electionId: 'council-2026', contestId: 'senate' };
  const cast = Array.from({ length: 8 }, (_, voter) => ({ choices: [`Candidate ${voter}`, `Candidate ${39 - voter}`, ...(voter % 2 ? ['Candidate 20'] : [])] }));
  const sealed = cast.map((content) => sealPaper({ publicKey, layout, context: ballotContext }, content, random));

  it('reads back the papers cast after two mixes and two of three trustees, every proof checked', () => {
    expect(sealed[0]!.ciphertexts).toHaveLength(2);
    for (const paper of sealed) expect(verifyKnowledgeOfRandomness({ publicKey, ciphertexts: paper.ciphertexts, context: ballotContext }, paper.proof)).toEqual({ ok: true });

    let board: CiphertextVector[] = sealed.map((paper) => paper.ciphertexts);
    for (const mixer of ['mixer 1', 'mixer 2']) {
      const mixContext = ['council-2026', 'senate', mixer];
      const { outputs, witness } = shuffle(publicKey, board, random);
      const proof = proveShuffle(publicKey, board, outputs, witness, mixContext, random);
      expect(verifyShuffle(publicKey, board, outputs, proof, mixContext)).toEqual({ ok: true });
      board = outputs;
    }

    const decryptors = [1, 3];
    const shares = decryptors.map((trustee) => {
      const secretShare = reviewed[trustee - 1]!.secretShare!;
      const mine = board.map((paper) => partialDecryptions(secretShare, paper, `council-2026/senate/trustee ${trustee}`, random));
      mine.forEach((paperShares, i) => expect(verifyPartialDecryptions(verificationKeys[trustee - 1]!, board[i]!, paperShares, `council-2026/senate/trustee ${trustee}`)).toEqual({ ok: true }));
      return mine;
    });
    const opened = board.map((paper, i) =>
      openPaper(
        layout,
        paper.map((ciphertext, k) =>
          combinePartialDecryptions(
            ciphertext,
            decryptors.map((index, d) => ({ index, share: shares[d]![i]![k]!.factor })),
            context,
          ),
        ),
      ),
    );
    const readBack = opened.map((paper) => (paper.ok ? paper.content.choices.join(' > ') : paper.problem));
    expect([...readBack].sort()).toEqual(cast.map((content) => content.choices.join(' > ')).sort());
    // Mixed: the order on the board is not the order of casting.
    expect(readBack).not.toEqual(cast.map((content) => content.choices.join(' > ')));
  });

  it('cannot be opened by one trustee', () => {
    const share = partialDecryptions(reviewed[0]!.secretShare!, sealed[0]!.ciphertexts, 'council-2026/senate/trustee 1', random);
    expect(() => combinePartialDecryptions(sealed[0]!.ciphertexts[0]!, [{ index: 1, share: share[0]!.factor }], context)).toThrow('1 partial decryptions where 2 are needed');
  });
});
