import { h, present } from '../vote/dom.js';
import { ok, request } from './api.js';
import { MEMBERS_MESSAGES } from './i18n-members.js';

/**
 * @typedef {import('./app.js').Ui} Ui
 * @typedef {'committee' | 'helpdesk' | 'observer'} Role
 * @typedef {{ id: string, name: string, email: string, role: Role }} Member
 * @typedef {{ election: string, outcome: 'recorded' | 'unchanged' | 'refused', message?: string }} ElectionOutcome
 */

const ROLES = /** @type {const} */ (['committee', 'helpdesk', 'observer']);

/**
 * The committee's member list for a committee member: invite, change a role, remove. Each change
 * is the directory's, then carried into every election not yet published, which the answer lists
 * (an election that refuses it is named with its reason).
 */
const state = {
  /** @type {Member[] | undefined} */
  members: undefined,
  /** @type {unknown} */
  failure: undefined,
  /** What the last change answered: said in the page's language, the refusals in the API's English. @type {{ text: string, refusals: ElectionOutcome[] } | undefined} */
  note: undefined,
  /** The member whose removal waits for its confirmation. @type {string | undefined} */
  removing: undefined,
};

/** @param {Ui} ui */
export async function membersPage(ui) {
  state.note = undefined;
  state.removing = undefined;
  await load(ui);
}

/** @param {Ui} ui */
async function load(ui) {
  try {
    state.members = ok(await request('GET', '/members')).members;
    state.failure = undefined;
  } catch (error) {
    state.failure = error;
  }
  ui.show(() => membersView(ui));
}

/**
 * Sends one change and shows the list again, with what became of it.
 * @param {Ui} ui
 * @param {() => Promise<{ status: number, body: any }>} send
 * @param {(member: Member) => string} said
 */
async function change(ui, send, said) {
  try {
    const answer = ok(await send());
    /** @type {ElectionOutcome[]} */
    const elections = answer.elections ?? [];
    const m = MEMBERS_MESSAGES[ui.lang()];
    const refusals = elections.filter((e) => e.outcome === 'refused');
    const recorded = elections.filter((e) => e.outcome === 'recorded').length;
    state.note = { text: `${said(answer)} ${elections.length > 0 ? m.electionsNote(recorded, refusals.length) : ''}`.trim(), refusals };
    state.failure = undefined;
  } catch (error) {
    state.note = undefined;
    state.failure = error;
  }
  state.removing = undefined;
  await load(ui);
}

/**
 * @param {Ui} ui
 * @returns {import('./app.js').View}
 */
function membersView(ui) {
  const m = MEMBERS_MESSAGES[ui.lang()];
  const back = h('button', { type: 'button', class: 'link', onclick: () => ui.go.list() }, m.back);
  const note =
    state.note &&
    h(
      'div',
      { role: 'status', id: 'members-note' },
      h('p', { class: 'found' }, state.note.text),
      state.note.refusals.length > 0 && h('ul', {}, ...state.note.refusals.map((r) => h('li', {}, h('code', {}, r.election), ': ', h('span', { lang: 'en' }, r.message ?? '')))),
    );
  const failure = state.failure ? ui.failure(state.failure) : null;
  const members = state.members ?? [];
  const table =
    members.length === 0
      ? h('p', {}, m.noMembers)
      : h(
          'div',
          { class: 'elections-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'members-caption' },
          h(
            'table',
            { class: 'elections' },
            h('caption', { id: 'members-caption' }, m.membersCaption),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, m.colName), h('th', { scope: 'col' }, m.colEmail), h('th', { scope: 'col' }, m.colRole), h('th', { scope: 'col' }, m.colActions))),
            h('tbody', {}, ...members.map((member) => memberRow(ui, member))),
          ),
        );
  return { heading: m.membersTitle, body: present(back, h('p', {}, m.membersIntro), note, failure, table, inviteForm(ui)) };
}

/**
 * @param {Ui} ui
 * @param {Member} member
 */
function memberRow(ui, member) {
  const m = MEMBERS_MESSAGES[ui.lang()];
  const select = h(
    'select',
    { id: `role-${member.id}`, 'aria-label': m.roleLabel(member.name) },
    ...ROLES.map((role) => h('option', { value: role, ...(role === member.role && { selected: true }) }, m.roleNames[role])),
  );
  const save = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: () => {
        const role = /** @type {Role} */ (/** @type {HTMLSelectElement} */ (select).value);
        void change(
          ui,
          () => request('PUT', `/members/${encodeURIComponent(member.id)}/role`, { role }),
          () => m.roleSaved(member.name, m.roleNames[role]),
        );
      },
    },
    m.saveRole,
  );
  const remove =
    state.removing === member.id
      ? h(
          'span',
          { role: 'alert' },
          m.confirmRemove(member.name),
          ' ',
          h(
            'button',
            {
              type: 'button',
              class: 'primary danger',
              onclick: () =>
                void change(
                  ui,
                  () => request('POST', `/members/${encodeURIComponent(member.id)}/remove`),
                  () => m.removed(member.name),
                ),
            },
            m.removeNow,
          ),
        )
      : h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () => {
              state.removing = member.id;
              ui.show(() => membersView(ui), { moveFocus: false });
            },
          },
          m.remove,
        );
  return h('tr', {}, h('th', { scope: 'row' }, member.name), h('td', {}, member.email), h('td', {}, select), h('td', {}, h('div', { class: 'actions' }, save, remove)));
}

/** @param {Ui} ui */
function inviteForm(ui) {
  const m = MEMBERS_MESSAGES[ui.lang()];
  const name = h('input', { id: 'invite-name', type: 'text', required: true, maxlength: '100', autocomplete: 'off' });
  const email = h('input', { id: 'invite-email', type: 'email', required: true, autocomplete: 'off', 'aria-describedby': 'invite-hint' });
  const role = h('select', { id: 'invite-role' }, ...ROLES.map((r) => h('option', { value: r }, m.roleNames[r])));
  const form = h(
    'form',
    { class: 'part', 'aria-labelledby': 'invite-heading' },
    h('h3', { id: 'invite-heading' }, m.inviteHeading),
    h('div', { class: 'field' }, h('label', { for: 'invite-name' }, m.inviteName), name),
    h('div', { class: 'field' }, h('label', { for: 'invite-email' }, m.inviteEmail), h('p', { class: 'hint', id: 'invite-hint' }, m.inviteHint), email),
    h('div', { class: 'field' }, h('label', { for: 'invite-role' }, m.inviteRole), role),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, m.inviteButton)),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const invitation = {
      name: /** @type {HTMLInputElement} */ (name).value.trim(),
      email: /** @type {HTMLInputElement} */ (email).value.trim(),
      role: /** @type {HTMLSelectElement} */ (role).value,
    };
    void change(
      ui,
      () => request('POST', '/members', invitation),
      () => m.invited(invitation.name),
    );
  });
  return form;
}
