// @ts-check
/**
 * The create form's draft and its `POST /elections` body: pure, no DOM, so that node tests it.
 * Every field of the draft is what its input holds (strings); the body is what the API takes.
 * Problems come back by the body's field path (`contests.1.ballot.seats`), and `fieldFor` finds the
 * input that path belongs to.
 */

/** @typedef {'single' | 'multi' | 'ranked' | 'list' | 'referendum'} BallotKind */
/** @typedef {{ name: string, email: string, pageLink: string, list: string }} CandidateDraft */
/**
 * @typedef {{ key: number, title: string, id: string, description: string, kind: BallotKind, ron: boolean,
 *   maxChoices: string, method: string, seats: string, lists: string, votes: string, maxPerCandidate: string, listVote: string,
 *   majority: string, quorumPercent: string, groups: string, candidates: CandidateDraft[] }} ContestDraft
 */
/**
 * @typedef {'sealed' | 'open'} BoxMode
 * @typedef {{ count: string, threshold: string, names: string[] }} TrusteesDraft `names`: one input per trustee, all empty when the committee names none
 * @typedef {{ title: string, id: string, opensAt: string, closesAt: string, credentialsAt: string, reminders: string[], observers: string,
 *   language: string, timeZone: string, challengeDays: string, retentionDays: string, acceptance: 'committee' | 'automatic', box: BoxMode, trustees: TrusteesDraft, contests: ContestDraft[] }} Draft
 * `language`: the voters' mail's, empty until the form shows it in the console's own language.
 * `acceptance`: who makes the counted results final; the console asks the committee's acceptance unless told otherwise.
 */

export const BALLOT_KINDS = /** @type {const} */ (['single', 'multi', 'ranked', 'list', 'referendum']);

let nextKey = 1;

/** @returns {CandidateDraft} */
export const emptyCandidate = () => ({ name: '', email: '', pageLink: '', list: '' });

/** @returns {ContestDraft} */
export function emptyContest() {
  return {
    key: nextKey++,
    title: '',
    id: '',
    description: '',
    kind: 'single',
    ron: false,
    maxChoices: '1',
    method: '',
    seats: '1',
    lists: '',
    votes: '1',
    maxPerCandidate: '1',
    listVote: 'one',
    majority: 'simple',
    quorumPercent: '',
    groups: '',
    candidates: [emptyCandidate(), emptyCandidate()],
  };
}

/**
 * A new draft. Sealed by default: the console creates elections whose ballots nobody, the
 * operator included, can read unless the committee chooses otherwise; 2 of 3 trustees, so that
 * no one trustee alone can open the box and one may be absent at the opening.
 * @returns {Draft}
 */
export const emptyDraft = () => ({
  title: '',
  id: '',
  opensAt: '',
  closesAt: '',
  credentialsAt: '',
  reminders: [],
  observers: '',
  language: '',
  timeZone: 'Europe/Berlin',
  challengeDays: '14',
  retentionDays: '0',
  acceptance: /** @type {'committee' | 'automatic'} */ ('committee'),
  box: 'sealed',
  trustees: { count: '3', threshold: '2', names: ['', '', ''] },
  contests: [emptyContest()],
});

/**
 * The trustees' name inputs for a count as typed: as many as the count (within the API's limit),
 * keeping the names already typed.
 * @param {string[]} names
 * @param {string} count
 * @param {number} max
 */
export function resizeNames(names, count, max) {
  const n = Number(count);
  if (!Number.isInteger(n) || n < 1) return names;
  return Array.from({ length: Math.min(n, max) }, (_, i) => names[i] ?? '');
}

/**
 * The body's `box` and, for a sealed box, its `trustees`; names only when the committee gave one.
 * @param {Draft} draft
 */
function boxOf(draft) {
  if (draft.box === 'open') return { box: 'open' };
  const names = draft.trustees.names.map((name) => name.trim());
  return {
    box: 'sealed',
    trustees: { count: whole(draft.trustees.count), threshold: whole(draft.trustees.threshold), ...(names.some(Boolean) && { names }) },
  };
}

/**
 * A contest id made from its title when none is given: lowercase letters, digits and dashes.
 * @param {string} title
 * @param {number} index
 */
export function contestIdFrom(title, index) {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug === '' ? `contest-${index + 1}` : slug;
}

/**
 * A `datetime-local` value (`2026-05-04T09:00`, the viewer's wall clock) as ISO 8601 with the
 * viewer's offset at that moment (`2026-05-04T09:00:00+02:00`), so the API gets the instant
 * meant; the empty string when the input is empty. A value that is no such time is passed on
 * as it is, and the API's rule names it.
 * @param {string} value
 * @param {(local: Date) => number} [offsetMinutes] east of UTC at that wall-clock time; the browser's zone by default
 */
export function localToIso(value, offsetMinutes = (local) => -local.getTimezoneOffset()) {
  const trimmed = value.trim();
  if (trimmed === '') return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(trimmed);
  if (!match) return trimmed;
  const [, y, mo, d, hh, mm, ss = '00'] = match;
  const local = new Date(Number(y), Number(mo) - 1, Number(d), Number(hh), Number(mm), Number(ss));
  const offset = offsetMinutes(local);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${y}-${mo}-${d}T${hh}:${mm}:${ss}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * A whole number as the input gives it, or the text itself when it is none (the API's rule then names it).
 * @param {string} text
 * @returns {number | string | undefined}
 */
function whole(text) {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** @param {string} text items separated by commas, semicolons or white space */
const words = (text) => text.split(/[\s,;]+/).filter(Boolean);
/** @param {string} text one item a line */
const lines = (text) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * @param {ContestDraft} contest
 * @returns {Record<string, unknown>}
 */
function ballotOf(contest) {
  switch (contest.kind) {
    case 'single':
      return { kind: 'single', ...(contest.ron && { ron: true }) };
    case 'multi':
      return { kind: 'multi', maxChoices: whole(contest.maxChoices) };
    case 'ranked':
      return { kind: 'ranked', method: contest.method || 'irv', seats: whole(contest.seats), ...(contest.ron && { ron: true }) };
    case 'list':
      return {
        kind: 'list',
        method: contest.method || 'sainte-lague',
        seats: whole(contest.seats),
        lists: lines(contest.lists),
        votes: whole(contest.votes),
        maxPerCandidate: whole(contest.maxPerCandidate),
        listVote: contest.listVote || 'one',
      };
    case 'referendum': {
      const quorum = whole(contest.quorumPercent);
      return { kind: 'referendum', majority: contest.majority || 'simple', ...(quorum !== undefined && { quorumPercent: quorum }) };
    }
  }
}

/**
 * The `POST /elections` body for a draft. Text is trimmed (outer spaces are refused by the API and
 * never meant); empty optional fields are left out; a contest without an id gets one from its title.
 * Candidate rows stay in their order, so `contests.0.candidates.1.email` is the second row's e-mail.
 * @param {Draft} draft
 * @param {(value: string) => string} [toIso] datetime-local to ISO; the viewer's zone by default
 * @returns {Record<string, unknown>}
 */
export function draftToBody(draft, toIso = (value) => localToIso(value)) {
  const opensAt = toIso(draft.opensAt);
  const closesAt = toIso(draft.closesAt);
  const credentialsAt = toIso(draft.credentialsAt);
  const reminders = draft.reminders.map(toIso).filter(Boolean);
  const observers = words(draft.observers);
  return {
    ...(draft.id.trim() !== '' && { id: draft.id.trim() }),
    title: draft.title.trim(),
    ...(opensAt !== '' && { opensAt }),
    ...(closesAt !== '' && { closesAt }),
    ...(credentialsAt !== '' && { credentialsAt }),
    ...(reminders.length > 0 && { reminders }),
    ...(observers.length > 0 && { observers }),
    ...(draft.language !== '' && { language: draft.language }),
    ...(draft.timeZone.trim() !== '' && { timeZone: draft.timeZone.trim() }),
    ...(draft.challengeDays.trim() !== '' && { challengeDays: whole(draft.challengeDays) }),
    ...(draft.retentionDays.trim() !== '' && { retentionDays: whole(draft.retentionDays) }),
    acceptance: draft.acceptance,
    ...boxOf(draft),
    contests: draft.contests.map((contest, i) => {
      const groups = words(contest.groups);
      return {
        id: contest.id.trim() === '' ? contestIdFrom(contest.title, i) : contest.id.trim(),
        title: contest.title.trim(),
        ...(contest.description.trim() !== '' && { description: contest.description.trim() }),
        ballot: ballotOf(contest),
        ...(contest.kind !== 'referendum' && {
          candidates: contest.candidates.map((candidate) => ({
            name: candidate.name.trim(),
            email: candidate.email.trim(),
            pageLink: candidate.pageLink.trim(),
            ...(contest.kind === 'list' && candidate.list !== '' && { list: candidate.list }),
          })),
        }),
        ...(groups.length > 0 && { groups }),
      };
    }),
  };
}

/**
 * The field a problem's path belongs to, among the fields the form has: the path itself, else the
 * nearest field above it (`observers.2` → `observers`, `contests.0.ballot.lists.1` → its lists),
 * else undefined (the form shows it above the fields).
 * @param {string} path
 * @param {(path: string) => boolean} hasField
 * @returns {string | undefined}
 */
export function fieldFor(path, hasField) {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n -= 1) {
    const candidate = parts.slice(0, n).join('.');
    if (hasField(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Problems grouped by the field they belong to; `''` holds those of no field.
 * @param {{ path: string, message: string }[]} problems
 * @param {(path: string) => boolean} hasField
 * @returns {Map<string, string[]>}
 */
export function problemsByField(problems, hasField) {
  /** @type {Map<string, string[]>} */
  const byField = new Map();
  for (const { path, message } of problems) {
    const field = fieldFor(path, hasField) ?? '';
    const shown = field === path || field === '' ? message : `${path.slice(field.length + 1)}: ${message}`;
    const list = byField.get(field) ?? [];
    if (!list.includes(shown)) list.push(shown);
    byField.set(field, list);
  }
  return byField;
}

/**
 * Cuts a list into batches of at most `size`.
 * @template T
 * @param {T[]} items
 * @param {number} size
 * @returns {T[][]}
 */
export function batches(items, size) {
  /** @type {T[][]} */
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * An ISO time as a `datetime-local` value in the viewer's zone (`2026-05-04T09:00`), to fill an input.
 * @param {string | undefined} iso
 */
export function isoToLocal(iso) {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
