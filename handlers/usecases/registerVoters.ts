import { eligibilityCounts, emailKey, fail, groupCounts, MAX_VOTER_GROUPS, ok, studentIdKey, type ElectionCommand, type ElectionState, type Result } from '../../domain';
import type { EmailTaken } from '../../contract/views';
import { RollConflict, type Deps, type EventStream, type NewVoter, type Roll, type Voter } from '../ports';
import { runCommand } from '../runCommand';
import { appendInChunks } from './appendInChunks';

/** 32 voters × 3 items (roll entry, queued credential mail, e-mail claim) + 1 event + the projection ≤ 100, DynamoDB's limit for one transaction. */
const VOTERS_PER_TRANSACTION = 32;

/**
 * Parallel imports into one election each append a chunk at a time and so take turns at the
 * stream's head; a chunk waits its turn rather than failing an import half-way.
 */
const ATTEMPTS_PER_CHUNK = 60;

/** A voter to register; `sharedEmail` says the admin knows the address is another voter's too; `groups` are already folded. */
export type VoterToRegister = Voter & { sharedEmail?: boolean; groups?: string[] };

export interface Registration {
  registered: number;
  alreadyRegistered: string[];
  /** Refused: the address is on the roll under another student id (both named). */
  emailTaken: EmailTaken[];
  /** Where the registered voters' credentials are: queued, sent by the mail sender at the account's SES rate. */
  mail: 'queued';
  /** Set when the election left its setup phase part-way: the voters before that stay registered. */
  stoppedEarly?: string;
}

type Pending = NewVoter & { sharedEmail: boolean };

/**
 * Puts voters on the roll, 32 to a transaction together with the VotersRegistered event and each
 * voter's queued credential mail, so a voter is either registered, counted and queued, or not at
 * all: no crash, retry or parallel import can leave a voter on the roll without a credential on
 * its way. Nothing waits on SES here; the mail sender drains the queue at the account's rate.
 * One person, one credential: student ids are compared normalised, and an address already on the
 * roll under another id is refused unless the admin marked the voter as sharing it.
 */
export async function registerVoters(deps: { store: EventStream & Roll } & Pick<Deps, 'clock' | 'log'>, electionId: string, voters: VoterToRegister[]): Promise<Result<Registration>> {
  const { pending, alreadyRegistered, emailTaken } = screen(voters);
  // Checked whole before anything is written; a roll that reaches the limit over several requests stops where decide refuses.
  if (Object.keys(groupCounts(pending.map((v) => v.groups ?? []))).length > MAX_VOTER_GROUPS) return fail('invalid', `voters: an election has at most ${MAX_VOTER_GROUPS} voter groups`);
  const run = await appendInChunks(
    pending,
    VOTERS_PER_TRANSACTION,
    (chunk) => {
      const register = (state: ElectionState): ElectionCommand => ({
        type: 'RegisterVoters',
        count: chunk.length,
        groups: groupCounts(chunk.map((v) => v.groups ?? [])),
        // Who may vote in each contest open to some groups only, by the contests as they stand now.
        contests:
          state.phase === 'none'
            ? {}
            : eligibilityCounts(
                state.contests,
                chunk.map((v) => v.groups ?? []),
              ),
      });
      return runCommand(deps, electionId, register, (head, events, state) => deps.store.appendWithVoters(electionId, head, events, state, chunk), { attempts: ATTEMPTS_PER_CHUNK });
    },
    (error, chunk) => {
      if (!(error instanceof RollConflict)) throw error;
      alreadyRegistered.push(...error.alreadyRegistered);
      const taken = new Map(error.emailTaken.map((t) => [t.studentId, t]));
      // A voter allowed to share an address goes on without claiming it; anyone else with a taken address is refused.
      emailTaken.push(...chunk.filter((v) => taken.has(v.studentId) && !v.sharedEmail).map((v) => taken.get(v.studentId)!));
      const refused = new Set([...error.alreadyRegistered, ...emailTaken.map((t) => t.studentId)]);
      return chunk.filter((v) => !refused.has(v.studentId)).map((v) => (taken.has(v.studentId) ? { ...v, claimEmail: false } : v));
    },
  );
  if (!run.ok) return run;
  const { appended: registered, stoppedEarly } = run.value;
  const refusals = { alreadyRegistered: alreadyRegistered.sort(), emailTaken: emailTaken.sort((a, b) => (a.studentId < b.studentId ? -1 : 1)) };
  if (registered === 0 && refusals.alreadyRegistered.length + refusals.emailTaken.length === 0) return fail('invalid', 'no voters given');
  deps.log.info('voters registered', { electionId, registered, alreadyRegistered: alreadyRegistered.length, emailTaken: emailTaken.length });
  return ok({ registered, ...refusals, mail: 'queued', ...(stoppedEarly && { stoppedEarly }) });
}

/**
 * Normalises student ids and settles what the request itself repeats: a student id given twice
 * counts once, and an address given twice is claimed by its first voter; later ones with it are
 * refused unless marked as sharing it (one transaction may not write one item twice).
 */
function screen(voters: VoterToRegister[]) {
  const pending: Pending[] = [];
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
    pending.push({ studentId, email: voter.email, claimEmail: holder === undefined, sharedEmail: voter.sharedEmail === true, ...(groups.length > 0 && { groups }) });
  }
  return { pending, alreadyRegistered, emailTaken };
}
