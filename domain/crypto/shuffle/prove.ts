import type { Ciphertext, CiphertextVector } from '../elgamal';
import { baseMultiple, type Element, multiple, type RandomBytes, scalar } from '../group';
import { forMultiples, sumOfMultiples } from './multiScalar';
import { proofChallenge, type ShuffleProof, shuffleChallenges, shuffleGenerators, statementDigest, widthOf } from './statement';

/**
 * What only the mixer knows of its shuffle: output i is input permutation[i] re-encrypted, its
 * component k with randomness[i][k].
 */
export interface ShuffleWitness {
  permutation: readonly number[];
  randomness: readonly (readonly bigint[])[];
}

/**
 * GenShuffleProof (Haenni, Locher, Koenig, Dubuis 2017; CHVote Protocol Specification, Algorithm
 * 8.47 in version 3.1) in ristretto255, for papers of w ciphertexts.
 *
 * Widening to w components: a paper is a ciphertext of the product cryptosystem (ElGamal on
 * w-tuples, with randomness in Z_ℓ^w), which is homomorphic and re-randomisable like ElGamal itself,
 * and the Terelius–Wikström proof holds for any such cryptosystem. So the one part of the proof that
 * touches the ciphertexts, t₄, becomes one equation per component k,
 * Σᵢ u′ᵢ·e′ᵢ,ₖ = ReEnc(Σⱼ uⱼ·eⱼ,ₖ, r′ₖ), each with its own nonce ω₄,ₖ and response s₄,ₖ, while the
 * responses s′ᵢ that open the commitment to the permuted u are shared by all components (as
 * Verificatum does for its width ω, and as Haines, "A Description and Proof of a Generalised and
 * Optimised Variant of Wikström's Mixnet", arXiv:1901.08371, proves for this very variant).
 * Why it stays sound: Terelius and Wikström's extractor draws from t₁, t₂, t₃ and the chain that c
 * commits to a permutation ψ and that s′ opens u′ᵢ = u_ψ(i), whatever w is; then each t₄,ₖ shows
 * that Σⱼ uⱼ·(e′_ψ⁻¹(j),ₖ − eⱼ,ₖ) encrypts the identity. As u is hashed after the outputs are fixed,
 * that holds for every component only if each difference encrypts the identity (but for odds of
 * about one in ℓ per component): output ψ⁻¹(j) re-encrypts input j in every component, under the
 * one ψ, so no component of a paper can be moved apart from the others or changed.
 */
export function proveShuffle(
  publicKey: Element,
  inputs: readonly CiphertextVector[],
  outputs: readonly CiphertextVector[],
  witness: ShuffleWitness,
  context: readonly string[],
  random: RandomBytes,
): ShuffleProof {
  const n = inputs.length;
  const width = widthOf(inputs);
  const { permutation, randomness } = witness;
  if (width === undefined || widthOf(outputs) !== width || outputs.length !== n || !isPermutation(permutation, n) || randomness.length !== n || randomness.some((r) => r.length !== width)) {
    throw new RangeError('the inputs, outputs and witness of a shuffle must be N ≥ 1 papers of the same width w ≥ 1, and a permutation of them');
  }
  const { h, hs } = shuffleGenerators(context, n);
  const hToMultiply = forMultiples(h, 2 * n);
  const randomScalars = (count: number) => Array.from({ length: count }, () => scalar.random(random));

  // GenPermutationCommitment: c_ψ(i) = r_ψ(i)·B + H_i, a commitment to column ψ(i) of the permutation matrix.
  const r = randomScalars(n);
  const permutationCommitment: Element[] = new Array<Element>(n);
  permutation.forEach((j, i) => {
    permutationCommitment[j] = baseMultiple(r[j]!).add(hs[i]!);
  });

  // GetChallenges: u from the statement; u′ᵢ = u_ψ(i), the weights in the order of the outputs.
  const digest = statementDigest(publicKey, inputs, outputs, permutationCommitment, context);
  const u = shuffleChallenges(digest, n);
  const uPrime = permutation.map((j) => u[j]!);

  // GenCommitmentChain: ĉ₀ = H, ĉᵢ = r̂ᵢ·B + u′ᵢ·ĉᵢ₋₁. Kept as ĉᵢ = Rᵢ·B + Uᵢ·H with Rᵢ = r̂ᵢ + u′ᵢ·Rᵢ₋₁ and
  // Uᵢ = u′ᵢ·Uᵢ₋₁ (as the CHVote specification computes t̂ᵢ), so that every multiple is of B or of H, which
  // carry tables of their multiples; R_N is then the specification's r̂ = Σᵢ r̂ᵢ·∏_{k>i} u′ₖ, and U_N = ∏ u′ᵢ.
  const rHat = randomScalars(n);
  const chainR: bigint[] = [0n];
  const chainU: bigint[] = [1n];
  const commitmentChain = uPrime.map((ui, i) => {
    chainR.push(scalar.add(rHat[i]!, scalar.mul(ui, chainR[i]!)));
    chainU.push(scalar.mul(ui, chainU[i]!));
    return baseMultiple(chainR[i + 1]!).add(multiple(hToMultiply, chainU[i + 1]!));
  });

  // GenShuffleProof, commitments: t₁ = ω₁·B, t₂ = ω₂·B, t₃ = ω₃·B + Σ ω′ᵢ·Hᵢ,
  // t₄,ₖ = ReEnc(Σ ω′ᵢ·e′ᵢ,ₖ, −ω₄,ₖ) for each component k, t̂ᵢ = ω̂ᵢ·B + ω′ᵢ·ĉᵢ₋₁ (= (ω̂ᵢ + ω′ᵢ·Rᵢ₋₁)·B + (ω′ᵢ·Uᵢ₋₁)·H).
  const [omega1, omega2, omega3] = randomScalars(3) as [bigint, bigint, bigint];
  const omega4 = randomScalars(width);
  const omegaHat = randomScalars(n);
  const omegaPrime = randomScalars(n);
  const t4 = omega4.map((omega, k): Ciphertext => {
    const column = outputs.map((paper) => paper[k]!);
    return {
      alpha: sumOfMultiples(
        column.map((c) => c.alpha),
        omegaPrime,
      ).subtract(baseMultiple(omega)),
      beta: sumOfMultiples(
        column.map((c) => c.beta),
        omegaPrime,
      ).subtract(multiple(publicKey, omega)),
    };
  });
  const commitments = {
    commitmentChain,
    t1: baseMultiple(omega1),
    t2: baseMultiple(omega2),
    t3: baseMultiple(omega3).add(sumOfMultiples(hs, omegaPrime)),
    t4,
    tHat: omegaHat.map((omega, i) => baseMultiple(scalar.add(omega, scalar.mul(omegaPrime[i]!, chainR[i]!))).add(multiple(hToMultiply, scalar.mul(omegaPrime[i]!, chainU[i]!)))),
  };
  const c = proofChallenge(digest, commitments);

  // GenShuffleProof, responses: r̄ = Σ rⱼ, r̂ = R_N, r̃ = Σ rⱼ·uⱼ, r′ₖ = Σ u′ᵢ·ρᵢ,ₖ (the re-encryption of component k,
  // weighted as the outputs are); s = ω + c·(that secret).
  const sum = (terms: bigint[]) => terms.reduce(scalar.add, 0n);
  const respond = (omega: bigint, secret: bigint) => scalar.add(omega, scalar.mul(c, secret));
  return {
    permutationCommitment,
    ...commitments,
    s1: respond(omega1, sum(r)),
    s2: respond(omega2, chainR[n]!),
    s3: respond(omega3, sum(r.map((rj, j) => scalar.mul(rj, u[j]!)))),
    s4: omega4.map((omega, k) => respond(omega, sum(uPrime.map((ui, i) => scalar.mul(ui, randomness[i]![k]!))))),
    sHat: omegaHat.map((omega, i) => respond(omega, rHat[i]!)),
    sPrime: omegaPrime.map((omega, i) => respond(omega, uPrime[i]!)),
  };
}

const isPermutation = (permutation: readonly number[], n: number): boolean =>
  permutation.length === n && new Set(permutation).size === n && permutation.every((j) => Number.isInteger(j) && j >= 0 && j < n);
