import { type CiphertextVector, reEncrypt } from './elgamal';
import { type Element, type RandomBytes, scalar } from './group';
import { forMultiples } from './shuffle/multiScalar';
import { uniformPermutation } from './shuffle/permutation';
import type { ShuffleWitness } from './shuffle/prove';
import { widthOf } from './shuffle/statement';

export { shuffleProofFromJson, shuffleProofToJson, type ShuffleProofJson } from './shuffle/json';
export { proveShuffle, type ShuffleWitness } from './shuffle/prove';
export type { ShuffleProof } from './shuffle/statement';
export { type ShuffleVerification, verifyShuffle } from './shuffle/verify';

/**
 * A mixer's step (GenShuffle in Haenni, Locher, Koenig, Dubuis 2017 and in the CHVote Protocol
 * Specification): the papers in an order drawn uniformly at random, each re-encrypted under fresh
 * randomness so that nobody without the witness can link an output to its input. Every component
 * of a paper is re-encrypted with its own randomness, and the components of one paper move together.
 * The witness is what proveShuffle needs; the mixer keeps it secret and then forgets it.
 */
export function shuffle(publicKey: Element, ciphertexts: readonly CiphertextVector[], random: RandomBytes): { outputs: CiphertextVector[]; witness: ShuffleWitness } {
  const width = widthOf(ciphertexts);
  if (width === undefined) throw new RangeError('a shuffle takes N ≥ 1 papers of one width w ≥ 1');
  const key = forMultiples(publicKey, ciphertexts.length * width);
  const permutation = uniformPermutation(ciphertexts.length, random);
  const randomness = permutation.map(() => Array.from({ length: width }, () => scalar.random(random)));
  const outputs = permutation.map((j, i) => ciphertexts[j]!.map((c, k) => reEncrypt(key, c, randomness[i]![k]!)));
  return { outputs, witness: { permutation, randomness } };
}
