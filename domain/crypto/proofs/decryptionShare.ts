import type { Ciphertext, CiphertextVector } from '../elgamal';
import { baseMultiple, challenge, type Element, elementToHex, isScalar, multiple, type RandomBytes, scalar, scalarToHex } from '../group';
import { at, readElement, readList, readObject, readScalar } from '../jsonFields';

/**
 * A trustee's share of the decryption of a ciphertext (α, β): the factor D = x_j·α, where x_j is
 * the trustee's secret share and Y_j = x_j·B its public verification key, with a proof that it
 * was computed with that share. Whoever combines t verified factors with their Lagrange
 * coefficients (the key ceremony's module) gets x·α and the message β − x·α; with a single key,
 * β − D is the message.
 *
 * The proof is Chaum–Pedersen's proof of equality of discrete logarithms (Chaum–Pedersen 1992,
 * "Wallet databases with observers"): log_B(Y_j) = log_α(D). Its shape is Belenios'
 * (Belenios specification v4.0, §"Partial decryptions"): pick a random w, commit A = w·B and
 * B' = w·α, challenge = H(…, A, B'), response = w − x_j × challenge; verify by recomputing
 * A = response·B + challenge·Y_j and B' = response·α + challenge·D and checking the challenge.
 * Belenios' H_decrypt hashes the election's fingerprint and Y_j with the commitments; here the
 * challenge is strong Fiat–Shamir (Bernhard–Pereira–Warinschi 2012): it also hashes the
 * statement itself, α and D, as ElectionGuard's decryption proofs hash (A, B) and M_i
 * (ElectionGuard specification, "Verifiable Decryption"), so that a proof is bound to the one
 * ciphertext and factor it is about, and to the caller's context (the election, the contest, the
 * stage of the count).
 *
 * A list of ciphertexts gets one factor and one proof each; there is no batched proof.
 */
export interface DecryptionShare {
  factor: Element;
  proof: { challenge: bigint; response: bigint };
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

/** The trustee's factor of one ciphertext, with its proof. Throws a RangeError for a secret share that is not a scalar. */
export function partialDecryption(secretShare: bigint, ciphertext: Ciphertext, context: string, random: RandomBytes): DecryptionShare {
  if (!isScalar(secretShare)) throw new RangeError('secretShare: not a scalar below the group order');
  const verificationKey = baseMultiple(secretShare);
  const factor = multiple(ciphertext.alpha, secretShare);
  // Belenios: pick a random w, compute A = g^w and B = α^w.
  const w = scalar.random(random);
  const c = challengeOf(context, verificationKey, ciphertext.alpha, factor, baseMultiple(w), multiple(ciphertext.alpha, w));
  // Belenios: response = w − x × challenge.
  return { factor, proof: { challenge: c, response: scalar.sub(w, scalar.mul(secretShare, c)) } };
}

/** The trustee's factors of a list of ciphertexts, in its order. */
export function partialDecryptions(secretShare: bigint, ciphertexts: CiphertextVector, context: string, random: RandomBytes): DecryptionShare[] {
  return ciphertexts.map((ciphertext) => partialDecryption(secretShare, ciphertext, context, random));
}

export function verifyPartialDecryption(verificationKey: Element, ciphertext: Ciphertext, share: DecryptionShare, context: string): DecryptionShareVerification {
  const { challenge: c, response } = share.proof;
  if (!isScalar(response)) return { ok: false, failed: 'proof.response' };
  if (!isScalar(c)) return { ok: false, failed: 'proof.challenge' };
  // Belenios: A = g^response × Y^challenge, B = α^response × D^challenge.
  const baseCommitment = baseMultiple(response).add(multiple(verificationKey, c));
  const alphaCommitment = multiple(ciphertext.alpha, response).add(multiple(share.factor, c));
  return challengeOf(context, verificationKey, ciphertext.alpha, share.factor, baseCommitment, alphaCommitment) === c ? { ok: true } : { ok: false, failed: 'proof.challenge' };
}

export function verifyPartialDecryptions(verificationKey: Element, ciphertexts: CiphertextVector, shares: readonly DecryptionShare[], context: string): DecryptionSharesVerification {
  if (shares.length !== ciphertexts.length) return { ok: false, failed: 'shares' };
  for (const [index, ciphertext] of ciphertexts.entries()) {
    const verification = verifyPartialDecryption(verificationKey, ciphertext, shares[index]!, context);
    if (!verification.ok) return { ok: false, index, failed: verification.failed };
  }
  return { ok: true };
}

/** The strong Fiat–Shamir challenge: the context, the statement (Y_j, α, D), then the commitments. */
function challengeOf(context: string, verificationKey: Element, alpha: Element, factor: Element, baseCommitment: Element, alphaCommitment: Element): bigint {
  return challenge(TAG, [context, verificationKey, alpha, factor, baseCommitment, alphaCommitment]);
}

/** A share as it is written in the log: the factor in its canonical encoding, the scalars in their canonical hex. */
export interface DecryptionShareJson {
  factor: string;
  proof: { challenge: string; response: string };
}

export const decryptionShareToJson = (share: DecryptionShare): DecryptionShareJson => ({
  factor: elementToHex(share.factor),
  proof: { challenge: scalarToHex(share.proof.challenge), response: scalarToHex(share.proof.response) },
});

/** Reads a share from the log; throws a MalformedField (../jsonFields.ts) naming the field that is missing, extra or not canonical (`share.proof.response: not below the group order`). */
export function decryptionShareFromJson(json: unknown, path = 'share'): DecryptionShare {
  const fields = readObject(json, path, ['factor', 'proof']);
  const proofPath = at(path, 'proof');
  const proof = readObject(fields.get('proof'), proofPath, ['challenge', 'response']);
  return {
    factor: readElement(fields.get('factor'), at(path, 'factor')),
    proof: { challenge: readScalar(proof.get('challenge'), at(proofPath, 'challenge')), response: readScalar(proof.get('response'), at(proofPath, 'response')) },
  };
}

/** Reads a list of shares; the error names the share's index (`shares[2].factor: not the encoding of a ristretto255 element`). */
export function decryptionSharesFromJson(json: unknown): DecryptionShare[] {
  return readList(json, 'shares', decryptionShareFromJson);
}
