// @ts-check
import { h } from '../vote/dom.js';
import { formatMoment } from '../vote/i18n.js';

/**
 * Each event of the log in words. The data is the backend's own (domain/events.ts); an event the
 * page does not know yet is shown by its type, so a newer backend never breaks the view.
 * @typedef {import('../lib/verifier.js').ObservedEvent} ObservedEvent
 * @typedef {import('./i18n.js').Messages} Messages
 * @typedef {import('./i18n.js').Lang} Lang
 */

/** The first characters of a hash: enough to compare by eye, the whole is in the export. */
export const shortHash = (/** @type {string} */ hash) => `${hash.slice(0, 16)}…`;

/** @param {unknown} value */
const record = (value) => /** @type {Record<string, any>} */ (value !== null && typeof value === 'object' ? value : {});
/** @param {unknown} value */
const num = (value) => (typeof value === 'number' ? value : Array.isArray(value) ? value.length : 0);
/** @param {unknown} value */
const str = (value) => (typeof value === 'string' ? value : '');

/**
 * What an event says, as a line of text and code parts (hashes and fingerprints, kept whole so they
 * can be compared), and whether it is a breach.
 * @param {Messages} m
 * @param {Lang} lang
 * @param {ObservedEvent} event
 * @returns {{ parts: (string | Node)[], text: string, breach: boolean }}
 */
export function describe(m, lang, event) {
  const d = record(event.data);
  const e = m.events;
  const when = (/** @type {unknown} */ iso) => formatMoment(lang, str(iso), { seconds: true });
  /** @type {(string | { code: string })[]} */
  let parts;
  switch (event.type) {
    case 'ElectionCreated':
      parts = [e.ElectionCreated(str(d.title), Array.isArray(d.contests) ? d.contests.length : 1)];
      break;
    case 'CandidatesAdded':
      parts = [e.CandidatesAdded(num(d.candidates), typeof d.contest === 'string' ? d.contest : undefined)];
      break;
    case 'VotersRegistered':
      parts = [e.VotersRegistered(num(d.count))];
      break;
    case 'PostalVotesRecorded':
      parts = [e.PostalVotesRecorded(num(d.voters))];
      break;
    case 'VotingWindowSet':
      parts = [e.VotingWindowSet(d.opensAt ? when(d.opensAt) : undefined, when(d.closesAt), num(d.reminders), d.credentialsAt ? when(d.credentialsAt) : undefined)];
      break;
    case 'ObserversSet':
      parts = [e.ObserversSet(num(d.observers))];
      break;
    case 'MailWordingSet':
      parts = [e.MailWordingSet];
      break;
    case 'ObjectionRecorded':
      parts = [e.ObjectionRecorded(num(d.id), when(d.receivedAt), d.late === true), str(d.grounds)];
      break;
    case 'ObjectionDecided':
      parts = [e.ObjectionDecided(num(d.id), str(d.outcome)), str(d.reasons)];
      break;
    case 'PersonalDataDeleted':
      parts = [e.PersonalDataDeleted];
      break;
    case 'ElectionLocked': {
      const roll = record(d.roll);
      parts = typeof roll.fingerprint === 'string' ? [`${e.ElectionLockedRoll(num(roll.voters))} `, { code: roll.fingerprint }] : [e.ElectionLocked];
      break;
    }
    case 'VotingScheduled':
      parts = [e.VotingScheduled(when(d.opensAt), when(d.closesAt))];
      break;
    case 'VotingOpened':
      parts = [e.VotingOpened];
      break;
    case 'VotingClosed':
      parts = [e.VotingClosed];
      break;
    case 'BallotBoxSealed':
      parts = [`${e.BallotBoxSealed(num(d.ballotCount))} `, { code: str(d.digest) }];
      break;
    case 'CountSheetRecorded':
      parts = [e.CountSheetRecorded(str(d.contest))];
      break;
    case 'ResultsTallied':
      parts = [e.ResultsTallied];
      break;
    case 'PostalPapersEntered':
      parts = [e.PostalPapersEntered(str(d.contest), d.entry === 2 ? 2 : 1, typeof d.parts === 'number' ? `${num(d.part) + 1}/${num(d.parts)}` : undefined)];
      break;
    case 'PostalPapersAgreed': {
      const figures = record(d.figures);
      parts = [e.PostalPapersAgreed(str(d.contest), num(figures.papers), num(figures.invalid))];
      break;
    }
    case 'PostalCounted':
      parts = [e.PostalCounted];
      break;
    case 'ResultsAccepted':
      parts = [e.ResultsAccepted];
      break;
    case 'ResultsPublished':
      parts = [e.ResultsPublished];
      break;
    case 'OfficialRecordIssued':
      parts = [
        e.OfficialRecordIssued(num(d.head)),
        ...(Array.isArray(d.records) ? d.records : []).flatMap((/** @type {unknown} */ item) => [` ${str(record(item).language)}: `, { code: str(record(item).sha256) }]),
      ];
      break;
    case 'BreachDetected':
      parts = [e.BreachDetected(str(d.eventName), str(d.principal), when(d.eventTime), str(d.sourceIp))];
      break;
    case 'LifecycleFailed':
      parts = [e.LifecycleFailed(str(d.step), str(d.error)), ' ', d.continues === true ? e.workflowContinued : e.workflowStopped];
      break;
    case 'LifecycleRetried':
      parts = [e.LifecycleRetried(str(d.step), num(d.attempt))];
      break;
    case 'CredentialReissued':
      parts = [`${e.CredentialReissued(d.requestedBy === 'voter' ? 'voter' : 'admin')} `, { code: shortHash(str(d.voter)) }];
      break;
    case 'VoterAddressCorrected':
      parts = [`${e.VoterAddressCorrected} `, { code: shortHash(str(d.voter)) }];
      break;
    case 'LinkRequestsCounted':
      parts = [e.LinkRequestsCounted(num(d.requests))];
      break;
    case 'RemindersQueued':
      parts = [e.RemindersQueued(num(d.round), num(d.voters))];
      break;
    case 'CredentialsReleased':
      parts = [e.CredentialsReleased(num(d.voters))];
      break;
    case 'TrusteeCertificateGiven':
      parts = [e.TrusteeCertificateGiven(e.trustee(num(record(d.certificate).trustee)))];
      break;
    case 'TrusteeDealingGiven':
      parts = [e.TrusteeDealingGiven(e.trustee(num(record(d.dealing).dealer)))];
      break;
    case 'TrusteeReviewGiven': {
      const review = record(d.review);
      const trustee = e.trustee(num(review.trustee));
      const dealers = Array.isArray(review.complaints) ? review.complaints.map((complaint) => e.trustee(num(record(complaint).dealer))) : [];
      parts = [review.outcome === 'complained' ? e.TrusteeReviewComplained(trustee, dealers) : e.TrusteeReviewAcknowledged(trustee)];
      break;
    }
    case 'KeyCeremonyFailed': {
      const failure = record(d.failure);
      parts = [`${e.KeyCeremonyFailed(str(failure.step), typeof failure.trustee === 'number' ? e.trustee(failure.trustee) : null)} ${str(failure.field)}: ${str(failure.reason)}`];
      break;
    }
    case 'ElectionKeyPublished':
      parts = [`${e.ElectionKeyPublished(num(d.verificationKeys))} `, { code: str(d.publicKey) }];
      break;
    case 'MixAccepted':
      parts = [`${e.MixAccepted(str(d.contest), num(d.position), e.trustee(num(d.mixer)), num(d.papers))} `, { code: shortHash(str(d.digest)) }];
      break;
    case 'DecryptionAccepted':
      parts = [`${e.DecryptionAccepted(str(d.contest), e.trustee(num(d.trustee)))} `, { code: shortHash(str(d.digest)) }];
      break;
    case 'ActionProposed':
      parts = [e.ActionProposed(str(d.action), str(record(d.proposedBy).name), when(d.expiresAt))];
      break;
    case 'MemberRecorded':
      parts = [e.MemberRecorded(str(record(d.member).name), str(record(d.member).role))];
      break;
    case 'MemberRemoved':
      parts = [e.MemberRemoved(str(d.name))];
      break;
    default:
      parts = [e.unknown(String(event.type))];
  }
  // How a lock, a start or the acceptance was agreed, and who asked for the command: the member the event's hash names.
  if (typeof record(d.proposedBy).name === 'string' && event.type !== 'ActionProposed') parts.push(e.proposedBy(str(record(d.proposedBy).name)));
  if (d.alone === true) parts.push(e.alone);
  if (event.by && typeof event.by.name === 'string') parts.push(e.by(event.by.name));
  return {
    parts: parts.map((part) => (typeof part === 'string' ? part : h('code', { class: 'hash' }, part.code))),
    text: parts.map((part) => (typeof part === 'string' ? part : part.code)).join(''),
    breach: event.type === 'BreachDetected',
  };
}
