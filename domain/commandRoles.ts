import type { ElectionCommand } from './commands';
import { holds, type Actor, type Member, type Role } from './committee';
import { fail, ok, type Result } from './result';

/**
 * Who may ask for a command on an election with a committee roster. `role`: what the member who
 * asks must hold (domain/committee.ts, `holds`). `system`: the system also asks for it itself, with
 * nobody signed in (the lifecycle workflow, the mail sender, breach detection), and may; a person
 * asking for it still needs the role.
 */
export interface CommandRole {
  role: Role;
  system?: true;
}

const COMMITTEE: CommandRole = { role: 'committee' };
const HELPDESK: CommandRole = { role: 'helpdesk' };
/** What the system does on its own at its time, or a committee member in its place. */
const SYSTEM: CommandRole = { role: 'committee', system: true };

export const COMMAND_ROLES: { readonly [type in ElectionCommand['type']]: CommandRole } = {
  CreateElection: COMMITTEE,
  AddCandidates: COMMITTEE,
  RegisterVoters: COMMITTEE,
  RecordPostalVotes: COMMITTEE,
  SetVotingWindow: COMMITTEE,
  SetObservers: COMMITTEE,
  SetMailWording: COMMITTEE,
  RecordObjection: COMMITTEE,
  DecideObjection: COMMITTEE,
  Lock: COMMITTEE,
  Start: COMMITTEE,
  Accept: COMMITTEE,
  EnterPostalPapers: COMMITTEE,
  RetryLifecycle: COMMITTEE,
  GiveCeremonyMessage: COMMITTEE,
  AcceptMix: COMMITTEE,
  AcceptDecryption: COMMITTEE,
  RecordMember: COMMITTEE,
  RemoveMember: COMMITTEE,
  ReissueCredential: HELPDESK,
  CorrectVoterAddress: HELPDESK,
  // The lifecycle workflow's steps (handlers/lifecycle): opening, closing, counting, the official record, publishing, reminders, a failed step.
  Open: SYSTEM,
  Close: SYSTEM,
  SealAndTally: SYSTEM,
  TallyOpened: SYSTEM,
  CountWithPostal: SYSTEM,
  Publish: SYSTEM,
  IssueOfficialRecord: SYSTEM,
  RecordReminders: SYSTEM,
  RecordCredentialsReleased: SYSTEM,
  DeletePersonalData: SYSTEM,
  RecordLifecycleFailure: SYSTEM,
  // The mail sender's count of link requests, and breach detection.
  CountLinkRequests: SYSTEM,
  RecordBreach: SYSTEM,
};

/** The role a command needs: a re-issue at a voter's own request is only ever replayed from logs written while voters' requests re-issued, which nobody signed in asked for. */
export function roleFor(command: ElectionCommand): CommandRole {
  if (command.type === 'ReissueCredential' && command.requestedBy === 'voter') return { ...HELPDESK, system: true };
  return COMMAND_ROLES[command.type];
}

/**
 * Whether `by` may ask for `command` on an election whose roster is `roster`. An election without
 * one (created before personal accounts, or by the 2019 command API) checks no role.
 */
export function authorize(command: ElectionCommand, roster: readonly Member[] | undefined, by: Actor | undefined): Result<void> {
  if (roster === undefined) return ok(undefined);
  const { role, system } = roleFor(command);
  if (by === undefined) return system ? ok(undefined) : fail('forbidden', `${command.type} needs a committee member with the ${role} role: nobody signed in asked for it`);
  const member = roster.find((m) => m.id === by.id);
  if (!member) return fail('forbidden', `${command.type} needs a committee member: "${by.id}" is not on this election's committee`);
  if (!holds(member.role, role)) return fail('forbidden', `${command.type} needs the ${role} role: ${member.name} is ${member.role}`);
  return ok(undefined);
}
