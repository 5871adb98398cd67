import type { CiphertextVector } from '../elgamal';
import { baseMultiple, type Element, GENERATOR, isScalar, type RandomBytes, scalarToHex, type Transcript } from '../group';
import { at, readList, readObject, readScalar } from '../jsonFields';
import { type DiscreteLogarithm, proveKnowledge, type SigmaProof, type SigmaVerification, verifyKnowledge } from './sigma';

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
 * under one challenge (the AND of Σ-protocols, Cramer–Damgård–Schoenmakers 1994), by ./sigma.ts, in the shape of
 * Belenios' proof for non-homomorphic answers (Belenios specification v4.0, §"Non-homomorphic
 * answers", the `raweg` proof): commitment A = w·B, response w − r × challenge, verified by
 * recomputing A = response·B + challenge·α. Made non-interactive by the strong Fiat–Shamir
 * transform (Bernhard–Pereira–Warinschi 2012): the challenge hashes the whole statement (the
 * election and the contest, the public key, every β, then every α with its base B), as Belenios'
 * H_raweg(S, y, α, β, A) does, so that a proof made for one ballot box or contest does not verify
 * in another.
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
export type KnowledgeOfRandomnessProof = SigmaProof;

/**
 * What a verifier finds wrong: `ciphertexts` (there are none), or what ./sigma.ts finds:
 * `responses` (not one for each ciphertext, or one that is not a scalar: `index` says which), or
 * `challenge`, the proof proper, where every forgery ends — a changed ciphertext, key, context,
 * challenge or response alike.
 */
export type KnowledgeOfRandomnessVerification = { ok: false; failed: 'ciphertexts' } | SigmaVerification;

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
  return proveKnowledge(TAG, contextOf({ publicKey, ciphertexts, context }), discreteLogarithms(ciphertexts), randomness, random);
}

export function verifyKnowledgeOfRandomness(statement: KnowledgeOfRandomnessStatement, proof: KnowledgeOfRandomnessProof): KnowledgeOfRandomnessVerification {
  if (statement.ciphertexts.length === 0) return { ok: false, failed: 'ciphertexts' };
  return verifyKnowledge(TAG, contextOf(statement), discreteLogarithms(statement.ciphertexts), proof);
}

/** What the proof is about: α_k = r_k·B, for every k. */
const discreteLogarithms = (ciphertexts: CiphertextVector): DiscreteLogarithm[] => ciphertexts.map(({ alpha }) => ({ base: GENERATOR, image: alpha }));

/** What it is bound to besides: the election and the contest, the public key, and every β. */
const contextOf = ({ publicKey, ciphertexts, context }: KnowledgeOfRandomnessStatement): Transcript => [context.electionId, context.contestId, publicKey, ...ciphertexts.map(({ beta }) => beta)];

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
export function knowledgeOfRandomnessFromJson(json: unknown, path = 'proof'): KnowledgeOfRandomnessProof {
  const fields = readObject(json, path, ['challenge', 'responses']);
  return { challenge: readScalar(fields.get('challenge'), at(path, 'challenge')), responses: readList(fields.get('responses'), at(path, 'responses'), readScalar) };
}
