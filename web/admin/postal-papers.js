// @ts-check
import { differingFiguresIn, namesOnBallot, postalPapersFromText, takesPostalTotals, TOTALS_FIELDS } from '../lib/rules.js';
import { h } from '../vote/dom.js';
import { ApiError, ok, problemsOf, request } from './api.js';

/**
 * The postal papers of an election whose counted results await the committee: each contest's
 * first and second entry by two members (domain/postalPapers.ts), typed one paper a line as
 * `admin postal-papers` reads its file or, where the method takes them, as hand-counted totals (a
 * field per figure); a mismatch said plainly with where the entries differ, field by field.
 * @typedef {import('./app.js').Ui} Ui
 * @typedef {import('../vote/model.js').Election} Election
 * @typedef {import('../../contract/views').PostalPapers} PostalPapers
 * @typedef {Election['contests'][number]} Contest
 * @typedef {{ ok: boolean, text: string, differ?: boolean }} Note
 * @typedef {'papers' | 'totals'} Mode how a contest's entry is typed: each paper, or the totals
 */

/**
 * What the page holds per contest until an entry is recorded: the papers typed, how they are
 * entered, the totals typed by field (TOTALS_FIELDS' names), and the last answer.
 * @typedef {{ status?: PostalPapers, texts: Map<string, string>, modes: Map<string, Mode>, totals: Map<string, Map<string, string>>, notes: Map<string, Note> }} Page
 */
/** @type {Map<string, Page>} */
const pages = new Map();

export function forgetPostalPapers() {
  pages.clear();
}

const path = (/** @type {string} */ id) => `/elections/${encodeURIComponent(id)}/postal-papers`;

/** @returns {Page} */
function pageOf(/** @type {string} */ id) {
  /** @type {Page} */
  const page = pages.get(id) ?? { texts: new Map(), modes: new Map(), totals: new Map(), notes: new Map() };
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
  return section(...status.contests.map((entry) => contestPart(ui, election, entry, reload)), status.counted && h('p', { class: 'found', role: 'status' }, m.postalCounted));
}

/**
 * One contest: where its entries stand, and until agreed the form for the next entry.
 * @param {Ui} ui
 * @param {Election} election
 * @param {PostalPapers['contests'][number]} entry
 * @param {(focus?: string) => Promise<void>} reload
 */
function contestPart(ui, election, entry, reload) {
  const m = ui.t();
  const page = pageOf(election.id);
  const contest = election.contests.find((c) => c.id === entry.contest);
  const title = contest?.title ?? entry.contest;
  const who = (/** @type {{ by?: { name: string } }} */ given) => given.by?.name ?? m.postalSomeone;
  const standing = entry.agreed
    ? m.postalAgreedBy(who(entry.agreed), entry.agreed.figures.papers, entry.agreed.figures.invalid)
    : entry.first
      ? m.postalFirstBy(who(entry.first), ui.when(entry.first.at).textContent ?? entry.first.at)
      : m.postalNoEntry;
  const boxId = `postal-${entry.contest}`;
  const noteId = `${boxId}-note`;
  const note = page.notes.get(entry.contest);
  const fields = contest && takesPostalTotals(contest.ballot) ? totalsFields(m, contest) : [];
  const mode = fields.length > 0 ? (page.modes.get(entry.contest) ?? 'papers') : 'papers';
  const typed = page.totals.get(entry.contest) ?? new Map();
  page.totals.set(entry.contest, typed);
  /** Whether the last answer names this field (its path as the API names it), or, differing from the first entry, a figure of it (`differKey`). */
  const named = (/** @type {string} */ path, /** @type {string | undefined} */ differKey) => {
    if (note === undefined || note.ok) return false;
    if (note.differ) return differKey !== undefined && differingFiguresIn(note.text, differKey) !== undefined;
    return problemsOf(note.text).some(({ field }) => field !== undefined && (field === path || field.startsWith(`${path}.`) || (path.startsWith('totals.votes.') && field === 'totals.votes')));
  };
  const marked = (/** @type {boolean} */ invalid) => (invalid ? { 'aria-invalid': 'true', 'aria-describedby': noteId } : /** @type {Record<string, string>} */ ({}));

  const papersRefused = named('papers', undefined);
  const box = /** @type {HTMLTextAreaElement} */ (
    h('textarea', { id: boxId, rows: '6', spellcheck: 'false', ...marked(papersRefused), 'aria-describedby': [`${boxId}-format`, papersRefused && noteId].filter(Boolean).join(' ') })
  );
  box.value = page.texts.get(entry.contest) ?? '';
  box.addEventListener('input', () => page.texts.set(entry.contest, box.value));
  const figure = (/** @type {string} */ field) => {
    const value = (typed.get(field) ?? '').trim();
    // An empty field counts as 0; anything else goes as typed, so that the API's refusal names the field.
    return value === '' ? 0 : Number(value);
  };
  const body = () => {
    if (mode === 'papers') return postalPapersFromText(box.value);
    const votes = fields.flatMap((field) => (field.name === undefined ? [] : [{ name: field.name, votes: figure(field.key) }]));
    return { totals: { papers: figure(TOTALS_FIELDS.papers), abstentions: figure(TOTALS_FIELDS.abstentions), votes }, invalid: figure(TOTALS_FIELDS.invalid) };
  };
  const submit = async () => {
    try {
      page.status = ok(await request('POST', path(election.id), { contest: entry.contest, ...body() }));
      page.texts.delete(entry.contest);
      page.totals.delete(entry.contest);
      page.notes.set(entry.contest, { ok: true, text: m.postalEntered });
    } catch (error) {
      const differ = error instanceof ApiError && error.code === 'entries_differ';
      page.notes.set(entry.contest, { ok: false, differ, text: error instanceof Error ? error.message : String(error) });
    }
    await reload(noteId);
  };

  const modeChoice =
    fields.length > 0 &&
    h(
      'fieldset',
      { class: 'postal-mode' },
      h('legend', {}, m.postalModeLegend(title)),
      .../** @type {[Mode, string][]} */ ([
        ['papers', m.postalModePapers],
        ['totals', m.postalModeTotals],
      ]).map(([value, label]) => {
        const id = `${boxId}-mode-${value}`;
        const onchange = () => {
          page.modes.set(entry.contest, value);
          void reload(id);
        };
        return h('div', { class: 'field check' }, h('input', { type: 'radio', name: `${boxId}-mode`, id, value, onchange, ...(mode === value && { checked: true }) }), h('label', { for: id }, label));
      }),
    );
  const papersForm = [h('label', { for: boxId }, m.postalPapersLabel(title)), h('p', { class: 'hint', id: `${boxId}-format` }, m.postalFormat), box];
  const totalsForm = h(
    'fieldset',
    { class: 'postal-totals', 'aria-describedby': `${boxId}-totals-hint` },
    h('legend', {}, m.postalTotalsLegend(title)),
    h('p', { class: 'hint', id: `${boxId}-totals-hint` }, m.postalTotalsHint),
    ...fields.map((field, i) => {
      const id = `${boxId}-totals-${i}`;
      const input = /** @type {HTMLInputElement} */ (h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', size: '6', id, ...marked(named(field.path, field.key)) }));
      input.value = typed.get(field.key) ?? '';
      input.addEventListener('input', () => typed.set(field.key, input.value));
      return h('div', { class: 'field' }, h('label', { for: id }, field.label), input);
    }),
  );
  return h(
    'div',
    { class: 'postal-contest' },
    h('h4', {}, `${title} · ${m.postalVotersOf(entry.postalVoters)}`),
    h('p', { id: `${boxId}-standing` }, standing),
    note && noteBox(m, note, noteId, fields),
    !entry.agreed && modeChoice,
    ...(!entry.agreed ? (mode === 'totals' ? [totalsForm] : papersForm) : []),
    !entry.agreed &&
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', id: `${boxId}-enter`, onclick: () => void submit() }, entry.first ? m.postalEnterSecond : m.postalEnterFirst)),
  );
}

/**
 * The fields of a contest's totals in the order the API takes them: the valid papers, the blank
 * ones among them, each name on the ballot, the invalid papers. `key`: the field as a differing
 * entry's refusal names it; `path`: as any other refusal does; `name`: the name it counts marks of.
 * @param {import('./i18n.js').Messages} m
 * @param {Contest} contest
 * @returns {{ key: string, path: string, label: string, name?: string }[]}
 */
function totalsFields(m, contest) {
  const { ballot, candidates } = contest;
  const listOf = new Map(candidates.map((c) => [c.name, c.list]));
  /** @param {string} name */
  const labelOf = (name) => {
    if (ballot.kind === 'referendum') return m.postalAnswerVotes[name] ?? name;
    if (ballot.kind === 'list') {
      const list = listOf.get(name);
      return list === undefined ? m.postalListVotes(name) : m.postalPersonalVotes(name, list);
    }
    return listOf.has(name) ? m.postalVotesFor(name) : m.postalRonVotes;
  };
  return [
    { key: TOTALS_FIELDS.papers, path: 'totals.papers', label: m.postalValidPapers },
    { key: TOTALS_FIELDS.abstentions, path: 'totals.abstentions', label: m.postalBlankPapers },
    ...namesOnBallot(ballot, candidates).map((name, i) => ({ key: TOTALS_FIELDS.votes(name), path: `totals.votes.${i}`, label: labelOf(name), name })),
    { key: TOTALS_FIELDS.invalid, path: 'invalid', label: m.postalInvalidPapers },
  ];
}

/**
 * The answer to the last entry: recorded; refused with the server's reason; or differing from the
 * first, with a table of each field the entries differ in when they are totals.
 * @param {import('./i18n.js').Messages} m
 * @param {Note} note
 * @param {string} id
 * @param {{ key: string, label: string }[]} fields
 */
function noteBox(m, note, id, fields) {
  if (note.ok) return h('div', { id, tabindex: '-1', class: 'found', role: 'status' }, note.text);
  const differing = note.differ
    ? fields.flatMap((field) => {
        const figures = differingFiguresIn(note.text, field.key);
        return figures ? [{ ...field, ...figures }] : [];
      })
    : [];
  return h(
    'div',
    { id, tabindex: '-1', class: note.differ ? 'warning' : 'error', role: 'alert' },
    note.differ ? h('p', {}, h('strong', {}, m.postalDiffer)) : h('p', {}, m.refusedIntro),
    differing.length > 0 &&
      h(
        'table',
        { class: 'figures' },
        h('caption', {}, m.postalDifferCaption),
        h('thead', {}, h('tr', {}, ...[m.postalFieldColumn, m.postalFirstColumn, m.postalSecondColumn].map((label) => h('th', { scope: 'col' }, label)))),
        h('tbody', {}, ...differing.map((row) => h('tr', {}, h('th', { scope: 'row' }, row.label), h('td', {}, String(row.first)), h('td', {}, String(row.second))))),
      ),
    note.differ && h('p', {}, m.postalDifferServer),
    h('p', { lang: 'en' }, note.text),
  );
}
