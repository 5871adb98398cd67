// @ts-check
/**
 * A party-list ballot: the lists in ballot order, each with its candidates in list order. The
 * voter gives personal votes, cumulative (several to one candidate) and across lists, or the one
 * vote to a whole list; choosing either clears the other. The votes left are counted live, and the
 * hint says what a vote for a whole list counts as (the ballot's `listVote`).
 */
import { abstainOption, ballotFieldset, candidatePageLink, reviewOf } from './ballot-parts.js';
import { h } from './dom.js';

/**
 * @typedef {import('./model.js').Messages} Messages
 * @typedef {import('./model.js').Candidate} Candidate
 */

/**
 * @param {Candidate[]} candidates
 * @param {Extract<import('./model.js').BallotDefinition, { kind: 'list' }>} definition
 * @returns {import('./model.js').Ballot}
 */
export function listBallot(candidates, definition) {
  const { votes, maxPerCandidate } = definition;
  // Candidates grouped by list, lists in ballot order; an index is the candidate's on the ballot.
  const lists = definition.lists.map((list) => ({ list, members: candidates.flatMap((c, index) => (c.list === list ? [{ ...c, index }] : [])) }));
  const onBallot = lists.flatMap(({ members }) => members);
  /** What the voter typed per candidate, kept as typed so that a refused entry is shown as it was. @type {Map<string, string>} */
  const typed = new Map();
  /** @type {string | undefined} */
  let listVote;
  let abstain = false;

  /** A candidate's votes; NaN for an entry that is no whole number. */
  const votesOf = (/** @type {string} */ name) => {
    const text = (typed.get(name) ?? '').trim();
    return text === '' ? 0 : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  };
  const given = () => onBallot.reduce((sum, c) => sum + (votesOf(c.name) || 0), 0);
  const withVotes = () => onBallot.filter((c) => votesOf(c.name) > 0);

  const statusText = (/** @type {Messages} */ m) => {
    if (listVote !== undefined) return m.listVoteStatus(listVote);
    const sum = given();
    return sum <= votes ? m.votesLeft(votes - sum, votes) : m.votesTooMany(sum - votes, votes);
  };

  return {
    fields(m, invalid) {
      const status = h('p', { id: 'votes-left', role: 'status', class: 'status live' }, statusText(m));
      /** @type {HTMLInputElement[]} */
      const listBoxes = [];
      /** @type {HTMLInputElement[]} */
      const voteInputs = [];
      const fieldsets = lists.map(({ list, members }, j) => {
        const box = h('input', {
          id: `list-vote-${j}`,
          type: 'checkbox',
          name: 'list-vote',
          value: list,
          checked: listVote === list,
          onchange: () => {
            if (!box.checked) {
              listVote = undefined;
              status.textContent = statusText(m);
              return;
            }
            listVote = list;
            for (const other of listBoxes) if (other !== box) other.checked = false;
            typed.clear();
            for (const input of voteInputs) input.value = '0';
            status.textContent = m.listVoteChosen(list);
          },
        });
        listBoxes.push(box);
        const rows = members.map((candidate) => {
          const id = `votes-${candidate.index}`;
          const input = h('input', {
            id,
            name: id,
            type: 'number',
            inputmode: 'numeric',
            min: '0',
            max: String(maxPerCandidate),
            step: '1',
            value: typed.get(candidate.name) ?? '0',
            oninput: () => {
              typed.set(candidate.name, input.value);
              const withdrawn = votesOf(candidate.name) > 0 ? listVote : undefined;
              if (withdrawn !== undefined) {
                listVote = undefined;
                for (const other of listBoxes) other.checked = false;
              }
              status.textContent = withdrawn === undefined ? statusText(m) : `${m.listVoteWithdrawn(withdrawn)} ${statusText(m)}`;
            },
          });
          voteInputs.push(input);
          return h('div', { class: 'option votes' }, h('label', { for: id }, candidate.name), input, candidatePageLink(m, candidate.name, candidate.pageLink));
        });
        return h('fieldset', { class: 'list' }, h('legend', {}, list), h('div', { class: 'option list-vote' }, box, h('label', { for: box.id }, m.wholeList(list))), ...rows);
      });
      const abstention = abstainOption(m, { radio: false, checked: abstain, onchange: (checked) => (abstain = checked) });
      const wholeList = definition.listVote === 'all' ? m.wholeListHintAll(votes, maxPerCandidate) : m.wholeListHintOne;
      return [ballotFieldset({ legend: m.listLegend(votes), hint: `${m.listHint(maxPerCandidate)} ${wholeList}`, invalid }, ...fieldsets, abstention), status];
    },
    problem(m) {
      const refused = onBallot.find((c) => !(votesOf(c.name) <= maxPerCandidate));
      if (refused) return m.errorVotesPerCandidate(refused.name, maxPerCandidate);
      const marked = listVote !== undefined || given() > 0;
      if (abstain && marked) return m.errorAbstainAndChoice;
      if (!abstain && !marked) return m.errorNoVotes;
      if (given() > votes) return m.errorTooManyVotes(votes, given());
      return undefined;
    },
    choice() {
      if (abstain) return { abstain: true };
      if (listVote !== undefined) return { choices: [listVote] };
      return { choices: withVotes().flatMap((c) => Array.from({ length: votesOf(c.name) }, () => c.name)) };
    },
    review(m) {
      if (abstain) return reviewOf(m, 'abstain');
      if (listVote !== undefined) return reviewOf(m, { intro: m.confirmListVote, items: [listVote] });
      return reviewOf(m, { intro: m.confirmVotes, items: withVotes().map((c) => m.votesFor(c.name, /** @type {string} */ (c.list), votesOf(c.name))) });
    },
  };
}
