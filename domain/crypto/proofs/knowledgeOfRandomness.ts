import type { CiphertextVector } from '../elgamal';
import { baseMultiple, challenge, type Element, isScalar, multiple, type RandomBytes, scalar, scalarToHex } from '../group';
import { at, readList, readObject, readScalar } from '../jsonFields';

/**
 * The voter's proof that they know the randomness of their encrypted paper: for a vector of
 * ciphertexts (α_k, β_k) = (r_k·B, M_k + r_k·Y), knowledge of every r_k with α_k = r_k·B. This is
 * what makes the ciphertext non-malleable (Signed ElGamal: Tsiounis–Yung 1998, Schnorr–Jakobsson
 * 2000): anyone can re-randomise or otherwise transform a cast ciphertext into a new one that
 * decrypts to a related paper, but not prove knowledge of its randomness, so copying another
 * voter's vote (Cortier–Smyth 2011's replay attack on Helios) needs either the very same
 * ciphertext, which the ballot box refuses as a duplicate, or a transformed one, which comes
 * without a valid proof.
 *
 * A Schnorr proof of knowledge of a discrete logarithm (Schnorr 1991) for each component, all
 * under one challenge (the AND of Σ-protocols, Cramer–Damgård–Schoenmakers 1994), in the shape of
 * Belenios' proof for non-homomorphic answers (Belenios specification v4.0, §"Non-homomorphic
 * answers", the `raweg` proof): commitment A = w·B, response w − r × challenge, verified by
 * recomputing A = response·B + challenge·α. Made non-interactive by the strong Fiat–Shamir
 * transform (Bernhard–Pereira–Warinschi 2012): the challenge hashes the whole statement (the
 * election and the contest, the public key, every α and β), as Belenios' H_raweg(S, y, α, β, A)
 * does, so that a proof made for one ballot box or contest does not verify in another.
 */

/** Where the paper is cast: the proof is bound to it. */
export interface BallotContext {
  electionId: string;
  contestId: string;
}

export interface KnowledgeOfRandomnessStatement {
  publicKey: Element;
  ciphertexts: CiphertextVector;
  context: BallotContext;
}

/** One challenge, and one response for each ciphertext, in the same order. */
export interface KnowledgeOfRandomnessProof {
  challenge: bigint;
  responses: readonly bigint[];
}

/**
 * What a verifier finds wrong: `ciphertexts` (there are none), `responses` (not one for each
 * ciphertext, or one that is not a scalar: `index` says which), or `challenge`, the proof proper:
 * the challenge is not the hash of the statement and of the commitments the responses imply. In this
 * compact (challenge, responses) form every forgery ends there — a changed ciphertext, key,
 * context, challenge or response alike — since the parts can only be checked together.
 */
export type KnowledgeOfRandomnessVerification = { ok: true } | { ok: false; failed: 'ciphertexts' | 'challenge' } | { ok: false; failed: 'responses'; index?: number };

const TAG = 'sealed-box/knowledge-of-randomness/v1';

/**
 * Proves knowledge of `randomness[k]` for `ciphertexts[k]`, for every k. Throws a RangeError if
 * the randomness does not open the ciphertexts: a proof made from it would be refused anyway,
 * and the voter's device should find its fault before casting, not after.
 */
export function proveKnowledgeOfRandomness(
  { publicKey, ciphertexts, randomness, context }: KnowledgeOfRandomnessStatement & { randomness: readonly bigint[] },
  random: RandomBytes,
): KnowledgeOfRandomnessProof {
  if (ciphertexts.length === 0) throw new RangeError('ciphertexts: a paper has at least one ciphertext');
  if (randomness.length !== ciphertexts.length) throw new RangeError(`randomness: ${randomness.length} scalars for ${ciphertexts.length} ciphertexts`);
  ciphertexts.forEach(({ alpha }, k) => {
    const r = randomness[k];
    if (!isScalar(r) || !baseMultiple(r).equals(alpha)) throw new RangeError(`randomness[${k}]: not the randomness of ciphertexts[${k}]`);
  });
  // Belenios: pick a random w, compute A = w·B.
  const nonces = ciphertexts.map(() => scalar.random(random));
  const c = challengeOf({ publicKey, ciphertexts, context }, nonces.map(baseMultiple));
  // Belenios: response = w − r × challenge.
  return { challenge: c, responses: nonces.map((w, k) => scalar.sub(w, scalar.mul(randomness[k]!, c))) };
}

export function verifyKnowledgeOfRandomness(statement: KnowledgeOfRandomnessStatement, proof: KnowledgeOfRandomnessProof): KnowledgeOfRandomnessVerification {
  const { ciphertexts } = statement;
  if (ciphertexts.length === 0) return { ok: false, failed: 'ciphertexts' };
  if (proof.responses.length !== ciphertexts.length) return { ok: false, failed: 'responses' };
  const index = proof.responses.findIndex((response) => !isScalar(response));
  if (index >= 0) return { ok: false, failed: 'responses', index };
  if (!isScalar(proof.challenge)) return { ok: false, failed: 'challenge' };
  // Belenios: compute A = response·B + challenge·α, then check the challenge is the hash over A.
  const commitments = ciphertexts.map(({ alpha }, k) => baseMultiple(proof.responses[k]!).add(multiple(alpha, proof.challenge)));
  return challengeOf(statement, commitments) === proof.challenge ? { ok: true } : { ok: false, failed: 'challenge' };
}

/** The strong Fiat–Shamir challenge: the context, the key, the number of ciphertexts, every α and β, then every commitment. */
function challengeOf({ publicKey, ciphertexts, context }: KnowledgeOfRandomnessStatement, commitments: readonly Element[]): bigint {
  return challenge(TAG, [context.electionId, context.contestId, publicKey, ciphertexts.length, ...ciphertexts.flatMap(({ alpha, beta }) => [alpha, beta]), ...commitments]);
}

/** The proof as it is written in the log, scalars in their canonical hex. */
export interface KnowledgeOfRandomnessProofJson {
  challenge: string;
  responses: string[];
}

export const knowledgeOfRandomnessToJson = (proof: KnowledgeOfRandomnessProof): KnowledgeOfRandomnessProofJson => ({
  challenge: scalarToHex(proof.challenge),
  responses: proof.responses.map(scalarToHex),
});

/** Reads a proof from the log; throws a MalformedField (../jsonFields.ts) naming the field that is missing, extra or not canonical (`proof.responses[1]: not below the group order`). */
export function knowledgeOfRandomnessFromJson(json: unknown): KnowledgeOfRandomnessProof {
  const fields = readObject(json, 'proof', ['challenge', 'responses']);
  return { challenge: readScalar(fields.get('challenge'), at('proof', 'challenge')), responses: readList(fields.get('responses'), at('proof', 'responses'), readScalar) };
}
