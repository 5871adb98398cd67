import type { Ciphertext } from '../elgamal';
import type { Element } from '../group';
import { shortSumOfMultiples } from '../shuffle/multiScalar';
import { lagrangeCoefficientsAtZero } from './polynomial';

/** Trustee j's partial decryption D_j = x_j·α, once its proof has been checked (by the decryption proofs' module). */
export interface PartialDecryption {
  index: number;
  share: Element;
}

/**
 * M = β − Σ_j λ_j·D_j over a set of at least t trustees, λ_j the Lagrange coefficients at zero:
 * Σ_j λ_j·x_j = x, the key nobody holds, so Σ_j λ_j·D_j = x·α (Belenios specification v1.5,
 * §3.4 "Tally" step 3 in threshold mode; Pedersen 1991's threshold decryption). Refuses fewer
 * than t shares, a repeated index, and an index outside 1..n.
 */
export function combinePartialDecryptions(ciphertext: Ciphertext, shares: readonly PartialDecryption[], parameters: { threshold: number; trustees: number }): Element {
  if (shares.length < parameters.threshold) throw new RangeError(`${shares.length} partial decryptions where ${parameters.threshold} are needed`);
  const indices = shares.map(({ index }) => index);
  const outside = indices.find((index) => !Number.isInteger(index) || index < 1 || index > parameters.trustees);
  if (outside !== undefined) throw new RangeError(`trustee ${outside} is not one of the ${parameters.trustees} trustees`);
  const coefficients = lagrangeCoefficientsAtZero(indices);
  // The shares and the coefficients are public: one variable-time chain of doublings is safe, and about
  // twice as fast as t constant-time multiples (the verifier combines every ciphertext of the box).
  const combined = shortSumOfMultiples(
    shares.map(({ share }) => share),
    coefficients,
  );
  return ciphertext.beta.subtract(combined);
}
