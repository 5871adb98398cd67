// @ts-check
import { checkVoterCsv, VOTER_CSV_COLUMNS } from '../lib/rules.js';
import { h, present } from '../vote/dom.js';
import { ApiError, ok, request } from './api.js';
import { batches } from './setup-draft.js';

/**
 * Voters from a CSV file picked in the browser: read and checked here with the CLI's rules
 * (/lib/rules.js, contract/voterCsv.ts), every bad row listed by line and nothing sent while any is
 * bad; then sent 500 to a request with a progress bar, then the result and the mail report.
 * @typedef {import('./app.js').Ui} Ui
 * @typedef {import('../lib/rules.js').VoterCsvCheck} VoterCsvCheck
 * @typedef {{ studentId: string, registeredAs: string }} EmailTaken
 * @typedef {{ stage: 'idle' | 'reading' | 'checked' | 'sending' | 'done' | 'stopped', file?: string, check?: VoterCsvCheck,
 *   sent: number, registered: number, already: number, taken: EmailTaken[], stoppedEarly?: string, failure?: unknown,
 *   mail?: { counts: Record<string, number> } | null }} ImportState
 */

/** Voters per request: well under the API's 5,000, so that the bar moves and a failure loses little. */
export const BATCH = 500;
const ATTEMPTS = 4;

/** Each election's import, so that it survives a language switch and coming back to the page. @type {Map<string, ImportState>} */
const imports = new Map();

export const forgetImports = () => imports.clear();

/** @returns {ImportState} */
const idle = () => ({ stage: 'idle', sent: 0, registered: 0, already: 0, taken: [] });

/**
 * The import section of an election in set-up.
 * @param {Ui} ui
 * @param {string} electionId
 * @param {() => Promise<void>} changed called once voters were registered: shows the page again with the new counts, focus on the outcome
 */
export function importSection(ui, electionId, changed) {
  const state = imports.get(electionId) ?? idle();
  imports.set(electionId, state);
  const section = h('section', { class: 'part', 'aria-labelledby': 'import-heading' });
  const draw = (/** @type {boolean} */ moveFocus = false) => {
    section.replaceChildren(...present(...content(ui, electionId, state, { draw, changed })));
    if (moveFocus) /** @type {HTMLElement | null} */ (section.querySelector('#import-outcome'))?.focus();
  };
  draw();
  return section;
}

/**
 * @param {Ui} ui
 * @param {string} electionId
 * @param {ImportState} state
 * @param {{ draw: (moveFocus?: boolean) => void, changed: () => Promise<void> }} hooks
 * @returns {(Node | string | null | undefined | false)[]}
 */
function content(ui, electionId, state, { draw, changed }) {
  const m = ui.t();
  const busy = state.stage === 'sending' || state.stage === 'reading';
  const input = h('input', { type: 'file', id: 'voter-file', accept: '.csv,text/csv,text/plain', 'aria-describedby': 'import-hint', ...(busy && { disabled: true }) });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (!file) return;
    Object.assign(state, idle(), { stage: 'reading', file: file.name });
    draw();
    void file.text().then(
      (text) => {
        state.check = checkVoterCsv(text);
        state.stage = 'checked';
        draw(true);
      },
      (error) => {
        state.check = { voters: [], bad: [], fileProblem: error instanceof Error ? error.message : String(error) };
        state.stage = 'checked';
        draw(true);
      },
    );
  });
  return [
    h('h3', { id: 'import-heading' }, m.importHeading),
    h('p', { id: 'import-hint', class: 'hint' }, m.importIntro(VOTER_CSV_COLUMNS)),
    !busy && h('label', { for: 'voter-file' }, m.fileLabel),
    !busy && input,
    ...outcome(ui, electionId, state, { draw, changed }),
  ];
}

/**
 * @param {Ui} ui
 * @param {string} electionId
 * @param {ImportState} state
 * @param {{ draw: (moveFocus?: boolean) => void, changed: () => Promise<void> }} hooks
 * @returns {(Node | string | null | undefined | false)[]}
 */
function outcome(ui, electionId, state, { draw, changed }) {
  const m = ui.t();
  const n = ui.count;
  const check = state.check;
  const anchor = (/** @type {string} */ className, /** @type {(Node | string | null | undefined | false)[]} */ children, role = 'status') =>
    h('div', { id: 'import-outcome', class: className, tabindex: '-1', role }, ...present(...children));
  switch (state.stage) {
    case 'idle':
      return [];
    case 'reading':
      return [anchor('busy', [m.reading])];
    case 'checked': {
      if (!check) return [];
      if (check.fileProblem) return [anchor('problems', [h('p', { class: 'error' }, m.fileProblem), h('p', { lang: 'en' }, check.fileProblem)], 'alert')];
      if (check.bad.length > 0) {
        const total = check.bad.length + check.voters.length;
        return [
          anchor('problems', [h('p', { class: 'error' }, m.badRows(check.bad.length, total))], 'alert'),
          h(
            'div',
            { class: 'bad-rows', role: 'region', 'aria-labelledby': 'bad-rows-caption', tabindex: '0' },
            h('p', { id: 'bad-rows-caption', class: 'table-title' }, m.badRowsCaption),
            h(
              'ul',
              { class: 'bad-row-list' },
              ...check.bad.map((row) => {
                const [lead, problem] = m.badRow(row.line, row.problem);
                return h('li', {}, lead, h('span', { lang: 'en' }, problem));
              }),
            ),
          ),
        ];
      }
      const count = n(check.voters.length);
      return [
        anchor('found', [h('p', {}, m.ready(count))]),
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'button', class: 'primary', id: 'import-start', onclick: () => void send(ui, electionId, state, { draw, changed }) }, m.importButton(count)),
        ),
      ];
    }
    case 'sending': {
      const total = check?.voters.length ?? 0;
      return [
        h('label', { for: 'import-progress', id: 'import-progress-label' }, m.progressLabel),
        h('progress', { id: 'import-progress', max: String(total), value: String(state.sent) }),
        h('p', { id: 'import-progress-text', role: 'status', class: 'busy' }, m.sending(n(state.sent), n(total))),
      ];
    }
    case 'done':
    case 'stopped': {
      const total = check?.voters.length ?? 0;
      const undelivered = state.mail ? (state.mail.counts.undelivered ?? 0) + (state.mail.counts.bounced ?? 0) + (state.mail.counts.complained ?? 0) : undefined;
      return [
        h('progress', { max: String(total || 1), value: String(state.sent), 'aria-labelledby': 'import-outcome-heading' }),
        anchor(state.stage === 'done' ? 'found' : 'problems', [
          h('p', { id: 'import-outcome-heading', class: 'outcome-title' }, state.stage === 'done' ? m.importDone : m.importStopped(n(state.sent))),
          state.stoppedEarly && h('p', { lang: 'en' }, state.stoppedEarly),
          state.failure ? ui.failure(state.failure) : null,
        ]),
        h(
          'ul',
          { class: 'import-result' },
          ...present(
            h('li', {}, m.resultRegistered(n(state.registered))),
            state.already > 0 && h('li', {}, m.resultAlready(n(state.already))),
            state.taken.length > 0 && h('li', {}, m.resultTaken(n(state.taken.length)), h('ul', {}, ...state.taken.map((t) => h('li', {}, m.takenRow(t.studentId, t.registeredAs))))),
            undefined !== undelivered && h('li', {}, m.resultUndelivered(n(undelivered))),
          ),
        ),
        h('p', { class: 'hint' }, state.mail === null ? m.mailUnknown : (state.mail?.counts.held ?? 0) > 0 ? m.mailHeld : m.mailQueued),
      ];
    }
  }
}

/**
 * Sends the checked voters in batches, one after another; a batch that gets no answer, a 429 or
 * a 5xx is sent again (a voter already registered is counted apart, never twice).
 * @param {Ui} ui
 * @param {string} electionId
 * @param {ImportState} state
 * @param {{ draw: (moveFocus?: boolean) => void, changed: () => Promise<void> }} hooks
 */
async function send(ui, electionId, state, { draw, changed }) {
  const voters = state.check?.voters ?? [];
  if (state.stage !== 'checked' || voters.length === 0) return;
  state.stage = 'sending';
  draw();
  /** @type {HTMLElement | null} */ (document.getElementById('import-progress'))?.focus();
  const path = `/elections/${encodeURIComponent(electionId)}/voters`;
  try {
    for (const batch of batches(voters, BATCH)) {
      const answer = await withRetries(() => request('POST', path, { voters: batch }));
      const body = ok(answer);
      state.sent += batch.length;
      state.registered += body.registered ?? 0;
      state.already += body.alreadyRegistered?.length ?? 0;
      state.taken.push(...(body.emailTaken ?? []));
      if (body.stoppedEarly) {
        state.stoppedEarly = body.stoppedEarly;
        break;
      }
      updateProgress(ui, state, voters.length);
    }
    state.stage = state.stoppedEarly ? 'stopped' : 'done';
  } catch (error) {
    state.failure = error;
    state.stage = 'stopped';
  }
  try {
    state.mail = ok(await request('GET', `/elections/${encodeURIComponent(electionId)}/mail`));
  } catch {
    state.mail = null;
  }
  if (state.registered > 0) await changed();
  else draw(true);
}

/**
 * The bar and its words, in place: focus and the page stay where they are.
 * @param {Ui} ui
 * @param {ImportState} state
 * @param {number} total
 */
function updateProgress(ui, state, total) {
  const bar = document.getElementById('import-progress');
  if (bar instanceof HTMLProgressElement) bar.value = state.sent;
  const words = document.getElementById('import-progress-text');
  if (words) words.textContent = ui.t().sending(ui.count(state.sent), ui.count(total));
}

/**
 * @param {() => Promise<{ status: number, body: any }>} attempt
 */
async function withRetries(attempt) {
  for (let i = 1; ; i += 1) {
    try {
      const answer = await attempt();
      if (answer.status !== 429 || i >= ATTEMPTS) return answer;
    } catch (error) {
      if (!(error instanceof ApiError) || i >= ATTEMPTS) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** i));
  }
}
