import type { ElectionCommand } from './commands';
import { eligibilityCounts } from './contest';
import type { Language } from './locale';
import { fail, ok, type Result } from './result';
import { emailKey, studentIdKey } from './roll';
import type { ElectionState } from './state';
import { checkVoterGroupCount, groupCounts } from './voterGroups';

/**
 * A voter as the admin gives them; `sharedEmail` says the admin knows the address is another voter's
 * too; `groups` are already folded; `language`, when given, is the voter's mail's.
 */
export interface VoterToRegister {
  studentId: string;
  email: string;
  sharedEmail?: boolean;
  groups?: string[];
  language?: Language;
}

/** A voter who may go on the roll: the student id normalised (studentIdKey), their groups each once, and whether to claim their address for them. */
export interface AdmittedVoter {
  studentId: string;
  email: string;
  /** Claim the address on the roll's e-mail index; false for a voter allowed to share an address someone claimed before. */
  claimEmail: boolean;
  sharedEmail: boolean;
  groups?: string[];
  language?: Language;
}

/** A voter refused because another student id holds their address (`registeredAs`). */
export interface EmailTaken {
  studentId: string;
  registeredAs: string;
}

/** Who may go on the roll, and who is refused: their student id there already, or their address another's. */
export interface Screening {
  admitted: AdmittedVoter[];
  alreadyRegistered: string[];
  emailTaken: EmailTaken[];
}

/**
 * One person, one credential, for what a request itself holds: student ids are compared
 * normalised and one given twice counts once; an address given twice is claimed by its first
 * voter and later ones with it are refused unless marked as sharing it (one transaction may not
 * write one item twice). A request with no voters, or with more voter groups than an election
 * takes, is refused whole, before anything is written.
 */
export function screenVoters(voters: readonly VoterToRegister[]): Result<Screening> {
  if (voters.length === 0) return fail('invalid', 'no voters given');
  const admitted: AdmittedVoter[] = [];
  const alreadyRegistered: string[] = [];
  const emailTaken: EmailTaken[] = [];
  const ids = new Set<string>();
  const claimedBy = new Map<string, string>();
  for (const voter of voters) {
    const studentId = studentIdKey(voter.studentId);
    if (ids.has(studentId)) {
      alreadyRegistered.push(studentId);
      continue;
    }
    ids.add(studentId);
    const holder = claimedBy.get(emailKey(voter.email));
    if (holder !== undefined && !voter.sharedEmail) {
      emailTaken.push({ studentId, registeredAs: holder });
      continue;
    }
    if (holder === undefined) claimedBy.set(emailKey(voter.email), studentId);
    const groups = [...new Set(voter.groups ?? [])];
    admitted.push({
      studentId,
      email: voter.email,
      claimEmail: holder === undefined,
      sharedEmail: voter.sharedEmail === true,
      ...(groups.length > 0 && { groups }),
      ...(voter.language && { language: voter.language }),
    });
  }
  // A roll that reaches the limit over several requests stops where decide refuses.
  const groups = checkVoterGroupCount(groupCounts(admitted.map((v) => v.groups ?? [])));
  return groups.ok ? ok({ admitted, alreadyRegistered, emailTaken }) : groups;
}

/**
 * The same for what the roll holds already, as writing `voters` found it: a student id on the roll
 * is refused, and so is an address on it under another id, unless the voter is marked as sharing
 * it: then they go on without claiming it. `admitted` are the voters to write again.
 */
export function screenAgainstRoll(voters: readonly AdmittedVoter[], onRoll: { alreadyRegistered: readonly string[]; emailTaken: readonly EmailTaken[] }): Screening {
  const taken = new Map(onRoll.emailTaken.map((t) => [t.studentId, t]));
  const emailTaken = voters.filter((v) => taken.has(v.studentId) && !v.sharedEmail).map((v) => taken.get(v.studentId)!);
  const refused = new Set([...onRoll.alreadyRegistered, ...emailTaken.map((t) => t.studentId)]);
  const admitted = voters.filter((v) => !refused.has(v.studentId)).map((v) => (taken.has(v.studentId) ? { ...v, claimEmail: false } : v));
  return { admitted, alreadyRegistered: [...onRoll.alreadyRegistered], emailTaken };
}

/** What registering these voters records: how many, how many in each group, and who may vote in each contest open to some groups only, by the contests as they stand now. */
export function registerVotersCommand(state: ElectionState, voters: readonly { groups?: readonly string[] }[]): ElectionCommand {
  const groups = voters.map((v) => v.groups ?? []);
  return { type: 'RegisterVoters', count: voters.length, groups: groupCounts(groups), contests: state.phase === 'none' ? {} : eligibilityCounts(state.contests, groups) };
}
