import { mulAddUnsafe, pippenger } from '@noble/curves/abstract/curve.js';
import { ristretto255 } from '@noble/curves/ed25519.js';
import { type Element, IDENTITY } from '../group';

/**
 * Σ kᵢ·Pᵢ by Pippenger's bucket method from @noble/curves, some five times faster than N separate
 * multiples at a thousand terms: the shuffle proof's products of N terms (t₃, t₄ and their checks)
 * are where a 20,000-paper contest spends its time. Its memory accesses depend on the scalars (noble
 * says so), which the prover accepts for its nonces ω′ as it accepts JavaScript's variable-time
 * BigInt arithmetic: a mixer proves on its own machine. Scalars must lie in 0…ℓ−1.
 */
export const sumOfMultiples = (points: readonly Element[], scalars: readonly bigint[]): Element => pippenger(ristretto255.Point, [...points], [...scalars]);

/** Σ kᵢ·Pᵢ for a handful of terms (Strauss–Shamir, one chain of doublings): the verifier's check of each link of the commitment chain. */
export const shortSumOfMultiples = (points: readonly Element[], scalars: readonly bigint[]): Element => mulAddUnsafe(ristretto255.Point, [...points], [...scalars]);

/**
 * The point to multiply `uses` times: for many uses, a copy that carries a table of its multiples
 * (noble's `precompute`, windows of 8 bits), each multiple then costing a third of one without it;
 * for a few, the point itself, as the table costs about as much as forty multiples. The copy leaves
 * the caller's point untouched.
 */
export const forMultiples = (point: Element, uses: number): Element => (uses < 64 ? point : point.add(IDENTITY).precompute(8, false));
