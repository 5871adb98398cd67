// @ts-check
/** Which ballot an election shows, and how a stored ballot of each kind reads. */
import { RON, shownName } from './ballot-parts.js';
import { choiceBallot } from './choice-ballot.js';
import { listBallot } from './list-ballot.js';
import { rankedBallot } from './ranked-ballot.js';

/**
 * @typedef {import('./model.js').Messages} Messages
 * @typedef {import('./model.js').BallotSource} BallotSource
 * @typedef {import('./model.js').BallotDefinition} BallotDefinition
 */

/** A referendum's answers as stored (domain/election.ts REFERENDUM_ANSWERS), each with its words. */
const ANSWERS = /** @type {const} */ (['yes', 'no']);

/**
 * @param {BallotSource} source an election of one contest, or one contest of several
 * @returns {import('./model.js').Ballot}
 */
export function ballotFor(source) {
  const definition = source.ballot;
  switch (definition.kind) {
    case 'ranked':
      return rankedBallot(source.candidates, definition);
    case 'list':
      return listBallot(source.candidates, definition);
    case 'referendum':
      // The title is the question, so it labels the answers.
      return choiceBallot({
        options: ANSWERS.map((answer) => ({ value: answer, label: (m) => m[answer] })),
        maxChoices: 'one',
        legend: () => source.title,
        hint: (m) => m.referendumHint(definition.majority, definition.quorumPercent),
        nothingChosen: (m) => m.errorNoAnswer,
        intro: (m) => m.confirmAnswer,
      });
    default: {
      const ron = definition.kind === 'single' && definition.ron ? [{ value: RON, label: (/** @type {Messages} */ m) => m.ron }] : [];
      const maxChoices = definition.kind === 'multi' ? definition.maxChoices : 'one';
      return choiceBallot({
        options: [...source.candidates.map((c) => ({ value: c.name, label: () => c.name, pageLink: c.pageLink })), ...ron],
        maxChoices,
        legend: (m) => (maxChoices === 'one' ? m.chooseOne : m.chooseUpTo(maxChoices)),
        nothingChosen: (m) => m.errorNothingChosen,
        intro: (m) => m.confirmChoices,
      });
    }
  }
}

/**
 * What a stored ballot counts for, in a sentence (the receipt check); an empty one is an abstention.
 * @param {Messages} m
 * @param {BallotDefinition} definition
 * @param {string[]} choices as stored: a ranking in order, personal votes one name per vote
 */
export function choicesInWords(m, definition, choices) {
  if (choices.length === 0) return m.receiptFoundAbstain;
  switch (definition.kind) {
    case 'ranked':
      return m.receiptFoundRanking(choices.map((name, i) => `${i + 1}. ${shownName(m, name)}`).join(', '));
    case 'referendum':
      return m.receiptFoundAnswer(choices.map((answer) => (answer === 'yes' || answer === 'no' ? m[answer] : answer)).join(', '));
    case 'list': {
      const [first] = choices;
      if (first !== undefined && definition.lists.includes(first)) return m.receiptFoundListVote(first);
      /** @type {Map<string, number>} */
      const times = new Map();
      for (const name of choices) times.set(name, (times.get(name) ?? 0) + 1);
      return m.receiptFoundVotes([...times].map(([name, n]) => `${name} ×${n}`).join(', '));
    }
    default:
      return m.receiptFoundChoices(choices.map((name) => shownName(m, name)).join(', '));
  }
}
