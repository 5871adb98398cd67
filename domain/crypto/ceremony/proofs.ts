import { baseMultiple, challenge, type Element, GENERATOR, multiple, type RandomBytes, scalar, scalarToHex, type Transcript } from '../group';
import { at, readObject, readScalar } from '../jsonFields';

/**
 * The two sigma protocols of the key ceremony, made non-interactive by the strong Fiat–Shamir
 * transform (Bernhard–Pereira–Warinschi 2012): the challenge hashes the whole statement — the
 * generator, every element the proof is about — and the caller's context (election, parameters,
 * trustee indices, and the messages the proof vouches for). Written as Belenios writes its
 * proofs (specification v1.5, §4.4 "Trustee keys": a pair challenge, response; the verifier
 * recomputes the commitment and the challenge).
 */
export interface Proof {
  challenge: bigint;
  response: bigint;
}

export interface ProofJson {
  challenge: string;
  response: string;
}

export const proofToJson = (proof: Proof): ProofJson => ({ challenge: scalarToHex(proof.challenge), response: scalarToHex(proof.response) });

export function proofFromJson(value: unknown, field: string): Proof {
  const json = readObject(value, field);
  return { challenge: readScalar(json.get('challenge'), at(field, 'challenge')), response: readScalar(json.get('response'), at(field, 'response')) };
}

/**
 * Schnorr's proof of knowledge of x with X = x·B (Belenios v1.5 §4.4, its `pok`): w random,
 * A = w·B, c = H(tag, context, B, X, A), r = w + c·x. Bound to its context, it is also a
 * signature by the holder of x over that context, as Belenios signs with its §4.5.1 signing key.
 */
export function proveKnowledge(tag: string, context: Transcript, secret: bigint, random: RandomBytes): Proof {
  const w = scalar.random(random);
  const c = challenge(tag, [...context, GENERATOR, baseMultiple(secret), baseMultiple(w)]);
  return { challenge: c, response: scalar.add(w, scalar.mul(c, secret)) };
}

/** Recomputes A = r·B − c·X and checks c = H(tag, context, B, X, A). */
export function knowledgeProofHolds(tag: string, context: Transcript, publicKey: Element, proof: Proof): boolean {
  const commitment = baseMultiple(proof.response).subtract(multiple(publicKey, proof.challenge));
  return challenge(tag, [...context, GENERATOR, publicKey, commitment]) === proof.challenge;
}

/**
 * Chaum–Pedersen's proof that log_B(X) = log_E(K), for x known to the prover: w random,
 * A₁ = w·B, A₂ = w·E, c = H(tag, context, B, X, E, K, A₁, A₂), r = w + c·x. A trustee's complaint
 * uses it to show that K is the Diffie–Hellman point of a share sent to them without revealing
 * their transport secret, so that anyone can open that one share and judge the complaint.
 */
export function proveEqualLogarithms(tag: string, context: Transcript, secret: bigint, base: Element, random: RandomBytes): Proof {
  const w = scalar.random(random);
  const c = challenge(tag, [...context, GENERATOR, baseMultiple(secret), base, multiple(base, secret), baseMultiple(w), multiple(base, w)]);
  return { challenge: c, response: scalar.add(w, scalar.mul(c, secret)) };
}

/** Recomputes A₁ = r·B − c·X and A₂ = r·E − c·K, and checks the challenge. */
export function equalLogarithmsProofHolds(tag: string, context: Transcript, publicKey: Element, base: Element, image: Element, proof: Proof): boolean {
  const first = baseMultiple(proof.response).subtract(multiple(publicKey, proof.challenge));
  const second = multiple(base, proof.response).subtract(multiple(image, proof.challenge));
  return challenge(tag, [...context, GENERATOR, publicKey, base, image, first, second]) === proof.challenge;
}
