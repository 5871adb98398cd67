import type { CiphertextVector } from '../elgamal';
import { challenge, type Element, GENERATOR, IDENTITY, isScalar, scalar } from '../group';
import { shortSumOfMultiples, sumOfMultiples } from './multiScalar';
import { proofChallenge, SHUFFLE_PROTOCOL, type ShuffleProof, shuffleChallenges, shuffleGenerators, statementDigest, widthOf } from './statement';

/**
 * The verdict on a shuffle proof: which check failed, never a bare false. `failed` is 'lengths', the
 * name of a response that is not a scalar, or the equation that does not hold: 't1', 't2', 't3',
 * 't4 component k' or 'commitment chain i' (k and i index the proof's arrays, from 0).
 */
export type ShuffleVerification = { ok: true } | { ok: false; failed: string; detail?: string };

/**
 * CheckShuffleProof (Haenni, Locher, Koenig, Dubuis 2017; the CHVote Protocol Specification's check
 * of Algorithm 8.47 in version 3.1), additively and for papers of w ciphertexts (see ./prove.ts).
 * The specification recomputes t′ and compares its hash with the challenge; this proof carries t,
 * so the verifier hashes t into c and checks each of the equations t = t′, which is the same test
 * and tells which equation fails. A change to anything hashed into c (the statement, the context, a
 * commitment) changes c and so makes every equation fail; the first, t₁, is the one named.
 */
export function verifyShuffle(publicKey: Element, inputs: readonly CiphertextVector[], outputs: readonly CiphertextVector[], proof: ShuffleProof, context: readonly string[]): ShuffleVerification {
  const n = inputs.length;
  const width = widthOf(inputs);
  if (width === undefined) return { ok: false, failed: 'lengths', detail: 'the inputs are not N ≥ 1 papers of one width w ≥ 1' };
  const wrongLength = lengthFault(n, width, outputs, proof);
  if (wrongLength !== undefined) return { ok: false, failed: 'lengths', detail: wrongLength };
  const wrongScalar = scalarFault(proof);
  if (wrongScalar !== undefined) return { ok: false, failed: wrongScalar, detail: 'not a scalar below the group order' };

  const { h, hs } = shuffleGenerators(context, n);
  const digest = statementDigest(publicKey, inputs, outputs, proof.permutationCommitment, context);
  const u = shuffleChallenges(digest, n);
  const c = proofChallenge(digest, proof);
  const minusC = scalar.neg(c);
  const minusCu = u.map((uj) => scalar.mul(minusC, uj));
  const B = GENERATOR;
  const chain = [h, ...proof.commitmentChain];

  // t₁′ = s₁·B − c·c̄, with c̄ = Σ cⱼ − Σ Hᵢ: the permutation commitment's randomness sums to the opening of s₁.
  const cBar = proof.permutationCommitment.reduce((sum, cj) => sum.add(cj), IDENTITY).subtract(hs.reduce((sum, hi) => sum.add(hi), IDENTITY));
  if (!shortSumOfMultiples([B, cBar], [proof.s1, minusC]).equals(proof.t1)) return { ok: false, failed: 't1' };

  // t₂′ = s₂·B − c·ĉ, with ĉ = ĉ_N − (∏ uⱼ)·H: the chain ends in a commitment to the product of u, which a permutation keeps.
  const productOfU = u.reduce(scalar.mul, 1n);
  if (!shortSumOfMultiples([B, chain[n]!, h], [proof.s2, minusC, scalar.mul(c, productOfU)]).equals(proof.t2)) return { ok: false, failed: 't2' };

  // t₃′ = s₃·B + Σ s′ᵢ·Hᵢ − c·c̃, with c̃ = Σ uⱼ·cⱼ: s′ opens the permutation commitment weighted by u.
  const t3 = sumOfMultiples([B, ...hs, ...proof.permutationCommitment], [proof.s3, ...proof.sPrime, ...minusCu]);
  if (!t3.equals(proof.t3)) return { ok: false, failed: 't3' };

  // t₄,ₖ′ = ReEnc(Σ s′ᵢ·e′ᵢ,ₖ, −s₄,ₖ) − c·ẽₖ, with ẽₖ = Σ uⱼ·eⱼ,ₖ: for each component k, the outputs weighted by
  // the same s′ re-encrypt the inputs weighted by u.
  for (let k = 0; k < width; k += 1) {
    const weighted = (part: 'alpha' | 'beta', base: Element) =>
      sumOfMultiples([base, ...outputs.map((paper) => paper[k]![part]), ...inputs.map((paper) => paper[k]![part])], [scalar.neg(proof.s4[k]!), ...proof.sPrime, ...minusCu]);
    if (!weighted('alpha', B).equals(proof.t4[k]!.alpha) || !weighted('beta', publicKey).equals(proof.t4[k]!.beta)) return { ok: false, failed: `t4 component ${k}` };
  }

  // t̂ᵢ′ = ŝᵢ·B + s′ᵢ·ĉᵢ₋₁ − c·ĉᵢ: each link of the chain multiplies by the u′ᵢ that s′ᵢ opens.
  const brokenLink = chainFault(proof, chain, c);
  if (brokenLink !== undefined) return { ok: false, failed: `commitment chain ${brokenLink}` };
  return { ok: true };
}

/** Which count does not match the N input papers of width w: as many outputs of that width, N of each per-paper part of the proof and w of each per-component part. */
function lengthFault(n: number, width: number, outputs: readonly CiphertextVector[], proof: ShuffleProof): string | undefined {
  if (outputs.length !== n || widthOf(outputs) !== width) return `the outputs are not ${n} papers of width ${width}`;
  const perPaper = ['permutationCommitment', 'commitmentChain', 'tHat', 'sHat', 'sPrime'] as const;
  const short = perPaper.find((field) => proof[field].length !== n);
  if (short !== undefined) return `${short} has ${proof[short].length} entries for ${n} papers`;
  const perComponent = (['t4', 's4'] as const).find((field) => proof[field].length !== width);
  if (perComponent !== undefined) return `${perComponent} has ${proof[perComponent].length} entries for width ${width}`;
  return undefined;
}

/** The first response that is not an integer in 0…ℓ−1 (a decoded proof never has one; a proof built in memory might). */
function scalarFault(proof: ShuffleProof): string | undefined {
  for (const field of ['s1', 's2', 's3'] as const) if (!isScalar(proof[field])) return field;
  for (const field of ['s4', 'sHat', 'sPrime'] as const) {
    const index = proof[field].findIndex((k) => !isScalar(k));
    if (index >= 0) return `${field}[${index}]`;
  }
  return undefined;
}

/**
 * The first link i of the chain whose equation t̂ᵢ = ŝᵢ·B + s′ᵢ·ĉᵢ₋₁ − c·ĉᵢ fails, if any. The N
 * equations are first tested together, as Σ δᵢ·(ŝᵢ·B + s′ᵢ·ĉᵢ₋₁ − c·ĉᵢ − t̂ᵢ) = 0 in one sum of 2N + 2
 * multiples (the small exponents test of Bellare, Garay, Rabin, "Fast Batch Verification for
 * Modular Exponentiation and Digital Signatures", Eurocrypt 1998, with full-size weights), some five
 * times faster than N sums of three; each link is checked alone only when that fails, to name it.
 * The weights δ are hashed from c and the responses ŝ and s′, which with what c is hashed from fix
 * every term. In a group of prime order ℓ, if some link fails, at most one in ℓ of the weights
 * cancels it, so a cheating prover succeeds with odds of one in ℓ for each hash it computes.
 */
function chainFault(proof: ShuffleProof, chain: readonly Element[], c: bigint): number | undefined {
  const n = proof.tHat.length;
  const minusC = scalar.neg(c);
  const linkHolds = (i: number) => shortSumOfMultiples([GENERATOR, chain[i]!, chain[i + 1]!], [proof.sHat[i]!, proof.sPrime[i]!, minusC]).equals(proof.tHat[i]!);
  const seed = challenge(`${SHUFFLE_PROTOCOL}/batch`, [c, ...proof.sHat, ...proof.sPrime]);
  const delta = Array.from({ length: n }, (_, i) => challenge(`${SHUFFLE_PROTOCOL}/batch`, [seed, i]));
  // Counting links from 0, link i joins chain[i] to chain[i + 1]: chain[j] is the start of link j (weight δⱼ·s′ⱼ) and the end of link j − 1 (weight −c·δⱼ₋₁).
  const chainWeights = chain.map((_, j) => scalar.add(j < n ? scalar.mul(delta[j]!, proof.sPrime[j]!) : 0n, j > 0 ? scalar.mul(minusC, delta[j - 1]!) : 0n));
  const batch = sumOfMultiples([GENERATOR, ...chain, ...proof.tHat], [delta.reduce((sum, d, i) => scalar.add(sum, scalar.mul(d, proof.sHat[i]!)), 0n), ...chainWeights, ...delta.map(scalar.neg)]);
  if (batch.equals(IDENTITY)) return undefined;
  // The sum is not zero, so some link fails.
  return proof.tHat.findIndex((_, i) => !linkHolds(i));
}
