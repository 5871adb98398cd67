// @ts-check
import { api } from './api.js';
import { h } from './dom.js';

/**
 * "Lost your link?": a voter asks for their link again by e-mail address. The server answers alike
 * for every well-formed address, so the page can and does say nothing about who is on the roll.
 *
 * @typedef {import('./i18n.js').Messages} Messages
 * @typedef {{ kind: 'sending' } | { kind: 'accepted' } | { kind: 'invalidEmail' } | { kind: 'ended' } | { kind: 'busy' }
 *   | { kind: 'unreachable' } | { kind: 'refused', message: string }} Outcome
 * @typedef {{ email: string, outcome?: Outcome }} NewLinkState one per view, kept across its renders, so that a
 *   language switch keeps what was typed and what the server answered
 */

/** The link is of use only while voting is still to come or under way. */
export const NEW_LINK_PHASES = new Set(['draft', 'locked', 'scheduled', 'open']);

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const EMAIL_MAX_CHARACTERS = 254;
const IDS = { input: 'new-link-email', error: 'new-link-error', answer: 'new-link-answer', hint: 'new-link-hint' };
/** Which state each answer region on the page shows, so that a late answer lands only in its own view. */
const stateOfAnswer = /** @type {WeakMap<HTMLElement, NewLinkState>} */ (new WeakMap());

/**
 * @param {() => Messages} t the page's words in the language of the moment, which may change while a request is out
 * @param {string} electionId
 * @param {NewLinkState} state
 */
export function newLinkSection(t, electionId, state) {
  const m = t();
  const input = h('input', {
    id: IDS.input,
    name: 'email',
    type: 'email',
    autocomplete: 'email',
    autocapitalize: 'off',
    spellcheck: 'false',
    required: true,
    'aria-describedby': `${IDS.hint} ${IDS.error}`,
    oninput: () => (state.email = input.value),
  });
  input.value = state.email;
  const error = h('p', { id: IDS.error, class: 'error', role: 'alert' });
  const answer = h('div', { id: IDS.answer, role: 'status' });
  const form = h(
    'form',
    {
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        void submit(t, electionId, state, input.value.trim());
      },
    },
    h('label', { for: IDS.input }, m.newLinkLabel),
    h('p', { id: IDS.hint, class: 'hint' }, m.newLinkHint),
    input,
    error,
    h('button', { type: 'submit', class: 'secondary' }, m.newLinkButton),
  );
  show(m, { input, error, answer }, state.outcome);
  stateOfAnswer.set(answer, state);
  return h('section', { class: 'new-link', 'aria-labelledby': 'new-link-heading' }, h('h3', { id: 'new-link-heading' }, m.newLinkTitle), form, answer);
}

/**
 * @param {() => Messages} t
 * @param {string} electionId
 * @param {NewLinkState} state
 * @param {string} email
 */
async function submit(t, electionId, state, email) {
  if (state.outcome?.kind === 'sending') return;
  state.email = email;
  if (!EMAIL_SHAPE.test(email) || email.length > EMAIL_MAX_CHARACTERS) {
    settle(t(), state, { kind: 'invalidEmail' });
    return;
  }
  settle(t(), state, { kind: 'sending' });
  const answer = await api.newLink(electionId, email);
  settle(t(), state, outcomeOf(answer));
}

/** @param {import('./api.js').Answer} answer @returns {Outcome} */
function outcomeOf(answer) {
  switch (answer.kind) {
    case 'ok':
      return { kind: 'accepted' };
    case 'busy':
      return { kind: 'busy' };
    case 'unreachable':
      return { kind: 'unreachable' };
    case 'refused':
      if (answer.status === 400) return { kind: 'invalidEmail' };
      if (answer.code === 'wrong_phase') return { kind: 'ended' };
      return { kind: 'refused', message: answer.message };
  }
}

/**
 * Records the outcome and shows it in the section on the page, looked up afresh: a language switch
 * may have rebuilt the section while the request was out, and the voter may have moved on to
 * another view. A field error takes the voter back to the field.
 * @param {Messages} m
 * @param {NewLinkState} state
 * @param {Outcome} outcome
 */
function settle(m, state, outcome) {
  state.outcome = outcome;
  const [input, error, answer] = [IDS.input, IDS.error, IDS.answer].map((id) => document.getElementById(id));
  if (!(input instanceof HTMLInputElement) || !error || !answer || stateOfAnswer.get(answer) !== state) return;
  show(m, { input, error, answer }, outcome);
  if (outcome.kind === 'invalidEmail') input.focus();
}

/**
 * @param {Messages} m
 * @param {{ input: HTMLInputElement, error: HTMLElement, answer: HTMLElement }} elements
 * @param {Outcome | undefined} outcome
 */
function show(m, { input, error, answer }, outcome) {
  const invalid = outcome?.kind === 'invalidEmail';
  if (invalid) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  error.textContent = invalid ? m.newLinkInvalidEmail : '';
  const text = outcome && answerText(m, outcome);
  const fine = outcome?.kind === 'accepted' || outcome?.kind === 'sending';
  answer.replaceChildren(...(text ? [h('p', { class: fine ? 'answer' : 'answer error' }, text)] : []));
}

/** @param {Messages} m @param {Outcome} outcome */
function answerText(m, outcome) {
  switch (outcome.kind) {
    case 'sending':
      return m.newLinkSending;
    case 'accepted':
      return m.newLinkAccepted;
    case 'ended':
      return m.newLinkEnded;
    case 'busy':
      return m.newLinkBusy;
    case 'unreachable':
      return m.loadFailedBody;
    case 'refused':
      return m.unexpected(outcome.message);
    case 'invalidEmail':
      return '';
  }
}
