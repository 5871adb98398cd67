// @ts-check
import { h, present } from '../vote/dom.js';

/**
 * What the ceremony and the opening show alike: a status that the poll redraws only when it
 * changed (so that a screen reader is not told the same thing every few seconds), and the form
 * that takes one of the trustee's files with its passphrase.
 */

export function statusArea() {
  const element = h('div', { class: 'status', 'aria-live': 'polite' });
  let shown = '';
  return {
    element,
    /** @param {(Node | string)[]} lines */
    show(lines) {
      const holder = h('div', {}, ...lines);
      if (holder.innerHTML === shown) return;
      shown = holder.innerHTML;
      element.replaceChildren(...holder.childNodes);
    },
  };
}

/**
 * A file and its passphrase.
 * @param {{
 *   id: string, title: string, body: string, fileLabel: string, passphraseLabel: string, button: string,
 *   problem: string | undefined, onSubmit: (file: File | undefined, passphrase: string) => void,
 * }} options
 */
export function fileForm({ id, title, body, fileLabel, passphraseLabel, button, problem, onSubmit }) {
  const file = h('input', { type: 'file', id: `${id}-file`, accept: '.json,application/json' });
  const passphrase = h('input', { type: 'password', id: `${id}-passphrase`, autocomplete: 'current-password', 'aria-describedby': `${id}-error` });
  const form = h(
    'form',
    { novalidate: true, class: 'file-form', 'aria-labelledby': `${id}-title` },
    ...present(
      h('h3', { id: `${id}-title` }, title),
      h('p', {}, body),
      h('label', { for: `${id}-file` }, fileLabel),
      file,
      h('label', { for: `${id}-passphrase` }, passphraseLabel),
      passphrase,
      h('p', { id: `${id}-error`, class: 'error', role: 'alert' }, problem ?? ''),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, button)),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit(file.files?.[0], passphrase.value);
  });
  return form;
}
