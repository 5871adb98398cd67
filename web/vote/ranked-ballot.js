// @ts-check
/**
 * A ranked ballot: each candidate (and RON, where offered) has a rank select, "not ranked" or 1…n.
 * Selects work with the keyboard, read well in screen readers and fit a phone; there is nothing to
 * drag. Equal ranks and gaps can be entered, so they are named before review, and live as they arise.
 */
import { RON, abstainOption, ballotFieldset, candidatePageLink, reviewOf, shownName } from './ballot-parts.js';
import { h } from './dom.js';

/**
 * @typedef {import('./model.js').Messages} Messages
 * @typedef {import('./model.js').Candidate} Candidate
 */

/**
 * @param {Candidate[]} candidates
 * @param {Extract<import('./model.js').BallotDefinition, { kind: 'ranked' }>} definition
 * @returns {import('./model.js').Ballot}
 */
export function rankedBallot(candidates, definition) {
  const names = [...candidates.map((c) => c.name), ...(definition.ron ? [RON] : [])];
  const pageLinks = new Map(candidates.map((c) => [c.name, c.pageLink]));
  /** @type {Map<string, number>} */
  const ranks = new Map();
  let abstain = false;
  const rankOf = (/** @type {string} */ name) => /** @type {number} */ (ranks.get(name));
  // By rank; equal ranks keep ballot order, so the voter sees them side by side.
  const ranked = () => names.filter((name) => ranks.has(name)).sort((a, b) => rankOf(a) - rankOf(b));

  /** Equal ranks or a gap: what keeps the ranking from being one order of preference. */
  const orderProblem = (/** @type {Messages} */ m) => {
    const order = ranked();
    for (const [i, name] of order.entries()) {
      const rank = rankOf(name);
      const previous = order[i - 1];
      if (previous !== undefined && rankOf(previous) === rank) return m.errorEqualRanks(rank, m.andList(order.filter((n) => rankOf(n) === rank).map((n) => shownName(m, n))));
      if (rank !== i + 1) return m.errorRankGap(i + 1, rank);
    }
    return undefined;
  };

  /** The ranking as entered, with what is wrong with it: read out after every change. */
  const statusText = (/** @type {Messages} */ m) => {
    const order = ranked();
    if (order.length === 0) return m.rankingNone;
    const now = m.rankingNow(order.map((name) => `${rankOf(name)}. ${shownName(m, name)}`).join(', '));
    const problem = orderProblem(m);
    return problem ? `${now} ${problem}` : now;
  };

  return {
    fields(m, invalid) {
      const status = h('p', { id: 'ranking-status', role: 'status', class: 'status live' }, statusText(m));
      const rows = names.map((name, i) => {
        const id = `rank-${i}`;
        const label = shownName(m, name);
        const pageLink = pageLinks.get(name);
        const select = h(
          'select',
          {
            id,
            name: id,
            onchange: (event) => {
              const rank = Number(/** @type {HTMLSelectElement} */ (event.target).value);
              if (rank > 0) ranks.set(name, rank);
              else ranks.delete(name);
              status.textContent = statusText(m);
            },
          },
          h('option', { value: '' }, m.notRanked),
          ...names.map((_, k) => h('option', { value: String(k + 1), selected: ranks.get(name) === k + 1 }, m.rankOption(k + 1))),
        );
        return h('div', { class: 'option rank' }, h('label', { for: id }, label), select, pageLink !== undefined && candidatePageLink(m, label, pageLink));
      });
      const abstention = abstainOption(m, { radio: false, checked: abstain, onchange: (checked) => (abstain = checked) });
      // Schulze compares every pair; the other rules move a ballot on, preference by preference.
      const hint = m.rankHint(definition.seats, definition.method === 'schulze');
      return [ballotFieldset({ legend: m.rankLegend, hint, invalid }, ...rows, abstention), status];
    },
    problem(m) {
      const count = ranks.size;
      if (abstain && count > 0) return m.errorAbstainAndRanking;
      if (!abstain && count === 0) return m.errorNothingRanked;
      return orderProblem(m);
    },
    choice: () => (abstain ? { abstain: true } : { choices: ranked() }),
    review: (m) => reviewOf(m, abstain ? 'abstain' : { intro: m.confirmRanking, items: ranked().map((name) => shownName(m, name)), ordered: true }),
  };
}
