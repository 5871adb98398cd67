import type { BallotDefinition, Candidate } from '../domain';
import type { CiphertextVector } from '../domain/crypto/elgamal';
import { baseMultiple, scalar } from '../domain/crypto/group';
import { paperLayout } from '../domain/crypto/paperEncoding';
import { partialDecryptions, verifyPartialDecryptions } from '../domain/crypto/proofs/decryptionShare';
import { verifyKnowledgeOfRandomness } from '../domain/crypto/proofs/knowledgeOfRandomness';
import { sealPaper } from '../domain/crypto/sealedPaper';
import { proveShuffle, shuffle, verifyShuffle } from '../domain/crypto/shuffle';
import { benchRandom } from './sealedElection';

const random = benchRandom;
const CANDIDATES: Candidate[] = Array.from({ length: 30 }, (_, i) => ({ name: `Candidate ${i}`, email: `c${i}@bench.test`, pageLink: 'https://bench.test' }));
const RANKED: BallotDefinition = { kind: 'ranked', method: 'scottish-stv', seats: 5 };
const CONTEXT = { electionId: 'bench', contestId: 'senate' };

export interface SealedBoxFigures {
  sealMs: number;
  verifyPaperMs: number;
  decryptShareMs: number;
  verifyShareMs: number;
  mixes: { papers: number; shuffleSeconds: number; proveSeconds: number; verifySeconds: number; verifyMsPerPaper: number }[];
  /** `audit verify` of a whole sealed election, computed from the figures above (see sealedVerifyEstimate). */
  wholeElection: SealedVerifyEstimate;
}

/** The election whose verification the figures are scaled to: 20,000 voters, 3 contests of such papers, 2 mixes and 2 decryptions each. */
export const ESTIMATED_ELECTION = { voters: 20_000, contests: 3, mixesPerContest: 2, decryptionsPerContest: 2 };

export interface SealedVerifyEstimate {
  voters: number;
  contests: number;
  /** Each part on one thread: the voters' proofs, the mixes' proofs, the trustees' decryption proofs. */
  paperSeconds: number;
  mixSeconds: number;
  shareSeconds: number;
  oneThreadSeconds: number;
  /** The same parts split over two threads, as a parallel verifier would on the 2-core machine. */
  twoThreadSeconds: number;
}

/**
 * The time `audit verify` spends on the proofs of a sealed election of `voters` voters who each
 * cast a paper of one ciphertext in each of `contests` contests, computed from measured unit
 * costs: a voter's proof, a mix's verification per paper (each of a contest's mixes verifies
 * every paper), and a trustee's share per ciphertext (t trustees each). What it leaves out
 * (reading the file, the hash chain, the ceremony, the recount) is the small rest the
 * 1,000-voter sealed export's own `audit verify` shows (npm run bench -- sealedExport).
 */
export function sealedVerifyEstimate(election: typeof ESTIMATED_ELECTION, units: { verifyPaperMs: number; mixVerifyMsPerPaper: number; verifyShareMs: number }): SealedVerifyEstimate {
  const papers = election.voters * election.contests;
  const paperSeconds = (papers * units.verifyPaperMs) / 1000;
  const mixSeconds = (papers * election.mixesPerContest * units.mixVerifyMsPerPaper) / 1000;
  const shareSeconds = (papers * election.decryptionsPerContest * units.verifyShareMs) / 1000;
  const oneThreadSeconds = paperSeconds + mixSeconds + shareSeconds;
  return { voters: election.voters, contests: election.contests, paperSeconds, mixSeconds, shareSeconds, oneThreadSeconds, twoThreadSeconds: oneThreadSeconds / 2 };
}

/** The median time of `times` runs, in ms. */
export function medianMs(times: number, run: () => void): number {
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
 * check, and a mixer's shuffle, proof and its verification at each size of `mixSizes` (at least
 * one); from them, the verification of a whole sealed election (ESTIMATED_ELECTION), computed.
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
    return { papers, shuffleSeconds, proveSeconds, verifySeconds, verifyMsPerPaper: (verifySeconds * 1000) / papers };
  });
  // The largest mix measured gives the per-paper cost: a mix's verification grows with its papers, and its fixed part weighs least there.
  const largest = mixes.reduce((a, b) => (b.papers > a.papers ? b : a), mixes[0]!);
  const wholeElection = sealedVerifyEstimate(ESTIMATED_ELECTION, { verifyPaperMs, mixVerifyMsPerPaper: largest.verifyMsPerPaper, verifyShareMs });
  return { sealMs, verifyPaperMs, decryptShareMs, verifyShareMs, mixes, wholeElection };
}
