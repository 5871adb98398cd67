import { baseMultiple, type Element, elementToHex, multiple } from './group';

/**
 * ElGamal encryption in the group of the sealed box, written additively: under the public key
 * Y = x·B, a message element M is encrypted with randomness r as (α, β) = (r·B, M + r·Y). Whoever
 * holds x decrypts M = β − x·α; anyone re-encrypts by adding an encryption of the identity, which
 * changes the ciphertext and keeps the message (what a mixer does). As in Belenios' and CHVote's
 * specifications, with the group of ./group.ts in place of a subgroup of Z_p*.
 */
export interface Ciphertext {
  alpha: Element;
  beta: Element;
}

/** A paper too long for one element is a vector of ciphertexts, each of which is mixed and decrypted with the rest. */
export type CiphertextVector = readonly Ciphertext[];

export function encrypt(publicKey: Element, message: Element, randomness: bigint): Ciphertext {
  return { alpha: baseMultiple(randomness), beta: message.add(multiple(publicKey, randomness)) };
}

/** The same message under fresh randomness: (α + r·B, β + r·Y). */
export function reEncrypt(publicKey: Element, ciphertext: Ciphertext, randomness: bigint): Ciphertext {
  return { alpha: ciphertext.alpha.add(baseMultiple(randomness)), beta: ciphertext.beta.add(multiple(publicKey, randomness)) };
}

/** M = β − x·α, for whoever holds the whole secret key (tests, and a rehearsal's single trustee); trustees decrypt by shares. */
export function decrypt(secretKey: bigint, ciphertext: Ciphertext): Element {
  return ciphertext.beta.subtract(multiple(ciphertext.alpha, secretKey));
}

export const ciphertextEquals = (a: Ciphertext, b: Ciphertext): boolean => a.alpha.equals(b.alpha) && a.beta.equals(b.beta);

/** A ciphertext as it is written in the log: both elements in their canonical encoding (read back by jsonFields' readCiphertext). */
export interface CiphertextJson {
  alpha: string;
  beta: string;
}

export const ciphertextToJson = (c: Ciphertext): CiphertextJson => ({ alpha: elementToHex(c.alpha), beta: elementToHex(c.beta) });
