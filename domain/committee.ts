/**
 * The election committee's members as the log knows them: each acts under a personal account of
 * the identity provider (a Cognito user pool on AWS, cognito-local on one machine), whose stable
 * id (`sub`) and display name every admin event records as `by`, and whose role is the group the
 * member is in.
 */

/**
 * `committee`: sets up, locks, starts and opens elections and accepts their results; `helpdesk`:
 * resends and re-issues links, corrects addresses, reads mail problems, nothing else; `observer`:
 * reads what the public does not see (mail problem counts), changes nothing.
 */
export const ROLES = ['committee', 'helpdesk', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** Who did something: the member's stable id at the identity provider and their display name. */
export interface Actor {
  id: string;
  name: string;
}

export interface Member extends Actor {
  role: Role;
}

/** What each role may do besides its own: a committee member may do what the help desk does, and both may read what an observer reads. */
const HOLDS: ReadonlyMap<Role, readonly Role[]> = new Map<Role, readonly Role[]>([
  ['committee', ['committee', 'helpdesk', 'observer']],
  ['helpdesk', ['helpdesk', 'observer']],
  ['observer', ['observer']],
]);

/** Whether a member of `role` may do what `needed` may. */
export const holds = (role: Role, needed: Role): boolean => HOLDS.get(role)?.includes(needed) === true;

/**
 * How long a proposal to lock or start an election waits for a second committee member's
 * confirmation (domain/twoMembers.ts). Long enough to reach a colleague, short enough that a
 * proposal forgotten for the afternoon cannot be confirmed by someone who no longer knows its
 * context: after it, the next call proposes anew.
 */
export const PROPOSAL_MINUTES = 30;

/** Whether a member may act as the committee (rather than the help desk or an observer). */
export const actsAsCommittee = (member: Member): boolean => holds(member.role, 'committee');

/** The actor alone, as the log records who asked: nothing of a richer object given by a caller. */
export const actorOf = ({ id, name }: Actor): Actor => ({ id, name });
