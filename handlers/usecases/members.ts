import { fail, ok, type ElectionCommand, type ExistingElection, type Result } from '../../domain';
import { actsAsCommittee, type Actor, type Member, type Role } from '../../domain/committee';
import { AccountExists, NoDirectory, StreamConflict, UnknownMember, type Deps } from '../ports';
import { runCommand } from '../runCommand';

/**
 * The committee's members as the identity provider keeps them, and each change carried into the
 * logs of the elections that keep a roster and may still change (RecordMember, RemoveMember):
 * the directory says who may sign in, each election's roster whom its log holds to a role.
 */

type MembersDeps = Pick<Deps, 'directory' | 'store' | 'clock'> & Partial<Pick<Deps, 'metrics'>>;
type Account = Member & { email: string };

/** What became of a change in one election's log: recorded, already so, or refused with the election's reason. */
export type ElectionOutcome = { election: string; outcome: 'recorded' | 'unchanged' } | { election: string; outcome: 'refused'; message: string };

export interface MemberChange {
  member: Account;
  elections: ElectionOutcome[];
}

/** The directory's members, each with only what the committee sees of them. */
export async function listMembers(deps: Pick<Deps, 'directory'>): Promise<Account[]> {
  return (await deps.directory.members()).map(({ id, name, email, role }) => ({ id, name, email, role }));
}

/** Invites a member (the identity provider mails them) and records them on every election's roster. */
export async function inviteMember(deps: MembersDeps, invitation: { email: string; name: string; role: Role }, asked: { by: Actor }): Promise<Result<MemberChange>> {
  let member: Account;
  try {
    member = await deps.directory.invite(invitation);
  } catch (error) {
    if (error instanceof AccountExists) return fail('already_exists', error.message);
    if (error instanceof NoDirectory) return fail('conflict', `email: ${error.message}`);
    throw error;
  }
  return ok({ member, elections: await throughElections(deps, asked, () => ({ type: 'RecordMember', member: rosterEntry(member) })) });
}

/** Gives a member another role, in the directory and on every election's roster. */
export async function setMemberRole(deps: MembersDeps, id: string, role: Role, asked: { by: Actor }): Promise<Result<MemberChange>> {
  const members = await deps.directory.members();
  const member = members.find((m) => m.id === id);
  if (!member) return unknown(id);
  const kept = keepsCommittee(
    members.map((m) => (m === member ? { ...m, role } : m)),
    member,
    'role',
    asked,
  );
  if (!kept.ok) return kept;
  try {
    await deps.directory.setRole(id, role);
  } catch (error) {
    if (error instanceof UnknownMember) return unknown(id);
    throw error;
  }
  const changed = { ...member, role };
  return ok({ member: changed, elections: await throughElections(deps, asked, () => ({ type: 'RecordMember', member: rosterEntry(changed) })) });
}

/** Removes a member's account (their sessions and tokens stop working with it) and takes them off every election's roster that has them. */
export async function removeMember(deps: MembersDeps, id: string, asked: { by: Actor }): Promise<Result<MemberChange>> {
  const members = await deps.directory.members();
  const member = members.find((m) => m.id === id);
  if (!member) return unknown(id);
  const kept = keepsCommittee(
    members.filter((m) => m !== member),
    member,
    'memberId',
    asked,
  );
  if (!kept.ok) return kept;
  try {
    await deps.directory.remove(id);
  } catch (error) {
    if (error instanceof UnknownMember) return unknown(id);
    throw error;
  }
  return ok({
    member,
    elections: await throughElections(deps, asked, (state) => (state.committee!.some((m) => m.id === id) ? { type: 'RemoveMember', id } : undefined)),
  });
}

const unknown = (id: string): Result<never> => fail('not_found', `memberId: no committee member "${id}"`);

/** The member as an election's roster keeps them: no address. */
const rosterEntry = ({ id, name, role }: Member): Member => ({ id, name, role });

/**
 * Refuses a change after which no member of the deployment could act as the committee: nobody
 * could invite, promote or lock any more. The member who would give up the last committee role
 * themselves is told so in their own words.
 */
function keepsCommittee(after: readonly Member[], changed: Member, field: string, asked: { by: Actor }): Result<void> {
  if (!actsAsCommittee(changed) || after.some(actsAsCommittee)) return ok(undefined);
  const who = changed.id === asked.by.id ? 'you are' : `${changed.name} is`;
  return fail('conflict', `${field}: ${who} the only member with the committee role: give someone else the role first`);
}

/**
 * Runs the change's command on every election that keeps a roster and is not published yet
 * (`command` may pass an election by), each on its own: one election's refusal or conflict is
 * reported and the others still change.
 */
async function throughElections(deps: MembersDeps, asked: { by: Actor }, command: (state: ExistingElection) => ElectionCommand | undefined): Promise<ElectionOutcome[]> {
  const outcomes: ElectionOutcome[] = [];
  for (const election of await deps.store.listElectionIds()) {
    const { state } = await deps.store.load(election);
    if (state.phase === 'none' || state.phase === 'published' || !state.committee) continue;
    const asking = command(state);
    if (!asking) continue;
    outcomes.push(await applied(deps, election, asking, asked));
  }
  return outcomes;
}

async function applied(deps: MembersDeps, election: string, command: ElectionCommand, asked: { by: Actor }): Promise<ElectionOutcome> {
  try {
    const result = await runCommand(deps, election, command, undefined, asked);
    if (!result.ok) return { election, outcome: 'refused', message: result.error.message };
    return { election, outcome: result.value.events.length > 0 ? 'recorded' : 'unchanged' };
  } catch (error) {
    if (error instanceof StreamConflict) return { election, outcome: 'refused', message: 'the election changed meanwhile, again and again: make the same change again to carry it into this election' };
    throw error;
  }
}
