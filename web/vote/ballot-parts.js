// @ts-check
/** What every kind of ballot shows alike: its frame, the abstention, a candidate's page, the review. */
import { h } from './dom.js';

/** @typedef {import('./model.js').Messages} Messages */

/** The stored name of "re-open nominations" (domain/election.ts); no candidate may be named like it. */
export const RON = 'RON';

/**
 * A name as the voter reads it: RON in words.
 * @param {Messages} m
 * @param {string} name
 */
export const shownName = (m, name) => (name === RON ? m.ron : name);

/**
 * The ballot's fieldset: its legend says what to do, the hint how; a refused ballot is marked, and
 * the error below it describes it.
 * @param {{ legend: string, hint?: string, invalid: boolean }} frame
 * @param {...(Node | null | undefined | false)} controls
 */
export function ballotFieldset({ legend, hint, invalid }, ...controls) {
  return h(
    'fieldset',
    { 'aria-describedby': hint ? 'ballot-rule ballot-error' : 'ballot-error', ...(invalid ? { 'aria-invalid': 'true' } : {}) },
    h('legend', { id: 'ballot-hint' }, legend),
    hint && h('p', { id: 'ballot-rule', class: 'hint' }, hint),
    ...controls,
  );
}

/**
 * The abstention, last on every ballot: one of the radio group where the ballot is one of n, else a checkbox.
 * @param {Messages} m
 * @param {{ radio: boolean, checked: boolean, onchange: (checked: boolean) => void }} options
 */
export function abstainOption(m, { radio, checked, onchange }) {
  return h(
    'div',
    { class: 'option abstain' },
    h('input', {
      id: 'abstain',
      type: radio ? 'radio' : 'checkbox',
      name: radio ? 'choice' : 'abstain',
      value: '',
      checked,
      onchange: (event) => onchange(/** @type {HTMLInputElement} */ (event.target).checked),
    }),
    h('label', { for: 'abstain' }, m.abstain),
  );
}

/**
 * @param {Messages} m
 * @param {string} name
 * @param {string} pageLink
 */
export function candidatePageLink(m, name, pageLink) {
  return h('a', { href: pageLink, target: '_blank', rel: 'noopener noreferrer', class: 'candidate-page' }, m.candidatePage(name), h('span', { class: 'visually-hidden' }, ` ${m.opensNewTab}`));
}

/**
 * The review of a cast-to-be ballot: an abstention, or an introduction and the items.
 * @param {Messages} m
 * @param {{ intro: string, items: string[], ordered?: boolean } | 'abstain'} what
 * @returns {Node[]}
 */
export function reviewOf(m, what) {
  if (what === 'abstain') return [h('p', { class: 'chosen' }, m.confirmAbstain)];
  return [h('p', {}, what.intro), h(what.ordered ? 'ol' : 'ul', { class: 'chosen' }, ...what.items.map((item) => h('li', {}, item)))];
}
