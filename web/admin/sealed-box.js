// @ts-check
import { h, present } from '../vote/dom.js';

/**
 * How an election keeps its ballots, on its page: an open box says it is not secret against the
 * operator; a sealed one shows its trustees, the key ceremony until the election key is published
 * (the trustees do their part on the trustee page, each on their own machine; the lock waits for
 * the key), and after the close each contest's opening and what the committee does next.
 * @typedef {import('./app.js').Ui} Ui
 * @typedef {import('../vote/model.js').Election} Election
 * @typedef {NonNullable<Extract<Election, { box: 'sealed' }>['opening']>['contests'][number]} ContestOpening
 */

/** Where trustees do their part: the trustee page, for this election. */
export const trusteePage = (/** @type {string} */ electionId) => `/trustee?election=${encodeURIComponent(electionId)}`;

/**
 * A trustee by number, with their name when the committee gave names.
 * @param {Election} election
 * @param {number} trustee
 * @param {(n: number) => string} numbered
 */
const trusteeLabel = (election, trustee, numbered) => {
  const name = election.box === 'sealed' ? election.trustees.names?.[trustee - 1] : undefined;
  return name ? `${numbered(trustee)} (${name})` : numbered(trustee);
};

/**
 * The line every view of an open election carries.
 * @param {Ui} ui
 * @param {Election} election
 */
export function notSecretNote(ui, election) {
  return election.box === 'open' && h('p', { class: 'warning', role: 'note', id: 'not-secret' }, ui.t().notSecretAgainstOperator);
}

/**
 * The box in the election's facts: sealed with its threshold, or open.
 * @param {Ui} ui
 * @param {Election} election
 */
export function boxFact(ui, election) {
  const m = ui.t();
  return election.box === 'sealed' ? m.sealedFact(election.trustees.threshold, election.trustees.count) : m.openFact;
}

/** A link to the trustee page, in a sentence. @param {Ui} ui @param {string} electionId */
const trusteePageLine = (ui, electionId) => {
  const m = ui.t();
  return h('p', {}, m.trusteePageIntro, ' ', h('a', { href: trusteePage(electionId), id: 'trustee-page-link' }, m.trusteePageLink), '.');
};

/** @param {Ui} ui @param {string} id @param {() => void} reload */
const refreshButton = (ui, id, reload) => h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', id, onclick: reload }, ui.t().refresh));

/**
 * The key ceremony of a sealed election in set-up: its step, whom it waits for, failed rounds,
 * then the published key.
 * @param {Ui} ui
 * @param {Election} election
 * @param {() => void} reload reads the election again and keeps focus on the section's button
 */
export function ceremonySection(ui, election, reload) {
  if (election.box !== 'sealed') return null;
  const m = ui.t();
  const { ceremony, trustees } = election;
  const label = (/** @type {number} */ trustee) => trusteeLabel(election, trustee, m.trusteeNumbered);
  const failure = ceremony.lastFailure;
  const progress =
    ceremony.step === 'complete'
      ? [h('p', { class: 'found', id: 'ceremony-step' }, m.ceremonyComplete), h('p', {}, m.electionKeyLabel, ' ', h('code', { class: 'digest' }, election.electionKey ?? ''))]
      : [
          h('p', { id: 'ceremony-step' }, m.ceremonySteps[ceremony.step] ?? ceremony.step),
          h('p', { id: 'ceremony-waiting' }, h('strong', {}, m.waitingFor(ceremony.waitingFor.map(label)))),
          trusteePageLine(ui, election.id),
          h('p', {}, m.lockWaitsForKey),
        ];
  return h(
    'section',
    { class: 'part', 'aria-labelledby': 'ceremony-heading' },
    h('h3', { id: 'ceremony-heading' }, m.ceremonyHeading),
    h('p', {}, m.trusteesLine(trustees.threshold, trustees.count)),
    ...present(
      trustees.names && h('ol', { class: 'trustees' }, ...trustees.names.map((name) => h('li', {}, name))),
      ...progress,
      ceremony.failedRounds > 0 &&
        h(
          'div',
          { class: 'warning', role: 'note', id: 'ceremony-failed' },
          h('p', {}, m.ceremonyFailedRounds(ceremony.failedRounds)),
          failure && h('p', {}, m.lastFailure(failure.step, failure.trustee === null ? null : label(failure.trustee)), ' ', h('span', { lang: 'en' }, `${failure.field}: ${failure.reason}`)),
        ),
      ceremony.step !== 'complete' && refreshButton(ui, 'ceremony-refresh', reload),
    ),
  );
}

/**
 * After the close of a sealed election: each contest's mixes and decryptions, and what comes next.
 * @param {Ui} ui
 * @param {Election} election
 * @param {() => void} reload
 */
export function openingSection(ui, election, reload) {
  if (election.box !== 'sealed' || !election.opening) return null;
  const m = ui.t();
  const contests = election.opening.contests;
  const titles = new Map(election.contests.map((contest) => [contest.id, contest.title]));
  const label = (/** @type {number} */ trustee) => trusteeLabel(election, trustee, m.trusteeNumbered);
  const allOpened = contests.every((contest) => contest.next === 'opened');
  const rows = contests.map((contest) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, titles.get(contest.id) ?? contest.id),
      h('td', {}, m.mixesCell(contest.mixes, contest.mixesNeeded, contest.mixers.map(label))),
      h('td', {}, m.decryptionsCell(contest.decryptions.length, contest.threshold, contest.decryptions.map(label))),
      h('td', {}, nextStep(ui, contest, label)),
    ),
  );
  return h(
    'section',
    { class: 'part', 'aria-labelledby': 'opening-heading' },
    h('h3', { id: 'opening-heading' }, m.openingHeading),
    h('p', {}, allOpened ? m.openingDone : m.openingIntro),
    h(
      'div',
      { class: 'elections-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'opening-caption' },
      h(
        'table',
        { class: 'opening', id: 'opening' },
        h('caption', { id: 'opening-caption' }, m.openingCaption),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, m.colContest), h('th', { scope: 'col' }, m.colMixes), h('th', { scope: 'col' }, m.colDecryptions), h('th', { scope: 'col' }, m.colNext))),
        h('tbody', {}, ...rows),
      ),
    ),
    ...present(!allOpened && trusteePageLine(ui, election.id), !allOpened && refreshButton(ui, 'opening-refresh', reload)),
  );
}

/**
 * What a contest's opening needs next, said as what the committee does.
 * @param {Ui} ui
 * @param {ContestOpening} contest
 * @param {(trustee: number) => string} label
 */
function nextStep(ui, contest, label) {
  const m = ui.t();
  if (contest.next === 'mix') return m.nextMix(contest.mixers.map(label));
  if (contest.next === 'decryption') return m.nextDecryption(contest.threshold - contest.decryptions.length, contest.decryptions.map(label));
  // Opened without a mix: nobody voted in it, so the seal opened it (domain/sealedBox/opening.ts).
  return contest.mixes === 0 ? m.nothingToOpen : m.opened;
}
