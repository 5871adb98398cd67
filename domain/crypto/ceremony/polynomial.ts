import { type Element, IDENTITY, ORDER, scalar } from '../group';

/**
 * Shamir's sharing over the scalars, with Feldman's commitments: the dealer's polynomial
 * f(x) = a_0 + a_1·x + … + a_{t−1}·x^{t−1}, its commitments A_k = a_k·B, and what anyone computes
 * from them (Belenios specification v1.5, §4.5.4 "Polynomials" and §4.5.5 "Vinputs", where the
 * recipient j checks g^{s_ij} = Π_k A_ik^{j^k}; here written additively).
 */

/** f(x) for a trustee's index x, by Horner's rule. */
export function evaluatePolynomial(coefficients: readonly bigint[], x: number): bigint {
  const at = BigInt(x);
  return coefficients.reduceRight((value, coefficient) => scalar.add(scalar.mul(value, at), coefficient), 0n);
}

/**
 * Σ_k x^k·A_k = f(x)·B, from the commitments alone, by Horner's rule in the group. Everything
 * here is public, so the multiplications by the small index x take noble's variable-time path,
 * some twenty-five times faster than the constant-time one: the ceremony does n²·t of them.
 */
export function committedValue(commitments: readonly Element[], x: number): Element {
  const at = BigInt(x);
  return commitments.reduceRight((value, commitment) => value.multiplyUnsafe(at).add(commitment), IDENTITY);
}

/**
 * λ_j = Π_{m≠j} m / (m − j) mod ℓ for each index j of the set, so that f(0) = Σ_j λ_j·f(j) for
 * any polynomial of degree below the set's size (Lagrange interpolation at zero). Refuses an
 * empty set, an index that is not a positive whole number, and a repeated index (whose
 * denominator would be zero).
 */
export function lagrangeCoefficientsAtZero(indices: readonly number[]): bigint[] {
  if (indices.length === 0) throw new RangeError('no indices to interpolate from');
  for (const index of indices) {
    if (!Number.isSafeInteger(index) || index < 1 || BigInt(index) >= ORDER) throw new RangeError(`index ${index} is not a positive whole number`);
  }
  if (new Set(indices).size !== indices.length) throw new RangeError('an index appears more than once');
  return indices.map((j) => {
    let numerator = 1n;
    let denominator = 1n;
    for (const m of indices) {
      if (m === j) continue;
      numerator = scalar.mul(numerator, BigInt(m));
      denominator = scalar.mul(denominator, scalar.sub(BigInt(m), BigInt(j)));
    }
    return scalar.mul(numerator, scalar.inv(denominator));
  });
}
