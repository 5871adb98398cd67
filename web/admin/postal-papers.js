// @ts-check
import { postalPapersFromText } from '../lib/rules.js';
import { h } from '../vote/dom.js';
import { ApiError, ok, request } from './api.js';

/**
 * The postal papers of an election whose counted results await the committee: each contest's
 * first and second entry by two members (domain/postalPapers.ts), typed one paper a line as
 * `admin postal-papers` reads its file, and a mismatch said plainly with where the entries differ.
 * @typedef {import('./app.js').Ui} Ui
 * @typedef {import('../vote/model.js').Election} Election
 * @typedef {import('../../contract/views').PostalPapers} PostalPapers
 * @typedef {{ ok: boolean, text: string, differ?: boolean }} Note
 */

/** @typedef {{ status?: PostalPapers, texts: Map<string, string>, notes: Map<string, Note> }} Page */
/** @type {Map<string, Page>} */
const pages = new Map();

export function forgetPostalPapers() {
  pages.clear();
}

const path = (/** @type {string} */ id) => `/elections/${encodeURIComponent(id)}/postal-papers`;

/** @returns {Page} */
function pageOf(/** @type {string} */ id) {
  /** @type {Page} */
  const page = pages.get(id) ?? { texts: new Map(), notes: new Map() };
  pages.set(id, page);
  return page;
}

/** Whether the election has postal papers to enter: counted, awaiting the committee, with postal voters. */
export const takesPostalPapers = (/** @type {Election} */ election) => election.awaitingAcceptance === true && election.contests.some((c) => (c.postalVoters ?? 0) > 0);

/**
 * @param {Ui} ui
 * @param {Election} election
 * @param {(focus?: string) => Promise<void>} reload shows the election's page again, focusing the element of that id if given
 */
export function postalPapersSection(ui, election, reload) {
  const m = ui.t();
  const page = pageOf(election.id);
  const section = (/** @type {(Node | string | false | null | undefined)[]} */ ...body) =>
    h('section', { class: 'part', 'aria-labelledby': 'postal-heading' }, h('h3', { id: 'postal-heading' }, m.postalHeading), h('p', {}, m.postalIntro), ...body);
  const status = page.status;
  if (!status) {
    void request('GET', path(election.id)).then((answer) => {
      page.status = ok(answer);
      return reload();
    });
    return section(h('p', { role: 'status', class: 'busy' }, m.loading));
  }
  return section(
    h('p', { class: 'hint' }, m.postalFormat),
    ...status.contests.map((entry) => contestPart(ui, election, entry, reload)),
    status.counted && h('p', { class: 'found', role: 'status' }, m.postalCounted),
  );
}

/**
 * One contest: where its entries stand, and until agreed the box for the next entry.
 * @param {Ui} ui
 * @param {Election} election
 * @param {PostalPapers['contests'][number]} entry
 * @param {(focus?: string) => Promise<void>} reload
 */
function contestPart(ui, election, entry, reload) {
  const m = ui.t();
  const page = pageOf(election.id);
  const title = election.contests.find((c) => c.id === entry.contest)?.title ?? entry.contest;
  const who = (/** @type {{ by?: { name: string } }} */ given) => given.by?.name ?? m.postalSomeone;
  const standing = entry.agreed
    ? m.postalAgreedBy(who(entry.agreed), entry.agreed.figures.papers, entry.agreed.figures.invalid)
    : entry.first
      ? m.postalFirstBy(who(entry.first), ui.when(entry.first.at).textContent ?? entry.first.at)
      : m.postalNoEntry;
  const boxId = `postal-${entry.contest}`;
  const note = page.notes.get(entry.contest);
  const box = /** @type {HTMLTextAreaElement} */ (h('textarea', { id: boxId, rows: '6', spellcheck: 'false' }));
  box.value = page.texts.get(entry.contest) ?? '';
  box.addEventListener('input', () => page.texts.set(entry.contest, box.value));
  const submit = async () => {
    try {
      page.status = ok(await request('POST', path(election.id), { contest: entry.contest, ...postalPapersFromText(box.value) }));
      page.texts.delete(entry.contest);
      page.notes.set(entry.contest, { ok: true, text: m.postalEntered });
    } catch (error) {
      const differ = error instanceof ApiError && error.code === 'entries_differ';
      page.notes.set(entry.contest, { ok: false, differ, text: error instanceof Error ? error.message : String(error) });
    }
    await reload(`${boxId}-note`);
  };
  return h(
    'div',
    { class: 'postal-contest' },
    h('h4', {}, `${title} · ${m.postalVotersOf(entry.postalVoters)}`),
    h('p', { id: `${boxId}-standing` }, standing),
    note &&
      h(
        'div',
        { id: `${boxId}-note`, tabindex: '-1', class: note.ok ? 'found' : note.differ ? 'warning' : 'error', role: note.ok ? 'status' : 'alert' },
        note.ok ? note.text : note.differ ? h('p', {}, h('strong', {}, m.postalDiffer)) : h('p', {}, m.refusedIntro),
        !note.ok && h('p', { lang: 'en' }, note.text),
      ),
    !entry.agreed && h('label', { for: boxId }, m.postalPapersLabel(title)),
    !entry.agreed && box,
    !entry.agreed &&
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', id: `${boxId}-enter`, onclick: () => void submit() }, entry.first ? m.postalEnterSecond : m.postalEnterFirst)),
  );
}
