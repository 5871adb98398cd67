// @ts-check
import { monitorSection } from './monitor.js';
import { candidatesProblems, CREDENTIALS_LEAD_DAYS, observersProblems } from '../lib/rules.js';
import { h, present } from '../vote/dom.js';
import { ApiError, ok, request } from './api.js';
import { forgetImports, importSection } from './setup-import.js';
import { isoToLocal, localToIso } from './setup-draft.js';
import { boxFact, ceremonySection, notSecretNote, openingSection } from './sealed-box.js';
import { workflowFailureSection } from './workflow-failure.js';
import { wordingSection } from './mail-wording.js';
import { forgetPostalPapers, postalPapersSection, takesPostalPapers } from './postal-papers.js';

/**
 * One election's page: what it is, and in set-up (phase `draft`) what can still change: voters,
 * candidates, observers, the window; then lock and start, each behind a `<dialog>` that says what cannot be
 * undone. What a locked election forbids is not offered, and the page says why. From the lock on,
 * the monitor (web/admin/monitor.js) is mounted below.
 * @typedef {import('./app.js').Ui} Ui
 * @typedef {import('./app.js').View} View
 * @typedef {import('../vote/model.js').Election} Election the API's answer, by the type of the function that makes it
 * @typedef {{ kind: 'lock' | 'start' | 'accept', stage: 'confirm' | 'missing' | 'breach' | 'failed' | 'proposed', problems?: string[], failure?: unknown, busy?: boolean, proposal?: { proposedBy: { name: string }, expiresAt: string } }} Dialog
 */

/** @type {Map<string, { election?: Election, failure?: unknown, notFound?: boolean }>} */
const pages = new Map();
/** The small forms' typed values and answers, per election, so a language switch keeps them. */
/**
 * @typedef {{ ok: boolean, text: string }} Note
 * @typedef {{ contest: string, name: string, email: string, pageLink: string, list: string }} CandidateForm
 * @type {Map<string, { observers: string, observersNote?: Note, opensAt?: string, closesAt?: string, credentialsAt?: string, windowNote?: Note, candidate?: CandidateForm, candidateNote?: Note, workflowNote?: Note }>}
 */
const forms = new Map();

export function forgetElections() {
  pages.clear();
  forms.clear();
  forgetImports();
  forgetPostalPapers();
}

const path = (/** @type {string} */ id, suffix = '') => `/elections/${encodeURIComponent(id)}${suffix}`;

/**
 * Loads the election and shows its page.
 * @param {Ui} ui
 * @param {string} id
 * @param {{ moveFocus?: boolean, focus?: string }} [options] `focus`: an element id to focus instead of the heading
 */
export async function electionPage(ui, id, { moveFocus = true, focus } = {}) {
  if (!pages.has(id)) ui.show(() => ({ heading: ui.t().loading, body: [h('p', { role: 'status', class: 'busy' }, ui.t().loading)] }), { moveFocus });
  const page = pages.get(id) ?? {};
  try {
    const answer = await request('GET', path(id));
    if (answer.status === 404) Object.assign(page, { election: undefined, notFound: true, failure: undefined });
    else Object.assign(page, { election: ok(answer), notFound: false, failure: undefined });
  } catch (error) {
    page.failure = error;
  }
  pages.set(id, page);
  ui.show(() => view(ui, id), { moveFocus: moveFocus && focus === undefined });
  if (focus) document.getElementById(focus)?.focus();
}

/**
 * @param {Ui} ui
 * @param {string} id
 * @returns {View}
 */
function view(ui, id) {
  const m = ui.t();
  const page = pages.get(id) ?? {};
  const back = h('p', {}, h('button', { type: 'button', class: 'link', onclick: () => ui.go.list() }, `← ${m.allElections}`));
  if (page.notFound) return { heading: id, body: [back, h('p', { class: 'error' }, m.electionNotFound)] };
  const election = page.election;
  if (!election) return { heading: id, body: [back, ui.failure(page.failure, () => void electionPage(ui, id))] };
  const window = election.window ?? {};
  const fact = (/** @type {string} */ name, /** @type {Node | string} */ value) => [h('dt', {}, name), h('dd', {}, value)];
  const facts = h(
    'dl',
    { class: 'facts' },
    ...fact(m.idFact, h('code', {}, election.id)),
    ...fact(m.phaseFact, election.awaitingAcceptance ? m.awaitingAcceptanceFact : (m.phaseNames[election.phase] ?? election.phase)),
    ...(election.accepted ? fact(m.acceptanceFact, m.acceptedFact(election.accepted.by?.name, election.accepted.proposedBy?.name)) : []),
    ...fact(m.boxFactLabel, boxFact(ui, election)),
    ...fact(m.opensFact, window.opensAt ? ui.when(window.opensAt) : m.opensWhenStarted),
    ...fact(m.closesFact, window.closesAt ? ui.when(window.closesAt) : m.noWindow),
    ...(election.credentialMail === 'at-registration' ? [] : fact(m.linksFact, linksFact(ui, election))),
    ...fact(m.remindersFact, election.reminders && election.reminders.at.length > 0 ? h('ul', { class: 'plain' }, ...election.reminders.at.map((at) => h('li', {}, ui.when(at)))) : m.none),
    ...fact(m.votersFact, ui.count(election.voterCount)),
    ...fact(m.mailFact, m.mailFactValue(election.language === 'de' ? 'Deutsch' : 'English', election.timeZone)),
    ...(election.roll ? fact(m.rollFact, h('code', { class: 'digest' }, election.roll.fingerprint)) : []),
  );
  const contests = h(
    'section',
    { class: 'part', 'aria-labelledby': 'contests-heading' },
    h('h3', { id: 'contests-heading' }, m.contestsHeading),
    h(
      'ul',
      {},
      ...election.contests.map((contest) => {
        const names = (contest.candidates ?? []).map((candidate) => candidate.name);
        return h(
          'li',
          {},
          h('strong', {}, contest.title),
          ' ',
          h('code', {}, contest.id),
          h('br'),
          m.contestSummary(m.kindNames[contest.ballot.kind] ?? contest.ballot.kind, names.length, contest.groups && contest.groups.length > 0 ? m.groupsOnly(contest.groups.join(', ')) : m.everyVoter),
          names.length > 0 && h('br'),
          names.length > 0 && h('span', { class: 'candidate-names' }, names.join(', ')),
        );
      }),
    ),
  );
  /** @type {(Node | null | false | undefined)[]} */
  const setup = [];
  if (election.phase === 'draft') {
    setup.push(
      // First: the trustees' key takes the most time, and the rest of the set-up can go on meanwhile.
      ceremonySection(ui, election, () => void electionPage(ui, id, { focus: 'ceremony-refresh' })),
      importSection(ui, id, () => electionPage(ui, id, { focus: 'import-outcome' })),
      candidatesSection(ui, election),
      observersSection(ui, election),
      wordingSection(ui, election, (focus) => electionPage(ui, id, { focus })),
      windowSection(ui, election),
      lockSection(ui, election),
    );
  } else if (election.phase === 'locked') {
    setup.push(lockedNote(ui), startSection(ui, election));
  }
  const acceptance = election.awaitingAcceptance && acceptanceSection(ui, election);
  const monitor = election.phase !== 'draft' && mountedMonitor(ui, election);
  return {
    heading: election.title,
    body: [
      back,
      notSecretNote(ui, election),
      election.compromised && h('p', { class: 'warning', role: 'note' }, m.compromised),
      election.workflowFailure &&
        workflowFailureSection(ui, election.workflowFailure, formOf(id).workflowNote, () =>
          saveThenShow(ui, id, ['POST', '/workflow/retry', undefined], m.workflowRetried, (note) => (formOf(id).workflowNote = note), 'workflow-heading'),
        ),
      facts,
      contests,
      smallContestsNote(ui, election),
      setup.length > 0 && h('h3', { class: 'setup-heading' }, m.setupHeading),
      ...setup,
      openingSection(ui, election, () => void electionPage(ui, id, { focus: 'opening-refresh' })),
      takesPostalPapers(election) && postalPapersSection(ui, election, (focus) => electionPage(ui, id, { moveFocus: false, ...(focus && { focus }) })),
      acceptance,
      monitor,
    ],
  };
}

/**
 * The monitor, stopped when the page shows another view.
 * @param {Ui} ui
 * @param {Election} election
 */
function mountedMonitor(ui, election) {
  const mounted = monitorSection({ electionId: election.id, election, lang: ui.lang(), request, onPhaseChange: () => void electionPage(ui, election.id, { moveFocus: false }) });
  ui.onLeave(mounted.stop);
  return mounted.node;
}

/**
 * The contests so small that their published ballots may show how their voters voted (the API's
 * `warnings`): on the page from the first import on, and in the lock's dialog. It blocks nothing.
 * @param {Ui} ui
 * @param {Election} election
 */
function smallContestsNote(ui, election) {
  const m = ui.t();
  const warnings = election.warnings ?? [];
  if (warnings.length === 0) return null;
  const titles = new Map(election.contests.map((contest) => [contest.id, contest.title]));
  return h(
    'div',
    { class: 'warning small-contests', role: 'note' },
    h('p', {}, m.smallContestsIntro),
    h('ul', {}, ...warnings.map((warning) => h('li', {}, m.smallContest(titles.get(warning.contest) ?? warning.contest, warning.onlineVoters)))),
    h('p', {}, m.smallContestsAdvice),
  );
}

/** @param {Ui} ui */
function lockedNote(ui) {
  const m = ui.t();
  return h(
    'div',
    { class: 'locked-note', role: 'note' },
    h('p', {}, m.lockedNote),
    h('ul', {}, ...['voters', 'candidates', 'observers', 'window'].map((what) => h('li', {}, m.unavailable[what] ?? what))),
  );
}

/** @param {string} electionId */
const formOf = (electionId) => {
  const state = forms.get(electionId) ?? { observers: '' };
  forms.set(electionId, state);
  return state;
};

/**
 * A small form's answer next to its field: what the API refused, or that it was done.
 * @param {{ ok: boolean, text: string } | undefined} note
 * @param {string} id
 */
const noteOf = (note, id) => h('p', { id, class: note?.ok ? 'found' : 'error', role: 'status' }, ...(note ? [note.ok ? note.text : h('span', { lang: 'en' }, note.text)] : []));

/**
 * @param {Ui} ui
 * @param {Election} election
 */
function observersSection(ui, election) {
  const m = ui.t();
  const state = formOf(election.id);
  const invalid = state.observersNote && !state.observersNote.ok;
  const area = h('textarea', { id: 'observers', rows: '3', spellcheck: 'false', 'aria-describedby': 'observers-hint observers-note', ...(invalid && { 'aria-invalid': 'true' }) }, state.observers);
  const addresses = () => state.observers.split(/[\s,;]+/).filter(Boolean);
  area.addEventListener('input', () => {
    state.observers = area.value;
    const problems = observersProblems({ observers: addresses() });
    state.observersNote = problems.length > 0 ? { ok: false, text: problems.map((p) => `${p.path}: ${p.message}`).join('; ') } : undefined;
    const note = document.getElementById('observers-note');
    note?.replaceWith(noteOf(state.observersNote, 'observers-note'));
    if (state.observersNote) area.setAttribute('aria-invalid', 'true');
    else area.removeAttribute('aria-invalid');
  });
  const form = h(
    'form',
    { novalidate: true },
    h('label', { for: 'observers' }, m.observersField),
    h('p', { class: 'hint', id: 'observers-hint' }, m.observersIntro),
    area,
    noteOf(state.observersNote, 'observers-note'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, m.observersSave)),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const observers = addresses();
    if (observersProblems({ observers }).length > 0) return area.focus();
    await saveThenShow(ui, election.id, ['PUT', '/observers', { observers }], m.observersSaved(observers.length), (note) => (state.observersNote = note), 'observers');
  });
  return h('section', { class: 'part', 'aria-labelledby': 'observers-heading' }, h('h3', { id: 'observers-heading' }, m.observersHeading), form);
}

/**
 * Adds one candidate to a contest: the papers are final at the lock, so until then a nomination
 * that comes late still gets on. The body is checked with the API's own rule before it is sent.
 * @param {Ui} ui
 * @param {Election} election
 */
function candidatesSection(ui, election) {
  const m = ui.t();
  const contests = election.contests.filter((contest) => contest.ballot.kind !== 'referendum');
  const [first] = contests;
  if (!first) return null;
  const state = formOf(election.id);
  const typed = (state.candidate ??= { contest: first.id, name: '', email: '', pageLink: '', list: '' });
  const contest = contests.find((c) => c.id === typed.contest) ?? first;
  const lists = contest.ballot.kind === 'list' ? contest.ballot.lists : [];
  // The field a refusal names (`candidates.0.pageLink: …`), marked invalid; the others are not.
  const refused = state.candidateNote && !state.candidateNote.ok ? (/candidates\.0\.(\w+)/.exec(state.candidateNote.text)?.[1] ?? 'name') : undefined;
  const described = (/** @type {string} */ key) => ({ 'aria-describedby': 'candidate-note', ...(key === refused && { 'aria-invalid': 'true' }) });
  /** @param {'name' | 'email' | 'pageLink'} key @param {string} type */
  const input = (key, type) => {
    const control = h('input', { type, id: `candidate-${key}`, value: typed[key], autocomplete: 'off', ...described(key) });
    control.addEventListener('input', () => (typed[key] = control.value));
    return control;
  };
  /** @param {Record<string, string>} attributes @param {string} value @param {[string, string][]} options @param {(value: string) => void} changed */
  const select = (attributes, value, options, changed) => {
    const control = h('select', attributes, ...options.map(([option, label]) => h('option', { value: option, ...(option === value && { selected: true }) }, label)));
    control.addEventListener('change', () => changed(/** @type {HTMLSelectElement} */ (control).value));
    return control;
  };
  const form = h(
    'form',
    { novalidate: true },
    ...present(
      contests.length > 1 && h('label', { for: 'candidate-contest' }, m.candidateContest),
      contests.length > 1 &&
        select(
          { id: 'candidate-contest' },
          contest.id,
          contests.map((c) => [c.id, c.title]),
          (chosen) => {
            Object.assign(typed, { contest: chosen, list: '' });
            // A list ballot asks for the list: the form is drawn again for the contest chosen.
            ui.show(() => view(ui, election.id), { moveFocus: false });
            document.getElementById('candidate-contest')?.focus();
          },
        ),
    ),
    h('label', { for: 'candidate-name' }, m.candidateName),
    input('name', 'text'),
    h('label', { for: 'candidate-email' }, m.candidateEmail),
    input('email', 'email'),
    h('label', { for: 'candidate-pageLink' }, m.candidatePage),
    input('pageLink', 'url'),
    ...present(
      lists.length > 0 && h('label', { for: 'candidate-list' }, m.candidateList),
      lists.length > 0 &&
        select(
          { id: 'candidate-list', ...described('list') },
          typed.list,
          [['', m.chooseList], ...lists.map((list) => /** @type {[string, string]} */ ([list, list]))],
          (chosen) => (typed.list = chosen),
        ),
    ),
    noteOf(state.candidateNote, 'candidate-note'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, m.candidateSave)),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const candidate = { name: typed.name.trim(), email: typed.email.trim(), pageLink: typed.pageLink.trim(), ...(lists.length > 0 && typed.list !== '' && { list: typed.list }) };
    const body = { candidates: [candidate], ...(election.contests.length > 1 && { contest: contest.id }) };
    const problems = candidatesProblems(body);
    if (problems.length > 0) {
      state.candidateNote = { ok: false, text: problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ') };
      ui.show(() => view(ui, election.id), { moveFocus: false });
      return focusRefusedCandidateField();
    }
    await saveThenShow(
      ui,
      election.id,
      ['POST', '/candidates', body],
      m.candidateAdded(candidate.name, contest.title),
      (note) => {
        state.candidateNote = note;
        if (note.ok) Object.assign(typed, { name: '', email: '', pageLink: '', list: '' });
      },
      'candidate-name',
    );
    if (!state.candidateNote?.ok) focusRefusedCandidateField();
  });
  return h('section', { class: 'part', 'aria-labelledby': 'candidates-heading' }, h('h3', { id: 'candidates-heading' }, m.candidatesHeading), h('p', { class: 'hint' }, m.candidatesIntro), form);
}

const focusRefusedCandidateField = () => /** @type {HTMLElement | null} */ (document.querySelector('[id^="candidate-"][aria-invalid="true"]'))?.focus();

/**
 * @param {Ui} ui
 * @param {Election} election
 */
function windowSection(ui, election) {
  const m = ui.t();
  const state = formOf(election.id);
  state.opensAt ??= isoToLocal(election.window?.opensAt);
  state.closesAt ??= isoToLocal(election.window?.closesAt);
  const invalid = state.windowNote && !state.windowNote.ok;
  const opens = h('input', { type: 'datetime-local', id: 'window-opens', value: state.opensAt, 'aria-describedby': 'window-note' });
  const closes = h('input', { type: 'datetime-local', id: 'window-closes', value: state.closesAt, 'aria-describedby': 'window-note', ...(invalid && { 'aria-invalid': 'true' }) });
  opens.addEventListener('input', () => (state.opensAt = opens.value));
  closes.addEventListener('input', () => (state.closesAt = closes.value));
  // Only an election that holds its voting links until the start can send them at a time of its own.
  const holdsLinks = election.credentialMail === 'held';
  state.credentialsAt ??= isoToLocal(election.credentialsAt);
  const links = h('input', { type: 'datetime-local', id: 'window-links', value: state.credentialsAt, 'aria-describedby': 'window-links-hint window-note' });
  links.addEventListener('input', () => (state.credentialsAt = links.value));
  const form = h(
    'form',
    { novalidate: true },
    h('label', { for: 'window-opens' }, m.opensLabel),
    opens,
    h('label', { for: 'window-closes' }, m.closesLabel),
    closes,
    ...(holdsLinks ? [h('label', { for: 'window-links' }, m.credentialsLabel), h('p', { class: 'hint', id: 'window-links-hint' }, m.credentialsHint(CREDENTIALS_LEAD_DAYS)), links] : []),
    noteOf(state.windowNote, 'window-note'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, m.windowSave)),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const opensAt = localToIso(state.opensAt ?? '');
    const closesAt = localToIso(state.closesAt ?? '');
    const credentialsAt = holdsLinks ? localToIso(state.credentialsAt ?? '') : '';
    const window = { closesAt, ...(opensAt !== '' && { opensAt }), ...(credentialsAt !== '' && { credentialsAt }) };
    await saveThenShow(ui, election.id, ['PUT', '/window', window], m.windowSaved, (note) => (state.windowNote = note), 'window-closes');
  });
  return h('section', { class: 'part', 'aria-labelledby': 'window-heading' }, h('h3', { id: 'window-heading' }, m.windowHeading), form);
}

/**
 * Sends one change of the set-up, keeps what came of it for the form to say, and shows the page
 * again with focus on the form's field.
 * @param {Ui} ui
 * @param {string} electionId
 * @param {['PUT' | 'POST', string, unknown]} change the method, the path below the election, and the body
 * @param {string} saved what the form says when the change is taken
 * @param {(note: { ok: boolean, text: string }) => void} keep
 * @param {string} focus
 */
async function saveThenShow(ui, electionId, [method, below, body], saved, keep, focus) {
  try {
    const answer = await request(method, path(electionId, below), body);
    keep(answer.status >= 200 && answer.status < 300 ? { ok: true, text: saved } : { ok: false, text: ApiError.from(answer).message });
  } catch (error) {
    keep({ ok: false, text: error instanceof Error ? error.message : String(error) });
  }
  await electionPage(ui, electionId, { focus });
}

/**
 * @param {Ui} ui
 * @param {Election} election
 */
function lockSection(ui, election) {
  const m = ui.t();
  return h(
    'section',
    { class: 'part', 'aria-labelledby': 'lock-heading' },
    h('h3', { id: 'lock-heading' }, m.lockHeading),
    h('p', {}, m.lockIntro),
    election.box === 'sealed' && !election.electionKey && h('p', { id: 'lock-waits' }, m.lockWaitsForKey),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', id: 'lock-open', onclick: () => openDialog(ui, election, { kind: 'lock', stage: 'confirm' }) }, m.lockButton)),
  );
}

/**
 * @param {Ui} ui
 * @param {Election} election
 */
function startSection(ui, election) {
  const m = ui.t();
  return h(
    'section',
    { class: 'part', 'aria-labelledby': 'start-heading' },
    h('h3', { id: 'start-heading' }, m.startHeading),
    schedule(ui, election),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', id: 'start-open', onclick: () => openDialog(ui, election, { kind: 'start', stage: 'confirm' }) }, m.startButton)),
  );
}

/**
 * The counted results wait for the committee: the first member's acceptance proposes it, a second's confirms it.
 * @param {Ui} ui
 * @param {Election} election
 */
function acceptanceSection(ui, election) {
  const m = ui.t();
  return h(
    'section',
    { class: 'part', 'aria-labelledby': 'accept-heading' },
    h('h3', { id: 'accept-heading' }, m.acceptHeading),
    h('p', { class: 'warning', id: 'accept-provisional' }, m.acceptIntro),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', id: 'accept-open', onclick: () => openDialog(ui, election, { kind: 'accept', stage: 'confirm' }) }, m.acceptButton)),
  );
}

/**
 * When voting opens and closes, in the viewer's zone and in UTC.
 * @param {Ui} ui
 * @param {Election} election
 */
function schedule(ui, election) {
  const m = ui.t();
  const { opensAt, closesAt } = election.window ?? {};
  const opensLater = opensAt !== undefined && Date.parse(opensAt) > Date.now();
  return h(
    'div',
    { class: 'schedule' },
    ...present(
      h('p', {}, ...(opensLater && opensAt ? splitAround(m.startScheduled('\u0000'), ui.when(opensAt)) : [m.startNow])),
      h('p', { class: 'start-mail' }, ...startMail(ui, election, opensLater)),
      closesAt && h('p', {}, ...splitAround(m.startCloses('\u0000'), ui.when(closesAt))),
    ),
  );
}

/**
 * What the start mails, and when: the held voting links at the committee's send time before a
 * later opening (at once if that time has passed), else as voting opens; or nothing, when they
 * went out at the import.
 * @param {Ui} ui
 * @param {Election} election
 * @param {boolean} opensLater
 * @returns {(Node | string)[]}
 */
function startMail(ui, election, opensLater) {
  const m = ui.t();
  if (election.credentialMail !== 'held') return [m.startLinksMailed];
  const postal = election.postalVoters ?? 0;
  const voters = election.voterCount - postal;
  const { credentialsAt } = election;
  if (!opensLater || credentialsAt === undefined) return [m.startMailsLinks(voters, postal)];
  return Date.parse(credentialsAt) > Date.now() ? splitAround(m.startMailsLinksAt(voters, postal, '\u0000'), ui.when(credentialsAt)) : [m.startMailsLinksOnStart(voters, postal)];
}

/**
 * When the voting links go out, or went out.
 * @param {Ui} ui
 * @param {Election} election
 */
function linksFact(ui, election) {
  const m = ui.t();
  if (election.credentialsReleasedAt) return h('span', {}, ...splitAround(m.linksSent('\u0000'), ui.when(election.credentialsReleasedAt)));
  return election.credentialsAt ? h('span', {}, ...splitAround(m.linksAt('\u0000'), ui.when(election.credentialsAt))) : m.linksAtOpening;
}

/**
 * A sentence with a node where its placeholder was.
 * @param {string} sentence
 * @param {Node} node
 */
function splitAround(sentence, node) {
  const [before = '', after = ''] = sentence.split('\u0000');
  return [before, node, after];
}

/**
 * The lock, start or acceptance confirmation, as a modal `<dialog>`: focus goes into it and back to the
 * button that opened it when it closes without a change.
 * @param {Ui} ui
 * @param {Election} election
 * @param {Dialog} state
 */
function openDialog(ui, election, state) {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const dialog = h('dialog', { 'aria-labelledby': 'dialog-heading', class: 'confirm' });
  const close = () => {
    dialog.close();
    dialog.remove();
    opener?.focus();
  };
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    if (!state.busy) close();
  });
  const draw = () => {
    dialog.replaceChildren(...dialogContent(ui, election, state, { close, draw, act }));
    const focus = /** @type {HTMLElement | null} */ (dialog.querySelector('[data-autofocus]'));
    focus?.focus();
  };
  const act = async (/** @type {boolean} */ confirmCompromised) => {
    state.busy = true;
    draw();
    try {
      const answer =
        state.kind === 'start'
          ? await request('POST', path(election.id, '/start'), confirmCompromised ? { confirmCompromised: true } : undefined)
          : await request('POST', path(election.id, state.kind === 'lock' ? '/lock' : '/acceptance'));
      state.busy = false;
      // On a committee of two or more, the first member's call proposes; a second member's confirms.
      if (answer.status === 202) Object.assign(state, { stage: 'proposed', proposal: answer.body.proposal });
      else if (answer.status === 200) {
        dialog.close();
        dialog.remove();
        await electionPage(ui, election.id);
        return;
      } else {
        const error = ApiError.from(answer);
        if (error.code === 'compromised') Object.assign(state, { stage: 'breach' });
        else if (state.kind === 'start' && error.status === 400 && error.code === 'invalid') Object.assign(state, { stage: 'missing', problems: error.message.split('; ') });
        else Object.assign(state, { stage: 'failed', failure: error });
      }
    } catch (error) {
      Object.assign(state, { busy: false, stage: 'failed', failure: error });
    }
    draw();
  };
  document.getElementById('view')?.append(dialog);
  dialog.showModal();
  draw();
}

/**
 * @param {Ui} ui
 * @param {Election} election
 * @param {Dialog} state
 * @param {{ close: () => void, draw: () => void, act: (confirmCompromised: boolean) => Promise<void> }} actions
 * @returns {(Node | string)[]}
 */
function dialogContent(ui, election, state, { close, act }) {
  const m = ui.t();
  const cancel = h('button', { type: 'button', class: 'secondary', onclick: close, ...(state.busy && { disabled: true }) }, m.cancel);
  const busy = h('p', { role: 'status', class: 'busy' }, state.busy ? m.working : '');
  if (state.stage === 'proposed' && state.proposal) {
    const { proposedBy, expiresAt } = state.proposal;
    return present(
      h('h3', { id: 'dialog-heading' }, m.proposedTitle(state.kind)),
      h('p', { role: 'status' }, ...splitAround(m.proposedBody(proposedBy.name, '\u0000'), ui.when(expiresAt))),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', 'data-autofocus': true, onclick: close }, m.proposedClose)),
    );
  }
  if (state.kind === 'lock') {
    return present(
      h('h3', { id: 'dialog-heading' }, m.lockDialogTitle),
      h('p', {}, m.lockDialogBody(election.voterCount)),
      smallContestsNote(ui, election),
      state.stage === 'failed' && ui.failure(state.failure),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'primary', 'data-autofocus': true, onclick: () => void act(false), ...(state.busy && { 'aria-disabled': 'true' }) }, m.confirmLock),
        cancel,
      ),
      busy,
    );
  }
  if (state.kind === 'accept') {
    return present(
      h('h3', { id: 'dialog-heading' }, m.acceptDialogTitle),
      h('p', { class: 'final' }, m.acceptDialogBody),
      state.stage === 'failed' && ui.failure(state.failure),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'primary', 'data-autofocus': true, onclick: () => void act(false), ...(state.busy && { 'aria-disabled': 'true' }) }, m.confirmAccept),
        cancel,
      ),
      busy,
    );
  }
  if (state.stage === 'breach') {
    const box = h('input', { type: 'checkbox', id: 'confirm-breach', 'data-autofocus': true });
    const go = h('button', { type: 'button', class: 'primary danger', disabled: true, onclick: () => void act(true) }, m.startAnyway);
    box.addEventListener('change', () => (go.disabled = !box.checked));
    return present(
      h('h3', { id: 'dialog-heading' }, m.breachTitle),
      h('p', { class: 'warning' }, m.breachBody),
      h('p', {}, m.startFinal),
      h('div', { class: 'field check' }, box, h('label', { for: 'confirm-breach' }, m.breachConfirmLabel)),
      h('div', { class: 'actions' }, go, cancel),
      busy,
    );
  }
  return present(
    h('h3', { id: 'dialog-heading' }, m.startDialogTitle),
    schedule(ui, election),
    h('p', { class: 'final' }, m.startFinal),
    state.stage === 'missing' &&
      h('div', { role: 'alert', class: 'problems' }, h('p', { class: 'error' }, m.startMissing), h('ul', {}, ...(state.problems ?? []).map((problem) => h('li', { lang: 'en' }, problem)))),
    state.stage === 'failed' && ui.failure(state.failure),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'primary', 'data-autofocus': true, onclick: () => void act(false), ...(state.busy && { 'aria-disabled': 'true' }) }, m.confirmStart),
      cancel,
    ),
    busy,
  );
}
