import type { Ciphertext, CiphertextVector } from '../elgamal';
import { baseMultiple, type Element, elementToHex, isScalar, multiple, type RandomBytes } from '../group';
import { at, readElement, readList, readObject } from '../jsonFields';
import { type EqualLogarithms, type Proof, proofFromJson, type ProofJson, proofToJson, proveEqualLogarithms, verifyEqualLogarithms } from './sigma';

/**
 * A trustee's share of the decryption of a ciphertext (α, β): the factor D = x_j·α, where x_j is
 * the trustee's secret share and Y_j = x_j·B its public verification key, with a proof that it
 * was computed with that share. Whoever combines t verified factors with their Lagrange
 * coefficients (the key ceremony's module) gets x·α and the message β − x·α; with a single key,
 * β − D is the message.
 *
 * The proof is Chaum–Pedersen's proof of equality of discrete logarithms (Chaum–Pedersen 1992,
 * "Wallet databases with observers"): log_B(Y_j) = log_α(D), by ./sigma.ts, in Belenios' shape
 * (Belenios specification v4.0, §"Partial decryptions"): pick a random w, commit A = w·B and
 * B' = w·α, challenge = H(…, A, B'), response = w − x_j × challenge; verify by recomputing
 * A = response·B + challenge·Y_j and B' = response·α + challenge·D and checking the challenge.
 * Belenios' H_decrypt hashes the election's fingerprint and Y_j with the commitments; here the
 * challenge is strong Fiat–Shamir (Bernhard–Pereira–Warinschi 2012): it also hashes the
 * statement itself, B, Y_j, α and D, as ElectionGuard's decryption proofs hash (A, B) and M_i
 * (ElectionGuard specification, "Verifiable Decryption"), so that a proof is bound to the one
 * ciphertext and factor it is about, and to the caller's context (the election, the contest, the
 * stage of the count).
 *
 * A list of ciphertexts gets one factor and one proof each; there is no batched proof.
 */
export interface DecryptionShare {
  factor: Element;
  proof: Proof;
}

/**
 * What a verifier finds wrong with a share: `proof.response` (not a scalar), or
 * `proof.challenge`: it is not the hash of the statement and of the commitments the response
 * implies, which is how a changed factor, ciphertext, key, context, challenge or response shows
 * (in the compact form (challenge, response) they can only be checked together).
 */
export type ShareFailure = 'proof.challenge' | 'proof.response';
export type DecryptionShareVerification = { ok: true } | { ok: false; failed: ShareFailure };
/** For a list: `shares` (not one for each ciphertext), or the index of the first share refused and why. */
export type DecryptionSharesVerification = { ok: true } | { ok: false; failed: 'shares' } | { ok: false; index: number; failed: ShareFailure };

const TAG = 'sealed-box/decryption-share/v1';

/** What the share proves: log_B(Y_j) = log_α(D). */
const statementOf = (verificationKey: Element, { alpha }: Ciphertext, factor: Element): EqualLogarithms => ({ publicKey: verificationKey, base: alpha, image: factor });

/** The trustee's factor of one ciphertext, with its proof. Throws a RangeError for a secret share that is not a scalar. */
export function partialDecryption(secretShare: bigint, ciphertext: Ciphertext, context: string, random: RandomBytes): DecryptionShare {
  if (!isScalar(secretShare)) throw new RangeError('secretShare: not a scalar below the group order');
  const factor = multiple(ciphertext.alpha, secretShare);
  return { factor, proof: proveEqualLogarithms(TAG, [context], statementOf(baseMultiple(secretShare), ciphertext, factor), secretShare, random) };
}

/** The trustee's factors of a list of ciphertexts, in its order. */
export function partialDecryptions(secretShare: bigint, ciphertexts: CiphertextVector, context: string, random: RandomBytes): DecryptionShare[] {
  return ciphertexts.map((ciphertext) => partialDecryption(secretShare, ciphertext, context, random));
}

export function verifyPartialDecryption(verificationKey: Element, ciphertext: Ciphertext, share: DecryptionShare, context: string): DecryptionShareVerification {
  const verification = verifyEqualLogarithms(TAG, [context], statementOf(verificationKey, ciphertext, share.factor), share.proof);
  return verification.ok ? verification : { ok: false, failed: `proof.${verification.failed}` as const };
}

export function verifyPartialDecryptions(verificationKey: Element, ciphertexts: CiphertextVector, shares: readonly DecryptionShare[], context: string): DecryptionSharesVerification {
  if (shares.length !== ciphertexts.length) return { ok: false, failed: 'shares' };
  for (const [index, ciphertext] of ciphertexts.entries()) {
    const verification = verifyPartialDecryption(verificationKey, ciphertext, shares[index]!, context);
    if (!verification.ok) return { ok: false, index, failed: verification.failed };
  }
  return { ok: true };
}

/** A share as it is written in the log: the factor in its canonical encoding, the scalars in their canonical hex. */
export interface DecryptionShareJson {
  factor: string;
  proof: ProofJson;
}

export const decryptionShareToJson = (share: DecryptionShare): DecryptionShareJson => ({
  factor: elementToHex(share.factor),
  proof: proofToJson(share.proof),
});

/** Reads a share from the log; throws a MalformedField (../jsonFields.ts) naming the field that is missing, extra or not canonical (`share.proof.response: not below the group order`). */
export function decryptionShareFromJson(json: unknown, path = 'share'): DecryptionShare {
  const fields = readObject(json, path, ['factor', 'proof']);
  return { factor: readElement(fields.get('factor'), at(path, 'factor')), proof: proofFromJson(fields.get('proof'), at(path, 'proof')) };
}

/** Reads a list of shares; the error names the share's index (`shares[2].factor: not the encoding of a ristretto255 element`). */
export function decryptionSharesFromJson(json: unknown): DecryptionShare[] {
  return readList(json, 'shares', decryptionShareFromJson);
}
