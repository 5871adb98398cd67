// @ts-check
/**
 * The count sheet (domain/counting/sheet.ts) as tables anyone can check by hand. A wide table
 * scrolls inside its own labelled region, so the page never scrolls sideways on a phone. The
 * sheet's own words (actions, reasons, lot purposes) are English and marked so.
 */
import { shownName } from './ballot-parts.js';
import { h, present } from './dom.js';
import { ownValue } from './records.js';

/**
 * @typedef {import('./model.js').Messages} Messages
 * @typedef {import('./model.js').Lang} Lang
 * @typedef {import('./model.js').CountSheet} CountSheet
 * @typedef {(Node | string | null | undefined | false)} Part
 * @typedef {{ id: (name: string) => string, sub: 'h4' | 'h5' }} Place where a sheet sits: its ids, unique on the page, and its subheadings' level
 */

/** The heading a results link with `view=count-sheet` lands on (of an election of one contest). */
export const COUNT_SHEET_HEADING = 'count-sheet-heading';

const NOT_COUNTED = '–';

/** The sheet's words, read out in English whatever the page's language. */
const sheetWords = (/** @type {string} */ text) => h('span', { lang: 'en' }, text);

/**
 * @param {Messages} m
 * @param {Lang} lang
 * @param {CountSheet} sheet
 * @param {{ idPrefix?: string, level?: 3 | 4 }} [options] several sheets on one page (one per contest) each need their
 *   own ids, and sit a level deeper, under their contest's heading
 */
export function countSheet(m, lang, sheet, { idPrefix = '', level = 3 } = {}) {
  // Exact decimal strings: only the decimal mark changes with the language, never a digit.
  const figure = (/** @type {string} */ value) => (lang === 'de' ? value.replace('.', ',') : value);
  const name = (/** @type {string} */ candidate) => shownName(m, candidate);
  /** @type {Place} */
  const place = { id: (id) => `${idPrefix}${id}`, sub: level === 3 ? 'h4' : 'h5' };
  const headingId = place.id(COUNT_SHEET_HEADING);
  return h(
    'section',
    { 'aria-labelledby': headingId, class: 'count-sheet' },
    h(level === 3 ? 'h3' : 'h4', { id: headingId, tabindex: '-1' }, m.countSheetTitle),
    h('p', { class: 'hint' }, m.countSheetIntro),
    facts(m, sheet, figure),
    ...(sheet.referendum ? referendumPart(m, sheet.referendum, place) : roundsPart(m, sheet, figure, name, place)),
    ...(sheet.schulze ? schulzePart(m, sheet.candidates, sheet.schulze, name, place) : []),
    ...(sheet.lists ? listsPart(m, sheet.lists, figure, place) : []),
    ...lotsPart(m, sheet, name, place),
    h('p', { class: 'hint' }, m.countSheetWording),
  );
}

/**
 * @param {Messages} m
 * @param {CountSheet} sheet
 * @param {(value: string) => string} figure
 */
function facts(m, sheet, figure) {
  /** @type {[string, string][]} */
  const rows = [
    [m.methodLabel, m.methodNames[sheet.method]],
    ...(sheet.seats > 0 ? [/** @type {[string, string]} */ ([m.seatsLabel, String(sheet.seats)])] : []),
    [m.validBallotsLabel, String(sheet.validBallots)],
    ...(sheet.quota !== undefined ? [/** @type {[string, string]} */ ([m.quotaLabel, figure(sheet.quota)])] : []),
    // A sheet that does not say counted `one`, the only rule before a ballot could name it.
    ...(sheet.lists ? [/** @type {[string, string]} */ ([m.wholeListLabel, sheet.lists.listVote === 'all' ? m.wholeListCountsAll : m.wholeListCountsOne])] : []),
  ];
  return h('dl', { class: 'facts' }, ...rows.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

/**
 * A table in its own scrolling region. Its title stays above the region, in sight however far the
 * table is scrolled, and names both; the region takes focus, so keyboard users can scroll it too.
 * @param {string} id
 * @param {string} title
 * @param {string[]} columns the first heads the row names
 * @param {{ head: Part, cells: Part[], className?: string }[]} rows
 * @param {number[]} [textColumns] the cells, by index, that hold words: every other cell is a figure
 */
function scrollingTable(id, title, columns, rows, textColumns = []) {
  const titleId = `${id}-title`;
  /** @returns {Record<string, string>} */
  const align = (/** @type {number} */ cell) => (textColumns.includes(cell) ? {} : { class: 'number' });
  return h(
    'div',
    { class: 'table-block' },
    h('p', { id: titleId, class: 'table-title' }, title),
    h(
      'div',
      { class: 'table-scroll', role: 'region', 'aria-labelledby': titleId, tabindex: '0' },
      h(
        'table',
        { id, 'aria-labelledby': titleId },
        h('thead', {}, h('tr', {}, ...columns.map((column, i) => h('th', { scope: 'col', ...(i === 0 ? {} : align(i - 1)) }, column)))),
        h(
          'tbody',
          {},
          ...rows.map(({ head, cells, className }) => h('tr', className ? { class: className } : {}, h('th', { scope: 'row' }, head), ...cells.map((cell, i) => h('td', align(i), cell)))),
        ),
      ),
    ),
  );
}

/**
 * The votes after each round, the votes moved in each, and what each round did.
 * @param {Messages} m
 * @param {CountSheet} sheet
 * @param {(value: string) => string} figure
 * @param {(candidate: string) => string} name
 * @param {Place} place
 */
function roundsPart(m, sheet, figure, name, place) {
  const { rounds } = sheet;
  const columns = ['', ...rounds.map((r) => m.roundColumn(r.round))];
  // A list count's first round also holds its candidates' personal votes, beside the lists.
  const counted = [...new Set([...sheet.candidates, ...rounds.flatMap((r) => Object.keys(r.votes))])];
  /** @param {string} label @param {(round: import('./model.js').CountRound) => string | undefined} cell */
  const sideRow = (label, cell) => (rounds.some((r) => cell(r) !== undefined) ? [{ head: label, cells: rounds.map((r) => figure(cell(r) ?? '')), className: 'aside' }] : []);
  const votes = scrollingTable(place.id('count-votes'), m.votesPerRound, columns, [
    ...counted.map((candidate) => ({
      head: name(candidate),
      cells: rounds.map((r) => {
        const v = ownValue(r.votes, candidate);
        return v === undefined ? NOT_COUNTED : figure(v);
      }),
    })),
    ...sideRow(m.nonTransferable, (r) => r.nonTransferable),
    ...sideRow(m.quotaLabel, (r) => r.quota),
  ]);
  const receiving = counted.filter((candidate) => rounds.some((r) => ownValue(r.transfers, candidate) !== undefined));
  const transfers =
    receiving.length > 0 &&
    scrollingTable(place.id('count-transfers'), m.transfersPerRound, columns, [
      ...receiving.map((candidate) => ({ head: name(candidate), cells: rounds.map((r) => figure(ownValue(r.transfers, candidate) ?? '')) })),
      ...sideRow(m.transferValue, (r) => r.transferValue),
    ]);
  const steps = rounds.map((round) =>
    h(
      'li',
      {},
      h('strong', {}, m.roundColumn(round.round)),
      ': ',
      sheetWords(round.action),
      ...decisions(
        round.elected.map((d) => [m.roundElected(name(d.candidate)), d.reason]),
        round.excluded.map((d) => [m.roundExcluded(name(d.candidate)), d.reason]),
      ),
    ),
  );
  return present(votes, transfers, h(place.sub, {}, m.roundsTitle), h('ol', { class: 'rounds' }, ...steps));
}

/**
 * @param {...[string, string][]} groups each decision in the page's words, then its reason in the sheet's
 * @returns {Node[]}
 */
function decisions(...groups) {
  const items = groups.flat();
  return items.length === 0 ? [] : [h('ul', {}, ...items.map(([what, reason]) => h('li', {}, `${what} (`, sheetWords(reason), ')')))];
}

/**
 * @param {Messages} m
 * @param {CountSheet} sheet
 * @param {(candidate: string) => string} name
 * @param {Place} place
 */
function lotsPart(m, sheet, name, place) {
  if (sheet.lots.length === 0) return [h(place.sub, {}, m.lotsTitle), h('p', {}, m.lotsNone)];
  return [
    h(place.sub, {}, m.lotsTitle),
    h(
      'ol',
      { class: 'lots' },
      ...sheet.lots.map((lot) =>
        h(
          'li',
          {},
          h('p', {}, m.lotLine(lot.round, m.andList(lot.among.map(name)), name(lot.chosen))),
          h('p', {}, `${m.lotPurpose}: `, sheetWords(lot.purpose)),
          h('p', {}, `${m.lotDraw}: `, h('code', { class: 'draw' }, lot.draw)),
        ),
      ),
    ),
  ];
}

/**
 * @param {Messages} m
 * @param {string[]} candidates
 * @param {import('./model.js').SchulzeSection} schulze
 * @param {(candidate: string) => string} name
 * @param {Place} place
 */
function schulzePart(m, candidates, schulze, name, place) {
  const columns = ['', ...candidates.map(name)];
  /** @param {string} id @param {string} caption @param {number[][]} matrix */
  const pairwise = (id, caption, matrix) =>
    scrollingTable(
      place.id(id),
      caption,
      columns,
      candidates.map((candidate, i) => ({ head: name(candidate), cells: candidates.map((_, j) => (i === j ? NOT_COUNTED : String(matrix[i]?.[j] ?? ''))) })),
    );
  return [
    h(place.sub, {}, m.schulzeRanking),
    h('ol', { class: 'ranking' }, ...schulze.ranking.map((candidate) => h('li', {}, name(candidate)))),
    pairwise('schulze-preferences', m.schulzePairwise, schulze.preferences),
    pairwise('schulze-paths', m.schulzePaths, schulze.strongestPaths),
  ];
}

/**
 * @param {Messages} m
 * @param {import('./model.js').ListSection} lists
 * @param {(value: string) => string} figure
 * @param {Place} place
 */
function listsPart(m, lists, figure, place) {
  return [
    scrollingTable(
      place.id('list-seats'),
      m.listResults,
      [m.listColumn, m.listVotesColumn, m.listSeatsColumn, m.listElectedColumn, m.listEmptyColumn],
      lists.results.map((r) => ({ head: r.list, cells: [figure(r.votes), String(r.seats), m.andList(r.elected), String(r.emptySeats)] })),
      [2],
    ),
    scrollingTable(
      place.id('list-steps'),
      m.listSteps,
      [m.seatColumn, m.listColumn, m.quotientColumn, m.reasonColumn],
      lists.steps.map((step) => ({ head: String(step.seat), cells: [step.list, figure(step.quotient), sheetWords(step.reason)] })),
      [0, 2],
    ),
  ];
}

/**
 * @param {Messages} m
 * @param {import('./model.js').ReferendumSection} referendum
 * @param {Place} place
 */
function referendumPart(m, referendum, place) {
  return present(
    scrollingTable(
      place.id('referendum-answers'),
      m.referendumTitle,
      [m.answerColumn, m.votesColumn],
      [
        { head: m.yes, cells: [String(referendum.yes)] },
        { head: m.no, cells: [String(referendum.no)] },
        { head: m.abstentions, cells: [String(referendum.abstain)], className: 'aside' },
      ],
    ),
    h('p', {}, m.majorityNeeded(referendum.majority)),
    referendum.quorumVotes !== undefined && h('p', {}, m.quorumNeeded(referendum.quorumVotes)),
    h('p', { class: 'decision' }, referendum.passed ? m.referendumPassed : m.referendumFailed, ' (', sheetWords(referendum.reason), ')'),
  );
}
