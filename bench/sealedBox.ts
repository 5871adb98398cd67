import { randomBytes } from 'node:crypto';
import type { BallotDefinition, Candidate } from '../domain';
import type { CiphertextVector } from '../domain/crypto/elgamal';
import { baseMultiple, scalar, type RandomBytes } from '../domain/crypto/group';
import { paperLayout } from '../domain/crypto/paperEncoding';
import { partialDecryptions, verifyPartialDecryptions } from '../domain/crypto/proofs/decryptionShare';
import { verifyKnowledgeOfRandomness } from '../domain/crypto/proofs/knowledgeOfRandomness';
import { sealPaper } from '../domain/crypto/sealedPaper';
import { proveShuffle, shuffle, verifyShuffle } from '../domain/crypto/shuffle';

const random: RandomBytes = (n) => new Uint8Array(randomBytes(n));
const CANDIDATES: Candidate[] = Array.from({ length: 30 }, (_, i) => ({ name: `Candidate ${i}`, email: `c${i}@bench.test`, pageLink: 'https://bench.test' }));
const RANKED: BallotDefinition = { kind: 'ranked', method: 'scottish-stv', seats: 5 };
const CONTEXT = { electionId: 'bench', contestId: 'senate' };

export interface SealedBoxFigures {
  sealMs: number;
  verifyPaperMs: number;
  decryptShareMs: number;
  verifyShareMs: number;
  mixes: { papers: number; shuffleSeconds: number; proveSeconds: number; verifySeconds: number }[];
}

function medianMs(times: number, run: () => void): number {
  const taken = Array.from({ length: times }, () => {
    const started = performance.now();
    run();
    return performance.now() - started;
  }).sort((a, b) => a - b);
  return taken[Math.floor(times / 2)]!;
}

/**
 * The sealed box's arithmetic in node, one core: sealing a ranked paper of 30 candidates (encode,
 * encrypt, prove), checking its proof as the cast will, a trustee's proved decryption share and its
 * check, and a mixer's shuffle, proof and its verification at each size of `mixSizes`.
 */
export function benchSealedBox(mixSizes: readonly number[]): SealedBoxFigures {
  const secretKey = scalar.random(random);
  const publicKey = baseMultiple(secretKey);
  const layout = paperLayout(RANKED, CANDIDATES);
  const choices = CANDIDATES.map((c) => c.name).slice(0, 12);
  const statement = { publicKey, layout, context: CONTEXT };
  const paper = sealPaper(statement, { choices }, random);
  const sealMs = medianMs(50, () => sealPaper(statement, { choices }, random));
  const verifyPaperMs = medianMs(50, () => {
    if (!verifyKnowledgeOfRandomness({ publicKey, ciphertexts: paper.ciphertexts, context: CONTEXT }, paper.proof).ok) throw new Error('a sealed paper did not verify');
  });
  const shares = partialDecryptions(secretKey, paper.ciphertexts, 'bench/trustee 1', random);
  const decryptShareMs = medianMs(50, () => partialDecryptions(secretKey, paper.ciphertexts, 'bench/trustee 1', random));
  const verifyShareMs = medianMs(50, () => {
    if (!verifyPartialDecryptions(publicKey, paper.ciphertexts, shares, 'bench/trustee 1').ok) throw new Error('a decryption share did not verify');
  });

  const mixes = mixSizes.map((papers) => {
    // Re-encryptions of one sealed paper stand in for the voters' papers: the mix's work does not depend on what they hold.
    const board: CiphertextVector[] = Array.from({ length: papers }, () => shuffle(publicKey, [paper.ciphertexts], random).outputs[0]!);
    const context = ['bench', 'senate', 'mixer 1'];
    let started = performance.now();
    const { outputs, witness } = shuffle(publicKey, board, random);
    const shuffleSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const proof = proveShuffle(publicKey, board, outputs, witness, context, random);
    const proveSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const verified = verifyShuffle(publicKey, board, outputs, proof, context);
    const verifySeconds = (performance.now() - started) / 1000;
    if (!verified.ok) throw new Error(`the mix of ${papers} papers did not verify: ${verified.failed}`);
    return { papers, shuffleSeconds, proveSeconds, verifySeconds };
  });
  return { sealMs, verifyPaperMs, decryptShareMs, verifyShareMs, mixes };
}
