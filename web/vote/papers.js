// @ts-check
/**
 * An election of several contests: the voter's ballot papers one at a time, each with the ballot
 * of its kind (ballots.js), then one review of them all. The page's flow (app.js) keeps the marks,
 * moves between the views and sends the one cast.
 */
import { ballotFor } from './ballots.js';
import { h } from './dom.js';

/**
 * @typedef {import('./model.js').Messages} Messages
 * @typedef {import('./model.js').Contest} Contest
 * @typedef {import('./model.js').Ballot} Ballot
 * @typedef {import('./model.js').View} View
 * @typedef {{ contest: Contest, ballot: Ballot }} Paper a contest the voter votes in, and the ballot holding their marks
 */

/**
 * A ballot's words on one paper of several: its abstention is this paper's alone, so it says so,
 * there and in the review.
 * @param {Messages} m
 * @returns {Messages}
 */
export const paperWords = (m) => ({ ...m, abstain: m.abstainPaper, confirmAbstain: m.confirmAbstainPaper });

/**
 * The voter's papers in the election's order. A contest's ballot is made once and kept in `kept`,
 * so that its marks survive the papers being asked for again (after a refused token is replaced).
 * @param {Contest[]} contests the election's
 * @param {string[]} ids the contests the voter's credential may vote in
 * @param {Map<string, Ballot>} kept
 * @returns {Paper[]}
 */
export function papersOf(contests, ids, kept) {
  return contests
    .filter((contest) => ids.includes(contest.id))
    .map((contest) => {
      const ballot = kept.get(contest.id) ?? ballotFor(contest);
      kept.set(contest.id, ballot);
      return { contest, ballot };
    });
}

/**
 * One paper: where it stands among the voter's papers, its description, its ballot, and the way on.
 * @param {Messages} m
 * @param {Paper} paper
 * @param {{
 *   number: number,
 *   count: number,
 *   intro: boolean,
 *   error: (Node | string)[],
 *   submitLabel: string,
 *   onSubmit: () => void,
 *   back?: { label: string, onclick: () => void },
 * }} place `error`: why the paper was refused, empty if it was not
 * @returns {View}
 */
export function paperView(m, { contest, ballot }, { number, count, intro, error, submitLabel, onSubmit, back }) {
  const form = h(
    'form',
    {
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        onSubmit();
      },
    },
    ...ballot.fields(paperWords(m), error.length > 0),
    h('p', { id: 'ballot-error', class: 'error', role: 'alert' }, ...error),
    // The way on comes first, as on every view; going back keeps the marks and checks nothing.
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, submitLabel), back && h('button', { type: 'button', class: 'secondary', onclick: back.onclick }, back.label)),
  );
  return {
    heading: m.paperHeading(number, count, contest.title),
    body: [intro ? h('p', {}, m.papersIntro(count)) : null, contest.description ? h('p', { class: 'description' }, contest.description) : null, form],
  };
}

/**
 * Every paper as it will be cast, abstentions named, each with its way back to change it; then the one cast.
 * @param {Messages} m
 * @param {Paper[]} papers
 * @param {{ change: (index: number) => void, cast: () => void, sealed?: { note: Node, offer: Node[] } }} actions `sealed`: in a
 *   sealed election, the note that the papers are sealed here and the offer to check the encryption
 * @returns {View}
 */
export function papersReview(m, papers, { change, cast, sealed }) {
  const words = paperWords(m);
  return {
    heading: m.papersConfirmTitle,
    body: [
      ...papers.map(({ contest, ballot }, i) => {
        const id = `paper-${i + 1}-heading`;
        return h(
          'section',
          { class: 'paper-review', 'aria-labelledby': id },
          h('h3', { id }, m.paperHeading(i + 1, papers.length, contest.title)),
          ...ballot.review(words),
          h('button', { type: 'button', class: 'secondary', onclick: () => change(i) }, m.changePaper(contest.title)),
        );
      }),
      h('p', {}, m.papersConfirmFinal),
      sealed?.note ?? null,
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', onclick: cast }, m.castPapers)),
      ...(sealed?.offer ?? []),
    ],
  };
}

/**
 * The paper a refused cast names (`papers.<contest>: why`, or `papers.<contest>.choices: why` for
 * a malformed one), with the server's reason.
 * @param {Paper[]} papers
 * @param {string} message
 * @returns {{ index: number, reason: string } | undefined}
 */
export function refusedPaper(papers, message) {
  const named = /^papers\.([a-z0-9-]+)[.:]/.exec(message)?.[1];
  const index = papers.findIndex(({ contest }) => contest.id === named);
  if (index < 0) return undefined;
  return { index, reason: message.slice(message.indexOf(':') + 1).trim() };
}
