// @ts-check
import { labelLanguage, onLanguageSwitch, showView, startingLanguage } from '../vote/page.js';
import { h, present } from '../vote/dom.js';
import { ApiError, ok, request, signIn, signOut } from '../admin/api.js';
import { MESSAGES } from './i18n.js';
import { ceremonyPart } from './ceremony.js';
import { openingPart } from './opening.js';
import { trusteeWorker, WorkerError } from './worker.js';

/**
 * The trustee page, `/trustee?election=<id>`: a member of the election committee acting as a
 * trustee of a sealed election does their part here, on their own machine. They sign in with the
 * admin token (kept in memory by ../admin/api.js, as the console does) and say which trustee they
 * are; the page then takes the key ceremony's steps as the ceremony reaches them (./ceremony.js)
 * and, after the close, opens the box with the trustee's share file (./opening.js). The secrets
 * live in a Web Worker (./worker.js) and leave it only sealed under the trustee's passphrase, as
 * files the trustee downloads: nothing secret is sent to the server or stored in the browser.
 * @typedef {import('./i18n.js').Messages} Messages
 * @typedef {import('../vote/i18n.js').Lang} Lang
 * @typedef {{ heading: string, body: (Node | string | null | undefined | false)[] }} View
 * @typedef {{ count: number, threshold: number, names?: string[] }} Trustees
 * @typedef {{ id: string, title: string }} ContestSummary
 * @typedef {import('../../domain/crypto/keyCeremony').CeremonyFailure} CeremonyFailure
 * @typedef {{ id: string, mixes: number, mixesNeeded: number, mixers: number[], decryptions: number[], threshold: number, next: 'mix' | 'decryption' | 'opened' }} OpeningContest
 * @typedef {{
 *   id: string, title: string, phase: string, box?: 'sealed' | 'open', trustees?: Trustees, electionKey?: string,
 *   ceremony?: { step: string, waitingFor: number[], failedRounds?: number, lastFailure?: CeremonyFailure }, opening?: { contests: OpeningContest[] },
 *   contests: ContestSummary[],
 * }} ElectionView the public `GET /elections/{id}`, as far as this page reads it
 * @typedef {{
 *   t: () => Messages, electionId: () => string, trustee: () => number, trustees: () => Trustees, election: () => ElectionView,
 *   worker: ReturnType<typeof trusteeWorker>, render: () => void, problem: (error: unknown) => HTMLElement,
 *   trusteeName: (index: number) => string, download: (text: string, name: string, label: string) => HTMLElement, saved: (text: string) => boolean,
 * }} Page what the ceremony and the opening parts use of the page
 */

const LANG_KEY = 'trustee.lang';
/** How often the page looks at the election while it waits for the other trustees. */
const POLL_MS = 3_000;

const session = {
  lang: startingLanguage(LANG_KEY),
  /** @type {() => View} */
  current: () => ({ heading: t().loading, body: [] }),
  electionId: new URLSearchParams(location.search).get('election')?.trim() ?? '',
  /** @type {ElectionView | undefined} */
  election: undefined,
  trustee: 0,
  /** @type {{ problem?: string, failure?: unknown }} */
  form: {},
  /** The refresh that failed last, shown until one succeeds. */
  refreshFailed: false,
};

const t = () => MESSAGES[session.lang];

const view = /** @type {HTMLElement} */ (document.getElementById('view'));
const brand = /** @type {HTMLElement} */ (document.getElementById('brand'));
const pageHeading = /** @type {HTMLElement} */ (document.getElementById('page-heading'));
const langSwitch = /** @type {HTMLButtonElement} */ (document.getElementById('lang-switch'));

onLanguageSwitch(langSwitch, LANG_KEY, session, () => show(session.current, { moveFocus: false }));

/**
 * @param {() => View} make
 * @param {{ moveFocus?: boolean }} [options]
 */
function show(make, { moveFocus = true } = {}) {
  session.current = make;
  const m = t();
  brand.textContent = m.brand;
  pageHeading.textContent = m.pageTitle;
  labelLanguage(session.lang, langSwitch);
  const { heading, body } = make();
  document.title = `${heading} – ${m.pageTitle}`;
  showView(view, heading, body, moveFocus);
}

/**
 * What went wrong, said in the page's language; a refusal's or the worker's reason in English.
 * @param {unknown} error
 */
function problem(error) {
  const m = t();
  const english = (/** @type {string} */ intro, /** @type {string} */ reason) => h('p', { class: 'error' }, `${intro}${m.inEnglish ? ` ${m.inEnglish}` : ''} `, h('span', { lang: 'en' }, reason));
  let part;
  if (error instanceof ApiError && error.status === 0) part = h('p', { class: 'error' }, m.unreachable);
  else if (error instanceof ApiError && error.status >= 500) part = h('p', { class: 'error' }, m.serverFailed(error.status));
  else if (error instanceof ApiError) part = english(m.refusedIntro, error.message);
  else if (error instanceof WorkerError) part = english(m.workFailed, error.message);
  else part = h('p', { class: 'error' }, m.unreachable);
  return h('div', { class: 'failure', role: 'alert' }, part);
}

/** The files the trustee has saved (their texts), so that the page can warn before a file not yet saved is lost with the tab. */
const savedFiles = new Set();

/**
 * A button that saves `text` as the file `name`: the file is made when it is clicked and freed after.
 * @param {string} text
 * @param {string} name
 * @param {string} label
 */
function download(text, name, label) {
  const save = () => {
    savedFiles.add(text);
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const anchor = h('a', { href: url, download: name, hidden: true });
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  return h('button', { type: 'button', class: 'primary download', onclick: save }, label);
}

// ------------------------------------------------------------------------------ the election

/** @returns {View} */
function electionView() {
  const m = t();
  const input = h('input', {
    type: 'text',
    id: 'election-id',
    name: 'election',
    value: session.electionId,
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'election-hint election-error',
  });
  const form = h(
    'form',
    { novalidate: true },
    h('label', { for: 'election-id' }, m.electionLabel),
    h('p', { id: 'election-hint', class: 'hint' }, m.electionHint),
    input,
    h('p', { id: 'election-error', class: 'error', role: 'alert' }, session.form.problem ?? ''),
    session.form.failure ? problem(session.form.failure) : null,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, m.continue)),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    session.electionId = input.value.trim();
    void loadElection();
  });
  return { heading: m.electionTitle, body: [form] };
}

async function loadElection() {
  session.form = {};
  if (session.electionId === '') {
    session.form.problem = t().electionEmpty;
    return show(electionView);
  }
  history.replaceState(null, '', `?election=${encodeURIComponent(session.electionId)}`);
  show(() => ({ heading: t().loading, body: [] }));
  try {
    const answer = await request('GET', `/elections/${encodeURIComponent(session.electionId)}`);
    if (answer.status === 404) {
      session.form.problem = t().unknownElection(session.electionId);
      return show(electionView);
    }
    session.election = ok(answer);
  } catch (error) {
    session.form.failure = error;
    return show(electionView);
  }
  show(session.election?.box === 'sealed' ? signInView : notSealedView);
}

/** @returns {View} */
function notSealedView() {
  const m = t();
  return { heading: m.notSealedTitle, body: [h('p', { class: 'warning' }, m.notSealedBody)] };
}

// ------------------------------------------------------------------------------- signing in

/** @returns {View} */
function signInView() {
  const m = t();
  const election = /** @type {ElectionView} */ (session.election);
  const trustees = /** @type {Trustees} */ (election.trustees);
  const token = h('input', { type: 'password', id: 'token', name: 'token', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'token-hint token-error' });
  const select = h(
    'select',
    { id: 'trustee', name: 'trustee' },
    ...Array.from({ length: trustees.count }, (_, i) => h('option', { value: String(i + 1), ...(session.trustee === i + 1 && { selected: true }) }, m.trusteeName(i + 1, trustees.names?.[i]))),
  );
  const status = h('p', { role: 'status', class: 'busy' });
  const form = h(
    'form',
    { novalidate: true },
    h('label', { for: 'trustee' }, m.trusteeLabel),
    select,
    h('label', { for: 'token' }, m.tokenLabel),
    h('p', { id: 'token-hint', class: 'hint' }, m.tokenHint),
    token,
    h('p', { id: 'token-error', class: 'error', role: 'alert' }, session.form.problem ?? ''),
    session.form.failure ? problem(session.form.failure) : null,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, m.signInButton)),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    session.trustee = Number(select.value);
    void trySignIn(token.value, status);
  });
  return {
    heading: m.signInTitle,
    body: [h('p', { class: 'election-title' }, election.title), h('p', {}, m.trusteesIntro(trustees.threshold, trustees.count)), h('p', { class: 'hint' }, m.secretsNote), form],
  };
}

/**
 * The token is checked by the console's own read (the admin list), which only a valid token may make.
 * @param {string} token
 * @param {HTMLElement} status
 */
async function trySignIn(token, status) {
  session.form = {};
  if (token.trim() === '') {
    session.form.problem = t().tokenEmpty;
    show(signInView, { moveFocus: false });
    return document.getElementById('token')?.focus();
  }
  signIn(token);
  status.textContent = t().signingIn;
  try {
    const answer = await request('GET', '/elections');
    if (answer.status === 401 || answer.status === 403) {
      signOut();
      session.form.problem = t().tokenRefused;
      show(signInView, { moveFocus: false });
      return document.getElementById('token')?.focus();
    }
    ok(answer);
  } catch (error) {
    signOut();
    session.form.failure = error;
    return show(signInView, { moveFocus: false });
  }
  startWork();
}

// ------------------------------------------------------------------------------------ work

/** The parts of the work view that stay put while the page polls, so that a form being filled in is never redrawn under the trustee's hands. */
const work = {
  /** @type {ReturnType<typeof trusteeWorker> | undefined} */
  worker: undefined,
  /** @type {ReturnType<typeof ceremonyPart> | undefined} */
  ceremony: undefined,
  /** @type {ReturnType<typeof openingPart> | undefined} */
  opening: undefined,
  busy: false,
};

function startWork() {
  const worker = (work.worker ??= trusteeWorker());
  /** @type {Page} */
  const page = {
    t,
    electionId: () => session.electionId,
    trustee: () => session.trustee,
    trustees: () => /** @type {Trustees} */ (session.election?.trustees),
    election: () => /** @type {ElectionView} */ (session.election),
    worker,
    render: () => renderWork(),
    problem,
    trusteeName: (index) => t().trusteeName(index, session.election?.trustees?.names?.[index - 1]),
    download,
    saved: (text) => savedFiles.has(text),
  };
  work.ceremony = ceremonyPart(page);
  work.opening = openingPart(page);
  show(workView);
  void poll();
}

/** @returns {View} */
function workView() {
  const m = t();
  const election = /** @type {ElectionView} */ (session.election);
  const opening = election.opening !== undefined;
  const part = opening ? work.opening : work.ceremony;
  return {
    heading: opening ? m.openingTitle : m.ceremonyTitle,
    body: present(
      h('p', { class: 'election-title' }, election.title),
      h('p', { class: 'who' }, m.youAre(t().trusteeName(session.trustee, election.trustees?.names?.[session.trustee - 1]))),
      ...(part?.mount() ?? []),
      h('p', { id: 'refresh', class: 'hint', role: 'status' }, session.refreshFailed ? m.refreshFailed : ''),
    ),
  };
}

/** Redraws what changed; a move from the ceremony to the opening shows the opening's view. */
function renderWork() {
  const heading = document.getElementById('view-heading')?.textContent;
  const m = t();
  const wanted = session.election?.opening !== undefined ? m.openingTitle : m.ceremonyTitle;
  if (heading !== wanted) return show(workView);
  const refresh = document.getElementById('refresh');
  if (refresh) refresh.textContent = session.refreshFailed ? m.refreshFailed : '';
  (session.election?.opening !== undefined ? work.opening : work.ceremony)?.render();
}

/** Reads the election, lets the part it is in take its next step, and comes back in a few seconds. */
async function poll() {
  if (!work.busy) {
    work.busy = true;
    try {
      session.election = ok(await request('GET', `/elections/${encodeURIComponent(session.electionId)}`));
      session.refreshFailed = false;
      renderWork();
      if (session.election?.opening !== undefined) await work.opening?.step();
      else await work.ceremony?.step();
    } catch (error) {
      session.refreshFailed = !(error instanceof WorkerError);
    } finally {
      work.busy = false;
      renderWork();
    }
  }
  // Once every contest is opened there is nothing left for a trustee to do, nor to wait for.
  const contests = session.election?.opening?.contests ?? [];
  if (contests.length === 0 || !contests.every((contest) => contest.next === 'opened')) setTimeout(() => void poll(), POLL_MS);
}

// The browser asks before the tab is closed or reloaded while a file with the trustee's secret is offered but not saved.
window.addEventListener('beforeunload', (event) => {
  if (work.ceremony?.offersUnsavedFile()) event.preventDefault();
});

if (session.electionId === '') show(electionView, { moveFocus: false });
else void loadElection();
