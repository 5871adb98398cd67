import { baseMultiple, type Element, IDENTITY } from '../group';
import { openShare, type OpenedShare, readSealedShare } from './channel';
import { at, MalformedField, readArray, readElement, readList, readObject } from '../jsonFields';
import { proofFromJson, verifyEqualLogarithms, verifyKeyKnowledge } from '../proofs/sigma';
import {
  acknowledgementContext,
  type CeremonyContext,
  CeremonyFailed,
  type CheckedDealing,
  complaintContext,
  contextParts,
  dealingContext,
  readIndex,
  TAGS,
  type TransportKeys,
  withinMessage,
} from './messages';
import { ceremonyParameters } from './parameters';
import { committedValue } from './polynomial';

/**
 * The public checks of the ceremony, step by step, as anyone replays them from the log: the
 * administrator's checks of Belenios' threshold mode (specification v1.5, §3.1.2 steps 1b, 3c
 * and 5d) and the trustees' checks of what they receive (steps 3a and 5a–5b). Each throws a
 * CeremonyFailed naming the step, the trustee and the field.
 */

/** The parameters and the election a transcript claims; a trustee's own step calls it with the context it was given. */
export function checkContext(context: CeremonyContext): CeremonyContext {
  const parameters = ceremonyParameters(context.threshold, context.trustees);
  if (!parameters.ok) throw new CeremonyFailed({ step: 'parameters', trustee: null, field: parameters.failed, reason: parameters.reason });
  if (typeof context.electionId !== 'string' || context.electionId === '') {
    throw new CeremonyFailed({ step: 'parameters', trustee: null, field: 'electionId', reason: 'is not a non-empty string' });
  }
  return context;
}

function trusteesList(value: unknown, field: string, trustees: number): readonly unknown[] {
  return withinMessage('parameters', null, () => readArray(value, field, trustees));
}

const indices = (trustees: number): number[] => Array.from({ length: trustees }, (_, position) => position + 1);

/** Belenios v1.5 §4.5.2: each certificate's proof of knowledge of its transport secret, bound to its index and the election; no two trustees with one key. */
export function checkCertificates(context: CeremonyContext, certificates: unknown): TransportKeys {
  const list = trusteesList(certificates, 'certificates', context.trustees);
  const keys: Element[] = [];
  for (const trustee of indices(context.trustees)) keys.push(checkCertificate(context, trustee, list[trustee - 1], keys));
  return keys;
}

/** One trustee's certificate as it arrives, against the transport keys of those given before it. */
export function checkCertificate(context: CeremonyContext, trustee: number, value: unknown, othersKeys: readonly Element[]): Element {
  return withinMessage('certificate', trustee, () => {
    const certificate = readObject(value, 'certificate');
    readIndex(certificate.get('trustee'), 'trustee', trustee);
    const key = readElement(certificate.get('transportKey'), 'transportKey');
    const proof = proofFromJson(certificate.get('proof'), 'proof');
    if (!verifyKeyKnowledge(TAGS.certificate, [...contextParts(context), trustee], key, proof).ok) {
      throw new MalformedField('proof', 'does not prove knowledge of the transport secret for this trustee and election');
    }
    if (othersKeys.some((other) => other.equals(key))) throw new MalformedField('transportKey', "is another trustee's");
    return key;
  });
}

/** Belenios v1.5 §4.5.4: t commitments, a share sealed to each trustee, and the dealer's proof of knowledge of a_i0 over all of it. */
export function checkDealings(context: CeremonyContext, transportKeys: TransportKeys, dealings: unknown): CheckedDealing[] {
  const list = trusteesList(dealings, 'dealings', context.trustees);
  return indices(context.trustees).map((dealer) => checkDealing(context, transportKeys, dealer, list[dealer - 1]));
}

/** One dealer's dealing as it arrives, once every certificate is in. */
export function checkDealing(context: CeremonyContext, transportKeys: TransportKeys, dealer: number, value: unknown): CheckedDealing {
  return withinMessage('dealing', dealer, () => {
    const dealing = readObject(value, 'dealing');
    readIndex(dealing.get('dealer'), 'dealer', dealer);
    const commitments = readList(dealing.get('commitments'), 'commitments', readElement, context.threshold);
    const shares = readList(dealing.get('shares'), 'shares', (entry, field, position) => readSealedShare(entry, field, position + 1), context.trustees);
    const proof = proofFromJson(dealing.get('proof'), 'proof');
    const vouched = dealingContext(
      context,
      transportKeys,
      dealer,
      commitments,
      shares.map((sealed) => sealed.json),
    );
    if (!verifyKeyKnowledge(TAGS.dealing, vouched, commitments[0]!, proof).ok) {
      throw new MalformedField('proof', 'does not prove knowledge of the constant term for these commitments and sealed shares');
    }
    return { dealer, commitments, shares };
  });
}

/** Opens the share dealer i sealed to trustee j with the shared point K, and says whether it is f_i(j) as the commitments say (Belenios v1.5 §4.5.5's check). */
export function judgeShare(context: CeremonyContext, transportKeys: TransportKeys, dealing: CheckedDealing, recipient: number, shared: Element): OpenedShare & { matches: boolean } {
  const opened = openShare({ electionId: context.electionId, dealer: dealing.dealer, recipient }, transportKeys[recipient - 1]!, dealing.shares[recipient - 1]!, shared);
  return { ...opened, matches: opened.ok && baseMultiple(opened.share).equals(committedValue(dealing.commitments, recipient)) };
}

/** Y_j = Σ_i Σ_k j^k·A_ik, trustee j's verification key, from the commitments alone (Belenios v1.5 §4.5.6, the administrator's check). */
export const verificationKeyOf = (dealings: readonly CheckedDealing[], trustee: number): Element => dealings.reduce((sum, dealing) => sum.add(committedValue(dealing.commitments, trustee)), IDENTITY);

/**
 * Belenios v1.5 §4.5.6: each trustee's acknowledgement states Y_j as the commitments give it and
 * proves knowledge of x_j over everything it received. A complaint is judged: its proof shows K
 * is the share's Diffie–Hellman point; if the share then fails, the dealer is named; if it
 * matches, the complainer is.
 */
export function checkReviews(context: CeremonyContext, transportKeys: TransportKeys, dealings: readonly CheckedDealing[], reviews: unknown): Element[] {
  const list = trusteesList(reviews, 'reviews', context.trustees);
  return indices(context.trustees).map((trustee) => checkReview(context, transportKeys, dealings, trustee, list[trustee - 1]));
}

/** One trustee's review as it arrives, once every dealing is in: its verification key, or the failure its complaints establish. */
export function checkReview(context: CeremonyContext, transportKeys: TransportKeys, dealings: readonly CheckedDealing[], trustee: number, value: unknown): Element {
  return withinMessage('review', trustee, () => {
    const review = readObject(value, 'review');
    readIndex(review.get('trustee'), 'trustee', trustee);
    const outcome = review.get('outcome');
    if (outcome === 'complained') {
      return judgeComplaints(context, transportKeys, dealings, trustee, review.get('complaints'));
    }
    if (outcome !== 'acknowledged') throw new MalformedField('outcome', "is neither 'acknowledged' nor 'complained'");
    const verificationKey = readElement(review.get('verificationKey'), 'verificationKey');
    if (!verificationKey.equals(verificationKeyOf(dealings, trustee))) throw new MalformedField('verificationKey', "is not the one the dealers' commitments give");
    const proof = proofFromJson(review.get('proof'), 'proof');
    if (!verifyKeyKnowledge(TAGS.acknowledgement, acknowledgementContext(context, trustee, dealings), verificationKey, proof).ok) {
      throw new MalformedField('proof', 'does not prove knowledge of the secret share for these dealings');
    }
    return verificationKey;
  });
}

/**
 * A review that complains never yields a key: checks every complaint's proof (a failure names
 * the complainer), then throws against the first dealer whose accused share does not open or
 * match, or, when every accused share matched, against the complainer.
 */
function judgeComplaints(context: CeremonyContext, transportKeys: TransportKeys, dealings: readonly CheckedDealing[], trustee: number, value: unknown): never {
  if (!Array.isArray(value) || value.length === 0 || value.length > context.trustees) {
    throw new MalformedField('complaints', `is not a list of 1 to ${context.trustees} complaints`);
  }
  const accused = new Set<number>();
  const judged = value.map((entry, position) => {
    const field = `complaints[${position}]`;
    const complaint = readObject(entry, field);
    const dealer = complaint.get('dealer');
    if (typeof dealer !== 'number' || !Number.isInteger(dealer) || dealer < 1 || dealer > context.trustees || accused.has(dealer)) {
      throw new MalformedField(at(field, 'dealer'), 'is not the index of a trustee not accused before');
    }
    accused.add(dealer);
    const dealing = dealings[dealer - 1]!;
    const sealed = dealing.shares[trustee - 1]!;
    const shared = readElement(complaint.get('sharedPoint'), at(field, 'sharedPoint'));
    const proof = proofFromJson(complaint.get('proof'), at(field, 'proof'));
    const about = complaintContext(context, trustee, dealer, sealed.json);
    if (!verifyEqualLogarithms(TAGS.complaint, about, { publicKey: transportKeys[trustee - 1]!, base: sealed.ephemeralKey, image: shared }, proof).ok) {
      throw new MalformedField(at(field, 'proof'), "does not prove that the shared point is the share's Diffie–Hellman point");
    }
    return { dealer, share: judgeShare(context, transportKeys, dealing, trustee, shared) };
  });
  const upheld = judged.find(({ share }) => !share.matches);
  if (upheld) {
    const what = upheld.share.ok ? 'does not match the commitments' : upheld.share.reason;
    throw new CeremonyFailed({ step: 'dealing', trustee: upheld.dealer, field: `shares[${trustee - 1}]`, reason: `${what}: trustee ${trustee}'s complaint is upheld` });
  }
  throw new MalformedField('complaints', 'accuse only shares that open and match their commitments: the complaint is unfounded');
}
