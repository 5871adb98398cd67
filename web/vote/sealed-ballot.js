// @ts-check
/**
 * A sealed election's part of the voter page. The papers are sealed in the voter's browser by
 * /lib/seal-ballot.js (web/lib/seal-ballot.ts), fetched the first time a ballot is sealed, so an
 * open election's voters never load it. Before casting, the voter may check the encryption
 * (Benaloh's cast-or-audit): the page seals the papers, opens them again for the voter to check
 * elsewhere, and the cast then seals afresh. The page's flow (app.js) moves between the views.
 */
import { copyText, h, saveFile } from './dom.js';

/**
 * @typedef {import('./model.js').Election} Election
 * @typedef {import('./model.js').Messages} Messages
 * @typedef {import('./model.js').View} View
 * @typedef {import('../lib/seal-ballot.js').MarkedPaper} MarkedPaper
 * @typedef {import('../lib/seal-ballot.js').SealedCast} SealedCast
 * @typedef {import('../lib/seal-ballot.js').BallotAuditJson} BallotAuditJson
 * @typedef {{ audit: BallotAuditJson, check: { ok: true } | { ok: false, problem: string } }} OpenedBallot
 *   a ballot sealed and opened for the voter's check, with the page's own check of it
 */

/**
 * An election is sealed only when it says so (`box: 'open'` otherwise).
 * @param {Election} election
 */
export const isSealed = (election) => election.box === 'sealed';

const sealing = () => import('../lib/seal-ballot.js');

/**
 * The election as the sealing reads it. Voting opens only once the key is published, so a missing key is a fault, and nothing is sealed.
 * @param {Election} election
 */
function sealingElection(election) {
  if (election.box !== 'sealed' || !election.electionKey) throw new Error('electionKey: not published');
  return { id: election.id, electionKey: election.electionKey, contests: election.contests };
}

/**
 * The papers sealed for the cast, with the trackers they will have; their randomness never leaves the sealing module.
 * @param {Election} election
 * @param {MarkedPaper[]} papers
 * @returns {Promise<SealedCast>}
 */
export async function sealForCast(election, papers) {
  return (await sealing()).sealForCast(sealingElection(election), papers);
}

/**
 * The papers sealed, then opened for the voter to check: a spoiled ballot, never cast.
 * @param {Election} election
 * @param {MarkedPaper[]} papers
 * @returns {Promise<OpenedBallot>}
 */
export async function sealForAudit(election, papers) {
  const { sealForAudit: seal, checkAudit } = await sealing();
  const audit = seal(sealingElection(election), papers);
  return { audit, check: checkAudit(sealingElection(election), audit) };
}

/**
 * What the review of a sealed ballot adds: that the ballot is sealed here, and the offer to check the encryption.
 * @param {Messages} m
 * @param {() => void} checkEncryption
 * @returns {{ note: Node, offer: Node[] }}
 */
export function sealedReview(m, checkEncryption) {
  return {
    note: h('p', { class: 'hint' }, m.sealedNote),
    offer: [
      h('button', { type: 'button', class: 'secondary', 'aria-describedby': 'check-encryption-hint', onclick: checkEncryption }, m.checkEncryption),
      h('p', { id: 'check-encryption-hint', class: 'hint' }, m.checkEncryptionHint),
    ],
  };
}

/**
 * The opened ballot, to copy or download and check elsewhere; the page's own check is said, and said to count for little.
 * @param {Messages} m
 * @param {OpenedBallot & { electionId: string, back: () => void }} opened
 * @returns {View}
 */
export function auditView(m, { audit, check, electionId, back }) {
  const text = JSON.stringify(audit, null, 2);
  const name = m.auditFileName(electionId);
  const status = h('p', { role: 'status', class: 'status' });
  const json = h('textarea', { id: 'audit-json', class: 'audit-json', readonly: true, rows: '12', spellcheck: 'false', autocomplete: 'off' });
  json.value = text;
  const copy = () => copyText(text, status, { done: m.auditCopied, failed: m.auditCopyFailed });
  const download = () => {
    saveFile(name, `${text}\n`, 'application/json');
    status.textContent = m.auditDownloaded(name);
  };
  return {
    heading: m.auditTitle,
    body: [
      h('p', {}, m.auditIntro),
      check.ok ? h('p', { id: 'audit-check', class: 'found' }, m.auditPassed) : h('p', { id: 'audit-check', class: 'error', role: 'alert' }, m.auditFailed(check.problem)),
      h('p', { class: 'warning', role: 'note' }, m.auditIndependent, ' ', h('code', {}, m.auditCommand(electionId, name))),
      h('label', { for: 'audit-json' }, m.auditFileLabel),
      json,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => void copy() }, m.auditCopy),
        h('button', { type: 'button', class: 'secondary', onclick: download }, m.auditDownload),
      ),
      status,
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', onclick: back }, m.auditBack)),
    ],
  };
}
