// @ts-check
/**
 * The published results: who won (or the referendum's decision), the count sheet where the rule has
 * one, the seal, and the receipt check; for an election of several contests, each contest's with
 * its own turnout, then the overall turnout.
 */
import { api } from './api.js';
import { shownName } from './ballot-parts.js';
import { choicesInWords } from './ballots.js';
import { countSheet } from './count-sheet.js';
import { h, present } from './dom.js';
import { formatPercent } from './i18n.js';

/**
 * @typedef {import('./model.js').Messages} Messages
 * @typedef {import('./model.js').Lang} Lang
 * @typedef {import('./model.js').Results} Results
 * @typedef {import('./model.js').ContestsResults} ContestsResults
 * @typedef {import('./model.js').ContestResults} ContestResults
 * @typedef {import('./model.js').Turnout} Turnout
 * @typedef {import('./model.js').Result} Result
 * @typedef {import('./model.js').BallotDefinition} BallotDefinition
 */

/**
 * @param {Messages} m
 * @param {Lang} lang
 * @param {Results} results
 * @param {BallotDefinition} definition
 * @param {boolean} sealed a sealed election's, whose receipt is the voter's trackers
 * @returns {import('./model.js').View}
 */
export function resultsView(m, lang, results, definition, sealed) {
  const { result, turnout } = results;
  const postalPapers = results.contests[0]?.turnout.postalPapers;
  const sheet = result.sheet;
  return {
    heading: m.resultsTitle,
    body: [
      sheet ? outcome(m, result) : pluralityCounts(m, result),
      h('p', {}, m.turnout(turnout.voted, turnout.registered, formatPercent(lang, turnout.voted, turnout.registered))),
      postalPapers ? h('p', {}, m.postalPapersCounted(postalPapers.valid, postalPapers.invalid)) : null,
      // Plurality's counts are its whole sheet, so who won follows them; every other rule has a sheet with every round.
      sheet ? countSheet(m, lang, sheet) : pluralityOutcome(m, result),
      h('h3', {}, m.digestLabel),
      h('p', {}, h('code', { class: 'digest' }, results.seal.digest)),
      h('p', { class: 'hint' }, m.digestHelp),
      sealed
        ? trackerCheck(m, results.id, new Map(results.contests.map((contest) => [contest.id, contest.title])))
        : receiptCheck(m, results.id, (body) => [
            h('p', { class: 'found' }, m.receiptFound),
            h('p', {}, choicesInWords(m, definition, /** @type {string[]} */ (body.choices))),
            ballotIdLine(m, body.ballotId),
          ]),
    ],
  };
}

/**
 * @param {Messages} m
 * @param {Lang} lang
 * @param {ContestsResults} results
 * @param {boolean} sealed a sealed election's, whose receipt is the voter's trackers
 * @returns {import('./model.js').View}
 */
export function contestsResultsView(m, lang, results, sealed) {
  const byId = new Map(results.contests.map((contest) => [contest.id, contest]));
  return {
    heading: m.resultsTitle,
    body: [
      h('p', {}, turnoutLine(m.overallTurnout, lang, results.turnout)),
      ...results.contests.map((contest) => contestPart(m, lang, contest)),
      h('h3', {}, m.digestLabel),
      h('p', {}, h('code', { class: 'digest' }, results.seal.digest)),
      h('p', { class: 'hint' }, m.digestHelp),
      // One receipt finds each of its voter's papers; a contest the voter had no paper in is not listed.
      sealed
        ? trackerCheck(m, results.id, new Map(results.contests.map((contest) => [contest.id, contest.title])))
        : receiptCheck(m, results.id, (body) => {
            const papers = /** @type {{ contest: string, ballotId: string, choices: string[] }[]} */ (body.papers ?? []);
            return [
              h('p', { class: 'found' }, m.receiptFoundPapers(papers.length)),
              h(
                'ul',
                { class: 'papers-found' },
                ...papers.map((paper) => {
                  const contest = byId.get(paper.contest);
                  return h(
                    'li',
                    {},
                    h('p', { class: 'paper-title' }, contest?.title ?? paper.contest),
                    h('p', {}, contest ? choicesInWords(m, contest.ballot, paper.choices) : paper.choices.join(', ')),
                    ballotIdLine(m, paper.ballotId),
                  );
                }),
              ),
            ];
          }),
    ],
  };
}

/** Contest ids are unique in their election, so ids made from them are unique on the page. */
const contestHeadingId = (/** @type {string} */ contestId) => `contest-${contestId}-heading`;

/**
 * One contest: its title, who won, its turnout, and its count sheet (the console shows it too).
 * @param {Messages} m
 * @param {Lang} lang
 * @param {ContestResults} contest
 */
export function contestPart(m, lang, { id, title, result, turnout }) {
  const sheet = result.sheet;
  return h(
    'section',
    { class: 'contest-result', 'aria-labelledby': contestHeadingId(id) },
    h('h3', { id: contestHeadingId(id) }, title),
    sheet ? outcome(m, result) : pluralityCounts(m, result),
    h('p', {}, turnoutLine(m.contestTurnout, lang, turnout)),
    // Once counted in, the postal papers: the result above counts them with the online ones.
    turnout.postalPapers && h('p', {}, m.postalPapersCounted(turnout.postalPapers.valid, turnout.postalPapers.invalid)),
    sheet ? countSheet(m, lang, sheet, { idPrefix: `contest-${id}-`, level: 4 }) : pluralityOutcome(m, result),
  );
}

/**
 * @param {(online: number, postal: number, registered: number, percent: string) => string} words
 * @param {Lang} lang
 * @param {Turnout} turnout
 */
function turnoutLine(words, lang, { voted, postal = 0, registered }) {
  return words(voted, postal, registered, formatPercent(lang, voted + postal, registered));
}

const ballotIdLine = (/** @type {Messages} */ m, /** @type {string} */ ballotId) => h('p', { class: 'hint' }, m.receiptFoundBallotId, ' ', h('code', {}, ballotId));

/**
 * Who won, in order of election, and the seats left empty; for a referendum, its decision.
 * @param {Messages} m
 * @param {Result} result
 */
function outcome(m, result) {
  if (result.method === 'referendum') return h('p', { class: 'decision' }, result.passed ? m.referendumPassed : m.referendumFailed);
  return h('div', {}, electedLine(m, result), vacancies(m, result));
}

/**
 * @param {Messages} m
 * @param {Result} result
 */
function pluralityCounts(m, result) {
  return h(
    'table',
    {},
    h('caption', {}, m.resultsCaption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, m.candidateColumn), h('th', { scope: 'col', class: 'number' }, m.votesColumn))),
    h(
      'tbody',
      {},
      ...result.counts.map(({ candidate, votes }) => h('tr', {}, h('th', { scope: 'row' }, shownName(m, candidate)), h('td', { class: 'number' }, String(votes)))),
      h('tr', { class: 'aside' }, h('th', { scope: 'row' }, m.abstentions), h('td', { class: 'number' }, String(result.abstentions))),
    ),
  );
}

/**
 * @param {Messages} m
 * @param {Result} result
 */
function pluralityOutcome(m, result) {
  return h('div', {}, electedLine(m, result), result.tied.length > 0 && h('p', {}, m.tied(result.tied.join(', '))), vacancies(m, result));
}

const electedLine = (/** @type {Messages} */ m, /** @type {Result} */ result) => h('p', {}, result.elected.length > 0 ? m.elected(result.elected.join(', ')) : m.electedNobody);

/** A seat won by RON, or beyond a list's candidates, stays empty: the results say so. */
const vacancies = (/** @type {Messages} */ m, /** @type {Result} */ result) => (result.vacant ?? 0) > 0 && h('p', {}, m.vacant(result.vacant ?? 0));

/**
 * A sealed election's receipt check: the voter's trackers looked for on the board, each paper
 * found named with its contest and counted; a sealed paper holds no choice anyone can read.
 * @param {Messages} m
 * @param {string} electionId
 * @param {Map<string, string>} titles the contests' titles, by id
 */
function trackerCheck(m, electionId, titles) {
  const words = { ...m, receiptCheckTitle: m.trackerCheckTitle, receiptCheckLabel: m.trackerLabel, receiptInvalidFormat: m.trackerInvalidFormat, receiptNotFound: m.trackerNotFound };
  return receiptCheck(
    words,
    electionId,
    (body) => {
      const papers = /** @type {{ contest: string, tracker: string }[]} */ (body.papers ?? []);
      const missing = /** @type {string[]} */ (body.missing ?? []);
      return [
        h('p', { class: 'found' }, m.trackerFound(papers.length)),
        h('ul', { class: 'papers-found trackers' }, ...papers.map((paper) => h('li', {}, `${titles.get(paper.contest) ?? paper.contest}: `, h('code', {}, paper.tracker)))),
        missing.length > 0 && h('p', { class: 'error' }, m.trackerMissing(missing.join(', '))),
      ];
    },
    TRACKERS,
  );
}

/** A sealed cast's receipt: its papers' trackers (hex SHA-256), joined by dots in the order of the contests. */
const TRACKERS = /^[0-9a-f]{64}(?:\.[0-9a-f]{64})*$/;
const RECEIPT = /^[A-Za-z0-9_-]{22}$/;

/**
 * @param {Messages} m
 * @param {string} electionId
 * @param {(body: any) => (Node | false)[]} found what the check's answer says was found
 * @param {RegExp} [shape] what a receipt looks like
 */
function receiptCheck(m, electionId, found, shape = RECEIPT) {
  const outcome = h('div', { role: 'status', class: 'status', id: 'receipt-outcome' });
  const input = h('input', { id: 'receipt-input', type: 'text', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', 'aria-describedby': 'receipt-outcome' });
  const form = h(
    'form',
    {
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        const receipt = input.value.trim();
        if (!shape.test(receipt)) {
          input.setAttribute('aria-invalid', 'true');
          outcome.replaceChildren(h('p', { class: 'error' }, m.receiptInvalidFormat));
          input.focus();
          return;
        }
        input.removeAttribute('aria-invalid');
        const answer = await api.checkReceipt(electionId, receipt);
        if (answer.kind === 'ok') {
          outcome.replaceChildren(...present(...found(answer.body)));
        } else if (answer.kind === 'refused' && answer.code === 'receipt_not_found') {
          outcome.replaceChildren(h('p', { class: 'error' }, m.receiptNotFound));
        } else {
          outcome.replaceChildren(h('p', { class: 'error' }, answer.kind === 'refused' ? m.unexpected(answer.message) : m.loadFailedBody));
        }
      },
    },
    h('label', { for: 'receipt-input' }, m.receiptCheckLabel),
    input,
    h('button', { type: 'submit', class: 'primary' }, m.receiptCheckButton),
  );
  return h('section', { 'aria-labelledby': 'receipt-check-heading' }, h('h3', { id: 'receipt-check-heading' }, m.receiptCheckTitle), form, outcome);
}
