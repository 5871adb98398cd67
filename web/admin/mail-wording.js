// @ts-check
import { h } from '../vote/dom.js';
import { ApiError, request } from './api.js';

/**
 * The committee's own words in the voters' mail (sender name, greeting, closing), until the lock,
 * and the credential mail as a voter will read it, in either language, before anyone is mailed.
 * @typedef {import('./app.js').Ui} Ui
 * @typedef {import('../vote/model.js').Election} Election
 * @typedef {{ senderName: string, greeting: string, closing: string, note?: { ok: boolean, text: string }, preview?: 'de' | 'en' }} WordingForm
 */

/** What is typed per election, kept across the page's rebuilds. @type {Map<string, WordingForm>} */
const forms = new Map();

/** @param {Election} election */
function formOf(election) {
  const kept = forms.get(election.id);
  if (kept) return kept;
  const { senderName = '', greeting = '', closing = '' } = election.wording ?? {};
  /** @type {WordingForm} */
  const made = { senderName, greeting, closing };
  forms.set(election.id, made);
  return made;
}

/** The typed wording as the API takes it: an empty field is left out. @param {WordingForm} form */
const bodyOf = ({ senderName, greeting, closing }) => ({
  ...(senderName.trim() !== '' && { senderName: senderName.trim() }),
  ...(greeting.trim() !== '' && { greeting: greeting.trim() }),
  ...(closing.trim() !== '' && { closing: closing.replace(/\s+$/, '') }),
});

/**
 * @param {Ui} ui
 * @param {Election} election
 * @param {(focus: string) => Promise<void>} reload shows the election's page again, focused on the element with this id
 */
export function wordingSection(ui, election, reload) {
  const m = ui.t();
  const form = formOf(election);
  const id = encodeURIComponent(election.id);
  const input = (/** @type {'senderName' | 'greeting'} */ key, /** @type {number} */ max) => {
    const control = h('input', { type: 'text', id: `wording-${key}`, value: form[key], maxlength: String(max), autocomplete: 'off' });
    control.addEventListener('input', () => (form[key] = control.value));
    return control;
  };
  const closing = h('textarea', { id: 'wording-closing', rows: '4', maxlength: '600' }, form.closing);
  closing.addEventListener('input', () => (form.closing = closing.value));
  const note = h(
    'p',
    { id: 'wording-note', class: form.note?.ok ? 'found' : 'error', role: 'status' },
    ...(form.note ? [form.note.ok ? form.note.text : h('span', { lang: 'en' }, form.note.text)] : []),
  );
  const preview = h('div', { id: 'wording-preview', 'aria-live': 'polite' });

  const show = async (/** @type {'de' | 'en'} */ language) => {
    form.preview = language;
    const answer = await request('GET', `/elections/${id}/mail-preview?language=${language}`);
    if (answer.status !== 200) return preview.replaceChildren(h('p', { class: 'error' }, h('span', { lang: 'en' }, ApiError.from(answer).message)));
    /** @type {{ subject: string, text: string, fromName?: string }} */
    const mail = answer.body;
    // The API knows no public address: its links start at the path, on this same site.
    const text = mail.text.replace(/(^|\s)\/vote#/g, `$1${location.origin}/vote#`);
    preview.replaceChildren(
      h('p', {}, h('strong', {}, m.wordingFrom), ' ', mail.fromName ?? m.wordingDefaultSender),
      h('p', {}, h('strong', {}, m.wordingSubject), ' ', mail.subject),
      h('pre', { class: 'mail-preview', lang: language }, text),
    );
  };

  const element = h(
    'form',
    { novalidate: true },
    h('p', { class: 'hint' }, m.wordingIntro),
    h('div', { class: 'field' }, h('label', { for: 'wording-senderName' }, m.wordingSenderLabel), input('senderName', 60)),
    h('div', { class: 'field' }, h('label', { for: 'wording-greeting' }, m.wordingGreetingLabel), input('greeting', 120)),
    h('div', { class: 'field' }, h('label', { for: 'wording-closing' }, m.wordingClosingLabel), closing),
    note,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'secondary', id: 'wording-save' }, m.wordingSave),
      h('button', { type: 'button', class: 'secondary', id: 'wording-preview-de', onclick: () => void show('de') }, m.wordingPreview('de')),
      h('button', { type: 'button', class: 'secondary', id: 'wording-preview-en', onclick: () => void show('en') }, m.wordingPreview('en')),
    ),
    preview,
  );
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const answer = await request('PUT', `/elections/${id}/mail-wording`, bodyOf(form));
      form.note = answer.status === 200 ? { ok: true, text: m.wordingSaved } : { ok: false, text: ApiError.from(answer).message };
    } catch (error) {
      form.note = { ok: false, text: error instanceof Error ? error.message : String(error) };
    }
    await reload('wording-note');
  });
  if (form.preview) void show(form.preview);
  return h('section', { class: 'part', 'aria-labelledby': 'wording-heading' }, h('h3', { id: 'wording-heading' }, m.wordingHeading), element);
}
