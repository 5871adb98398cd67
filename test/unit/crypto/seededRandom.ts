import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { RandomBytes } from '../../../domain/crypto/group';

/** A reproducible stream of bytes for tests (SHA-256 in counter mode over a seed): the same seed, the same proofs. Never for real randomness. */
export function seededRandom(seed: string): RandomBytes {
  let counter = 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let filled = 0; filled < n; filled += 32) {
      const block = sha256(utf8ToBytes(`${seed}/${counter++}`));
      out.set(block.subarray(0, Math.min(32, n - filled)), filled);
    }
    return out;
  };
}
