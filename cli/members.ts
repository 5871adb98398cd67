import type { ListedToken } from '../contract/listedToken';
import { API_TOKEN_DAYS } from '../contract/requestSchemas';
import { emailKey } from '../domain';
import { ROLES, type Role } from '../domain/committee';
import type { ApiClient } from './apiClient';

type Out = (line: string) => void;

/** A member as `GET /members` lists them. */
interface Member {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/** A member changed, and what became of the change in each election that keeps a roster. */
interface MemberChange extends Member {
  elections: { election: string; outcome: 'recorded' | 'unchanged' | 'refused'; message?: string }[];
}

/** A role as a command takes it, checked here so that a typo is told the roles rather than a schema's words. */
export function roleOption(value: string | undefined, option: string): Role {
  const role = ROLES.find((r) => r === value?.trim().toLowerCase());
  if (!role) throw new Error(`${option} takes one of ${ROLES.join(', ')}${value === undefined ? '' : `, not "${value}"`}`);
  return role;
}

/** `--expires <days>`: a whole number of days the API allows. */
function daysOption(value: string): number {
  const days = /^[1-9][0-9]*$/.test(value.trim()) ? Number(value) : NaN;
  if (!(days <= API_TOKEN_DAYS.max)) throw new Error(`--expires takes a whole number of days from 1 to ${API_TOKEN_DAYS.max}, not "${value}"`);
  return days;
}

/** What became of a member's change in each election's log. */
function electionLines({ elections }: MemberChange): string[] {
  return elections.map(({ election, outcome, message }) =>
    outcome === 'refused' ? `  election ${election}: NOT recorded in its log: ${message}` : `  election ${election}: ${outcome === 'recorded' ? 'recorded in its log' : 'its log had it so already'}`,
  );
}

/** The member with this address, found through the list: the routes take the identity provider's id, people know the address. */
async function memberByEmail(api: ApiClient, email: string): Promise<Member> {
  const { members } = await api.request<{ members: Member[] }>('GET', '/members');
  const member = members.find((m) => m.email === emailKey(email.trim()));
  if (!member) throw new Error(`no member has the address ${email}: \`members list\` shows who does`);
  return member;
}

const memberPath = (member: Member, action: string) => `/members/${encodeURIComponent(member.id)}/${action}`;

export const members = {
  async list(api: ApiClient, out: Out) {
    const { members: listed } = await api.request<{ members: Member[] }>('GET', '/members');
    if (listed.length === 0) {
      out('No members yet: `members add <email> --name <name> --role committee` invites the first.');
      return;
    }
    for (const { role, name, email, id } of listed) out(`${role.padEnd(9)}  ${name} <${email}>  (${id})`);
  },

  async add(api: ApiClient, email: string, options: { name?: string; role?: string }, out: Out) {
    if (!options.name) throw new Error('--name is required: the name the elections’ logs show, like --name "Ada Lovelace"');
    const added = await api.request<MemberChange>('POST', '/members', { email, name: options.name, role: roleOption(options.role, '--role') });
    out(`Invited ${added.name} <${added.email}> as ${added.role}: the sign-in is mailed to them.`);
    for (const line of electionLines(added)) out(line);
  },

  async role(api: ApiClient, email: string, role: string, out: Out) {
    const wanted = roleOption(role, '<role>');
    const member = await memberByEmail(api, email);
    const changed = await api.request<MemberChange>('PUT', memberPath(member, 'role'), { role: wanted });
    out(`${changed.name} <${changed.email}> is now ${changed.role}${member.role === changed.role ? ' (as before)' : ''}; their sessions and tokens act with it within a minute.`);
    for (const line of electionLines(changed)) out(line);
  },

  async remove(api: ApiClient, email: string, out: Out) {
    const member = await memberByEmail(api, email);
    const removed = await api.request<MemberChange>('POST', memberPath(member, 'remove'));
    out(`Removed ${removed.name} <${removed.email}>: their sessions and tokens stop working within a minute.`);
    for (const line of electionLines(removed)) out(line);
  },
};

export const tokens = {
  async create(api: ApiClient, options: { role?: string; expires?: string; label?: string }, out: Out) {
    const body = {
      role: roleOption(options.role, '--role'),
      ...(options.label !== undefined && { label: options.label }),
      ...(options.expires !== undefined && { expiresInDays: daysOption(options.expires) }),
    };
    const made = await api.request<{ id: string; token: string; role: Role; label: string; expiresAt: string }>('POST', '/tokens', body);
    out(`Token ${made.id} (${made.role}${made.label ? `, "${made.label}"` : ''}), valid until ${made.expiresAt}:`);
    out('');
    out(`  ${made.token}`);
    out('');
    out(`It is shown only now: keep it where your scripts read it (ADMIN_TOKEN for this command line). If it is lost, revoke it with \`tokens revoke ${made.id}\` and make another.`);
  },

  async list(api: ApiClient, out: Out) {
    const { tokens: listed } = await api.request<{ tokens: ListedToken[] }>('GET', '/tokens');
    if (listed.length === 0) {
      out('You have no tokens: `tokens create --role <role>` makes one.');
      return;
    }
    for (const { id, state, role, expiresAt, revokedAt, label } of listed) {
      const until = state === 'revoked' ? `revoked ${revokedAt}` : `${state === 'expired' ? 'expired' : 'until'} ${expiresAt}`;
      out(`${id}  ${state.padEnd(7)}  ${role.padEnd(9)}  ${until}${label ? `  ${label}` : ''}`);
    }
  },

  async revoke(api: ApiClient, id: string, out: Out) {
    await api.request('POST', `/tokens/${encodeURIComponent(id)}/revoke`);
    out(`Token ${id} is revoked: it no longer works.`);
  },
};
