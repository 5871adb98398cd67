// @ts-check
import { CREDENTIALS_LEAD_DAYS, draftProblems, FORM_LIMITS, LIST_METHODS, LIST_VOTES, RANKED_METHODS } from '../lib/rules.js';
import { h, present } from '../vote/dom.js';
import { ApiError, request } from './api.js';
import { viewerZone } from './i18n.js';
import { BALLOT_KINDS, contestIdFrom, draftToBody, emptyCandidate, emptyContest, emptyDraft, fieldFor, resizeNames } from './setup-draft.js';

/** The most trustees the key ceremony takes (domain/crypto/ceremony/parameters.ts): the schema's limit, which names it. */
const MAX_TRUSTEES = 20;

/**
 * The create form: an election with its box (sealed by default, with its trustees), window, reminders, observers and 1–20 contests, checked
 * as the admin types with the API's own rules (/lib/rules.js, the zod schemas of
 * contract/requestSchemas.ts), each problem next to its field (`aria-describedby`, `aria-invalid`);
 * what the API still refuses is shown next to the field its message names.
 * @typedef {import('./app.js').Ui} Ui
 * @typedef {import('./app.js').View} View
 * @typedef {import('./setup-draft.js').ContestDraft} ContestDraft
 * @typedef {{ control: HTMLElement, error: HTMLElement, label: string }} Field
 */

const form = {
  draft: emptyDraft(),
  /** Fields typed in since the form was opened: only their problems show until the first submit. */
  touched: new Set(/** @type {string[]} */ ([])),
  submitted: false,
  busy: false,
  /** The API's problems from the last submit, by field ('' for the whole election); dropped when the field changes. @type {Map<string, string[]>} */
  apiProblems: new Map(),
  /** A refusal or failure that names no field. @type {unknown} */
  failure: undefined,
  /** The form's fields as last built, by the body's path. @type {Map<string, Field>} */
  fields: new Map(),
  /** Set after a rebuild: the field to focus. @type {string | undefined} */
  focus: undefined,
};

/** A fresh form for the next admin (sign-out). */
export function resetCreateForm() {
  form.draft = emptyDraft();
  form.touched.clear();
  form.submitted = false;
  form.apiProblems.clear();
  form.failure = undefined;
}

const domId = (/** @type {string} */ path) => `f-${path.replace(/\./g, '-')}`;
const errorId = (/** @type {string} */ path) => `e-${path.replace(/\./g, '-')}`;

/**
 * @param {Ui} ui
 * @returns {View}
 */
export function createView(ui) {
  const m = ui.t();
  const draft = form.draft;
  // The voters' mail in the console's language unless the committee picks the other.
  if (draft.language === '') draft.language = ui.lang();
  form.fields = new Map();
  const rebuild = (/** @type {string | undefined} */ focus) => {
    form.focus = focus;
    ui.show(() => createView(ui), { moveFocus: false });
  };

  /**
   * A labelled control bound to the draft, registered under its body path.
   * @param {string} path the body's path its problems name
   * @param {string} label
   * @param {HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement} control
   * @param {{ hint?: string | HTMLElement, onChange: (value: string) => void, structural?: boolean }} options
   */
  const field = (path, label, control, { hint, onChange, structural = false }) => {
    control.id = domId(path);
    const hintNode = typeof hint === 'string' ? h('p', { class: 'hint', id: `h-${domId(path)}` }, hint) : hint;
    if (hintNode) hintNode.id = `h-${domId(path)}`;
    control.setAttribute('aria-describedby', [hintNode ? hintNode.id : '', errorId(path)].filter(Boolean).join(' '));
    const error = h('p', { class: 'error field-error', id: errorId(path) });
    const update = () => {
      onChange(control instanceof HTMLInputElement && control.type === 'checkbox' ? String(control.checked) : control.value);
      form.touched.add(path);
      form.apiProblems.delete(path);
      if (structural) rebuild(path);
      else validate(ui);
    };
    control.addEventListener(control instanceof HTMLSelectElement || (control instanceof HTMLInputElement && control.type === 'checkbox') ? 'change' : 'input', update);
    form.fields.set(path, { control, error, label });
    const isCheck = control instanceof HTMLInputElement && control.type === 'checkbox';
    return isCheck
      ? h('div', { class: 'field check' }, control, h('label', { for: control.id }, label), hintNode, error)
      : h('div', { class: 'field' }, h('label', { for: control.id }, label), hintNode, control, error);
  };
  const text = (/** @type {string} */ value, /** @type {Record<string, string>} */ attributes = {}) => h('input', { type: 'text', value, ...attributes });
  /** @param {string} value @param {[string, string][]} options */
  const select = (value, options) => {
    const control = h('select', {}, ...options.map(([option, label]) => h('option', { value: option }, label)));
    control.value = value;
    return control;
  };
  /** A group of fields whose own problems (`contests.0.candidates`) show at its end. */
  const group = (/** @type {string} */ path, /** @type {string} */ legend, /** @type {(Node | null | false | undefined)[]} */ children, className = '') => {
    const error = h('p', { class: 'error field-error', id: errorId(path) });
    const fieldset = h('fieldset', { class: className, id: domId(path), 'aria-describedby': errorId(path) }, h('legend', {}, legend), ...present(...children), error);
    form.fields.set(path, { control: fieldset, error, label: legend });
    return fieldset;
  };

  const reminders = draft.reminders.map((value, i) =>
    h(
      'div',
      { class: 'row' },
      field(`reminders.${i}`, m.reminderLabel(i + 1), h('input', { type: 'datetime-local', value }), { onChange: (v) => (draft.reminders[i] = v) }),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary small',
          onclick: () => {
            draft.reminders.splice(i, 1);
            rebuild(draft.reminders.length > 0 ? `reminders.${Math.max(0, i - 1)}` : 'add-reminder');
          },
        },
        m.removeReminder(i + 1),
      ),
    ),
  );

  const electionPart = h(
    'fieldset',
    { class: 'part' },
    h('legend', {}, m.electionPart),
    field('title', m.titleLabel, text(draft.title, { maxlength: String(FORM_LIMITS.titleCharacters * 2) }), { onChange: (v) => (draft.title = v) }),
    field('id', m.idLabel, text(draft.id, { autocapitalize: 'off', spellcheck: 'false' }), { hint: m.idHint, onChange: (v) => (draft.id = v) }),
    field('observers', m.observersLabel, h('textarea', { rows: '3', spellcheck: 'false' }, draft.observers), { hint: m.observersHint, onChange: (v) => (draft.observers = v) }),
    field(
      'language',
      m.mailLanguageLabel,
      select(draft.language, [
        ['de', 'Deutsch'],
        ['en', 'English'],
      ]),
      { hint: m.mailLanguageHint, onChange: (v) => (draft.language = v) },
    ),
    field('timeZone', m.timeZoneLabel, text(draft.timeZone, { autocapitalize: 'off', spellcheck: 'false', list: 'time-zones' }), { hint: m.timeZoneHint, onChange: (v) => (draft.timeZone = v) }),
    field('challengeDays', m.challengeDaysLabel, h('input', { type: 'number', min: '1', max: '90', step: '1', value: draft.challengeDays, inputmode: 'numeric' }), {
      hint: m.challengeDaysHint,
      onChange: (v) => (draft.challengeDays = v),
    }),
    field('retentionDays', m.retentionDaysLabel, h('input', { type: 'number', min: '0', max: '1095', step: '1', value: draft.retentionDays, inputmode: 'numeric' }), {
      hint: m.retentionDaysHint,
      onChange: (v) => (draft.retentionDays = v),
    }),
    field(
      'acceptance',
      m.acceptanceLabel,
      select(draft.acceptance, [
        ['committee', m.acceptanceCommittee],
        ['automatic', m.acceptanceAutomatic],
      ]),
      { hint: m.acceptanceHint, onChange: (v) => (draft.acceptance = v === 'automatic' ? 'automatic' : 'committee') },
    ),
    h('datalist', { id: 'time-zones' }, ...[...new Set(['Europe/Berlin', 'Europe/Vienna', 'Europe/Zurich', viewerZone(), 'UTC'])].map((zone) => h('option', { value: zone }))),
  );
  const boxPart = boxChoice(ui, { field, group, select, rebuild });
  const windowPart = h(
    'fieldset',
    { class: 'part' },
    h('legend', {}, m.windowPart),
    h('p', { class: 'hint' }, m.windowHint(viewerZone())),
    field('opensAt', m.opensLabel, h('input', { type: 'datetime-local', value: draft.opensAt }), { onChange: (v) => (draft.opensAt = v) }),
    field('closesAt', m.closesLabel, h('input', { type: 'datetime-local', value: draft.closesAt }), { onChange: (v) => (draft.closesAt = v) }),
    field('credentialsAt', m.credentialsLabel, h('input', { type: 'datetime-local', value: draft.credentialsAt }), {
      hint: m.credentialsHint(CREDENTIALS_LEAD_DAYS),
      onChange: (v) => (draft.credentialsAt = v),
    }),
    group('reminders', m.remindersLegend, [
      h('p', { class: 'hint' }, m.remindersHint),
      ...reminders,
      draft.reminders.length < FORM_LIMITS.reminders &&
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            id: 'add-reminder',
            onclick: () => {
              draft.reminders.push('');
              rebuild(`reminders.${draft.reminders.length - 1}`);
            },
          },
          m.addReminder,
        ),
    ]),
  );

  const contests = draft.contests.map((contest, i) => contestPart(ui, contest, i, { field, group, text, select, rebuild }));
  const contestsPart = group('contests', m.contestsPart, [
    h('p', { class: 'hint' }, m.contestsHint),
    ...contests,
    draft.contests.length < FORM_LIMITS.contests &&
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          id: 'add-contest',
          onclick: () => {
            draft.contests.push(emptyContest());
            rebuild(`contests.${draft.contests.length - 1}.title`);
          },
        },
        m.addContest,
      ),
  ]);
  contestsPart.classList.add('part');

  const summary = h('div', { id: 'form-problems', class: 'problems', tabindex: '-1' });
  const status = h('p', { role: 'status', class: 'busy' }, form.busy ? m.creating : '');
  const element = h(
    'form',
    { class: 'create', novalidate: true },
    h('p', {}, m.createIntro),
    electionPart,
    boxPart,
    windowPart,
    contestsPart,
    summary,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', ...(form.busy && { 'aria-disabled': 'true' }) }, m.createSubmit)),
    status,
  );
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit(ui, summary, status);
  });
  // Problems and focus once the form is in the page.
  queueMicrotask(() => {
    validate(ui);
    if (form.focus !== undefined) {
      const target = form.fields.get(form.focus)?.control ?? document.getElementById(form.focus);
      form.focus = undefined;
      (target instanceof HTMLFieldSetElement ? /** @type {HTMLElement | null} */ (target.querySelector('input, select, textarea')) : target)?.focus();
    }
  });
  return { heading: m.createTitle, body: [element] };
}

/**
 * How the ballots are kept: sealed (the default), with the trustees who hold the key and how many
 * of them open the box, or open, which says that whoever runs the servers can read the ballots.
 * A threshold of 1 says that one trustee alone can decrypt every ballot.
 * @param {Ui} ui
 * @param {{ field: Function, group: Function, select: Function, rebuild: (focus?: string) => void }} parts
 */
function boxChoice(ui, { field, group, select, rebuild }) {
  const m = ui.t();
  const draft = form.draft;
  const trustees = draft.trustees;
  const radio = (/** @type {'sealed' | 'open'} */ mode, /** @type {string} */ label, /** @type {string} */ hint) => {
    const input = h('input', { type: 'radio', name: 'box', id: `f-box-${mode}`, value: mode, 'aria-describedby': `h-box-${mode}`, ...(draft.box === mode && { checked: true }) });
    input.addEventListener('change', () => {
      draft.box = mode;
      form.apiProblems.delete('box');
      rebuild(`f-box-${mode}`);
    });
    return h('div', { class: 'field check' }, input, h('label', { for: input.id }, label), h('p', { class: 'hint', id: `h-box-${mode}` }, hint));
  };
  // Chosen from a list, so that the form is drawn again (the warning, the name fields) only once a number is chosen.
  const upTo = Array.from({ length: MAX_TRUSTEES }, (_, i) => [String(i + 1), String(i + 1)]);
  const number = (/** @type {string} */ value) => select(value, upTo);
  const threshold = Number(trustees.threshold);
  const sealedFields = draft.box === 'sealed' && [
    h('p', { class: 'hint' }, m.trusteesIntro),
    field('trustees.count', m.trusteesCountLabel, number(trustees.count), {
      structural: true,
      onChange: (/** @type {string} */ v) => {
        trustees.count = v;
        trustees.names = resizeNames(trustees.names, v, MAX_TRUSTEES);
      },
    }),
    field('trustees.threshold', m.thresholdLabel, number(trustees.threshold), {
      hint: m.thresholdHint,
      structural: true,
      onChange: (/** @type {string} */ v) => (trustees.threshold = v),
    }),
    threshold === 1 && h('p', { class: 'warning', role: 'note', id: 'one-trustee-warning' }, m.oneTrusteeWarning),
    group('trustees.names', m.trusteeNamesLegend, [
      h('p', { class: 'hint' }, m.trusteeNamesHint),
      ...trustees.names.map((name, i) =>
        field(`trustees.names.${i}`, m.trusteeNameLabel(i + 1), h('input', { type: 'text', value: name, autocomplete: 'off' }), { onChange: (/** @type {string} */ v) => (trustees.names[i] = v) }),
      ),
    ]),
  ];
  return group(
    'box',
    m.boxPart,
    [
      radio('sealed', m.boxSealed, m.boxSealedHint),
      radio('open', m.boxOpen, m.boxOpenHint),
      draft.box === 'open' && h('p', { class: 'warning', role: 'note', id: 'open-box-warning' }, m.notSecretAgainstOperator),
      ...(sealedFields || []),
    ],
    'part',
  );
}

/**
 * One contest's fields.
 * @param {Ui} ui
 * @param {ContestDraft} contest
 * @param {number} i
 * @param {{ field: Function, group: Function, text: Function, select: Function, rebuild: (focus?: string) => void }} parts
 */
function contestPart(ui, contest, i, { field, group, text, select, rebuild }) {
  const m = ui.t();
  const draft = form.draft;
  const p = `contests.${i}`;
  const b = `${p}.ballot`;
  /** @type {(Node | false | null | undefined)[]} */
  const ballotFields = [];
  const number = (/** @type {string} */ value, /** @type {number} */ max) => h('input', { type: 'number', min: '1', max: String(max), step: '1', value, inputmode: 'numeric' });
  const methods = contest.kind === 'ranked' ? RANKED_METHODS : LIST_METHODS;
  if (contest.kind === 'single' || contest.kind === 'ranked')
    ballotFields.push(field(`${b}.ron`, m.ronLabel, h('input', { type: 'checkbox', ...(contest.ron && { checked: true }) }), { onChange: (/** @type {string} */ v) => (contest.ron = v === 'true') }));
  if (contest.kind === 'multi')
    ballotFields.push(field(`${b}.maxChoices`, m.maxChoicesLabel, number(contest.maxChoices, FORM_LIMITS.seats), { onChange: (/** @type {string} */ v) => (contest.maxChoices = v) }));
  if (contest.kind === 'ranked' || contest.kind === 'list') {
    ballotFields.push(
      field(
        `${b}.method`,
        m.methodLabel,
        select(
          contest.method || methods[0],
          methods.map((method) => [method, m.methodNames[method] ?? method]),
        ),
        { onChange: (/** @type {string} */ v) => (contest.method = v) },
      ),
      field(`${b}.seats`, m.seatsLabel, number(contest.seats, FORM_LIMITS.seats), { onChange: (/** @type {string} */ v) => (contest.seats = v) }),
    );
  }
  if (contest.kind === 'list') {
    ballotFields.push(
      field(`${b}.lists`, m.listsLabel, h('textarea', { rows: '3' }, contest.lists), { onChange: (/** @type {string} */ v) => (contest.lists = v) }),
      field(`${b}.votes`, m.votesLabel, number(contest.votes, FORM_LIMITS.seats), { onChange: (/** @type {string} */ v) => (contest.votes = v) }),
      field(`${b}.maxPerCandidate`, m.maxPerCandidateLabel, number(contest.maxPerCandidate, FORM_LIMITS.seats), { onChange: (/** @type {string} */ v) => (contest.maxPerCandidate = v) }),
      field(
        `${b}.listVote`,
        m.listVoteLabel,
        select(
          contest.listVote,
          LIST_VOTES.map((rule) => [rule, m.listVoteNames[rule] ?? rule]),
        ),
        { onChange: (/** @type {string} */ v) => (contest.listVote = v) },
      ),
    );
  }
  if (contest.kind === 'referendum') {
    ballotFields.push(
      field(
        `${b}.majority`,
        m.majorityLabel,
        select(contest.majority, [
          ['simple', m.majorityNames.simple ?? 'simple'],
          ['two-thirds', m.majorityNames['two-thirds'] ?? 'two-thirds'],
        ]),
        { onChange: (/** @type {string} */ v) => (contest.majority = v) },
      ),
      field(`${b}.quorumPercent`, m.quorumLabel, h('input', { type: 'number', min: '1', max: '100', step: '1', value: contest.quorumPercent, inputmode: 'numeric' }), {
        onChange: (/** @type {string} */ v) => (contest.quorumPercent = v),
      }),
    );
  }
  const lists = contest.lists
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const candidates =
    contest.kind !== 'referendum' &&
    group(`${p}.candidates`, m.candidatesLegend, [
      ...contest.candidates.map((candidate, j) => {
        const c = `${p}.candidates.${j}`;
        return h(
          'fieldset',
          { class: 'candidate' },
          h('legend', {}, m.candidateLegend(j + 1)),
          field(`${c}.name`, m.candidateName, text(candidate.name), { onChange: (/** @type {string} */ v) => (candidate.name = v) }),
          field(`${c}.email`, m.candidateEmail, h('input', { type: 'email', value: candidate.email, autocomplete: 'off' }), { onChange: (/** @type {string} */ v) => (candidate.email = v) }),
          field(`${c}.pageLink`, m.candidatePage, h('input', { type: 'url', value: candidate.pageLink }), { onChange: (/** @type {string} */ v) => (candidate.pageLink = v) }),
          contest.kind === 'list' &&
            field(`${c}.list`, m.candidateList, select(candidate.list, [['', m.chooseList], ...lists.map((list) => /** @type {[string, string]} */ ([list, list]))]), {
              onChange: (/** @type {string} */ v) => (candidate.list = v),
            }),
          h(
            'button',
            {
              type: 'button',
              class: 'secondary small',
              onclick: () => {
                contest.candidates.splice(j, 1);
                rebuild(contest.candidates.length > 0 ? `${p}.candidates.${Math.max(0, j - 1)}.name` : `add-candidate-${i}`);
              },
            },
            m.removeCandidate(j + 1),
          ),
        );
      }),
      contest.candidates.length < FORM_LIMITS.candidatesPerRequest &&
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            id: `add-candidate-${i}`,
            onclick: () => {
              contest.candidates.push(emptyCandidate());
              rebuild(`${p}.candidates.${contest.candidates.length - 1}.name`);
            },
          },
          m.addCandidate,
        ),
    ]);
  const part = group(
    p,
    m.contestLegend(i + 1, contest.title.trim()),
    [
      field(`${p}.title`, m.contestTitleLabel, text(contest.title), { onChange: (/** @type {string} */ v) => (contest.title = v) }),
      field(`${p}.id`, m.contestIdLabel, text(contest.id, { autocapitalize: 'off', spellcheck: 'false' }), {
        hint: m.contestIdHint(contestIdFrom(contest.title, i)),
        onChange: (/** @type {string} */ v) => (contest.id = v),
      }),
      field(`${p}.description`, m.descriptionLabel, h('textarea', { rows: '2' }, contest.description), { onChange: (/** @type {string} */ v) => (contest.description = v) }),
      field(
        `${b}.kind`,
        m.kindLabel,
        select(
          contest.kind,
          BALLOT_KINDS.map((kind) => [kind, m.kindNames[kind] ?? kind]),
        ),
        {
          structural: true,
          onChange: (/** @type {string} */ v) => {
            contest.kind = /** @type {ContestDraft['kind']} */ (v);
            contest.method = v === 'ranked' ? RANKED_METHODS[0] : v === 'list' ? LIST_METHODS[0] : '';
          },
        },
      ),
      ...ballotFields,
      field(`${p}.groups`, m.groupsLabel, text(contest.groups, { autocapitalize: 'off', spellcheck: 'false' }), { hint: m.groupsHint, onChange: (/** @type {string} */ v) => (contest.groups = v) }),
      candidates,
      draft.contests.length > 1 &&
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () => {
              draft.contests.splice(i, 1);
              rebuild(`contests.${Math.max(0, i - 1)}.title`);
            },
          },
          m.removeContest(i + 1),
        ),
    ],
    'contest',
  );
  return part;
}

/**
 * The field a problem belongs to: its path or the nearest above it; a domain refusal that starts
 * with a field's name and no colon (`closesAt … is not in the future`) goes to that field.
 * @param {string | undefined} path
 * @param {string} message
 */
function placeOf(path, message) {
  const has = (/** @type {string} */ candidate) => form.fields.has(candidate);
  if (path !== undefined) return fieldFor(path, has) ?? '';
  const lead = /^([A-Za-z]+(?:\.\w+)*)\s/.exec(message)?.[1];
  return lead !== undefined && has(lead) ? lead : '';
}

/**
 * Shows every problem next to its field: the rules' for the fields typed in (all after a submit),
 * and the API's from the last submit. Returns how many there are in all.
 * @param {Ui} ui
 */
function validate(ui) {
  const m = ui.t();
  const body = draftToBody(form.draft);
  /** @type {Map<string, string[]>} */
  const byField = new Map();
  const add = (/** @type {string} */ place, /** @type {string} */ message) => {
    const list = byField.get(place) ?? [];
    if (!list.includes(message)) list.push(message);
    byField.set(place, list);
  };
  let count = 0;
  for (const { path, message } of draftProblems(body)) {
    const place = placeOf(path, message);
    const shown = place === path || place === '' ? message : `${path.slice(place.length + 1)}: ${message}`;
    count += 1;
    if (form.submitted || form.touched.has(place)) add(place, shown);
  }
  for (const [place, messages] of form.apiProblems) for (const message of messages) add(place, message);
  for (const [path, { control, error }] of form.fields) {
    const messages = byField.get(path) ?? [];
    error.replaceChildren(...messages.map((message) => h('span', { lang: 'en' }, message)));
    if (messages.length > 0) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  }
  // Contest ids made from titles, and the contests' legends, follow the titles as they are typed.
  form.draft.contests.forEach((contest, i) => {
    const hint = document.getElementById(`h-${domId(`contests.${i}.id`)}`);
    if (hint) hint.textContent = m.contestIdHint(contestIdFrom(contest.title, i));
    const legend = form.fields.get(`contests.${i}`)?.control.querySelector('legend');
    if (legend) legend.textContent = m.contestLegend(i + 1, contest.title.trim());
  });
  drawSummary(ui, byField);
  return count + [...form.apiProblems.values()].flat().length;
}

/**
 * After a submit: the problems in one list, each a link to its field, and what names no field.
 * @param {Ui} ui
 * @param {Map<string, string[]>} byField
 */
function drawSummary(ui, byField) {
  const m = ui.t();
  const summary = document.getElementById('form-problems');
  if (!summary) return;
  if (!form.submitted && form.apiProblems.size === 0 && !form.failure) return void summary.replaceChildren();
  const items = [...byField].flatMap(([path, messages]) =>
    messages.map((message) => {
      const target = form.fields.get(path);
      if (!target) return h('li', {}, h('span', { lang: 'en' }, message));
      const label = target.label;
      return h(
        'li',
        {},
        h(
          'a',
          {
            href: `#${target.control.id}`,
            onclick: (event) => {
              event.preventDefault();
              const control = target.control instanceof HTMLFieldSetElement ? /** @type {HTMLElement | null} */ (target.control.querySelector('input, select, textarea')) : target.control;
              control?.focus();
            },
          },
          label,
        ),
        ': ',
        h('span', { lang: 'en' }, message),
      );
    }),
  );
  const failure = form.failure ? ui.failure(form.failure) : null;
  summary.replaceChildren(...present(items.length > 0 && h('p', { class: 'error' }, m.problemsSummary(items.length)), items.length > 0 && h('ul', {}, ...items), failure));
}

/**
 * @param {Ui} ui
 * @param {HTMLElement} summary
 * @param {HTMLElement} status
 */
async function submit(ui, summary, status) {
  if (form.busy) return;
  form.submitted = true;
  form.failure = undefined;
  if (validate(ui) > 0) {
    summary.focus();
    return;
  }
  form.busy = true;
  status.textContent = ui.t().creating;
  try {
    const answer = await request('POST', '/elections', draftToBody(form.draft));
    form.busy = false;
    if (answer.status === 201 || answer.status === 200) {
      const id = answer.body.id;
      resetCreateForm();
      ui.go.election(id);
      return;
    }
    const error = ApiError.from(answer);
    form.apiProblems.clear();
    for (const problem of error.problems) {
      const place = error.code === 'already_exists' ? 'id' : placeOf(problem.field, problem.message);
      const list = form.apiProblems.get(place) ?? [];
      list.push(place === problem.field || place === '' || problem.field === undefined ? problem.message : `${problem.field.slice(place.length + 1)}: ${problem.message}`);
      form.apiProblems.set(place, list);
    }
    if (answer.status === 401) form.failure = error;
  } catch (error) {
    form.busy = false;
    form.failure = error;
  }
  status.textContent = '';
  validate(ui);
  summary.focus();
}
