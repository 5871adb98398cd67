// @ts-check
import { labelLanguage, onLanguageSwitch, showView, startingLanguage } from './page.js';
import { api } from './api.js';
import { ballotFor } from './ballots.js';
import { COUNT_SHEET_HEADING } from './count-sheet.js';
import { copyText, h, present, saveFile } from './dom.js';
import { MESSAGES, formatTime } from './i18n.js';
import { isTokenShaped, takeLink } from './link.js';
import { NEW_LINK_PHASES, newLinkSection } from './new-link.js';
import { paperView, paperWords, papersOf, papersReview, refusedPaper } from './papers.js';
import { contestsResultsView, resultsView } from './results.js';
import { auditView, isSealed, sealedReview, sealForAudit, sealForCast } from './sealed-ballot.js';

/**
 * @typedef {import('./model.js').Election} Election
 * @typedef {import('./model.js').View} View
 * @typedef {import('./model.js').Messages} Messages
 * @typedef {import('./model.js').BallotSource} BallotSource
 * @typedef {import('./papers.js').Paper} Paper
 */

// First thing, before any request: the token leaves the address bar.
const link = takeLink(window.location, window.history);

const LANG_KEY = 'vote.lang';
const ENDED_PHASES = new Set(['closed', 'tallied', 'published']);
const session = {
  lang: startingLanguage(LANG_KEY),
  /** Held in memory only: never stored, logged or put in a URL. */
  token: link.token,
  /** @type {Election | undefined} */
  election: undefined,
  /** The ballot as marked so far; survives a language switch and the way back from review. @type {import('./model.js').Ballot | undefined} */
  ballot: undefined,
  /** With several contests: the voter's papers, once the server has said which they are. @type {Paper[] | undefined} */
  papers: undefined,
  /** Each contest's ballot, by contest id: its marks outlive a new answer about the papers. @type {Map<string, import('./model.js').Ballot>} */
  paperBallots: new Map(),
  /** A cast whose answer never came: a later "already voted" most likely means that one landed. */
  castMayHaveLanded: false,
  /** @type {import('./new-link.js').NewLinkState} */
  newLink: { email: '' },
  /** @type {() => View} */
  current: () => ({ heading: t().loading, body: [] }),
};

const t = () => MESSAGES[session.lang];
/** The ballot, made when the election loaded: every view that shows it comes after. */
const markedBallot = () => /** @type {import('./model.js').Ballot} */ (session.ballot);
/** The voter's papers, known before any view that shows them. */
const markedPapers = () => /** @type {Paper[]} */ (session.papers);

/**
 * An election of several contests gives each voter papers of their own; one of a single contest
 * keeps its one ballot at the top, and its page stays as it was before contests existed.
 * @param {Election} election
 */
const hasSeveralContests = (election) => (election.contests?.length ?? 0) > 1;

/**
 * @param {Election} election
 * @returns {BallotSource | undefined}
 */
const onlyContest = (election) =>
  !hasSeveralContests(election) && election.ballot && election.candidates ? { title: election.title, ballot: election.ballot, candidates: election.candidates } : undefined;

const view = /** @type {HTMLElement} */ (document.getElementById('view'));
const electionHeader = /** @type {HTMLElement} */ (document.getElementById('election'));
const brand = /** @type {HTMLElement} */ (document.getElementById('brand'));
const langSwitch = /** @type {HTMLButtonElement} */ (document.getElementById('lang-switch'));

onLanguageSwitch(langSwitch, LANG_KEY, session, () => render(session.current, { moveFocus: false }));

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
  brand.textContent = m.brand;
  labelLanguage(session.lang, langSwitch);
  renderElectionHeader();
  document.title = `${heading} – ${session.election?.title ?? m.pageTitle}`;
  showView(view, heading, body, moveFocus);
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
  const windowLine =
    !votingWindow || !closes
      ? undefined
      : ENDED_PHASES.has(election.phase)
        ? m.windowClosed(closes)
        : votingWindow.opensAt
          ? m.windowOpensCloses(formatTime(session.lang, votingWindow.opensAt), closes)
          : m.windowCloses(closes);
  electionHeader.replaceChildren(
    ...present(
      h('h1', {}, election.title),
      windowLine && h('p', { class: 'window' }, windowLine),
      // On every view: an open election's voters are told what its box does not protect.
      !isSealed(election) && h('p', { id: 'open-box', class: 'warning', role: 'note' }, m.openBox),
      election.compromised && h('p', { class: 'warning', role: 'note' }, m.compromised),
    ),
  );
}

const paragraph = (/** @type {string} */ text, /** @type {Record<string, string>} */ attributes = {}) => h('p', attributes, text);
const button = (/** @type {string} */ label, /** @type {() => void} */ onclick, primary = true) => h('button', { type: 'button', class: primary ? 'primary' : 'secondary', onclick }, label);

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
  const only = onlyContest(answer.body);
  if (only) session.ballot ??= ballotFor(only);
  await showPhase(answer.body);
}

/** @param {Election} election */
async function showPhase(election) {
  if (election.phase === 'published') return showResults(election);
  if (ENDED_PHASES.has(election.phase)) return render(() => closedView());
  if (election.phase !== 'open') {
    const opensAt = election.window?.opensAt;
    return render(() => ({
      heading: t().notOpenTitle,
      body: [opensAt ? paragraph(t().opensAt(formatTime(session.lang, opensAt))) : null, paragraph(t().notOpenBody), button(t().checkAgain, start), newLinkOffer()],
    }));
  }
  if (!session.token) return render(() => tokenEntry(false));
  await showBallot();
}

/** The election's ballot; with several contests, first asks which papers are the voter's. */
async function showBallot() {
  const election = /** @type {Election} */ (session.election);
  const token = session.token;
  if (!hasSeveralContests(election)) return render(() => ballotForm());
  if (!token) return render(() => tokenEntry(false));
  render(() => ({ heading: t().loadingPapers, body: [h('p', { role: 'status', class: 'busy' }, t().loadingPapers)] }));
  const answer = await api.papers(election.id, token);
  if (answer.kind === 'ok') {
    session.papers = papersOf(election.contests ?? [], /** @type {string[]} */ (answer.body.contests), session.paperBallots);
    if (session.papers.length === 0) return render(() => ({ heading: t().noPapersTitle, body: [paragraph(t().noPapersBody)] }));
    return render(() => paperForm(0));
  }
  if (answer.kind === 'refused' && answer.code === 'invalid_token') {
    session.token = undefined;
    return render(() => tokenEntry(true));
  }
  if (answer.kind === 'refused' && answer.code === 'not_found') return start();
  render(() => ({
    heading: t().loadFailedTitle,
    body: [paragraph(answer.kind === 'refused' ? t().unexpected(answer.message) : t().loadFailedBody), button(t().retry, showBallot)],
  }));
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
        void showBallot();
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
 * The election's ballot (ballots.js), then review.
 * @param {string} [errorText]
 * @returns {View}
 */
function ballotForm(errorText) {
  const m = t();
  const ballot = markedBallot();
  const form = h(
    'form',
    {
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        const problem = ballot.problem(t());
        if (problem) render(() => ballotForm(problem));
        else render(() => confirmation());
      },
    },
    ...ballot.fields(m, errorText !== undefined),
    h('p', { id: 'ballot-error', class: 'error', role: 'alert' }, errorText ?? ''),
    h('button', { type: 'submit', class: 'primary' }, m.review),
  );
  return { heading: m.ballotTitle, body: [form] };
}

/**
 * One of the voter's papers. Its way on checks it: to the next paper, to the review after the last,
 * or back to the review it was changed from.
 * @param {number} index
 * @param {{ fromReview?: boolean, error?: (m: Messages) => (Node | string)[] }} [options] `error` is worded
 *   afresh in the language of the moment
 * @returns {View}
 */
function paperForm(index, { fromReview = false, error } = {}) {
  const m = t();
  const papers = markedPapers();
  const paper = /** @type {Paper} */ (papers[index]);
  const last = index === papers.length - 1;
  /** Asked again at every render, so that marks put right, or a language switch, leave no stale error. */
  const problem = (/** @type {Messages} */ words) => paper.ballot.problem(paperWords(words));
  return paperView(m, paper, {
    number: index + 1,
    count: papers.length,
    intro: index === 0 && !fromReview,
    error: error?.(m) ?? [],
    submitLabel: fromReview ? m.backToReview : last ? m.reviewPapers : m.nextPaper,
    onSubmit: () => {
      if (problem(t())) render(() => paperForm(index, { fromReview, error: (words) => present(problem(words)) }));
      else if (fromReview || last) render(() => papersConfirmation());
      else render(() => paperForm(index + 1));
    },
    back: index > 0 && !fromReview ? { label: m.previousPaper, onclick: () => render(() => paperForm(index - 1)) } : undefined,
  });
}

/** @returns {View} */
function papersConfirmation() {
  const sealed = isSealed(/** @type {Election} */ (session.election)) ? sealedReview(t(), () => void checkEncryption(papersConfirmation)) : undefined;
  return papersReview(t(), markedPapers(), { change: (index) => render(() => paperForm(index, { fromReview: true })), cast, sealed });
}

/** @returns {View} */
function confirmation() {
  const m = t();
  const ballot = markedBallot();
  const sealed = isSealed(/** @type {Election} */ (session.election)) ? sealedReview(m, () => void checkEncryption(confirmation)) : undefined;
  return {
    heading: m.confirmTitle,
    body: [
      ...ballot.review(m),
      paragraph(m.confirmFinal),
      sealed?.note ?? null,
      h(
        'div',
        { class: 'actions' },
        button(m.castBallot, cast),
        button(m.changeBallot, () => render(() => ballotForm()), false),
      ),
      ...(sealed?.offer ?? []),
    ],
  };
}

/**
 * The voter's marks, paper by paper, as the sealing takes them; with one contest, its one ballot.
 * @returns {import('../lib/seal-ballot.js').MarkedPaper[]}
 */
function markedChoices() {
  const election = /** @type {Election} */ (session.election);
  if (session.papers) return session.papers.map(({ contest, ballot }) => ({ contest: contest.id, choice: ballot.choice() }));
  return election.contests.slice(0, 1).map((contest) => ({ contest: contest.id, choice: markedBallot().choice() }));
}

/**
 * Benaloh's challenge: the papers sealed and opened for the voter to check, never cast. The
 * way back leads to the review the voter came from, where the cast seals afresh.
 * @param {() => View} review
 */
async function checkEncryption(review) {
  const election = /** @type {Election} */ (session.election);
  const back = () => render(review);
  render(() => ({ heading: t().sealing, body: [h('p', { role: 'status', class: 'busy' }, t().sealing)] }));
  let opened;
  try {
    opened = await sealForAudit(election, markedChoices());
  } catch {
    return render(() => sealFailed(() => void checkEncryption(review), back));
  }
  render(() => auditView(t(), { ...opened, electionId: election.id, back }));
}

/**
 * The browser could not seal (the sealing code did not load, or the key is missing): nothing was sent.
 * @param {() => void} retry
 * @param {() => void} back
 * @returns {View}
 */
function sealFailed(retry, back) {
  const m = t();
  return { heading: m.sealFailedTitle, body: [paragraph(m.sealFailedBody, { role: 'alert' }), h('div', { class: 'actions' }, button(m.retry, retry), button(m.backToReview, back, false))] };
}

/** Sends the ballot; a retry sends the same ballot with the same single-use token, so it can never count twice. */
async function cast() {
  const election = /** @type {Election} */ (session.election);
  const token = /** @type {string} */ (session.token);
  render(() => ({ heading: t().casting, body: [h('p', { role: 'status', class: 'busy' }, t().casting)] }));
  const papers = session.papers;
  let choice;
  /** @type {import('../lib/seal-ballot.js').SealedCast | undefined} */
  let sealed;
  if (isSealed(election)) {
    // Sealed afresh for every attempt, never with a sealing the voter checked.
    try {
      sealed = await sealForCast(election, markedChoices());
      choice = { papers: sealed.papers };
    } catch {
      const review = papers ? papersConfirmation : confirmation;
      return render(() =>
        sealFailed(
          () => void cast(),
          () => render(review),
        ),
      );
    }
  } else choice = papers ? { papers: Object.fromEntries(papers.map(({ contest, ballot }) => [contest.id, ballot.choice()])) } : markedBallot().choice();
  const answer = await api.cast(election.id, token, choice);
  if (answer.kind === 'ok') {
    session.token = undefined;
    const { receipt, trackers } = answer.body;
    return render(() => (sealed ? trackerView(sealed, { receipt, trackers }) : receiptView(receipt)));
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
    default: {
      // A refused paper: nothing was cast, and the voter is taken back to it with the reason.
      const refused = papers && answer.status === 400 ? refusedPaper(papers, answer.message) : undefined;
      if (refused) {
        const reason = (/** @type {Messages} */ m) => [m.paperRefused, ' ', h('span', { lang: 'en' }, refused.reason)];
        return render(() => paperForm(refused.index, { fromReview: true, error: reason }));
      }
      const change = papers ? button(t().backToReview, () => render(() => papersConfirmation())) : button(t().changeBallot, () => render(() => ballotForm()));
      return render(() => ({ heading: t().networkTitle, body: [paragraph(t().unexpected(answer.message), { role: 'alert' }), change] }));
    }
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
  const copy = () => copyText(receipt, status, { done: m.copied, failed: m.copyFailed });
  const download = () => {
    const name = m.receiptFileName(election.id);
    const checkLink = `${window.location.origin}${window.location.pathname}#election=${encodeURIComponent(election.id)}`;
    saveFile(name, m.receiptFile(election.title, election.id, receipt, checkLink), 'text/plain;charset=utf-8');
    status.textContent = m.downloaded(name);
  };
  return {
    heading: m.receiptTitle,
    body: [
      paragraph(m.receiptBody),
      session.papers ? paragraph(m.receiptAllPapers) : null,
      h('p', { class: 'receipt' }, `${m.receiptLabel}: `, h('code', { id: 'receipt' }, receipt)),
      paragraph(m.receiptNotEmailed, { class: 'warning', role: 'note' }),
      h(
        'div',
        { class: 'actions' },
        button(m.copy, () => void copy()),
        button(m.download, download, false),
      ),
      status,
    ],
  };
}

/**
 * A sealed election's receipt: the tracker of the voter's papers (each paper's tracker joined,
 * in the order of the contests), the id they have on the public board. Shown here once, like a
 * receipt; it shows nothing of the choices, since the page kept nothing that sealed them. The
 * trackers shown are those of the papers the page sealed: an answer that names others is said
 * to be wrong, since the voter would look for papers that are not theirs.
 * @param {{ receipt: string, trackers: Record<string, string> }} sealed what the page sealed
 * @param {{ receipt: unknown, trackers: unknown }} answered what the cast answered
 * @returns {View}
 */
function trackerView(sealed, answered) {
  const m = t();
  const election = /** @type {Election} */ (session.election);
  const tracker = sealed.receipt;
  const papers = election.contests.flatMap((contest) => (sealed.trackers[contest.id] ? [{ title: contest.title, tracker: sealed.trackers[contest.id] }] : []));
  const answeredTrackers = /** @type {Record<string, unknown>} */ (answered.trackers ?? {});
  const agrees =
    answered.receipt === sealed.receipt &&
    Object.keys(answeredTrackers).length === Object.keys(sealed.trackers).length &&
    Object.entries(sealed.trackers).every(([contest, paperTracker]) => answeredTrackers[contest] === paperTracker);
  const status = h('p', { role: 'status', class: 'status' });
  const copy = () => copyText(tracker, status, { done: m.trackerCopied, failed: m.trackerCopyFailed });
  const download = () => {
    const name = m.trackerFileName(election.id);
    saveFile(
      name,
      m.trackerFile(
        election.title,
        election.id,
        tracker,
        papers.map((paper) => `${paper.title}: ${paper.tracker}`),
      ),
      'text/plain;charset=utf-8',
    );
    status.textContent = m.trackerDownloaded(name);
  };
  return {
    heading: m.receiptTitle,
    body: [
      paragraph(m.trackerBody),
      h('p', { class: 'receipt' }, `${m.trackerLabel}: `, h('code', { id: 'receipt' }, tracker)),
      agrees ? null : paragraph(m.trackerMismatch(String(answered.receipt)), { class: 'error', role: 'alert', id: 'tracker-mismatch' }),
      papers.length > 1 ? h('div', {}, paragraph(m.trackerPapers), h('ul', { class: 'trackers' }, ...papers.map((paper) => h('li', {}, `${paper.title}: `, h('code', {}, paper.tracker))))) : null,
      paragraph(m.trackerNotEmailed, { class: 'warning', role: 'note' }),
      h(
        'div',
        { class: 'actions' },
        button(m.trackerCopy, () => void copy()),
        button(m.trackerDownload, download, false),
      ),
      status,
    ],
  };
}

/** @param {Election} election */
async function showResults(election) {
  const answer = await api.results(election.id);
  if (answer.kind !== 'ok') {
    return render(() => ({ heading: t().loadFailedTitle, body: [paragraph(t().loadFailedBody), button(t().retry, start)] }));
  }
  const several = hasSeveralContests(election);
  const sealed = isSealed(election);
  render(() =>
    several ? contestsResultsView(t(), session.lang, answer.body, sealed) : resultsView(t(), session.lang, answer.body, /** @type {import('./model.js').BallotDefinition} */ (election.ballot), sealed),
  );
  // The results e-mail links to the count sheet itself; with several contests, to the first of them.
  if (link.view !== 'count-sheet') return;
  const sheetHeading = several ? view.querySelector('.count-sheet [tabindex="-1"]') : document.getElementById(COUNT_SHEET_HEADING);
  if (sheetHeading instanceof HTMLElement) sheetHeading.focus();
}

void start();
