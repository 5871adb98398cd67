// @ts-check
import { labelLanguage, onLanguageSwitch, showView, startingLanguage } from '../vote/page.js';
import { h, present } from '../vote/dom.js';
import { formatMoment, formatPercent } from '../vote/i18n.js';
import { ApiError, ok, request, signIn, signOut, signedIn } from './api.js';
import { MEMBERS_MESSAGES } from './i18n-members.js';
import { beginAccountSignIn, returnAddress, returnedFromSignIn } from './account-sign-in.js';
import { membersPage } from './members.js';
import { MESSAGES, formatCount } from './i18n.js';
import { createView, resetCreateForm } from './setup-create.js';
import { electionPage, forgetElections } from './setup-election.js';

/**
 * The election committee's console, `/admin`: sign in with the admin token (held by api.js in
 * memory only), list the elections, create one, and set it up: voters, observers, window, lock
 * and start. While voting runs and after it, the monitor (web/admin/monitor.js) is mounted.
 * @typedef {import('./i18n.js').Lang} Lang
 * @typedef {import('./i18n.js').Messages} Messages
 * @typedef {{ heading: string, body: (Node | string | null | undefined | false)[] }} View
 * @typedef {import('../../contract/views').ElectionSummary} ElectionSummary the API's answer, by the type of the function that makes it
 * @typedef {{
 *   t: () => Messages, lang: () => Lang, show: (make: () => View, options?: { moveFocus?: boolean }) => void,
 *   onLeave: (stop: () => void) => void, go: { list(): void, create(): void, election(id: string): void, members(): void },
 *   failure: (error: unknown, retry?: () => void) => HTMLElement, refused: (error: ApiError) => HTMLElement,
 *   when: (iso: string) => HTMLElement, count: (n: number) => string,
 * }} Ui
 */

const LANG_KEY = 'admin.lang';

const session = {
  lang: startingLanguage(LANG_KEY),
  /** @type {() => View} */
  current: () => ({ heading: t().loading, body: [] }),
  /** What the view shown needs stopped when another replaces it (the monitor's refreshes). @type {(() => void)[]} */
  leave: [],
  /** Said once on the sign-in view after a sign-out. */
  signedOut: false,
  /** Who signed in, as `GET /me` answered. @type {{ name: string, role: 'committee' | 'helpdesk' | 'observer' } | undefined} */
  member: undefined,
};

const t = () => MESSAGES[session.lang];

const view = /** @type {HTMLElement} */ (document.getElementById('view'));
const brand = /** @type {HTMLElement} */ (document.getElementById('brand'));
const pageHeading = /** @type {HTMLElement} */ (document.getElementById('page-heading'));
const langSwitch = /** @type {HTMLButtonElement} */ (document.getElementById('lang-switch'));
const signOutButton = /** @type {HTMLButtonElement} */ (document.getElementById('sign-out'));
const signedInAs = /** @type {HTMLElement} */ (document.getElementById('signed-in'));

onLanguageSwitch(langSwitch, LANG_KEY, session, () => show(session.current, { moveFocus: false }));

signOutButton.addEventListener('click', () => {
  signOut();
  session.member = undefined;
  resetCreateForm();
  forgetElections();
  session.signedOut = true;
  show(signInView);
});

/**
 * Shows a view and, unless told otherwise, moves focus to its heading, so that keyboard and
 * screen reader users start reading where the page changed. A language switch shows the same
 * view again from the state it keeps.
 * @param {() => View} make
 * @param {{ moveFocus?: boolean }} [options]
 */
function show(make, { moveFocus = true } = {}) {
  for (const stop of session.leave.splice(0)) stop();
  session.current = make;
  const m = t();
  brand.textContent = m.brand;
  pageHeading.textContent = m.pageTitle;
  labelLanguage(session.lang, langSwitch);
  signOutButton.textContent = m.signOut;
  signOutButton.hidden = !signedIn();
  signedInAs.hidden = !signedIn() || !session.member;
  if (session.member) signedInAs.textContent = m.signedInAs(session.member.name, m.roleNames[session.member.role]);
  const { heading, body } = make();
  document.title = `${heading} – ${m.pageTitle}`;
  showView(view, heading, body, moveFocus);
}

/** @type {Ui} */
const ui = {
  t,
  lang: () => session.lang,
  show,
  onLeave: (stop) => void session.leave.push(stop),
  go: {
    list: () => void showList(),
    create: () => show(() => createView(ui)),
    election: (id) => void electionPage(ui, id),
    members: () => void membersPage(ui),
  },
  failure,
  refused,
  when,
  count: (n) => formatCount(session.lang, n),
};

/**
 * What went wrong with a request, said in the page's language (a refusal's reason in the API's English).
 * @param {unknown} error
 * @param {() => void} [retry]
 */
function failure(error, retry) {
  const m = t();
  /** @type {(Node | string | null | undefined | false)[]} */
  let parts;
  if (error instanceof ApiError && error.status === 0) parts = [h('p', {}, m.unreachable)];
  else if (error instanceof ApiError && error.status >= 500) parts = [h('p', {}, m.serverFailed(error.status))];
  else if (error instanceof ApiError) parts = [refused(error)];
  else parts = [h('p', {}, m.unreachable)];
  return h('div', { class: 'failure', role: 'alert' }, ...present(...parts, retry && h('button', { type: 'button', class: 'secondary', onclick: retry }, m.retry)));
}

/** @param {ApiError} error */
function refused(error) {
  const m = t();
  return h('p', { class: 'error' }, `${m.refusedIntro}${m.inEnglish ? ` ${m.inEnglish}` : ''} `, h('span', { lang: 'en' }, error.message));
}

/**
 * A moment in the viewer's zone, with the same moment in UTC beside it.
 * @param {string} iso
 */
function when(iso) {
  return h('span', { class: 'when' }, formatMoment(session.lang, iso), ' ', h('span', { class: 'utc' }, `(${t().utcLine(formatMoment(session.lang, iso, { timeZone: 'UTC' }))})`));
}

// ---------------------------------------------------------------------------------- sign-in

const signInState = {
  problem: /** @type {'empty' | 'refused' | 'account' | undefined} */ (undefined),
  failure: /** @type {unknown} */ (undefined),
  busy: false,
  /** The identity provider's sign-in, when the deployment has one (`GET /sign-in`). @type {{ authorizeUrl: string, clientId: string } | undefined} */
  hosted: undefined,
};

/** @returns {View} */
function signInView() {
  const m = t();
  const input = h('input', {
    type: 'password',
    id: 'token',
    name: 'token',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'token-hint token-error',
    ...(signInState.problem && { 'aria-invalid': 'true' }),
  });
  const problem = signInState.problem === 'empty' ? m.tokenEmpty : signInState.problem === 'refused' ? m.tokenRefused : '';
  const hosted = signInState.hosted;
  const account =
    hosted &&
    h(
      'div',
      { class: 'sign-in account' },
      h('p', {}, m.accountIntro),
      signInState.problem === 'account' && h('p', { class: 'error', role: 'alert' }, m.accountRefused),
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', id: 'account-sign-in', onclick: () => void beginAccountSignIn(hosted) }, m.accountButton)),
      h('p', { class: 'hint' }, m.orWithToken),
    );
  const status = h('p', { role: 'status', class: 'busy' }, signInState.busy ? m.signingIn : '');
  const form = h(
    'form',
    { class: 'sign-in', novalidate: true },
    h('label', { for: 'token' }, m.tokenLabel),
    h('p', { id: 'token-hint', class: 'hint' }, m.signInIntro),
    input,
    h('p', { id: 'token-error', class: 'error', role: 'alert' }, problem),
    signInState.failure ? failure(signInState.failure) : null,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, m.signInButton)),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void trySignIn(input.value, status);
  });
  const notice = session.signedOut ? h('p', { class: 'found', role: 'status' }, m.signedOut) : null;
  return { heading: m.signInTitle, body: [notice, account, form] };
}

/**
 * @param {string} token
 * @param {HTMLElement} status
 */
async function trySignIn(token, status) {
  session.signedOut = false;
  signInState.failure = undefined;
  if (token.trim() === '') {
    signInState.problem = 'empty';
    show(signInView, { moveFocus: false });
    document.getElementById('token')?.focus();
    return;
  }
  signIn(token);
  status.textContent = t().signingIn;
  try {
    const answer = await request('GET', '/elections');
    if (answer.status === 401 || answer.status === 403) {
      signOut();
      signInState.problem = 'refused';
      show(signInView, { moveFocus: false });
      document.getElementById('token')?.focus();
      return;
    }
    listState.elections = ok(answer).elections;
    // Who the token is: a member's own, or the admin token acting as one member of the committee.
    session.member = ok(await request('GET', '/me'));
    signInState.problem = undefined;
    show(listView);
  } catch (error) {
    signOut();
    signInState.problem = undefined;
    signInState.failure = error;
    show(signInView, { moveFocus: false });
  }
}

// ------------------------------------------------------------------------------------- list

/** @type {{ elections: ElectionSummary[] | undefined, failure: unknown }} */
const listState = { elections: undefined, failure: undefined };

async function showList() {
  if (!signedIn()) return show(signInView);
  show(() => ({ heading: t().listTitle, body: [h('p', { role: 'status', class: 'busy' }, t().loading)] }));
  try {
    const answer = await request('GET', '/elections');
    if (answer.status === 401) {
      signOut();
      signInState.problem = 'refused';
      return show(signInView);
    }
    listState.elections = ok(answer).elections;
    listState.failure = undefined;
  } catch (error) {
    listState.failure = error;
  }
  show(listView);
}

/** @returns {View} */
function listView() {
  const m = t();
  const lang = session.lang;
  const elections = listState.elections ?? [];
  const actions = h(
    'div',
    { class: 'actions' },
    h('button', { type: 'button', class: 'primary', onclick: () => ui.go.create() }, m.createButton),
    h('button', { type: 'button', class: 'secondary', onclick: () => void showList() }, m.refresh),
    // The member list is a committee member's to keep.
    session.member?.role === 'committee' && h('button', { type: 'button', class: 'secondary', id: 'members-open', onclick: () => ui.go.members() }, MEMBERS_MESSAGES[lang].membersButton),
  );
  if (listState.failure) return { heading: m.listTitle, body: [failure(listState.failure, () => void showList()), actions] };
  if (elections.length === 0) return { heading: m.listTitle, body: [h('p', {}, m.noElections), actions] };
  const rows = [...elections]
    .sort((a, b) => a.title.localeCompare(b.title, lang))
    .map((election) => {
      const window = election.window;
      const { voted, registered } = election.turnout;
      return h(
        'tr',
        {},
        h(
          'th',
          { scope: 'row' },
          h('button', { type: 'button', class: 'link', onclick: () => ui.go.election(election.id) }, election.title),
          h('span', { class: 'election-id' }, h('code', {}, election.id)),
        ),
        h(
          'td',
          {},
          m.phaseNames[election.phase] ?? election.phase,
          h('span', { class: `box-flag ${election.box}`, title: election.box === 'open' ? m.notSecretAgainstOperator : m.boxSealedShort }, election.box === 'open' ? m.openBoxFlag : m.boxSealedShort),
          election.compromised ? h('span', { class: 'breach-flag' }, m.breachFlag) : null,
          election.workflowStoppedAt ? h('span', { class: 'breach-flag' }, m.workflowFlag(election.workflowStoppedAt)) : null,
        ),
        h(
          'td',
          { class: 'window-cell' },
          ...(window?.closesAt
            ? present(
                window.opensAt &&
                  h('span', { class: 'line' }, `${m.opensLine(formatMoment(lang, window.opensAt))}`, h('span', { class: 'utc' }, m.utcLine(formatMoment(lang, window.opensAt, { timeZone: 'UTC' })))),
                h('span', { class: 'line' }, `${m.closesLine(formatMoment(lang, window.closesAt))}`, h('span', { class: 'utc' }, m.utcLine(formatMoment(lang, window.closesAt, { timeZone: 'UTC' })))),
              )
            : [m.noWindow]),
        ),
        h('td', { class: 'number' }, m.turnoutCell(formatCount(lang, voted), formatCount(lang, registered), formatPercent(lang, voted, registered))),
      );
    });
  const table = h(
    'div',
    { class: 'elections-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'elections-caption' },
    h(
      'table',
      { class: 'elections' },
      h('caption', { id: 'elections-caption' }, m.listCaption),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, m.colTitle), h('th', { scope: 'col' }, m.colPhase), h('th', { scope: 'col' }, m.colWindow), h('th', { scope: 'col' }, m.colTurnout))),
      h('tbody', {}, ...rows),
    ),
  );
  return { heading: m.listTitle, body: [actions, table] };
}

/**
 * The console's start: back from the identity provider's sign-in with a code, exchanged for the
 * member's session; else the sign-in, offering the provider's where the deployment has one.
 */
async function start() {
  const returned = returnedFromSignIn();
  const hosted = await request('GET', '/sign-in').catch(() => undefined);
  if (hosted?.status === 200) signInState.hosted = hosted.body;
  if (returned === undefined) return show(signInView, { moveFocus: false });
  if (returned === 'refused') {
    signInState.problem = 'account';
    return show(signInView, { moveFocus: false });
  }
  const status = h('p', { role: 'status', class: 'busy' }, t().signingIn);
  show(() => ({ heading: t().signInTitle, body: [status] }), { moveFocus: false });
  const session = await request('POST', '/sign-in/token', { ...returned, redirectUri: returnAddress() }).catch((error) => ({ status: 0, body: error }));
  if (session.status !== 200) {
    signInState.problem = 'account';
    return show(signInView, { moveFocus: false });
  }
  await trySignIn(session.body.accessToken, status);
}

void start();
