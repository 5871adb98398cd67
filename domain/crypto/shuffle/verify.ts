import type { Ciphertext, CiphertextVector } from '../elgamal';
import { baseMultiple, challenge, type Element, GENERATOR, IDENTITY, isScalar, multiple, scalar } from '../group';
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
 *
 * Every sum the check takes over the N papers is a sum of one term per paper, so the check comes
 * in three steps: prepareShuffleCheck (the lengths, the responses, the hashes of the whole
 * statement), checkShufflePart for each part of the papers (its share of each sum, and its links of
 * the commitment chain), which may run on other threads or machines, and concludeShuffleCheck,
 * which adds the parts up. `papersPerPart` cuts the papers here; the verdict is the same however
 * they are cut.
 */
export function verifyShuffle(
  publicKey: Element,
  inputs: readonly CiphertextVector[],
  outputs: readonly CiphertextVector[],
  proof: ShuffleProof,
  context: readonly string[],
  papersPerPart = inputs.length,
): ShuffleVerification {
  const prepared = prepareShuffleCheck(publicKey, inputs, outputs, proof, context);
  if (!prepared.ok) return prepared;
  const parts = partsOf(prepared.check.papers, papersPerPart).map(([from, to]) => checkShufflePart(prepared.check, shufflePart(inputs, outputs, proof, prepared.check.h, from, to)));
  return concludeShuffleCheck(prepared.check, proof, parts);
}

/** What every part of the check needs from the whole statement: its size, the challenge c and the digest u is drawn from; and ĉ_N, the chain's last link, which the conclusion reads. */
export interface ShuffleCheck {
  publicKey: Element;
  context: readonly string[];
  papers: number;
  width: number;
  h: Element;
  digest: bigint;
  c: bigint;
  lastLink: Element;
}

/** What the conclusion reads of the proof besides the parts' sums: its commitments t and responses s, no per-paper list. */
export type ShuffleConclusion = Pick<ShuffleProof, 't1' | 't2' | 't3' | 't4' | 's1' | 's2' | 's3' | 's4'>;

/** The lengths and responses checked, then the hashes of the whole statement and proof: the only steps that read every paper at once, and no multiplication among them. */
export function prepareShuffleCheck(
  publicKey: Element,
  inputs: readonly CiphertextVector[],
  outputs: readonly CiphertextVector[],
  proof: ShuffleProof,
  context: readonly string[],
): { ok: true; check: ShuffleCheck } | { ok: false; failed: string; detail?: string } {
  const n = inputs.length;
  const width = widthOf(inputs);
  if (width === undefined) return { ok: false, failed: 'lengths', detail: 'the inputs are not N ≥ 1 papers of one width w ≥ 1' };
  const wrongLength = lengthFault(n, width, outputs, proof);
  if (wrongLength !== undefined) return { ok: false, failed: 'lengths', detail: wrongLength };
  const wrongScalar = scalarFault(proof);
  if (wrongScalar !== undefined) return { ok: false, failed: wrongScalar, detail: 'not a scalar below the group order' };
  const digest = statementDigest(publicKey, inputs, outputs, proof.permutationCommitment, context);
  const c = proofChallenge(digest, proof);
  return { ok: true, check: { publicKey, context, papers: n, width, h: shuffleGenerators(context, 0).h, digest, c, lastLink: proof.commitmentChain[n - 1]! } };
}

/** The papers `from` (inclusive) to `to` (exclusive) and their part of the proof; `chainBefore` is ĉ_from, the link the part's chain starts from (H for the first). */
export interface ShufflePart {
  from: number;
  to: number;
  inputs: readonly CiphertextVector[];
  outputs: readonly CiphertextVector[];
  permutationCommitment: readonly Element[];
  chainBefore: Element;
  commitmentChain: readonly Element[];
  tHat: readonly Element[];
  sHat: readonly bigint[];
  sPrime: readonly bigint[];
}

/** Papers `from` to `to` of a statement, with their part of the proof. */
export const shufflePart = (inputs: readonly CiphertextVector[], outputs: readonly CiphertextVector[], proof: ShuffleProof, h: Element, from: number, to: number): ShufflePart => ({
  from,
  to,
  inputs: inputs.slice(from, to),
  outputs: outputs.slice(from, to),
  permutationCommitment: proof.permutationCommitment.slice(from, to),
  chainBefore: from === 0 ? h : proof.commitmentChain[from - 1]!,
  commitmentChain: proof.commitmentChain.slice(from, to),
  tHat: proof.tHat.slice(from, to),
  sHat: proof.sHat.slice(from, to),
  sPrime: proof.sPrime.slice(from, to),
});

/** [from, to) of each part of n papers, at most `size` a part. */
export const partsOf = (n: number, size: number): [number, number][] => {
  const step = Math.max(1, Math.floor(size));
  return Array.from({ length: Math.ceil(n / step) }, (_, i) => [i * step, Math.min(n, (i + 1) * step)]);
};

/** One part's share of each sum over the papers, and the first link of its commitment chain that fails, if one does. */
export interface ShufflePartSums {
  /** Σ (cⱼ − Hⱼ): its share of c̄. */
  commitments: Element;
  /** ∏ uⱼ. */
  productOfU: bigint;
  /** Σ s′ᵢ·Hᵢ − c·uᵢ·cᵢ: its share of t₃′. */
  t3: Element;
  /** For each component k, Σ s′ᵢ·e′ᵢ,ₖ − c·uᵢ·eᵢ,ₖ: its share of t₄,ₖ′. */
  t4: Ciphertext[];
  brokenLink?: number;
}

/** A part of the check: the part's terms of each sum, and each link of its commitment chain checked. */
export function checkShufflePart(check: ShuffleCheck, part: ShufflePart): ShufflePartSums {
  const count = part.to - part.from;
  const { hs } = shuffleGenerators(check.context, count, part.from);
  const u = shuffleChallenges(check.digest, count, part.from);
  const minusC = scalar.neg(check.c);
  const minusCu = u.map((uj) => scalar.mul(minusC, uj));
  const commitments = part.permutationCommitment.reduce((sum, cj) => sum.add(cj), IDENTITY).subtract(hs.reduce((sum, hi) => sum.add(hi), IDENTITY));
  const t3 = sumOfMultiples([...hs, ...part.permutationCommitment], [...part.sPrime, ...minusCu]);
  const t4 = Array.from({ length: check.width }, (_, k) => {
    const weighted = (side: 'alpha' | 'beta') => sumOfMultiples([...part.outputs.map((paper) => paper[k]![side]), ...part.inputs.map((paper) => paper[k]![side])], [...part.sPrime, ...minusCu]);
    return { alpha: weighted('alpha'), beta: weighted('beta') };
  });
  const brokenLink = chainFault(check.c, part);
  return { commitments, productOfU: u.reduce(scalar.mul, 1n), t3, t4, ...(brokenLink !== undefined && { brokenLink }) };
}

/** The equations, from the parts' sums in the order of the papers: t₁, t₂, t₃, each component of t₄, then the first broken link of the chain. */
export function concludeShuffleCheck(check: ShuffleCheck, proof: ShuffleConclusion, parts: readonly ShufflePartSums[]): ShuffleVerification {
  const { c } = check;
  const minusC = scalar.neg(c);
  const B = GENERATOR;
  // t₁′ = s₁·B − c·c̄, with c̄ = Σ cⱼ − Σ Hᵢ: the permutation commitment's randomness sums to the opening of s₁.
  const cBar = parts.reduce((sum, part) => sum.add(part.commitments), IDENTITY);
  if (!shortSumOfMultiples([B, cBar], [proof.s1, minusC]).equals(proof.t1)) return { ok: false, failed: 't1' };

  // t₂′ = s₂·B − c·ĉ, with ĉ = ĉ_N − (∏ uⱼ)·H: the chain ends in a commitment to the product of u, which a permutation keeps.
  const productOfU = parts.reduce((product, part) => scalar.mul(product, part.productOfU), 1n);
  if (!shortSumOfMultiples([B, check.lastLink, check.h], [proof.s2, minusC, scalar.mul(c, productOfU)]).equals(proof.t2)) return { ok: false, failed: 't2' };

  // t₃′ = s₃·B + Σ s′ᵢ·Hᵢ − c·c̃, with c̃ = Σ uⱼ·cⱼ: s′ opens the permutation commitment weighted by u.
  const t3 = parts.reduce((sum, part) => sum.add(part.t3), baseMultiple(proof.s3));
  if (!t3.equals(proof.t3)) return { ok: false, failed: 't3' };

  // t₄,ₖ′ = ReEnc(Σ s′ᵢ·e′ᵢ,ₖ, −s₄,ₖ) − c·ẽₖ, with ẽₖ = Σ uⱼ·eⱼ,ₖ: for each component k, the outputs weighted by
  // the same s′ re-encrypt the inputs weighted by u.
  for (let k = 0; k < check.width; k += 1) {
    const minusS4 = scalar.neg(proof.s4[k]!);
    const alpha = parts.reduce((sum, part) => sum.add(part.t4[k]!.alpha), baseMultiple(minusS4));
    const beta = parts.reduce((sum, part) => sum.add(part.t4[k]!.beta), multiple(check.publicKey, minusS4));
    if (!alpha.equals(proof.t4[k]!.alpha) || !beta.equals(proof.t4[k]!.beta)) return { ok: false, failed: `t4 component ${k}` };
  }

  // t̂ᵢ′ = ŝᵢ·B + s′ᵢ·ĉᵢ₋₁ − c·ĉᵢ: each link of the chain multiplies by the u′ᵢ that s′ᵢ opens.
  const broken = parts.find((part) => part.brokenLink !== undefined);
  if (broken) return { ok: false, failed: `commitment chain ${broken.brokenLink}` };
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
 * The first link i of the part's chain whose equation t̂ᵢ = ŝᵢ·B + s′ᵢ·ĉᵢ₋₁ − c·ĉᵢ fails, if any
 * (i counts from 0 over the whole proof). The part's links are first tested together, as
 * Σ δᵢ·(ŝᵢ·B + s′ᵢ·ĉᵢ₋₁ − c·ĉᵢ − t̂ᵢ) = 0 in one sum of 2m + 2 multiples (the small exponents test of
 * Bellare, Garay, Rabin, "Fast Batch Verification for Modular Exponentiation and Digital
 * Signatures", Eurocrypt 1998, with full-size weights), some five times faster than m sums of
 * three; each link is checked alone only when that fails, to name it. The weights δ are hashed
 * from c, the part's place and its responses ŝ and s′, which with what c is hashed from fix every
 * term. In a group of prime order ℓ, if some link fails, at most one in ℓ of the weights cancels
 * it, so a cheating prover succeeds with odds of one in ℓ for each hash it computes.
 */
function chainFault(c: bigint, part: ShufflePart): number | undefined {
  const m = part.tHat.length;
  const minusC = scalar.neg(c);
  const chain = [part.chainBefore, ...part.commitmentChain];
  const linkHolds = (i: number) => shortSumOfMultiples([GENERATOR, chain[i]!, chain[i + 1]!], [part.sHat[i]!, part.sPrime[i]!, minusC]).equals(part.tHat[i]!);
  const seed = challenge(`${SHUFFLE_PROTOCOL}/batch`, [c, part.from, part.to, ...part.sHat, ...part.sPrime]);
  const delta = Array.from({ length: m }, (_, i) => challenge(`${SHUFFLE_PROTOCOL}/batch`, [seed, part.from + i]));
  // Counting the part's links from 0, link i joins chain[i] to chain[i + 1]: chain[j] is the start of link j (weight δⱼ·s′ⱼ) and the end of link j − 1 (weight −c·δⱼ₋₁).
  const chainWeights = chain.map((_, j) => scalar.add(j < m ? scalar.mul(delta[j]!, part.sPrime[j]!) : 0n, j > 0 ? scalar.mul(minusC, delta[j - 1]!) : 0n));
  const batch = sumOfMultiples([GENERATOR, ...chain, ...part.tHat], [delta.reduce((sum, d, i) => scalar.add(sum, scalar.mul(d, part.sHat[i]!)), 0n), ...chainWeights, ...delta.map(scalar.neg)]);
  if (batch.equals(IDENTITY)) return undefined;
  // The sum is not zero, so some link fails.
  return part.from + part.tHat.findIndex((_, i) => !linkHolds(i));
}
