import { actsAsCommittee, ROLES, type Member } from './committee';
import type { ElectionEvent } from './events';
import { LIMITS } from './limits';
import { fail, ok, type Result } from './result';
import type { ExistingElection } from './state';
import { isSafeText } from './text';

/**
 * The election committee's roster as the log keeps it: given at creation, then kept current by
 * RecordMember and RemoveMember. It is what `decide` checks each person's command against, so it
 * always keeps a member who can act as the committee.
 */

const characters = (text: string) => [...text].length;

/** The member as recorded: exactly its id, name and role, each checked, under `field`. */
export function checkMember(member: Member, field: string): Result<Member> {
  const { id, name, role } = member;
  if (typeof id !== 'string' || !isSafeText(id) || characters(id) > LIMITS.memberIdCharacters) {
    return fail('invalid', `${field}.id: must be the identity provider's id, up to ${LIMITS.memberIdCharacters} characters without control or invisible characters`);
  }
  if (typeof name !== 'string' || !isSafeText(name) || characters(name) > LIMITS.nameCharacters) {
    return fail('invalid', `${field}.name: must be a name of up to ${LIMITS.nameCharacters} characters without control or invisible characters or outer spaces`);
  }
  if (!ROLES.includes(role)) return fail('invalid', `${field}.role: must be one of ${ROLES.join(', ')}`);
  return ok({ id, name, role });
}

/** The roster an election is created with: each member checked, none twice, at most LIMITS.committeeMembers. */
export function checkCommittee(committee: readonly Member[]): Result<Member[]> {
  if (committee.length > LIMITS.committeeMembers) return fail('invalid', `committee: at most ${LIMITS.committeeMembers} members`);
  const members: Member[] = [];
  for (const [i, given] of committee.entries()) {
    const member = checkMember(given, `committee.${i}`);
    if (!member.ok) return member;
    if (members.some((m) => m.id === member.value.id)) return fail('invalid', `committee.${i}.id: "${member.value.id}" is given twice`);
    members.push(member.value);
  }
  return ok(members);
}

/** The roster, once the election keeps one and while its log may still change. */
function changeableRoster(state: ExistingElection): Result<Member[]> {
  if (state.phase === 'published') return fail('wrong_phase', 'the election is published: its committee stays as it was');
  if (!state.committee) {
    return fail('wrong_phase', "this election was created without its committee's members, so its log keeps no roster to change: it checks no member's role");
  }
  return ok(state.committee);
}

/** Refuses a roster in which nobody could act as the committee any more: nobody could lock, start or change it again. */
function keepsCommittee(roster: readonly Member[], field: string, whoLeaves: Member): Result<void> {
  return roster.some(actsAsCommittee) ? ok(undefined) : fail('conflict', `${field}: ${whoLeaves.name} is the only member with the committee role: give someone else the role first`);
}

export function recordMember(state: ExistingElection, given: Member): Result<ElectionEvent[]> {
  const roster = changeableRoster(state);
  if (!roster.ok) return roster;
  const member = checkMember(given, 'member');
  if (!member.ok) return member;
  const { id, name, role } = member.value;
  const known = roster.value.find((m) => m.id === id);
  if (known && known.name === name && known.role === role) return ok([]);
  if (!known && roster.value.length >= LIMITS.committeeMembers) return fail('invalid', `member: the committee has ${LIMITS.committeeMembers} members, the most an election keeps`);
  if (known) {
    const kept = keepsCommittee(
      roster.value.map((m) => (m === known ? member.value : m)),
      'member.role',
      known,
    );
    if (!kept.ok) return kept;
  }
  return ok([{ type: 'MemberRecorded', data: { member: member.value } }]);
}

export function removeMember(state: ExistingElection, id: string): Result<ElectionEvent[]> {
  const roster = changeableRoster(state);
  if (!roster.ok) return roster;
  const member = roster.value.find((m) => m.id === id);
  if (!member) return fail('not_found', `id: "${id}" is not on this election's committee`);
  const kept = keepsCommittee(
    roster.value.filter((m) => m !== member),
    'id',
    member,
  );
  return kept.ok ? ok([{ type: 'MemberRemoved', data: { id, name: member.name } }]) : kept;
}
