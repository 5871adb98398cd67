import { baseMultiple, challenge, type Element, GENERATOR, isScalar, multiple, type RandomBytes, scalar, scalarToHex, type Transcript } from '../group';
import { at, readObject, readScalar } from '../jsonFields';
import { shortSumOfMultiples } from '../shuffle/multiScalar';

/**
 * The sigma protocols of the sealed box, each made non-interactive by the strong Fiat–Shamir
 * transform (Bernhard–Pereira–Warinschi 2012): the challenge hashes the caller's domain separation
 * tag and context (the election, the contest, the stage, and whatever else the proof vouches
 * for), then the whole statement — every base and every element the proof is about — then the
 * commitments, so that a proof made for one statement or context never verifies for another.
 *
 * - Schnorr's proof of knowledge of discrete logarithms (Schnorr 1991): of x_k with X_k = x_k·G_k
 *   for every k, under one challenge (the AND of Σ-protocols, Cramer–Damgård–Schoenmakers 1994),
 *   which covers a single key X = x·B as well as a voter's vector of ciphertexts.
 * - Chaum–Pedersen's proof of equality of discrete logarithms (Chaum–Pedersen 1992, "Wallet
 *   databases with observers"): log_B(X) = log_E(K), for x known to the prover.
 *
 * Both are one protocol, the proof of knowledge of secrets satisfying linear equations
 * image = x·base (Maurer 2009, "Unifying zero-knowledge proofs of knowledge"), written in
 * Belenios' shape (specification v1.5 §4.4 "Trustee keys", and v4.0 §"Partial decryptions" and
 * §"Non-homomorphic answers"): pick a random w for each secret, commit A = w·base for each
 * equation, challenge = H(…, A), response = w − x × challenge; the verifier recomputes
 * A = response·base + challenge·image and checks the challenge. The proof is the compact pair
 * (challenge, responses).
 */

/** One equation of a statement: image = x·base, for the secret x at index `secret`. */
interface Equation {
  base: Element;
  image: Element;
  secret: number;
}

/** One challenge, and one response for each secret, in the order of the secrets. */
export interface SigmaProof {
  challenge: bigint;
  responses: readonly bigint[];
}

/**
 * What a verifier finds wrong: `responses` (not one for each secret, or one that is not a scalar:
 * `index` says which), or `challenge`, the proof proper: the challenge is not the hash of the
 * statement, the context and the commitments the responses imply. In the compact form every
 * forgery ends there — a changed statement, context, challenge or response alike — since the
 * parts can only be checked together.
 */
export type SigmaVerification = { ok: true } | { ok: false; failed: 'challenge' } | { ok: false; failed: 'responses'; index?: number };

function proveEquations(tag: string, context: Transcript, equations: readonly Equation[], secrets: readonly bigint[], random: RandomBytes): SigmaProof {
  // Belenios: pick a random w, compute A = w·base.
  const nonces = secrets.map(() => scalar.random(random));
  const commitments = equations.map(({ base, secret }) => multiple(base, nonces[secret]!));
  const c = challengeOf(tag, context, equations, commitments);
  // Belenios: response = w − x × challenge.
  return { challenge: c, responses: nonces.map((w, k) => scalar.sub(w, scalar.mul(secrets[k]!, c))) };
}

function verifyEquations(tag: string, context: Transcript, equations: readonly Equation[], secrets: number, proof: SigmaProof): SigmaVerification {
  if (proof.responses.length !== secrets) return { ok: false, failed: 'responses' };
  const index = proof.responses.findIndex((response) => !isScalar(response));
  if (index >= 0) return { ok: false, failed: 'responses', index };
  if (!isScalar(proof.challenge)) return { ok: false, failed: 'challenge' };
  // Belenios: A = response·base + challenge·image, then check the challenge is the hash over A.
  const commitments = equations.map(({ base, image, secret }) => commitmentOf(base, image, proof.responses[secret]!, proof.challenge));
  return challengeOf(tag, context, equations, commitments) === proof.challenge ? { ok: true } : { ok: false, failed: 'challenge' };
}

/**
 * response·base + challenge·image, in variable time, as everything the verifier holds is public:
 * the generator's multiple from its table, and any other pair in one chain of doublings
 * (Strauss–Shamir), where two constant-time multiples cost about twice as much.
 */
function commitmentOf(base: Element, image: Element, response: bigint, challenge: bigint): Element {
  if (base.equals(GENERATOR)) return baseMultiple(response).add(image.multiplyUnsafe(challenge));
  return shortSumOfMultiples([base, image], [response, challenge]);
}

/** The strong Fiat–Shamir challenge: the context, the number of equations, each equation (its secret's index, base and image), then every commitment. */
function challengeOf(tag: string, context: Transcript, equations: readonly Equation[], commitments: readonly Element[]): bigint {
  return challenge(tag, [...context, equations.length, ...equations.flatMap(({ base, image, secret }) => [secret, base, image]), ...commitments]);
}

/** A statement of Schnorr's proof: X_k = x_k·G_k, for each k. */
export interface DiscreteLogarithm {
  base: Element;
  image: Element;
}

const schnorrEquations = (statement: readonly DiscreteLogarithm[]): Equation[] => statement.map(({ base, image }, secret) => ({ base, image, secret }));

/** Schnorr's proof of knowledge of `secrets[k]` for `statement[k]`, for every k. Throws a RangeError unless there is one secret for each. */
export function proveKnowledge(tag: string, context: Transcript, statement: readonly DiscreteLogarithm[], secrets: readonly bigint[], random: RandomBytes): SigmaProof {
  if (secrets.length !== statement.length) throw new RangeError(`secrets: ${secrets.length} for ${statement.length} discrete logarithms`);
  return proveEquations(tag, context, schnorrEquations(statement), secrets, random);
}

export function verifyKnowledge(tag: string, context: Transcript, statement: readonly DiscreteLogarithm[], proof: SigmaProof): SigmaVerification {
  return verifyEquations(tag, context, schnorrEquations(statement), statement.length, proof);
}

/** The compact form of a proof of one secret: one challenge, one response. */
export interface Proof {
  challenge: bigint;
  response: bigint;
}

/** For a proof of one secret: `response` (not a scalar) or `challenge` (the proof proper, as in SigmaVerification). */
export type ProofVerification = { ok: true } | { ok: false; failed: 'challenge' | 'response' };

const ofOneSecret = ({ challenge, responses }: SigmaProof): Proof => ({ challenge, response: responses[0]! });

const verifiedOneSecret = (verification: SigmaVerification): ProofVerification => (verification.ok || verification.failed === 'challenge' ? verification : { ok: false, failed: 'response' });

/**
 * Schnorr's proof of knowledge of x with X = x·B, a key (Belenios v1.5 §4.4, its `pok`). Bound to
 * its context, it is also a signature by the holder of x over that context, as Belenios signs
 * with its §4.5.1 signing key.
 */
export const proveKeyKnowledge = (tag: string, context: Transcript, secret: bigint, random: RandomBytes): Proof =>
  ofOneSecret(proveKnowledge(tag, context, [{ base: GENERATOR, image: baseMultiple(secret) }], [secret], random));

export const verifyKeyKnowledge = (tag: string, context: Transcript, key: Element, proof: Proof): ProofVerification =>
  verifiedOneSecret(verifyKnowledge(tag, context, [{ base: GENERATOR, image: key }], { challenge: proof.challenge, responses: [proof.response] }));

/** A statement of Chaum–Pedersen's proof: X = x·B and K = x·E, for one x. */
export interface EqualLogarithms {
  /** X = x·B. */
  publicKey: Element;
  /** E. */
  base: Element;
  /** K = x·E. */
  image: Element;
}

const chaumPedersenEquations = ({ publicKey, base, image }: EqualLogarithms): Equation[] => [
  { base: GENERATOR, image: publicKey, secret: 0 },
  { base, image, secret: 0 },
];

/** Chaum–Pedersen's proof that log_B(X) = log_E(K) = `secret`: commitments A₁ = w·B and A₂ = w·E, one response. */
export const proveEqualLogarithms = (tag: string, context: Transcript, statement: EqualLogarithms, secret: bigint, random: RandomBytes): Proof =>
  ofOneSecret(proveEquations(tag, context, chaumPedersenEquations(statement), [secret], random));

export const verifyEqualLogarithms = (tag: string, context: Transcript, statement: EqualLogarithms, proof: Proof): ProofVerification =>
  verifiedOneSecret(verifyEquations(tag, context, chaumPedersenEquations(statement), 1, { challenge: proof.challenge, responses: [proof.response] }));

/** A proof of one secret as it is written in the log, both scalars in their canonical hex. */
export interface ProofJson {
  challenge: string;
  response: string;
}

export const proofToJson = (proof: Proof): ProofJson => ({ challenge: scalarToHex(proof.challenge), response: scalarToHex(proof.response) });

/** Reads a proof of one secret, refusing any other shape; a MalformedField (../jsonFields.ts) names the field (`share.proof.response: not below the group order`). */
export function proofFromJson(value: unknown, path: string): Proof {
  const fields = readObject(value, path, ['challenge', 'response']);
  return { challenge: readScalar(fields.get('challenge'), at(path, 'challenge')), response: readScalar(fields.get('response'), at(path, 'response')) };
}
