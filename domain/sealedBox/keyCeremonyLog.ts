import { elementToHex, type Element } from '../crypto/group';
import {
  checkCertificate,
  checkCertificates,
  checkDealing,
  checkDealings,
  checkReview,
  checked,
  verifyCeremony,
  type CeremonyContext,
  type CeremonyFailure,
  type Dealing,
  type ShareReview,
  type TrusteeCertificate,
} from '../crypto/keyCeremony';
import type { ElectionEvent } from '../events';
import { fail, ok, type Result } from '../result';
import type { ContestOpening } from './opening';
import type { Trustees } from './trustees';

/**
 * The key ceremony as the election's log holds it (domain/crypto/keyCeremony.ts has the protocol):
 * each trustee's certificate, then each dealing, then each review, every message checked as it
 * arrives against those before it, so that the log never holds a message anyone would refuse.
 * When the last trustee has acknowledged, the whole transcript is verified once more and the
 * election key published. A complaint ends the round, naming who failed (the dealer whose share
 * did not match, or the trustee whose complaint was unfounded), and the ceremony starts over.
 */
export interface KeyCeremonyProgress {
  certificates: TrusteeCertificate[];
  dealings: Dealing[];
  reviews: ShareReview[];
  /** Rounds that failed before this one. */
  failedRounds: number;
  lastFailure?: CeremonyFailure;
}

/** The election key and each trustee's verification key (trustee j's at position j − 1), in canonical hex. */
export interface ElectionKey {
  publicKey: string;
  verificationKeys: string[];
}

/** A sealed election's box: its trustees, the ceremony until it completes, then its key. */
export interface SealedBoxSetup {
  trustees: Trustees;
  ceremony: KeyCeremonyProgress;
  key?: ElectionKey;
  /** After the seal: each contest's mixes and decryptions so far. */
  opening?: ContestOpening[];
}

export const newCeremony = (failedRounds = 0, lastFailure?: CeremonyFailure): KeyCeremonyProgress => ({
  certificates: [],
  dealings: [],
  reviews: [],
  failedRounds,
  ...(lastFailure && { lastFailure }),
});

export type CeremonyStepName = 'certificates' | 'dealings' | 'reviews' | 'complete';

export function ceremonyStep(box: SealedBoxSetup): CeremonyStepName {
  if (box.key) return 'complete';
  const { count } = box.trustees;
  if (box.ceremony.certificates.length < count) return 'certificates';
  if (box.ceremony.dealings.length < count) return 'dealings';
  return 'reviews';
}

/** The trustees whose message the current step still waits for, in order. */
export function waitingFor(box: SealedBoxSetup): number[] {
  const step = ceremonyStep(box);
  if (step === 'complete') return [];
  const given = new Set(stepMessages(box.ceremony, step).map(senderOf));
  return Array.from({ length: box.trustees.count }, (_, i) => i + 1).filter((trustee) => !given.has(trustee));
}

const stepMessages = (ceremony: KeyCeremonyProgress, step: Exclude<CeremonyStepName, 'complete'>): readonly (TrusteeCertificate | Dealing | ShareReview)[] =>
  step === 'certificates' ? ceremony.certificates : step === 'dealings' ? ceremony.dealings : ceremony.reviews;

const senderOf = (message: TrusteeCertificate | Dealing | ShareReview): number => ('dealer' in message ? message.dealer : message.trustee);

/** The messages in trustee order, as the transcript lists them. */
const inOrder = <T extends TrusteeCertificate | Dealing | ShareReview>(messages: readonly T[]): T[] => [...messages].sort((a, b) => senderOf(a) - senderOf(b));

export const ceremonyContext = (electionId: string, trustees: Trustees): CeremonyContext => ({ electionId, threshold: trustees.threshold, trustees: trustees.count });

/**
 * Decides on one trustee's message: the step's message from a trustee who has not given it yet,
 * checked against the log; a refusal names the field. A review with complaints is judged and ends
 * the round; the last acknowledgement publishes the key.
 */
export function giveCeremonyMessage(electionId: string, box: SealedBoxSetup, message: unknown): Result<ElectionEvent[]> {
  const step = ceremonyStep(box);
  if (step === 'complete') return fail('wrong_phase', 'the key ceremony is complete: the election key is published');
  const context = ceremonyContext(electionId, box.trustees);
  const senderField = step === 'dealings' ? 'dealer' : 'trustee';
  const sender = message !== null && typeof message === 'object' ? (message as Record<string, unknown>)[senderField] : undefined;
  if (typeof sender !== 'number' || !Number.isInteger(sender) || sender < 1 || sender > box.trustees.count) {
    return fail('invalid', `${senderField}: the ceremony is at its ${step}; give the ${senderField} number (1 to ${box.trustees.count}) of a trustee who has not given theirs`);
  }
  if (!waitingFor(box).includes(sender))
    return fail('conflict', `${senderField}: trustee ${sender} has already given their ${step.slice(0, -1)}; the ceremony waits for ${waitingFor(box).join(', ')}`);
  const { ceremony } = box;
  switch (step) {
    case 'certificates': {
      const others = ceremony.certificates.map((c) => checkCertificate(context, c.trustee, c, []));
      const judged = checked(() => ({ key: checkCertificate(context, sender, message, others) }));
      return judged.ok ? ok([{ type: 'TrusteeCertificateGiven', data: { certificate: message as TrusteeCertificate } }]) : refused(judged.failed);
    }
    case 'dealings': {
      const transportKeys = checkCertificates(context, inOrder(ceremony.certificates));
      const judged = checked(() => ({ dealing: checkDealing(context, transportKeys, sender, message) }));
      return judged.ok ? ok([{ type: 'TrusteeDealingGiven', data: { dealing: message as Dealing } }]) : refused(judged.failed);
    }
    case 'reviews':
      return review(context, box, sender, message as ShareReview);
  }
}

function review(context: CeremonyContext, box: SealedBoxSetup, trustee: number, message: ShareReview): Result<ElectionEvent[]> {
  const { ceremony } = box;
  const transportKeys = checkCertificates(context, inOrder(ceremony.certificates));
  const dealings = checkDealings(context, transportKeys, inOrder(ceremony.dealings));
  const judged = checked(() => ({ verificationKey: checkReview(context, transportKeys, dealings, trustee, message) }));
  const given: ElectionEvent = { type: 'TrusteeReviewGiven', data: { review: message } };
  if (!judged.ok) {
    // A complaint, founded or not, is recorded, judged publicly and ends the round; any other fault is refused as malformed.
    return message.outcome === 'complained' ? ok([given, { type: 'KeyCeremonyFailed', data: { failure: judged.failed } }]) : refused(judged.failed);
  }
  const reviews = [...ceremony.reviews, message];
  if (reviews.length < box.trustees.count) return ok([given]);
  const verified = verifyCeremony({ ...context, certificates: inOrder(ceremony.certificates), dealings: inOrder(ceremony.dealings), reviews: inOrder(reviews) });
  if (!verified.ok) return ok([given, { type: 'KeyCeremonyFailed', data: { failure: verified.failed } }]);
  return ok([given, { type: 'ElectionKeyPublished', data: electionKeyOf(verified.publicKey, verified.verificationKeys) }]);
}

const electionKeyOf = (publicKey: Element, verificationKeys: readonly Element[]): ElectionKey => ({ publicKey: elementToHex(publicKey), verificationKeys: verificationKeys.map(elementToHex) });

function refused(failure: CeremonyFailure): Result<never> {
  return fail('invalid', `${failure.field}: ${failure.reason} (the ${failure.step} of trustee ${failure.trustee ?? '?'})`);
}

/** What a ceremony event does to the box. */
export function evolveCeremony(box: SealedBoxSetup, event: Extract<ElectionEvent, { type: CeremonyEventType }>): SealedBoxSetup {
  const { ceremony } = box;
  switch (event.type) {
    case 'TrusteeCertificateGiven':
      return { ...box, ceremony: { ...ceremony, certificates: [...ceremony.certificates, event.data.certificate] } };
    case 'TrusteeDealingGiven':
      return { ...box, ceremony: { ...ceremony, dealings: [...ceremony.dealings, event.data.dealing] } };
    case 'TrusteeReviewGiven':
      return { ...box, ceremony: { ...ceremony, reviews: [...ceremony.reviews, event.data.review] } };
    case 'KeyCeremonyFailed':
      return { ...box, ceremony: newCeremony(ceremony.failedRounds + 1, event.data.failure) };
    case 'ElectionKeyPublished':
      // The transcript stays in the log and the export; the state keeps only what the box needs.
      return { ...box, ceremony: newCeremony(ceremony.failedRounds), key: event.data };
  }
}

export type CeremonyEventType = 'TrusteeCertificateGiven' | 'TrusteeDealingGiven' | 'TrusteeReviewGiven' | 'KeyCeremonyFailed' | 'ElectionKeyPublished';
