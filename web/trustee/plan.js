// @ts-check
/**
 * What this trustee does next, from what the server shows: pure functions of the ceremony's and
 * the opening's public views, so that the page takes each step exactly once and the tests can hold
 * the rules without a browser.
 * @typedef {import('../../domain/crypto/keyCeremony').TrusteeCertificate} TrusteeCertificate
 * @typedef {import('../../domain/crypto/keyCeremony').Dealing} Dealing
 * @typedef {import('../../domain/crypto/keyCeremony').ShareReview} ShareReview
 * @typedef {import('./i18n.js').CeremonyStep} CeremonyStep
 * @typedef {{
 *   electionId: string, threshold: number, trustees: number,
 *   certificates: TrusteeCertificate[], dealings: Dealing[], reviews: ShareReview[],
 *   publicKey?: string, verificationKeys?: string[],
 * }} CeremonyView `GET /elections/{id}/ceremony`
 * @typedef {{
 *   kind: 'certify', restarted: boolean } | { kind: 'resume' } | { kind: 'deal' } | { kind: 'review' }
 *   | { kind: 'wait', step: CeremonyStep, waitingFor: number[] } | { kind: 'verifying' } | { kind: 'complete', publicKey: string }
 * } CeremonyTask
 * @typedef {{
 *   contest: string, mixesNeeded: number, threshold: number,
 *   mixes: { position: number, mixer: number, papers: number, digest: string }[],
 *   decryptions: { trustee: number, digest: string }[], opened: boolean,
 * }} OpeningView `GET /elections/{id}/opening/{contest}`
 * @typedef {{ kind: 'mix', position: number } | { kind: 'decrypt', position: number } | { kind: 'wait-mixes' } | { kind: 'wait-decryptions' } | { kind: 'enough' } | { kind: 'opened' }} ContestTask
 */

/** The trustees 1..n that have not given their message of a step. */
const missing = (/** @type {number} */ trustees, /** @type {number[]} */ given) => Array.from({ length: trustees }, (_, i) => i + 1).filter((trustee) => !given.includes(trustee));

/**
 * The ceremony's next step for trustee `me`. `held` is the transport key whose secret this tab
 * holds (made here, or opened from its file), undefined when it holds none: a certificate of `me`
 * with another key was made in a tab since closed, so its file is needed. `accepted` is a
 * transport key of `me` this tab has seen in the ceremony: when no certificate of `me` is there
 * any more, the ceremony started over.
 * @param {CeremonyView} ceremony
 * @param {number} me
 * @param {{ held?: string, accepted?: string }} keys
 * @returns {CeremonyTask}
 */
export function ceremonyTask(ceremony, me, { held, accepted }) {
  if (ceremony.publicKey) return { kind: 'complete', publicKey: ceremony.publicKey };
  const n = ceremony.trustees;
  const mine = ceremony.certificates.find((certificate) => certificate.trustee === me);
  if (mine === undefined) return { kind: 'certify', restarted: accepted !== undefined };
  if (mine.transportKey !== held) return { kind: 'resume' };
  const certified = ceremony.certificates.map((certificate) => certificate.trustee);
  if (certified.length < n) return { kind: 'wait', step: 'certificates', waitingFor: missing(n, certified) };
  const dealt = ceremony.dealings.map((dealing) => dealing.dealer);
  if (!dealt.includes(me)) return { kind: 'deal' };
  if (dealt.length < n) return { kind: 'wait', step: 'dealings', waitingFor: missing(n, dealt) };
  const reviewed = ceremony.reviews.map((review) => review.trustee);
  if (!reviewed.includes(me)) return { kind: 'review' };
  if (reviewed.length < n) return { kind: 'wait', step: 'reviews', waitingFor: missing(n, reviewed) };
  return { kind: 'verifying' };
}

/**
 * A contest's next step for trustee `me` after the close: a mix while fewer than `mixesNeeded`
 * are in and `me` has not mixed (it shuffles the board at position 0, else the last mix); once
 * the mixes are complete, a decryption of the last mix while fewer than t trustees have decrypted
 * and `me` is not one of them.
 * @param {OpeningView} opening
 * @param {number} me
 * @returns {ContestTask}
 */
export function contestTask(opening, me) {
  if (opening.opened) return { kind: 'opened' };
  const mixes = opening.mixes.length;
  if (mixes < opening.mixesNeeded) return opening.mixes.some((mix) => mix.mixer === me) ? { kind: 'wait-mixes' } : { kind: 'mix', position: mixes };
  if (opening.decryptions.some((decryption) => decryption.trustee === me)) return { kind: 'wait-decryptions' };
  if (opening.decryptions.length >= opening.threshold) return { kind: 'enough' };
  return { kind: 'decrypt', position: mixes - 1 };
}
