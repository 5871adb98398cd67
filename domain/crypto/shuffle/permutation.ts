import type { RandomBytes } from '../group';

/**
 * A uniform permutation of 0…n−1, as GenPermutation of Haenni, Locher, Koenig, Dubuis, "Pseudo-Code
 * Algorithms for Verifiable Re-Encryption Mix-Nets" (FC 2017 Voting workshop) and of the CHVote
 * Protocol Specification draws it: Knuth's Algorithm P (TAOCP vol. 2, §3.4.2, the Fisher–Yates
 * shuffle), each position swapped with one drawn uniformly from those not yet fixed. Entry i is the
 * index of the input that goes to output i.
 */
export function uniformPermutation(n: number, random: RandomBytes): number[] {
  const permutation = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n - 1; i += 1) {
    const k = i + uniformBelow(n - i, random);
    [permutation[i], permutation[k]] = [permutation[k]!, permutation[i]!];
  }
  return permutation;
}

const TWO_TO_32 = 2 ** 32;

/**
 * An integer drawn uniformly from 0…bound−1 (bound ≤ 2^32), by rejection: 32-bit draws at or above
 * the largest multiple of bound are drawn again, so that the remainder is not biased towards small values.
 */
function uniformBelow(bound: number, random: RandomBytes): number {
  const limit = TWO_TO_32 - (TWO_TO_32 % bound);
  for (;;) {
    const bytes = random(4);
    const drawn = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false);
    if (drawn < limit) return drawn % bound;
  }
}
