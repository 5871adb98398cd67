// @ts-check
import { h } from '../vote/dom.js';

/**
 * How the observed election keeps its ballots, from its public view: an open box is not secret
 * against the operator; a sealed one shows its threshold, the key ceremony's progress until the
 * election key is published, and after the close each contest's opening.
 * @typedef {import('./i18n.js').Messages} Messages
 * @typedef {{ step: string, waitingFor: number[], failedRounds: number }} Ceremony
 * @typedef {{ id: string, mixes: number, mixesNeeded: number, decryptions: number[], threshold: number, next: string }} ContestOpening
 * @typedef {{ box?: 'open' } | { box: 'sealed', trustees: { count: number, threshold: number, names?: string[] }, ceremony: Ceremony,
 *   electionKey?: string, opening?: { contests: ContestOpening[] } }} BoxView
 */

/**
 * The `Ballot box` fact's content.
 * @param {Messages} m
 * @param {BoxView & { contests?: { id: string, title: string }[] }} election
 * @returns {(Node | string)[]}
 */
export function boxFact(m, election) {
  if (election.box !== 'sealed') return [m.boxOpen];
  const { trustees, ceremony } = election;
  const trustee = (/** @type {number} */ n) => {
    const name = trustees.names?.[n - 1];
    return name ? `${m.events.trustee(n)} (${name})` : m.events.trustee(n);
  };
  /** @type {(Node | string)[]} */
  const parts = [m.boxSealed(trustees.threshold, trustees.count), h('br')];
  if (ceremony.step === 'complete')
    parts.push(h('span', { id: 'ceremony' }, m.ceremonyComplete), h('br'), h('span', { class: 'hint' }, m.electionKey), ' ', h('code', { class: 'digest' }, election.electionKey ?? ''));
  else parts.push(h('span', { id: 'ceremony' }, `${m.ceremonySteps[ceremony.step] ?? ceremony.step} ${m.ceremonyWaiting(ceremony.waitingFor.map(trustee))}`));
  if (ceremony.failedRounds > 0) parts.push(h('br'), m.ceremonyFailedRounds(ceremony.failedRounds));
  if (election.opening) {
    const titles = new Map((election.contests ?? []).map((contest) => [contest.id, contest.title]));
    parts.push(
      h(
        'ul',
        { id: 'opening', class: 'plain' },
        ...election.opening.contests.map((c) =>
          h(
            'li',
            {},
            `${m.openingContest(titles.get(c.id) ?? c.id, c.mixes, c.mixesNeeded, c.decryptions.length, c.threshold)}; ${c.next === 'opened' && c.mixes === 0 ? m.nothingToOpen : (m.openingNext[c.next] ?? c.next)}.`,
          ),
        ),
      ),
    );
  }
  return parts;
}
