// @ts-check
/** A ballot of marks: one of n as radio buttons, or up to k of n as checkboxes; abstaining is one more mark. */
import { abstainOption, ballotFieldset, candidatePageLink, reviewOf } from './ballot-parts.js';
import { h } from './dom.js';

/**
 * @typedef {import('./model.js').Messages} Messages
 * @typedef {{ value: string, label: (m: Messages) => string, pageLink?: string }} Option
 */

/**
 * @param {{
 *   options: Option[],
 *   maxChoices: number | 'one',
 *   legend: (m: Messages) => string,
 *   hint?: (m: Messages) => string,
 *   nothingChosen: (m: Messages) => string,
 *   intro: (m: Messages) => string,
 * }} ballot `maxChoices: 'one'` is one of n, as radio buttons
 * @returns {import('./model.js').Ballot}
 */
export function choiceBallot({ options, maxChoices, legend, hint, nothingChosen, intro }) {
  const single = maxChoices === 'one';
  const marked = new Set();
  let abstain = false;
  /** @param {string} value @param {boolean} checked */
  const mark = (value, checked) => {
    if (single) {
      marked.clear();
      abstain = false;
    }
    if (checked) marked.add(value);
    else marked.delete(value);
  };
  // In ballot order, whatever order they were marked in.
  const chosen = () => options.filter((option) => marked.has(option.value));
  return {
    fields(m, invalid) {
      const rows = options.map((option, i) => {
        const id = `candidate-${i}`;
        const label = option.label(m);
        return h(
          'div',
          { class: 'option' },
          h('input', {
            id,
            type: single ? 'radio' : 'checkbox',
            name: 'choice',
            value: option.value,
            checked: marked.has(option.value),
            onchange: (event) => mark(option.value, /** @type {HTMLInputElement} */ (event.target).checked),
          }),
          h('label', { for: id }, label),
          option.pageLink && candidatePageLink(m, label, option.pageLink),
        );
      });
      const abstention = abstainOption(m, {
        radio: single,
        checked: abstain,
        onchange: (checked) => {
          abstain = checked;
          if (single && checked) marked.clear();
        },
      });
      return [ballotFieldset({ legend: legend(m), hint: hint?.(m), invalid }, ...rows, abstention)];
    },
    problem(m) {
      const count = marked.size;
      if (abstain && count > 0) return m.errorAbstainAndChoice;
      if (!abstain && count === 0) return nothingChosen(m);
      if (!single && count > maxChoices) return m.errorTooMany(maxChoices, count);
      return undefined;
    },
    choice: () => (abstain ? { abstain: true } : { choices: chosen().map((option) => option.value) }),
    review: (m) => reviewOf(m, abstain ? 'abstain' : { intro: intro(m), items: chosen().map((option) => option.label(m)) }),
  };
}
