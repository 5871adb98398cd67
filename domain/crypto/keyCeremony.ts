import { baseMultiple, type Element, elementToHex, IDENTITY, multiple, type RandomBytes, scalar } from './group';
import { readObject } from './jsonFields';
import { proofToJson, proveEqualLogarithms, proveKeyKnowledge } from './proofs/sigma';
import { sealShare } from './ceremony/channel';
import { checkCertificates, checkContext, checkDealings, checkReviews, judgeShare } from './ceremony/checks';
import {
  acknowledgementContext,
  type CeremonyContext,
  type CeremonyTranscript,
  type Checked,
  checked,
  CeremonyFailed,
  type Complaint,
  complaintContext,
  contextParts,
  type Dealing,
  dealingContext,
  type ShareReview,
  TAGS,
  type TrusteeCertificate,
  withinMessage,
} from './ceremony/messages';
import { evaluatePolynomial } from './ceremony/polynomial';

export { combinePartialDecryptions, type PartialDecryption } from './ceremony/combination';
export type { SealedShare } from './ceremony/channel';
export type {
  Acknowledgement,
  CeremonyContext,
  CeremonyFailure,
  CeremonyStep,
  CeremonyTranscript,
  Checked,
  Complaint,
  Complaints,
  Dealing,
  ShareReview,
  TrusteeCertificate,
} from './ceremony/messages';
export type { ProofJson } from './proofs/sigma';
export { ceremonyParameters, MAX_TRUSTEES } from './ceremony/parameters';
export { checkCertificate, checkDealing, checkReview, checkCertificates, checkDealings } from './ceremony/checks';
export { checked, CeremonyFailed } from './ceremony/messages';
export { lagrangeCoefficientsAtZero } from './ceremony/polynomial';

/**
 * The committee's key ceremony: a t-of-n distributed key generation by Pedersen's protocol
 * (Pedersen 1991, "A threshold cryptosystem without a trusted party") with Feldman's
 * commitments, in the shape of Belenios' threshold mode (specification v1.5, §3.1.2
 * "Threshold decryption support", with the messages of §4.5). Each step is a pure function from
 * what the log holds to the message the trustee appends to it:
 *
 * 1. `createTrusteeCertificate` — §3.1.2 step 1, §4.5.1–4.5.2: a transport key and its proof.
 * 2. `dealShares` — step 3, §4.5.4: commitments to a random polynomial, a sealed share to each trustee.
 * 3. `reviewShares` — step 5, §4.5.5–4.5.6: an acknowledgement with the trustee's verification
 *    key, or complaints that anyone can judge; the trustee keeps its secret share x_j.
 * 4. `verifyCeremony` — step 6, §4.5.7: replays everything; the election key Y = Σ_i A_i0 and the
 *    verification keys Y_j, or the trustee and step that failed.
 *
 * As in Pedersen's protocol and Belenios, a dealer who deals last, after reading the others'
 * commitments, can bias the distribution of Y (Gennaro, Jarecki, Krawczyk, Rabin 1999); this
 * does not let it learn x, and ElGamal under such a key stays secure (Gennaro et al. 2007), so
 * the ceremony keeps Pedersen's single round of dealing.
 *
 * Where Belenios has a signing key besides the encryption key, the proofs here are signatures
 * of knowledge over the messages they cover (the certificate's, the dealing's over its sealed
 * shares, the acknowledgement's over what it received), which is what Belenios' signatures are
 * for; and Belenios' t is the polynomial's degree where ours is the number of trustees needed.
 */

/** Step 1: trustee i's transport key T_i = d_i·B, with a proof of knowledge of d_i bound to i and the election. The trustee keeps d_i until the end of round 2 (and in its share file). */
export function createTrusteeCertificate(context: CeremonyContext, trustee: number, random: RandomBytes): { certificate: TrusteeCertificate; transportSecret: bigint } {
  assertTrustee(context, trustee);
  const transportSecret = scalar.random(random);
  const proof = proveKeyKnowledge(TAGS.certificate, [...contextParts(context), trustee], transportSecret, random);
  return { certificate: { trustee, transportKey: elementToHex(baseMultiple(transportSecret)), proof: proofToJson(proof) }, transportSecret };
}

/**
 * Round 1, dealer i, once every certificate is checked: f_i of degree t − 1 with random
 * coefficients, A_ik = a_ik·B, s_ij = f_i(j) sealed to T_j for j = 1..n, and the proof of
 * knowledge of a_i0 over all of it. The polynomial is forgotten: the dealer's own share is
 * sealed to itself with the others.
 */
export function dealShares(context: CeremonyContext, certificates: readonly TrusteeCertificate[], dealer: number, random: RandomBytes): Checked<{ dealing: Dealing }> {
  assertTrustee(context, dealer);
  return checked(() => {
    const transportKeys = checkCertificates(checkContext(context), certificates);
    const coefficients = Array.from({ length: context.threshold }, () => scalar.random(random));
    const commitments = coefficients.map(baseMultiple);
    const shares = transportKeys.map((transportKey, position) =>
      sealShare({ electionId: context.electionId, dealer, recipient: position + 1 }, transportKey, evaluatePolynomial(coefficients, position + 1), random),
    );
    const proof = proveKeyKnowledge(TAGS.dealing, dealingContext(context, transportKeys, dealer, commitments, shares), coefficients[0]!, random);
    return { dealing: { dealer, commitments: commitments.map(elementToHex), shares, proof: proofToJson(proof) } };
  });
}

/**
 * Round 2, trustee j, once every certificate and dealing is checked: opens each share sealed to
 * j and checks s_ij·B = Σ_k j^k·A_ik. All good: x_j = Σ_i s_ij, to keep, and an acknowledgement
 * of Y_j = x_j·B. Otherwise a complaint naming each dealer whose share failed, with the share's
 * Diffie–Hellman point and its proof, and no secret share.
 */
export function reviewShares(
  context: CeremonyContext,
  certificates: readonly TrusteeCertificate[],
  dealings: readonly Dealing[],
  trustee: number,
  transportSecret: bigint,
  random: RandomBytes,
): Checked<{ review: ShareReview; secretShare: bigint | null }> {
  assertTrustee(context, trustee);
  return checked(() => {
    const transportKeys = checkCertificates(checkContext(context), certificates);
    if (!baseMultiple(transportSecret).equals(transportKeys[trustee - 1]!)) throw new RangeError(`that is not trustee ${trustee}'s transport secret`);
    const checkedDealings = checkDealings(context, transportKeys, dealings);
    const complaints: Complaint[] = [];
    let secretShare = 0n;
    for (const dealing of checkedDealings) {
      const sealed = dealing.shares[trustee - 1]!;
      const shared = multiple(sealed.ephemeralKey, transportSecret);
      const judged = judgeShare(context, transportKeys, dealing, trustee, shared);
      if (judged.ok && judged.matches) {
        secretShare = scalar.add(secretShare, judged.share);
        continue;
      }
      const about = complaintContext(context, trustee, dealing.dealer, sealed.json);
      const proof = proveEqualLogarithms(TAGS.complaint, about, { publicKey: transportKeys[trustee - 1]!, base: sealed.ephemeralKey, image: shared }, transportSecret, random);
      complaints.push({ dealer: dealing.dealer, sharedPoint: elementToHex(shared), proof: proofToJson(proof) });
    }
    if (complaints.length > 0) return { review: { trustee, outcome: 'complained', complaints }, secretShare: null };
    const verificationKey = baseMultiple(secretShare);
    const proof = proveKeyKnowledge(TAGS.acknowledgement, acknowledgementContext(context, trustee, checkedDealings), secretShare, random);
    return { review: { trustee, outcome: 'acknowledged', verificationKey: elementToHex(verificationKey), proof: proofToJson(proof) }, secretShare };
  });
}

/** What a verified ceremony gives: the election key, and Y_j at position j − 1 to check each trustee's partial decryptions against. */
export interface CeremonyResult {
  publicKey: Element;
  verificationKeys: Element[];
  threshold: number;
  trustees: number;
  warning: 'one-trustee-decrypts' | null;
}

/**
 * Replays a whole transcript as anyone can from the log: parameters, certificates, dealings,
 * reviews, in that order. Every trustee must have acknowledged; a complaint is judged and
 * names the dealer it upholds or the complainer it refutes. Refuses malformed input (missing
 * fields, wrong lengths, non-canonical encodings) by naming it.
 */
export function verifyCeremony(transcript: CeremonyTranscript): Checked<CeremonyResult> {
  return checked(() => {
    const fields = withinMessage('parameters', null, () => readObject(transcript, 'transcript'));
    const context = checkContext({ electionId: fields.get('electionId') as string, threshold: fields.get('threshold') as number, trustees: fields.get('trustees') as number });
    const transportKeys = checkCertificates(context, fields.get('certificates'));
    const dealings = checkDealings(context, transportKeys, fields.get('dealings'));
    const verificationKeys = checkReviews(context, transportKeys, dealings, fields.get('reviews'));
    const publicKey = dealings.reduce((sum, dealing) => sum.add(dealing.commitments[0]!), IDENTITY);
    // Only dealers who all agreed on it could reach it; under it every ballot would be in the clear.
    if (publicKey.equals(IDENTITY)) throw new CeremonyFailed({ step: 'dealing', trustee: null, field: 'commitments', reason: 'give the identity as the election key' });
    return { publicKey, verificationKeys, threshold: context.threshold, trustees: context.trustees, warning: context.threshold === 1 ? 'one-trustee-decrypts' : null };
  });
}

function assertTrustee(context: CeremonyContext, trustee: number): void {
  if (!Number.isInteger(trustee) || trustee < 1 || trustee > context.trustees) throw new RangeError(`trustee ${trustee} is not one of 1..${context.trustees}`);
}
