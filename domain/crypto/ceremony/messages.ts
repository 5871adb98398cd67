import type { Element, Transcript } from '../group';
import type { ReadSealedShare, SealedShare } from './channel';
import { MalformedField } from '../jsonFields';
import type { ProofJson } from '../proofs/sigma';

/**
 * The messages of the key ceremony, as the app appends them to the election's public log
 * (elements and scalars in their canonical hex), after Belenios' threshold mode (specification
 * v1.5, §3.1.2 and §4.5): a certificate per trustee (§4.5.2), a dealing per trustee (its
 * `polynomial`, §4.5.4), and a review per trustee (its `voutput`, §4.5.6, or a complaint).
 * Trustees are numbered 1..n; each list holds trustee i's message at position i − 1.
 */
export interface CeremonyContext {
  /** The election the key is for: bound into every proof and every sealed share. */
  electionId: string;
  /** t: how many trustees decrypt together. */
  threshold: number;
  /** n: how many trustees hold a share. */
  trustees: number;
}

/** Trustee i's transport key T_i = d_i·B for receiving shares, with a proof of knowledge of d_i bound to i and the election, so that nobody can claim another's key. */
export interface TrusteeCertificate {
  trustee: number;
  transportKey: string;
  proof: ProofJson;
}

/**
 * Round 1, dealer i: the commitments A_ik = a_ik·B (k = 0..t−1) to the polynomial f_i, the share
 * s_ij = f_i(j) sealed to each trustee j = 1..n (the dealer's own one too, as Belenios seals
 * every `secret` including the dealer's, so that round 2 needs nothing but the transport
 * secret and the log), and a proof of knowledge of a_i0 whose context covers all of it.
 */
export interface Dealing {
  dealer: number;
  commitments: string[];
  shares: SealedShare[];
  proof: ProofJson;
}

/** Round 2, trustee j, when every share to j matched its commitments: Y_j = x_j·B with a proof of knowledge of x_j = Σ_i s_ij (Belenios' `voutput` `public_key`), whose context covers every dealer's commitments and every share to j. */
export interface Acknowledgement {
  trustee: number;
  outcome: 'acknowledged';
  verificationKey: string;
  proof: ProofJson;
}

/**
 * Round 2, trustee j, naming each dealer i whose share did not open or did not match: K = d_j·E
 * (the Diffie–Hellman point of that share) with a proof that log_B(T_j) = log_E(K). Anyone then
 * opens that one share and sees who lied: the dealer if it does not match, else the complainer.
 * Only that share, which the complainer knows anyway, is revealed; d_j stays secret.
 */
export interface Complaint {
  dealer: number;
  sharedPoint: string;
  proof: ProofJson;
}

export interface Complaints {
  trustee: number;
  outcome: 'complained';
  complaints: Complaint[];
}

export type ShareReview = Acknowledgement | Complaints;

export interface CeremonyTranscript extends CeremonyContext {
  certificates: TrusteeCertificate[];
  dealings: Dealing[];
  reviews: ShareReview[];
}

export type CeremonyStep = 'parameters' | 'certificate' | 'dealing' | 'review';

/** What failed: the step, the trustee whose message it is (null for the transcript's own fields), the field within that message, and why. */
export interface CeremonyFailure {
  step: CeremonyStep;
  trustee: number | null;
  field: string;
  reason: string;
}

export type Checked<T> = ({ ok: true } & T) | { ok: false; failed: CeremonyFailure };

/** Thrown inside the checks, turned into `{ ok: false, failed }` where a step returns. */
export class CeremonyFailed extends Error {
  constructor(readonly failure: CeremonyFailure) {
    super(`${failure.step} of trustee ${failure.trustee}: ${failure.field} ${failure.reason}`);
    this.name = 'CeremonyFailed';
  }
}

/** Reads one trustee's message: a malformed field (../jsonFields.ts names its path within the message) is that trustee's failure at that step. */
export function withinMessage<T>(step: CeremonyStep, trustee: number | null, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof MalformedField) throw new CeremonyFailed({ step, trustee, field: error.path, reason: error.reason });
    throw error;
  }
}

/** The trustee index a message says it is from or about; it must be the one its position in the transcript implies. */
export function readIndex(value: unknown, field: string, expected: number): number {
  if (value !== expected) throw new MalformedField(field, `is ${JSON.stringify(value)} where trustee ${expected} was expected`);
  return expected;
}

export function checked<T extends object>(run: () => T): Checked<T> {
  try {
    return { ok: true, ...run() };
  } catch (error) {
    if (error instanceof CeremonyFailed) return { ok: false, failed: error.failure };
    throw error;
  }
}

/** The transport keys of the certificates, at position i − 1. */
export type TransportKeys = readonly Element[];

/** A dealing whose fields and proof were checked. */
export interface CheckedDealing {
  dealer: number;
  commitments: readonly Element[];
  shares: readonly ReadSealedShare[];
}

/** The domain separation tags of the ceremony's proofs (version 1). */
export const TAGS = {
  certificate: 'sealed-box/ceremony/v1/certificate',
  dealing: 'sealed-box/ceremony/v1/dealing',
  acknowledgement: 'sealed-box/ceremony/v1/acknowledgement',
  complaint: 'sealed-box/ceremony/v1/complaint',
} as const;

export const contextParts = (context: CeremonyContext): Transcript => [context.electionId, context.threshold, context.trustees];

const sealedParts = (sealed: SealedShare): Transcript => [sealed.recipient, sealed.ephemeralKey, sealed.nonce, sealed.ciphertext];

/** What dealer i's proof vouches for: the election, the transport keys it sealed to, its commitments and every sealed share. */
export function dealingContext(context: CeremonyContext, transportKeys: TransportKeys, dealer: number, commitments: readonly Element[], shares: readonly SealedShare[]): Transcript {
  return [...contextParts(context), dealer, ...transportKeys, ...commitments, ...shares.flatMap(sealedParts)];
}

/** What trustee j's acknowledgement vouches for: every dealer's commitments and the share each sealed to j. */
export function acknowledgementContext(context: CeremonyContext, trustee: number, dealings: readonly CheckedDealing[]): Transcript {
  return [...contextParts(context), trustee, ...dealings.flatMap((dealing) => [dealing.dealer, ...dealing.commitments, ...sealedParts(dealing.shares[trustee - 1]!.json)])];
}

/** What trustee j's complaint against dealer i is about: that sealed share. */
export function complaintContext(context: CeremonyContext, trustee: number, dealer: number, sealed: SealedShare): Transcript {
  return [...contextParts(context), trustee, dealer, ...sealedParts(sealed)];
}
