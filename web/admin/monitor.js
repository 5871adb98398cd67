// @ts-check
import { h, present } from '../vote/dom.js';
import { MESSAGES as VOTE_MESSAGES, formatMoment, formatPercent } from '../vote/i18n.js';
import { contestPart } from '../vote/results.js';
import { MONITOR_MESSAGES } from './i18n-monitor.js';
import { formatCount } from './i18n.js';
import { turnoutChart, votesChart } from './monitor-chart.js';

/**
 * The console's view of an election from the lock on: turnout overall (per contest once voting
 * has closed, as the API gives it: admins are no more entitled to a voter's papers) with a chart
 * over time, mail delivery, breaches, and once counted the results with their count
 * sheets and charts, the audit export, the seal digest and the log's head. Everything refreshes
 * every 5 seconds without a reload; only the figures that change are announced (aria-live).
 * @typedef {import('./i18n.js').Lang} Lang
 * @typedef {import('../vote/model.js').Election} Election
 * @typedef {import('../vote/model.js').ResultsView} Results
 * @typedef {import('../../contract/views').Turnout} Turnout
 * @typedef {import('../../contract/views').ObservedEvent} ObservedEvent
 * @typedef {import('./monitor-chart.js').Sample} Sample
 * @typedef {typeof import('./api.js').request} Request
 */

const REFRESH_MS = 5_000;
const COUNTED = new Set(['tallied', 'published']);
const VOTING = new Set(['open', 'closed', 'tallied', 'published']);

/**
 * Whether the workflow has stopped, how often it was retried, and whether it waits for the
 * committee's acceptance: when this changes, the page around the monitor shows it (the phase
 * alone stays put when a step fails, and when the results are accepted).
 * @param {Election} election
 */
const workflowSituation = (election) => `${election.workflowFailure?.step ?? ''}|${election.workflowRetries ?? 0}|${election.awaitingAcceptance === true}`;

/**
 * What the page has read of each election while it was open: the chart's samples, the breaches
 * and the log's head survive the section being mounted again (a language switch).
 * @type {Map<string, { samples: Sample[], breaches: ObservedEvent[], after: number, head?: { seq: number, hash: string }, openedAt?: string }>}
 */
const seen = new Map();

/**
 * @param {{ electionId: string, election: Election, lang: Lang, request: Request, onPhaseChange?: () => void }} options
 *   `onPhaseChange`: the election moved on (opened, closed, counted, published): the page around the monitor shows the new phase
 * @returns {{ node: HTMLElement, stop(): void }}
 */
export function monitorSection({ electionId, election: first, lang, request, onPhaseChange }) {
  const m = MONITOR_MESSAGES[lang];
  const path = `/elections/${encodeURIComponent(electionId)}`;
  const memory = seen.get(electionId) ?? { samples: [], breaches: [], after: 0 };
  seen.set(electionId, memory);
  let election = first;
  let resultsShown = false;
  let stopped = false;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  const status = h('p', { class: 'hint', id: 'monitor-status' }, '');
  const turnout = h('div', { id: 'monitor-turnout' });
  const chart = h('figure', { class: 'turnout-figure', id: 'monitor-chart' });
  const mail = h('div', { id: 'monitor-mail' });
  const breaches = h('div', { id: 'monitor-breaches' });
  const results = h('div', { id: 'monitor-results' });
  const record = h('div', { id: 'monitor-record' });
  const node = h(
    'section',
    { class: 'part monitor', 'aria-labelledby': 'monitor-heading' },
    h('h3', { id: 'monitor-heading' }, m.monitorHeading),
    status,
    h('h4', {}, m.breachesHeading),
    breaches,
    h('h4', {}, m.turnoutHeading),
    turnout,
    h('h4', {}, m.chartHeading),
    chart,
    h('h4', {}, m.mailHeading),
    mail,
    results,
    record,
  );

  async function refresh() {
    try {
      const [view, counted, mailReport] = await Promise.all([request('GET', path), request('GET', `${path}/turnout`), request('GET', `${path}/mail`), readEvents()]);
      if (stopped) return;
      if (view.status === 200) election = view.body;
      if ((election.phase !== first.phase || workflowSituation(election) !== workflowSituation(first)) && onPhaseChange) {
        // The page is shown again around a new monitor, which picks up what this one has read.
        onPhaseChange();
        return;
      }
      if (counted.status === 200) showTurnout(counted.body);
      if (mailReport.status === 200) showMail(mailReport.body);
      showBreaches();
      if (COUNTED.has(election.phase) && !resultsShown) await showResults();
      showRecord();
      status.className = 'hint';
      status.textContent = m.refreshedAt(formatMoment(lang, new Date().toISOString(), { seconds: true }));
    } catch {
      if (stopped) return;
      status.className = 'warning';
      status.textContent = m.refreshFailed;
    }
    if (!stopped) timer = setTimeout(refresh, REFRESH_MS);
  }

  /** The log since last read: breaches, when voting opened, and the head. */
  async function readEvents() {
    for (;;) {
      const answer = await request('GET', `${path}/events?after=${memory.after}`);
      if (answer.status !== 200) return;
      /** @type {ObservedEvent[]} */
      const events = answer.body.events;
      for (const event of events) {
        if (event.type === 'BreachDetected') memory.breaches.push(event);
        if (event.type === 'VotingOpened') memory.openedAt = event.data.at;
        memory.after = event.seq;
      }
      memory.head = answer.body.head;
      if (!answer.body.more) return;
    }
  }

  /** @param {Turnout} counted */
  function showTurnout(counted) {
    const voters = counted.voted + (counted.postal ?? 0);
    if (VOTING.has(election.phase)) addSample(voters);
    const overall = m.turnoutOverall(formatCount(lang, voters), formatCount(lang, counted.registered), formatPercent(lang, voters, counted.registered));
    const live = /** @type {HTMLElement | null} */ (turnout.querySelector('[aria-live]'));
    // The figure is announced when it changes, not the whole part on every refresh.
    if (live && live.textContent !== overall) live.textContent = overall;
    const figure = live ?? h('p', { 'aria-live': 'polite', class: 'figure' }, overall);
    turnout.replaceChildren(
      ...present(
        !VOTING.has(election.phase) && h('p', { class: 'hint' }, m.notOpenYet),
        figure,
        counted.postal ? h('p', {}, m.turnoutPostal(formatCount(lang, counted.postal))) : null,
        counted.contests ? contestTable(counted.contests) : election.contests.length > 1 && h('p', { class: 'hint', id: 'monitor-contest-turnout' }, m.contestTurnoutLater),
      ),
    );
    drawChart(counted.registered);
  }

  /** @param {NonNullable<Turnout['contests']>} contests */
  function contestTable(contests) {
    const titles = new Map(election.contests.map((c) => [c.id, c.title]));
    return h(
      'table',
      { class: 'figures' },
      h('thead', {}, h('tr', {}, ...[m.contestColumn, m.votedColumn, m.postalColumn, m.eligibleColumn, m.shareColumn].map((label) => h('th', { scope: 'col' }, label)))),
      h(
        'tbody',
        {},
        ...contests.map((c) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, titles.get(c.id) ?? c.id),
            h('td', {}, formatCount(lang, c.voted)),
            h('td', {}, formatCount(lang, c.postal ?? 0)),
            h('td', {}, formatCount(lang, c.registered)),
            h('td', {}, formatPercent(lang, c.voted + (c.postal ?? 0), c.registered)),
          ),
        ),
      ),
    );
  }

  /** @param {number} voters */
  function addSample(voters) {
    const now = Date.now();
    if (memory.samples.length === 0 && memory.openedAt) memory.samples.push({ at: Date.parse(memory.openedAt), voted: 0 });
    const last = memory.samples[memory.samples.length - 1];
    // A steady figure needs no new point until it moves, but the line reaches the present.
    if (last && last.voted === voters && memory.samples.length > 1 && memory.samples[memory.samples.length - 2]?.voted === voters) last.at = now;
    else memory.samples.push({ at: now, voted: voters });
  }

  /** @param {number} registered */
  function drawChart(registered) {
    const samples = memory.samples;
    const firstSample = samples[0];
    const lastSample = samples[samples.length - 1];
    if (!firstSample || !lastSample) {
      chart.replaceChildren(h('p', { class: 'hint' }, m.notOpenYet));
      return;
    }
    const time = (/** @type {number} */ at) => formatMoment(lang, new Date(at).toISOString(), { seconds: true });
    chart.replaceChildren(
      turnoutChart(samples, registered, {
        label: m.chartLabel(formatCount(lang, lastSample.voted), time(firstSample.at), time(lastSample.at)),
        from: time(firstSample.at),
        to: time(lastSample.at),
        most: formatCount(lang, registered),
      }),
      h('figcaption', { class: 'hint' }, m.chartNote),
      h(
        'details',
        {},
        h('summary', {}, m.samplesSummary),
        h(
          'table',
          { class: 'figures' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, m.timeColumn), h('th', { scope: 'col' }, m.votersColumn))),
          h('tbody', {}, ...samples.slice(-20).map((s) => h('tr', {}, h('td', {}, time(s.at)), h('td', {}, formatCount(lang, s.voted))))),
        ),
      ),
    );
  }

  /** @param {{ counts: Record<string, number>, problems: unknown[] }} report */
  function showMail(report) {
    const names = /** @type {Record<string, string>} */ (m.mailCounts);
    const at = (/** @type {string} */ iso) => formatMoment(lang, iso);
    const { credentialsAt, credentialsReleasedAt } = election;
    const links = credentialsReleasedAt ? m.linksSent(at(credentialsReleasedAt)) : credentialsAt ? m.linksAt(at(credentialsAt)) : undefined;
    mail.replaceChildren(
      ...present(links && h('p', { id: 'monitor-links' }, links)),
      h('dl', { class: 'facts mail-counts' }, ...Object.entries(names).flatMap(([key, label]) => [h('dt', {}, label), h('dd', {}, formatCount(lang, report.counts[key] ?? 0))])),
      ...present(report.problems.length > 0 && h('p', { class: 'warning' }, m.mailProblems(report.problems.length))),
    );
  }

  function showBreaches() {
    const list = memory.breaches;
    if (list.length === 0) {
      breaches.replaceChildren(h('p', {}, m.noBreaches));
      return;
    }
    breaches.replaceChildren(
      h('p', { class: 'warning', role: 'alert' }, m.breachWarning(list.length)),
      h(
        'ul',
        { class: 'breaches' },
        ...list.map((event) => {
          const data = /** @type {{ eventName: string, principal: string, eventTime: string }} */ (event.data);
          return h('li', {}, m.breachLine(data.eventName, data.principal, formatMoment(lang, data.eventTime, { seconds: true })));
        }),
      ),
    );
  }

  async function showResults() {
    const answer = await request('GET', `${path}/results`);
    if (answer.status !== 200 || stopped) return;
    /** @type {Results} */
    const counted = answer.body;
    const words = VOTE_MESSAGES[lang];
    resultsShown = true;
    results.replaceChildren(
      h('h4', {}, m.resultsHeading),
      ...present(counted.awaitingAcceptance && h('p', { class: 'warning', id: 'monitor-provisional' }, m.provisionalResults)),
      ...counted.contests.map((contest) => {
        const counts = contest.result.counts;
        const part = contestPart(words, lang, contest);
        const heading = part.querySelector('h3');
        heading?.after(votesChart(counts, m.votesChartLabel(contest.title, counts.map((c) => `${c.candidate} ${formatCount(lang, c.votes)}`).join(', '))));
        return part;
      }),
    );
  }

  function showRecord() {
    const { seal } = election;
    record.replaceChildren(
      ...present(
        h('h4', {}, m.recordHeading),
        election.phase === 'published' && h('p', {}, h('a', { href: `${path}/audit-log`, download: '' }, m.exportLink)),
        election.phase === 'published' && h('p', { class: 'hint' }, m.exportHelp),
        // The official record from the count on: provisional until published, as its heading says.
        (election.phase === 'tallied' || election.phase === 'published') &&
          h(
            'p',
            { id: 'monitor-official-record' },
            `${m.officialRecordLabel} `,
            h('a', { href: `${path}/record.pdf?language=de`, download: `record-${election.id}-de.pdf` }, 'Deutsch'),
            ' · ',
            h('a', { href: `${path}/record.pdf?language=en`, download: `record-${election.id}-en.pdf` }, 'English'),
          ),
        (election.phase === 'tallied' || election.phase === 'published') && h('p', { class: 'hint' }, m.officialRecordHelp),
        // The record as issued when the results became final: the copy to print and sign, and the digests the log lists for it.
        ...(election.issuedRecord
          ? [
              h(
                'p',
                { id: 'monitor-issued-record' },
                `${m.issuedRecordLabel(election.issuedRecord.head, election.acceptance === 'committee')} `,
                h('a', { href: `${path}/record.pdf?language=de&version=issued`, download: `record-${election.id}-de-issued.pdf` }, 'Deutsch'),
                ' · ',
                h('a', { href: `${path}/record.pdf?language=en&version=issued`, download: `record-${election.id}-en-issued.pdf` }, 'English'),
              ),
              ...election.issuedRecord.records.map((/** @type {{ language: 'de' | 'en'; sha256: string }} */ r) =>
                copyable(`monitor-issued-record-${r.language}`, m.issuedRecordDigest(r.language, election.acceptance === 'committee'), r.sha256),
              ),
            ]
          : []),
        personalDataLine(),
        seal && copyable('monitor-digest', m.digestLabel, seal.digest),
        memory.head && copyable('monitor-head', m.headLabel, `#${memory.head.seq} ${memory.head.hash}`),
      ),
    );
  }

  /** What happens to the voters' personal data: kept for the retention until the challenge period is over, deleted when, or deleted. */
  function personalDataLine() {
    const data = election.personalData;
    const when = (/** @type {string} */ at) => formatMoment(lang, at);
    if (!data) return h('p', { id: 'monitor-personal-data', class: 'hint' }, m.personalDataKeptFor(election.retentionDays));
    if (data.status === 'deleted') return h('p', { id: 'monitor-personal-data' }, m.personalDataDeleted(when(data.deletedAt)));
    return h(
      'p',
      { id: 'monitor-personal-data' },
      m.personalDataDeleteAt(when(data.deleteAt), election.retentionDays),
      data.waitsFor.length > 0 ? ` ${m.personalDataWaits(data.waitsFor.join(', '))}` : '',
    );
  }

  /**
   * A value worth passing on, with a button that copies it.
   * @param {string} id
   * @param {string} label
   * @param {string} value
   */
  function copyable(id, label, value) {
    const said = h('span', { role: 'status', class: 'hint' }, '');
    return h(
      'div',
      { class: 'copyable' },
      h('p', { id: `${id}-label` }, label),
      h('p', {}, h('code', { id, class: 'digest', 'aria-labelledby': `${id}-label` }, value)),
      h(
        'p',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            'aria-describedby': `${id}-label`,
            onclick: () => {
              navigator.clipboard.writeText(value).then(
                () => (said.textContent = m.copied),
                () => (said.textContent = m.copyFailed),
              );
            },
          },
          m.copy,
        ),
        ' ',
        said,
      ),
    );
  }

  void refresh();
  return {
    node,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
