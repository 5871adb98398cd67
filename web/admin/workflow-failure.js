import { h } from '../vote/dom.js';

/**
 * @typedef {import('./app.js').Ui} Ui
 * @typedef {import('../vote/model.js').Election} Election
 */

/**
 * Where the election's workflow stopped and why, and the way out: run it again. Shown until the
 * retry is recorded or the workflow moves the election on; the monitor draws the page again
 * when either happens.
 * @param {Ui} ui
 * @param {NonNullable<Election['workflowFailure']>} failure
 * @param {{ ok: boolean, text: string } | undefined} note what the last retry request answered
 * @param {() => Promise<void>} retry
 */
export function workflowFailureSection(ui, failure, note, retry) {
  const m = ui.t();
  const button = h('button', { type: 'button', class: 'primary', id: 'workflow-retry' }, m.workflowRetry);
  button.addEventListener('click', () => {
    button.setAttribute('disabled', '');
    void retry();
  });
  return h(
    'section',
    { class: 'part warning', role: 'alert', 'aria-labelledby': 'workflow-heading' },
    h('h3', { id: 'workflow-heading' }, m.workflowHeading),
    h('p', {}, m.workflowStopped(failure.step)),
    h('p', {}, `${m.workflowError}: `, h('code', { lang: 'en' }, failure.error)),
    h('p', { class: 'hint' }, m.workflowAdvice),
    note && h('p', { id: 'workflow-note', class: note.ok ? 'found' : 'error', role: 'status' }, note.ok ? note.text : h('span', { lang: 'en' }, note.text)),
    h('div', { class: 'actions' }, button),
  );
}
