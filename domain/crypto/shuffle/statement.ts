import type { Ciphertext, CiphertextVector } from '../elgamal';
import { challenge, type Element, independentGenerators, type Transcript } from '../group';

/**
 * What the prover and the verifier of a shuffle both derive from the statement: the independent
 * generators, the vector u and the challenge c. The proof is the non-interactive Terelius–Wikström
 * proof of a shuffle as Haenni, Locher, Koenig and Dubuis write it out ("Pseudo-Code Algorithms for
 * Verifiable Re-Encryption Mix-Nets", FC 2017 Voting workshop), which is GenShuffleProof and
 * CheckShuffleProof of the CHVote Protocol Specification (Algorithm 8.47 and its check in
 * version 3.1), written additively in ristretto255 (gᵃ·hᵇ becomes a·B + b·H) and widened to vectors
 * of w ciphertexts per paper (see ./prove.ts).
 */
export const SHUFFLE_PROTOCOL = 'sealed-box/shuffle/v1';

/**
 * The proof as it is published, beside the input and output papers it is about. The names are the
 * specification's: c and ĉ are the commitments (to the permutation, and the chain of the permuted
 * u), t the prover's commitments of the Σ-protocol, s its responses. The proof carries t rather than
 * the challenge, so that the verifier can say which equation fails.
 */
export interface ShuffleProof {
  /** c: N commitments to the permutation's columns (GenPermutationCommitment). */
  permutationCommitment: Element[];
  /** ĉ₁…ĉ_N: the commitment chain of the permuted u (GenCommitmentChain); ĉ₀ is H. */
  commitmentChain: Element[];
  t1: Element;
  t2: Element;
  t3: Element;
  /** t₄: one ciphertext per component of the papers, each the commitment of that component's re-encryption. */
  t4: Ciphertext[];
  /** t̂₁…t̂_N: the commitments to the links of the chain. */
  tHat: Element[];
  s1: bigint;
  s2: bigint;
  s3: bigint;
  /** s₄: one response per component. */
  s4: bigint[];
  sHat: bigint[];
  sPrime: bigint[];
}

/**
 * The papers' width w when every paper has the same number (at least one) of ciphertexts; undefined
 * for a ragged or empty list.
 */
export function widthOf(papers: readonly CiphertextVector[]): number | undefined {
  const width = papers[0]?.length;
  if (width === undefined || width === 0 || papers.some((paper) => paper.length !== width)) return undefined;
  return width;
}

/**
 * H and H₁…H_N, the generators of the commitments (GetGenerators in the specification), hashed to
 * the group with a tag that names the protocol and the caller's context, so that nobody knows a
 * relation between them and each contest's mix has its own. With `from`, H_{from+1}…H_{from+count}:
 * the generators of one part of the papers.
 */
export function shuffleGenerators(context: readonly string[], count: number, from = 0): { h: Element; hs: Element[] } {
  const tag = `${SHUFFLE_PROTOCOL}/generators ${JSON.stringify(context)}`;
  return { h: independentGenerators(tag, 1)[0]!, hs: independentGenerators(tag, count, from + 1) };
}

/**
 * One hash of the whole statement (the context, the public key, every input and output ciphertext
 * and the permutation commitment: the y of GetChallenges in the specification), from which u and c
 * are drawn, as the specification hashes y once and then each u_i from it and i. Hashing the whole
 * statement is the strong Fiat–Shamir transform (Bernhard, Pereira, Warinschi 2012). The digest is
 * a scalar of 252 bits, so finding two statements with one digest costs some 2^126 hashes, the
 * security level of the group itself.
 */
export function statementDigest(
  publicKey: Element,
  inputs: readonly CiphertextVector[],
  outputs: readonly CiphertextVector[],
  permutationCommitment: readonly Element[],
  context: readonly string[],
): bigint {
  const papers = (list: readonly CiphertextVector[]) => list.flatMap((paper) => paper.flatMap((c) => [c.alpha, c.beta]));
  const transcript: Transcript = [context.length, ...context, inputs.length, inputs[0]?.length ?? 0, publicKey, ...papers(inputs), ...papers(outputs), ...permutationCommitment];
  return challenge(`${SHUFFLE_PROTOCOL}/statement`, transcript);
}

/** u₁…u_N (GetChallenges): one scalar per input paper, each hashed from the statement's digest and its index (from `from` on, for one part of the papers). */
export const shuffleChallenges = (digest: bigint, count: number, from = 0): bigint[] => Array.from({ length: count }, (_, i) => challenge(`${SHUFFLE_PROTOCOL}/u`, [digest, from + i]));

/** The challenge c (GetChallenge of (y, t)): the statement's digest, the commitment chain and every commitment t. */
export function proofChallenge(digest: bigint, proof: Pick<ShuffleProof, 'commitmentChain' | 't1' | 't2' | 't3' | 't4' | 'tHat'>): bigint {
  const t4 = proof.t4.flatMap((c) => [c.alpha, c.beta]);
  return challenge(`${SHUFFLE_PROTOCOL}/challenge`, [digest, ...proof.commitmentChain, proof.t1, proof.t2, proof.t3, ...t4, ...proof.tHat]);
}
