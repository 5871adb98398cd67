// @ts-check
import { api } from './api.js';
import { h } from './dom.js';
import { LANG_NAMES, MESSAGES, formatPercent, formatTime, pickLanguage } from './i18n.js';
import { isTokenShaped, takeLink } from './link.js';
import { NEW_LINK_PHASES, newLinkSection } from './new-link.js';

/**
 * @typedef {{ name: string, pageLink: string }} Candidate
 * @typedef {{ kind: 'single' } | { kind: 'multi', maxChoices: number }} BallotDefinition
 * @typedef {{ id: string, title: string, phase: string, ballot: BallotDefinition, window?: { opensAt?: string, closesAt?: string },
 *   candidates: Candidate[], compromised: boolean }} Election
 * @typedef {{ choices: string[] } | { abstain: true }} Choice
 * @typedef {{ heading: string, body: (Node | string | null | false)[] }} View
 */

// First thing, before any request: the token leaves the address bar.
const link = takeLink(window.location, window.history);

const LANG_KEY = 'vote.lang';
const ENDED_PHASES = new Set(['closed', 'tallied', 'published']);
const session = {
  lang: pickLanguage(navigator.languages ?? [navigator.language], readSavedLanguage()),
  /** Held in memory only: never stored, logged or put in a URL. */
  token: link.token,
  /** @type {Election | undefined} */
  election: undefined,
  /** What the voter has marked so far; survives a language switch and the way back from review. */
  marked: /** @type {Set<string>} */ (new Set()),
  abstain: false,
  /** A cast whose answer never came: a later "already voted" most likely means that one landed. */
  castMayHaveLanded: false,
  /** @type {import('./new-link.js').NewLinkState} */
  newLink: { email: '' },
  /** @type {() => View} */
  current: () => ({ heading: t().loading, body: [] }),
};

const t = () => MESSAGES[session.lang];
const view = /** @type {HTMLElement} */ (document.getElementById('view'));
const electionHeader = /** @type {HTMLElement} */ (document.getElementById('election'));
const brand = /** @type {HTMLElement} */ (document.getElementById('brand'));
const langSwitch = /** @type {HTMLButtonElement} */ (document.getElementById('lang-switch'));

langSwitch.addEventListener('click', () => {
  session.lang = session.lang === 'en' ? 'de' : 'en';
  try {
    localStorage.setItem(LANG_KEY, session.lang);
  } catch {
    // Storage may be off (private mode); the switch still works for this visit.
  }
  render(session.current, { moveFocus: false });
});

function readSavedLanguage() {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
}

/**
 * Shows a view and, after the first, moves focus to its heading so that keyboard and screen reader
 * users start reading where the page changed.
 * @param {() => View} make
 * @param {{ moveFocus?: boolean }} [options]
 */
function render(make, { moveFocus = true } = {}) {
  // A language switch renders the same view again and keeps its form; any other view starts afresh.
  if (make !== session.current) session.newLink = { email: '' };
  session.current = make;
  const { heading, body } = make();
  const m = t();
  document.documentElement.lang = session.lang;
  brand.textContent = m.brand;
  langSwitch.textContent = LANG_NAMES[session.lang === 'en' ? 'de' : 'en'];
  langSwitch.lang = session.lang === 'en' ? 'de' : 'en';
  renderElectionHeader();
  const title = h('h2', { id: 'view-heading', tabindex: '-1' }, heading);
  view.replaceChildren(title, ...present(...body));
  document.title = `${heading} – ${session.election?.title ?? m.pageTitle}`;
  if (moveFocus) title.focus();
}

function renderElectionHeader() {
  const m = t();
  const election = session.election;
  if (!election) {
    electionHeader.replaceChildren(h('h1', {}, m.pageTitle));
    return;
  }
  const votingWindow = election.window;
  // A draft may have no deadline yet.
  const closes = votingWindow?.closesAt && formatTime(session.lang, votingWindow.closesAt);
  const windowLine = !votingWindow || !closes
    ? undefined
    : ENDED_PHASES.has(election.phase)
      ? m.windowClosed(closes)
      : votingWindow.opensAt
        ? m.windowOpensCloses(formatTime(session.lang, votingWindow.opensAt), closes)
        : m.windowCloses(closes);
  electionHeader.replaceChildren(
    ...present(h('h1', {}, election.title), windowLine && h('p', { class: 'window' }, windowLine), election.compromised && h('p', { class: 'warning', role: 'note' }, m.compromised)),
  );
}

/** @param {(Node | string | null | undefined | false)[]} parts */
const present = (...parts) => /** @type {(Node | string)[]} */ (parts.filter((part) => part !== null && part !== undefined && part !== false && part !== ''));

const paragraph = (/** @type {string} */ text, /** @type {Record<string, string>} */ attributes = {}) => h('p', attributes, text);
const button = (/** @type {string} */ label, /** @type {() => void} */ onclick, primary = true) =>
  h('button', { type: 'button', class: primary ? 'primary' : 'secondary', onclick }, label);

/** Loads the election and shows what fits its phase; every way through the page starts here. */
async function start() {
  if (!link.electionId) {
    render(() => ({ heading: t().invalidLinkTitle, body: [paragraph(t().invalidLinkMissing)] }));
    return;
  }
  render(() => ({ heading: t().loading, body: [] }), { moveFocus: false });
  const answer = await api.election(link.electionId);
  if (answer.kind === 'refused' && answer.status === 404) {
    render(() => ({ heading: t().invalidLinkTitle, body: [paragraph(t().invalidLinkElection)] }));
    return;
  }
  if (answer.kind !== 'ok') {
    render(() => ({ heading: t().loadFailedTitle, body: [paragraph(t().loadFailedBody), button(t().retry, start)] }));
    return;
  }
  session.election = answer.body;
  await showPhase(answer.body);
}

/** @param {Election} election */
async function showPhase(election) {
  if (election.phase === 'published') return showResults(election.id);
  if (ENDED_PHASES.has(election.phase)) return render(() => closedView());
  if (election.phase !== 'open') {
    const opensAt = election.window?.opensAt;
    return render(() => ({
      heading: t().notOpenTitle,
      body: [opensAt ? paragraph(t().opensAt(formatTime(session.lang, opensAt))) : null, paragraph(t().notOpenBody), button(t().checkAgain, start), newLinkOffer()],
    }));
  }
  if (!session.token) return render(() => tokenEntry(false));
  render(() => ballotForm());
}

/** @returns {View} */
function closedView() {
  return { heading: t().closedTitle, body: [paragraph(t().closedBody)] };
}

/**
 * The token is missing (the page was reloaded) or was refused: the voter can paste it.
 * @param {boolean} refused
 * @returns {View}
 */
function tokenEntry(refused) {
  const m = t();
  const error = h('p', { id: 'token-error', class: 'error', role: 'alert' });
  const input = h('input', { id: 'token', name: 'token', type: 'text', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', 'aria-describedby': 'token-hint token-error', required: true });
  const form = h(
    'form',
    {
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        const token = input.value.trim();
        if (!isTokenShaped(token)) {
          input.setAttribute('aria-invalid', 'true');
          error.textContent = m.tokenInvalidFormat;
          input.focus();
          return;
        }
        input.value = '';
        session.token = token;
        render(() => ballotForm());
      },
    },
    h('label', { for: 'token' }, m.tokenLabel),
    h('p', { id: 'token-hint', class: 'hint' }, m.tokenHint),
    input,
    error,
    h('button', { type: 'submit', class: 'primary' }, m.continue),
  );
  return { heading: refused ? m.invalidLinkTitle : m.ballotTitle, body: [refused ? paragraph(m.invalidToken) : null, form, newLinkOffer()] };
}

/** "Lost your link?", for a voter here without a working link, while a new one is of use. */
function newLinkOffer() {
  const election = session.election;
  if (!election || session.token || !NEW_LINK_PHASES.has(election.phase)) return null;
  return newLinkSection(t, election.id, session.newLink);
}

/**
 * Candidates as radio buttons (one of n) or checkboxes (up to k of n), and abstention.
 * @param {string} [errorText]
 * @returns {View}
 */
function ballotForm(errorText) {
  const m = t();
  const election = /** @type {Election} */ (session.election);
  const single = election.ballot.kind === 'single';
  const hint = single ? m.chooseOne : m.chooseUpTo(election.ballot.kind === 'multi' ? election.ballot.maxChoices : 1);
  const options = election.candidates.map((candidate, i) => {
    const id = `candidate-${i}`;
    return h(
      'div',
      { class: 'option' },
      h('input', {
        id,
        type: single ? 'radio' : 'checkbox',
        name: 'choice',
        value: candidate.name,
        checked: session.marked.has(candidate.name),
        onchange: (event) => mark(candidate.name, /** @type {HTMLInputElement} */ (event.target).checked, single),
      }),
      h('label', { for: id }, candidate.name),
      h(
        'a',
        { href: candidate.pageLink, target: '_blank', rel: 'noopener noreferrer', class: 'candidate-page' },
        m.candidatePage(candidate.name),
        h('span', { class: 'visually-hidden' }, ` ${m.opensNewTab}`),
      ),
    );
  });
  const abstain = h(
    'div',
    { class: 'option abstain' },
    h('input', {
      id: 'abstain',
      type: single ? 'radio' : 'checkbox',
      name: single ? 'choice' : 'abstain',
      value: '',
      checked: session.abstain,
      onchange: (event) => {
        session.abstain = /** @type {HTMLInputElement} */ (event.target).checked;
        if (single && session.abstain) session.marked.clear();
      },
    }),
    h('label', { for: 'abstain' }, m.abstain),
  );
  const error = h('p', { id: 'ballot-error', class: 'error', role: 'alert' }, errorText ?? '');
  const form = h(
    'form',
    {
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        const problem = ballotProblem(election);
        if (problem) render(() => ballotForm(problem));
        else render(() => confirmation());
      },
    },
    h(
      'fieldset',
      { 'aria-describedby': 'ballot-error', ...(errorText ? { 'aria-invalid': 'true' } : {}) },
      h('legend', { id: 'ballot-hint' }, hint),
      ...options,
      abstain,
    ),
    error,
    h('button', { type: 'submit', class: 'primary' }, m.review),
  );
  return { heading: m.ballotTitle, body: [form] };
}

/**
 * @param {string} name
 * @param {boolean} checked
 * @param {boolean} single
 */
function mark(name, checked, single) {
  if (single) {
    session.marked.clear();
    session.abstain = false;
  }
  if (checked) session.marked.add(name);
  else session.marked.delete(name);
}

/** @param {Election} election */
function ballotProblem(election) {
  const m = t();
  const chosen = session.marked.size;
  if (session.abstain && chosen > 0) return m.errorAbstainAndChoice;
  if (!session.abstain && chosen === 0) return m.errorNothingChosen;
  if (election.ballot.kind === 'multi' && chosen > election.ballot.maxChoices) return m.errorTooMany(election.ballot.maxChoices, chosen);
  return undefined;
}

/** @returns {Choice} */
function currentChoice() {
  const election = /** @type {Election} */ (session.election);
  // Candidates in ballot order, whatever order they were clicked in.
  return session.abstain ? { abstain: true } : { choices: election.candidates.map((c) => c.name).filter((name) => session.marked.has(name)) };
}

/** @returns {View} */
function confirmation() {
  const m = t();
  const choice = currentChoice();
  return {
    heading: m.confirmTitle,
    body: [
      'choices' in choice ? paragraph(m.confirmChoices) : paragraph(m.confirmAbstain, { class: 'chosen' }),
      'choices' in choice && h('ul', { class: 'chosen' }, ...choice.choices.map((name) => h('li', {}, name))),
      paragraph(m.confirmFinal),
      h('div', { class: 'actions' }, button(m.castBallot, cast), button(m.changeBallot, () => render(() => ballotForm()), false)),
    ],
  };
}

/** Sends the ballot; a retry sends the same ballot with the same single-use token, so it can never count twice. */
async function cast() {
  const election = /** @type {Election} */ (session.election);
  const token = /** @type {string} */ (session.token);
  render(() => ({ heading: t().casting, body: [h('p', { role: 'status', class: 'busy' }, t().casting)] }));
  const answer = await api.cast(election.id, token, currentChoice());
  if (answer.kind === 'ok') {
    session.token = undefined;
    return render(() => receiptView(answer.body.receipt));
  }
  if (answer.kind === 'unreachable') {
    session.castMayHaveLanded = true;
    return render(() => castFailed(t().networkBody));
  }
  if (answer.kind === 'busy') return render(() => castFailed(t().busyBody));
  switch (answer.code) {
    case 'already_voted':
      session.token = undefined;
      return render(() => alreadyVoted());
    case 'cast_in_progress':
      return render(() => castFailed(t().inProgressBody));
    case 'invalid_token':
      session.token = undefined;
      return render(() => tokenEntry(true));
    case 'outside_window':
      // The deadline passed while the voter was choosing; the workflow closes the election shortly.
      return render(() => closedView());
    case 'wrong_phase':
    case 'not_found':
      return start();
    default:
      return render(() => ({ heading: t().networkTitle, body: [paragraph(t().unexpected(answer.message), { role: 'alert' }), button(t().changeBallot, () => render(() => ballotForm()))] }));
  }
}

/**
 * @param {string} reason
 * @returns {View}
 */
function castFailed(reason) {
  return { heading: t().networkTitle, body: [paragraph(reason), h('div', { class: 'actions' }, button(t().retry, cast))] };
}

/** @returns {View} */
function alreadyVoted() {
  const m = t();
  return {
    heading: m.alreadyVotedTitle,
    body: [paragraph(m.alreadyVotedBody), session.castMayHaveLanded ? paragraph(m.alreadyVotedAfterRetry) : paragraph(m.alreadyVotedNotYou)],
  };
}

/**
 * The receipt, shown here once: it is in no e-mail and stored nowhere, so that only the voter can
 * look up their ballot. Copy and download keep it.
 * @param {string} receipt
 * @returns {View}
 */
function receiptView(receipt) {
  const m = t();
  const election = /** @type {Election} */ (session.election);
  const status = h('p', { role: 'status', class: 'status' });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(receipt);
      status.textContent = m.copied;
    } catch {
      status.textContent = m.copyFailed;
    }
  };
  const download = () => {
    const name = m.receiptFileName(election.id);
    const checkLink = `${window.location.origin}${window.location.pathname}#election=${encodeURIComponent(election.id)}`;
    // Made in the browser: the receipt goes to no server again.
    const url = URL.createObjectURL(new Blob([m.receiptFile(election.title, election.id, receipt, checkLink)], { type: 'text/plain;charset=utf-8' }));
    const anchor = h('a', { href: url, download: name, hidden: true });
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    // The click has started the download; the file is freed once it has surely been read.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    status.textContent = m.downloaded(name);
  };
  return {
    heading: m.receiptTitle,
    body: [
      paragraph(m.receiptBody),
      h('p', { class: 'receipt' }, `${m.receiptLabel}: `, h('code', { id: 'receipt' }, receipt)),
      paragraph(m.receiptNotEmailed, { class: 'warning', role: 'note' }),
      h('div', { class: 'actions' }, button(m.copy, copy), button(m.download, download, false)),
      status,
    ],
  };
}

/** @param {string} electionId */
async function showResults(electionId) {
  const answer = await api.results(electionId);
  if (answer.kind !== 'ok') {
    return render(() => ({ heading: t().loadFailedTitle, body: [paragraph(t().loadFailedBody), button(t().retry, start)] }));
  }
  render(() => resultsView(answer.body));
}

/**
 * @param {{ id: string, result: { counts: { candidate: string, votes: number }[], abstentions: number, elected: string[], tied: string[] },
 *   turnout: { voted: number, registered: number }, seal: { digest: string } }} results
 * @returns {View}
 */
function resultsView(results) {
  const m = t();
  const { result, turnout } = results;
  const table = h(
    'table',
    {},
    h('caption', {}, m.resultsCaption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, m.candidateColumn), h('th', { scope: 'col', class: 'number' }, m.votesColumn))),
    h(
      'tbody',
      {},
      ...result.counts.map(({ candidate, votes }) => h('tr', {}, h('th', { scope: 'row' }, candidate), h('td', { class: 'number' }, String(votes)))),
      h('tr', { class: 'abstentions' }, h('th', { scope: 'row' }, m.abstentions), h('td', { class: 'number' }, String(result.abstentions))),
    ),
  );
  return {
    heading: m.resultsTitle,
    body: [
      table,
      paragraph(m.turnout(turnout.voted, turnout.registered, formatPercent(session.lang, turnout.voted, turnout.registered))),
      paragraph(result.elected.length > 0 ? m.elected(result.elected.join(', ')) : m.electedNobody),
      result.tied.length > 0 && paragraph(m.tied(result.tied.join(', '))),
      h('h3', {}, m.digestLabel),
      h('p', {}, h('code', { class: 'digest' }, results.seal.digest)),
      paragraph(m.digestHelp, { class: 'hint' }),
      receiptCheck(results.id),
    ],
  };
}

/** @param {string} electionId */
function receiptCheck(electionId) {
  const m = t();
  const outcome = h('div', { role: 'status', class: 'status', id: 'receipt-outcome' });
  const input = h('input', { id: 'receipt-input', type: 'text', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', 'aria-describedby': 'receipt-outcome' });
  const form = h(
    'form',
    {
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        const receipt = input.value.trim();
        if (!/^[A-Za-z0-9_-]{22}$/.test(receipt)) {
          input.setAttribute('aria-invalid', 'true');
          outcome.replaceChildren(h('p', { class: 'error' }, m.receiptInvalidFormat));
          input.focus();
          return;
        }
        input.removeAttribute('aria-invalid');
        const answer = await api.checkReceipt(electionId, receipt);
        if (answer.kind === 'ok') {
          const choices = /** @type {string[]} */ (answer.body.choices);
          outcome.replaceChildren(
            h('p', { class: 'found' }, m.receiptFound),
            h('p', {}, choices.length > 0 ? m.receiptFoundChoices(choices.join(', ')) : m.receiptFoundAbstain),
            h('p', { class: 'hint' }, m.receiptFoundBallotId, ' ', h('code', {}, /** @type {string} */ (answer.body.ballotId))),
          );
        } else if (answer.kind === 'refused' && answer.code === 'receipt_not_found') {
          outcome.replaceChildren(h('p', { class: 'error' }, m.receiptNotFound));
        } else {
          outcome.replaceChildren(h('p', { class: 'error' }, answer.kind === 'refused' ? m.unexpected(answer.message) : m.loadFailedBody));
        }
      },
    },
    h('label', { for: 'receipt-input' }, m.receiptCheckLabel),
    input,
    h('button', { type: 'submit', class: 'primary' }, m.receiptCheckButton),
  );
  return h('section', { 'aria-labelledby': 'receipt-check-heading' }, h('h3', { id: 'receipt-check-heading' }, m.receiptCheckTitle), form, outcome);
}

void start();
