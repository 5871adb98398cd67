// @ts-check
import { labelLanguage, onLanguageSwitch, showView, startingLanguage } from '../vote/page.js';
import { EMPTY_CHAIN, extendLiveChain, linesOf, verifyExport } from '../lib/verifier.js';
import { h, present } from '../vote/dom.js';
import { formatMoment, formatPercent } from '../vote/i18n.js';
import { parseLink } from '../vote/link.js';
import { api } from './api.js';
import { verifierWorkers } from './workers.js';
import { boxFact } from './box.js';
import { describe, shortHash } from './events.js';
import { MESSAGES, formatBothZones } from './i18n.js';

/**
 * The observers' view, `/observe#election=<id>`: public and read-only. It follows the election's
 * hash-chained log as it grows, checks every link in the browser, and after publication verifies
 * the audit export with the verifier of `audit verify` (web/lib/verifier.ts).
 * @typedef {import('../lib/verifier.js').ObservedEvent} ObservedEvent
 * @typedef {import('../lib/verifier.js').LiveChain} LiveChain
 * @typedef {import('../lib/verifier.js').ExportCheck} ExportCheck
 * @typedef {import('./i18n.js').Messages} Messages
 * @typedef {import('./i18n.js').Lang} Lang
 * @typedef {{ heading: string, body: (Node | string | null | undefined | false)[] }} View
 * @typedef {{ id: string, title: string, phase: string, window?: { opensAt?: string, closesAt?: string }, credentialsAt?: string, credentialsReleasedAt?: string, voterCount: number,
 *   roll?: { voters: number, fingerprint: string }, compromised: boolean, breaches: number, contests?: { id: string, title: string }[],
 *   awaitingAcceptance?: true, accepted?: { at: string, by?: { name: string }, proposedBy?: { name: string }, alone?: true } }
 *   & import('./box.js').BoxView} Election
 * @typedef {{ voted: number, registered: number, postal?: number, contests?: { id: string, voted: number, registered: number, postal?: number }[] }} Turnout
 * @typedef {{ status: 'idle' } | { status: 'downloading' } | { status: 'reading' | 'checking', lines: number, sealed?: import('./workers.js').SealedProgress }
 *   | { status: 'done', check: ExportCheck } | { status: 'error', problem: 'fetch' | 'read', message: string }} Audit
 */

const REFRESH_MS = 5_000;
const LANG_KEY = 'observe.lang';
/** New events named one by one in an announcement; more are counted. */
const ANNOUNCED = 3;

const session = {
  lang: startingLanguage(LANG_KEY),
  /** @type {string | undefined} */
  electionId: undefined,
  /** @type {Election | undefined} */
  election: undefined,
  /** The log as fetched so far, in order. @type {ObservedEvent[]} */
  events: [],
  /** @type {LiveChain} */
  chain: EMPTY_CHAIN,
  /** `null`: the last read failed. @type {Turnout | null | undefined} */
  turnout: undefined,
  /** @type {Audit} */
  audit: { status: 'idle' },
  /** When the page last heard from the server. @type {string | undefined} */
  checkedAt: undefined,
  /** Bumped whenever the election changes, so that answers for the one before are dropped. */
  generation: 0,
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  timer: undefined,
  /** @type {() => View} */
  current: () => ({ heading: t().loading, body: [] }),
};

const t = () => MESSAGES[session.lang];

const view = /** @type {HTMLElement} */ (document.getElementById('view'));
const electionHeader = /** @type {HTMLElement} */ (document.getElementById('election'));
const brand = /** @type {HTMLElement} */ (document.getElementById('brand'));
const langSwitch = /** @type {HTMLButtonElement} */ (document.getElementById('lang-switch'));

onLanguageSwitch(langSwitch, LANG_KEY, session, () => render(session.current, { moveFocus: false }));

/** The parts of the observing view that refresh in place, found again after every render. */
const part = (/** @type {string} */ id) => document.getElementById(id);

/**
 * Shows a view and, unless it is the same view again (a language switch), moves focus to its
 * heading so that keyboard and screen reader users start reading where the page changed.
 * @param {() => View} make
 * @param {{ moveFocus?: boolean }} [options]
 */
function render(make, { moveFocus = true } = {}) {
  session.current = make;
  const { heading, body } = make();
  const m = t();
  brand.textContent = m.brand;
  labelLanguage(session.lang, langSwitch);
  electionHeader.replaceChildren(h('h1', {}, session.election?.title ?? m.pageTitle));
  document.title = `${heading} – ${session.election?.title ?? m.pageTitle}`;
  showView(view, heading, body, moveFocus);
  if (make === observing) fillObserving();
}

const paragraph = (/** @type {string} */ text, /** @type {Record<string, string>} */ attributes = {}) => h('p', attributes, text);

/** Loads the election named in the address; a new `#election=` starts here again. */
async function start() {
  session.generation += 1;
  clearTimeout(session.timer);
  Object.assign(session, { election: undefined, events: [], chain: EMPTY_CHAIN, turnout: undefined, audit: { status: 'idle' }, checkedAt: undefined });
  const generation = session.generation;
  const id = parseLink(window.location.hash).electionId;
  session.electionId = id;
  if (!id) return render(() => ({ heading: t().missingTitle, body: [paragraph(t().missingBody)] }));
  render(() => ({ heading: t().loading, body: [h('p', { role: 'status', class: 'busy' }, t().loading)] }), { moveFocus: false });
  const answer = await api.election(id);
  if (generation !== session.generation) return;
  if (answer.kind === 'missing') return render(() => ({ heading: t().unknownTitle, body: [paragraph(t().unknownBody(id))] }));
  if (answer.kind !== 'ok') {
    return render(() => ({ heading: t().loadFailedTitle, body: [paragraph(t().loadFailedBody), h('button', { type: 'button', class: 'primary', onclick: () => void start() }, t().retry)] }));
  }
  session.election = answer.body;
  render(observing);
  await refresh(generation, { announce: false });
}

/**
 * Reads what changed: the election, every event after the last one shown (page by page), the
 * turnout. Each part is redrawn in place, so focus and reading position stay; then again in 5 s.
 * @param {number} generation
 * @param {{ announce: boolean }} options
 */
async function refresh(generation, { announce }) {
  const id = /** @type {string} */ (session.electionId);
  const [election, turnout] = await Promise.all([api.election(id), api.turnout(id)]);
  if (generation !== session.generation) return;
  if (election.kind === 'ok') session.election = election.body;
  session.turnout = turnout.kind === 'ok' ? turnout.body : turnout.kind === 'missing' ? undefined : null;
  /** @type {ObservedEvent[]} */
  const arrived = [];
  for (let more = true; more;) {
    const after = session.events.at(-1)?.seq ?? 0;
    const page = await api.events(id, after);
    if (generation !== session.generation) return;
    if (page.kind !== 'ok') break;
    /** @type {ObservedEvent[]} */
    const events = page.body.events ?? [];
    // An answer from a cache may overlap what is shown: only what is new is added.
    const fresh = events.filter((event) => event.seq > after);
    session.chain = extendLiveChain(session.chain, fresh);
    session.events.push(...fresh);
    arrived.push(...fresh);
    more = page.body.more === true && fresh.length > 0;
  }
  if (election.kind === 'ok') session.checkedAt = new Date().toISOString();
  showFacts();
  showTurnout();
  appendEvents(arrived, announce);
  showChecked();
  if (session.election?.phase === 'published' && session.audit.status === 'idle') void verifyAudit();
  if (!logIsFinal()) session.timer = setTimeout(() => void refresh(generation, { announce: true }), REFRESH_MS);
}

/** @returns {View} */
function observing() {
  const m = t();
  const verify = h('button', { type: 'button', class: 'primary', id: 'verify-audit', onclick: () => void verifyAudit() }, m.auditButton);
  const section = (/** @type {string} */ id, /** @type {string} */ heading, /** @type {(Node | string | null | false)[]} */ ...children) =>
    h('section', { class: 'part', 'aria-labelledby': `${id}-heading` }, h('h3', { id: `${id}-heading` }, heading), ...present(...children));
  return {
    heading: m.observeTitle,
    body: [
      paragraph(m.observeIntro),
      h('p', { class: 'hint', id: 'refresh-note' }),
      h('div', { id: 'breach-banner', role: 'alert' }),
      section('facts', m.electionTitle, h('dl', { class: 'facts', id: 'facts' })),
      section('turnout', m.turnoutTitle, h('p', { id: 'turnout', 'aria-live': 'polite' })),
      section(
        'audit',
        m.auditTitle,
        h('div', { id: 'audit-intro' }),
        h('div', { class: 'actions', id: 'audit-actions' }, verify),
        h('div', { id: 'audit-status', role: 'status' }),
        h('div', { id: 'audit-result' }),
      ),
      section(
        'log',
        m.logTitle,
        // Not a live region: it changes with every event, and the news below announces a broken link.
        h('p', { id: 'chain-status', class: 'chain' }),
        h('p', { id: 'log-count', class: 'hint' }),
        h('ol', { id: 'log', class: 'log' }),
        h('p', { id: 'log-news', class: 'visually-hidden', 'aria-live': 'polite' }),
      ),
    ],
  };
}

/** After a render: every part drawn from what is known. */
function fillObserving() {
  showFacts();
  showTurnout();
  appendEvents([], false);
  showChecked();
  showAudit();
}

function showChecked() {
  const note = part('refresh-note');
  if (!note) return;
  const m = t();
  const at = session.checkedAt ? ` (${formatMoment(session.lang, session.checkedAt, { seconds: true })})` : '';
  note.textContent = `${logIsFinal() ? m.finalNote : m.refreshNote}${at}`;
}

/**
 * Nothing is appended to an election's log once its results are published, so there is nothing
 * left to watch for. Both must say so: a refresh reads the election before the log, so the log may
 * hold the publication while the election read a moment earlier does not yet.
 */
const logIsFinal = () => session.election?.phase === 'published' && session.events.some((event) => event.type === 'ResultsPublished');

function showFacts() {
  const facts = part('facts');
  const election = session.election;
  if (!facts || !election) return;
  const m = t();
  electionHeader.replaceChildren(h('h1', {}, election.title));
  const when = (/** @type {string} */ label, /** @type {string} */ iso) => {
    const { local, utc } = formatBothZones(session.lang, iso);
    return h('span', { class: 'moment' }, `${label}: ${local}`, h('br'), h('span', { class: 'utc' }, m.utc(utc)));
  };
  const votingWindow = election.window;
  // Opened on start, the window has no opening time: the log has it.
  const opened = /** @type {{ at?: string } | undefined} */ (session.events.find((event) => event.type === 'VotingOpened')?.data)?.at;
  const ended = ['closed', 'tallied', 'published'].includes(election.phase);
  const windowParts = votingWindow?.closesAt
    ? [
        opened ? when(m.opened, opened) : votingWindow.opensAt ? when(m.opens, votingWindow.opensAt) : `${m.opens}: ${m.opensOnStart}`,
        h('br'),
        when(ended ? m.closed : m.closes, votingWindow.closesAt),
      ]
    : [m.windowNone];
  // When the voters' links go out, or went out, where they were held for it.
  const links = election.credentialsReleasedAt ? when(m.linksSent, election.credentialsReleasedAt) : election.credentialsAt ? when(m.linksAt, election.credentialsAt) : undefined;
  const roll = election.roll;
  facts.replaceChildren(
    h('dt', {}, m.phaseLabel),
    h(
      'dd',
      { id: 'phase' },
      election.awaitingAcceptance ? m.awaitingAcceptance : (m.phases[election.phase] ?? election.phase),
      election.accepted && h('br'),
      election.accepted && h('span', { id: 'accepted' }, m.acceptedBy(election.accepted.by?.name, election.accepted.proposedBy?.name)),
    ),
    h('dt', {}, m.windowLabel),
    h('dd', {}, ...windowParts),
    ...(links ? [h('dt', {}, m.linksLabel), h('dd', { id: 'links' }, links)] : []),
    h('dt', {}, m.rollLabel),
    h(
      'dd',
      {},
      m.rollVoters(roll?.voters ?? election.voterCount),
      h('br'),
      roll ? h('span', { class: 'hint' }, m.rollFingerprintLabel) : h('span', { class: 'hint' }, m.rollNotLocked),
      roll && h('code', { class: 'digest', id: 'roll-fingerprint' }, roll.fingerprint),
    ),
    h('dt', {}, m.boxLabel),
    h('dd', { id: 'box', class: election.box === 'sealed' ? 'sealed' : 'open' }, ...boxFact(m, election)),
    h('dt', {}, m.securityLabel),
    h('dd', { id: 'security', class: election.compromised ? 'compromised' : 'secure' }, election.compromised ? m.compromised(election.breaches) : m.secure),
  );
  const banner = part('breach-banner');
  const warning = election.compromised ? m.compromised(election.breaches) : '';
  if (banner && banner.textContent !== warning) banner.replaceChildren(...present(warning && h('p', { class: 'breach-banner' }, warning)));
}

function showTurnout() {
  const place = part('turnout');
  if (!place) return;
  const m = t();
  const turnout = session.turnout;
  let text = '';
  if (turnout === null) text = m.turnoutUnavailable;
  else if (turnout) {
    const voted = turnout.voted + (turnout.postal ?? 0);
    text = [
      m.turnout(voted, turnout.registered, formatPercent(session.lang, voted, turnout.registered)),
      turnout.postal ? m.turnoutPostal(turnout.postal) : '',
      ...(turnout.contests ?? []).map((c) => {
        const title = session.election?.contests?.find((contest) => contest.id === c.id)?.title ?? c.id;
        const cast = c.voted + (c.postal ?? 0);
        return `${m.turnoutContest(title, cast, c.registered, formatPercent(session.lang, cast, c.registered))}.`;
      }),
      !turnout.contests && (session.election?.contests?.length ?? 0) > 1 ? m.contestTurnoutLater : '',
    ]
      .filter(Boolean)
      .join(' ');
  }
  // Set only when it changed, so a screen reader hears a figure once, when it moves.
  if (place.textContent !== text) place.textContent = text;
}

/**
 * Adds the events that arrived to the list (all of them after a render), says how far the chain
 * holds, and announces what is new.
 * @param {ObservedEvent[]} arrived
 * @param {boolean} announce
 */
function appendEvents(arrived, announce) {
  const list = part('log');
  if (!list) return;
  const m = t();
  const shown = list.children.length;
  for (const event of session.events.slice(shown)) list.append(eventItem(m, event));
  const chain = session.chain;
  const status = part('chain-status');
  if (status) {
    const text = chainText(m, chain);
    if (status.textContent !== text) status.textContent = text;
    status.className = chain.broken ? 'chain broken' : 'chain intact';
  }
  const count = part('log-count');
  if (count) count.textContent = session.events.length === 0 ? m.logEmpty : m.logCount(session.events.length);
  if (!announce || arrived.length === 0) return;
  const news = part('log-news');
  const named = arrived.slice(-ANNOUNCED).map((event) => describe(m, session.lang, event).text);
  if (news) news.textContent = [m.newEvents(arrived.length > ANNOUNCED ? [`${arrived.length - ANNOUNCED} …`, ...named] : named), chain.broken ? chainText(m, chain) : ''].filter(Boolean).join(' ');
}

/**
 * @param {Messages} m
 * @param {LiveChain} chain
 */
function chainText(m, chain) {
  if (chain.broken) {
    const { broken } = chain;
    const why = broken.problem === 'order' ? m.chainBrokenOrder(broken.expected) : broken.problem === 'link' ? m.chainBrokenLink : m.chainBrokenHash;
    return `${m.chainBroken(broken.seq, why)} ${m.chainIntactUpTo(chain.intactUpTo)}`;
  }
  if (chain.intactUpTo === 0) return m.logEmpty;
  return [m.chainIntact(chain.intactUpTo), chain.redacted.length > 0 ? m.chainRedacted(chain.redacted) : ''].filter(Boolean).join(' ');
}

/**
 * @param {Messages} m
 * @param {ObservedEvent} event
 */
function eventItem(m, event) {
  const { parts, breach } = describe(m, session.lang, event);
  const trusted = event.seq <= session.chain.intactUpTo;
  return h(
    'li',
    { class: ['event', breach && 'breach', !trusted && 'untrusted'].filter(Boolean).join(' '), id: `event-${event.seq}` },
    h('p', { class: 'event-head' }, h('span', { class: 'seq' }, m.eventNumber(event.seq)), ' · ', h('time', { datetime: event.at }, formatMoment(session.lang, event.at, { seconds: true }))),
    h('p', { class: 'event-text' }, breach ? h('strong', {}, ...parts) : '', ...(breach ? [] : parts)),
    h(
      'p',
      { class: 'event-hash' },
      `${m.hashLabel} `,
      h('code', {}, shortHash(event.hash)),
      event.redacted ? ` · ${m.redactedNote}` : '',
      !trusted ? h('strong', { class: 'untrusted-note' }, ` · ${m.untrusted}`) : '',
    ),
  );
}

/** Downloads the published export and verifies it in the browser, showing how far it has read. */
async function verifyAudit() {
  const id = session.electionId;
  const generation = session.generation;
  if (!id || ['downloading', 'reading', 'checking'].includes(session.audit.status)) return;
  const set = (/** @type {Audit} */ audit) => {
    if (generation !== session.generation) return;
    session.audit = audit;
    showAudit();
  };
  set({ status: 'downloading' });
  let response;
  try {
    response = await api.auditLog(id);
  } catch (error) {
    return set({ status: 'error', problem: 'fetch', message: /** @type {Error} */ (error).message });
  }
  if (!response.ok || !response.body) return set({ status: 'error', problem: 'fetch', message: `HTTP ${response.status}` });
  try {
    let read = 0;
    // A sealed box's proofs are checked on one Web Worker per core, while the page's own thread draws their progress.
    const workers = typeof Worker === 'undefined' ? undefined : verifierWorkers(navigator.hardwareConcurrency || 2, (sealed) => set({ status: 'checking', lines: read, sealed }));
    const check = await verifyExport(
      linesOf(response.body),
      {},
      async (lines, stage) => {
        read = lines;
        set({ status: stage, lines });
        // Lets the page draw the progress before the next stretch of work.
        await new Promise((resolve) => setTimeout(resolve, stage === 'checking' ? 30 : 0));
      },
      workers,
    );
    set({ status: 'done', check });
  } catch (error) {
    set({ status: 'error', problem: 'read', message: /** @type {Error} */ (error).message });
  }
}

function showAudit() {
  const [intro, actions, status, result] = ['audit-intro', 'audit-actions', 'audit-status', 'audit-result'].map(part);
  if (!intro || !actions || !status || !result) return;
  const m = t();
  const published = session.election?.phase === 'published';
  const audit = session.audit;
  intro.replaceChildren(paragraph(published ? m.auditIntro : m.auditNotYet));
  actions.hidden = !published;
  const button = /** @type {HTMLButtonElement | null} */ (actions.querySelector('button'));
  const busy = audit.status === 'downloading' || audit.status === 'reading' || audit.status === 'checking';
  if (button) {
    // Not `disabled`: a disabled button would drop the focus of whoever pressed it.
    button.setAttribute('aria-disabled', String(busy));
    button.textContent = audit.status === 'done' || audit.status === 'error' ? m.auditAgain : m.auditButton;
  }
  const statusText =
    audit.status === 'downloading'
      ? m.auditDownloading
      : audit.status === 'reading'
        ? m.auditReading(audit.lines)
        : audit.status === 'checking'
          ? audit.sealed
            ? m.auditCheckingSealed(audit.lines, audit.sealed.done, audit.sealed.total)
            : m.auditChecking(audit.lines)
          : audit.status === 'done'
            ? verdict(m, audit.check).ok
              ? m.auditVerified
              : m.auditFailed(verdict(m, audit.check).failures)
            : audit.status === 'error'
              ? audit.problem === 'fetch'
                ? m.auditFetchFailed(audit.message)
                : m.auditUnreadable
              : '';
  status.className = audit.status === 'done' ? (verdict(m, audit.check).ok ? 'verdict verified' : 'verdict failed') : audit.status === 'error' ? 'verdict failed' : 'busy';
  if (status.textContent !== statusText) status.replaceChildren(...present(statusText && h('p', {}, statusText)));
  if (audit.status === 'error' && audit.problem === 'read') result.replaceChildren(h('p', { lang: 'en' }, h('code', {}, audit.message)));
  else if (audit.status === 'done') result.replaceChildren(...auditResult(m, audit.check));
  else result.replaceChildren();
}

/**
 * The report as `audit verify` prints it, then the export held against what this page saw live.
 * @param {Messages} m
 * @param {ExportCheck} check
 */
function auditResult(m, check) {
  const { report } = check;
  const { comparisons } = verdict(m, check);
  return present(
    report.findings.length > 0 && paragraph(m.findingsLang, { class: 'hint' }),
    report.findings.length > 0 && h('ul', { class: 'findings', lang: 'en' }, ...report.findings.map((finding) => h('li', {}, finding))),
    paragraph(m.auditFigures(report.events, report.ballots, report.participation === undefined ? m.auditMissing : String(report.participation), check.lines)),
    paragraph(m.auditChecked, { class: 'hint' }),
    report.breaches > 0 && paragraph(m.auditBreaches(report.breaches), { class: 'breach-banner' }),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, m.auditHeadAtSealing),
      h('dd', {}, ...(report.headAtSealing ? [`#${report.headAtSealing.seq} `, h('code', { class: 'digest', id: 'export-head' }, report.headAtSealing.hash)] : ['—'])),
      h('dt', {}, m.auditDigest),
      h('dd', {}, report.digest ? h('code', { class: 'digest', id: 'export-digest' }, report.digest) : '—'),
    ),
    h('h4', {}, m.compareTitle),
    h('ul', { class: 'comparisons' }, ...comparisons.map(({ ok, text }) => h('li', { class: ok ? 'match' : 'mismatch' }, h('span', { class: 'mark', 'aria-hidden': 'true' }, ok ? '✓ ' : '✗ '), text))),
  );
}

/**
 * Whether the export passes: the verifier's report, the roll's fingerprint against the one
 * recorded at the lock, and the export's events against the live log's.
 * @param {Messages} m
 * @param {ExportCheck} check
 */
function verdict(m, check) {
  /** @type {{ ok: boolean, text: string }[]} */
  const comparisons = [];
  const recorded = session.election?.roll;
  if (!recorded) comparisons.push({ ok: false, text: m.rollNotRecorded });
  else if (recorded.fingerprint === check.roll.fingerprint && recorded.voters === check.roll.voters) comparisons.push({ ok: true, text: m.rollMatches(check.roll.voters) });
  else comparisons.push({ ok: false, text: m.rollDiffers(check.roll.fingerprint, check.roll.voters, recorded.fingerprint) });
  const head = check.head;
  const live = session.events.find((event) => event.seq === head?.seq);
  const liveTip = session.events.at(-1)?.seq ?? 0;
  if (!head) comparisons.push({ ok: false, text: m.headNone });
  else if (!live) comparisons.push({ ok: false, text: m.headUnknown });
  else if (live.hash !== head.hash || head.seq > session.chain.intactUpTo) comparisons.push({ ok: false, text: m.headDiffers(head.seq) });
  else comparisons.push({ ok: true, text: liveTip > head.seq ? m.headShorter(head.seq, liveTip) : m.headMatches(head.seq) });
  const failures = check.report.findings.length + comparisons.filter((c) => !c.ok).length;
  return { ok: failures === 0, failures, comparisons };
}

window.addEventListener('hashchange', () => void start());
void start();
