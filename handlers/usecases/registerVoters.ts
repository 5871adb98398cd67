import { emailKey, fail, ok, studentIdKey, type ExistingElection, type Result } from '../../domain';
import { deliverAll, type DeliveryOptions } from '../mail/deliver';
import { credentialMail } from '../mail/messages';
import { RollConflict, type Deps, type EmailTaken, type NewVoter, type Voter } from '../ports';
import { runCommand } from '../runCommand';
import { hashToken } from '../security';

/** 32 voters × 3 items (roll entry, credential, e-mail claim) + 1 event + the projection ≤ 100, DynamoDB's limit for one transaction. */
const VOTERS_PER_TRANSACTION = 32;

/** A voter to register; `sharedEmail` says the admin knows the address is another voter's too. */
export type VoterToRegister = Voter & { sharedEmail?: boolean };

export interface Registration {
  registered: number;
  alreadyRegistered: string[];
  /** Refused: the address is on the roll under another student id (both named). */
  emailTaken: EmailTaken[];
  undelivered: string[];
  /** Set when the election left its setup phase part-way: the voters before that stay registered. */
  stoppedEarly?: string;
}

type Pending = NewVoter & { token: string; sharedEmail: boolean };

/**
 * Puts voters on the roll with a fresh credential each, 32 to a transaction together with the
 * VotersRegistered event, so a voter is either fully registered and counted or not at all.
 * One person, one credential: student ids are compared normalised, and an address already on the
 * roll under another id is refused unless the admin marked the voter as sharing it.
 * Credentials go out by e-mail after their transaction commits.
 */
export async function registerVoters(
  deps: Deps,
  electionId: string,
  voters: VoterToRegister[],
  delivery?: DeliveryOptions,
): Promise<Result<Registration>> {
  const { pending, alreadyRegistered, emailTaken } = screen(voters, deps.newToken);
  const registered: Pending[] = [];
  let election: ExistingElection | undefined;
  let stoppedEarly: string | undefined;

  chunks: for (let i = 0; i < pending.length; i += VOTERS_PER_TRANSACTION) {
    let chunk = pending.slice(i, i + VOTERS_PER_TRANSACTION);
    while (chunk.length > 0) {
      const attempt = chunk;
      try {
        const applied = await runCommand(deps, electionId, { type: 'RegisterVoters', count: attempt.length }, (head, events, state) =>
          deps.store.appendWithVoters(electionId, head, events, state, attempt),
        );
        if (!applied.ok) {
          if (registered.length === 0) return applied;
          stoppedEarly = applied.error.message;
          break chunks;
        }
        if (applied.value.state.phase !== 'none') election = applied.value.state;
        registered.push(...attempt);
        chunk = [];
      } catch (error) {
        if (!(error instanceof RollConflict)) throw error;
        alreadyRegistered.push(...error.alreadyRegistered);
        const taken = new Map(error.emailTaken.map((t) => [t.studentId, t]));
        // A voter allowed to share an address goes on without claiming it; anyone else with a taken address is refused.
        emailTaken.push(...attempt.filter((v) => taken.has(v.studentId) && !v.sharedEmail).map((v) => taken.get(v.studentId)!));
        const refused = new Set([...error.alreadyRegistered, ...emailTaken.map((t) => t.studentId)]);
        chunk = attempt.filter((v) => !refused.has(v.studentId)).map((v) => (taken.has(v.studentId) ? { ...v, claimEmail: false } : v));
      }
    }
  }
  const refusals = { alreadyRegistered: alreadyRegistered.sort(), emailTaken: emailTaken.sort((a, b) => (a.studentId < b.studentId ? -1 : 1)) };
  if (registered.length === 0 || election === undefined) {
    return refusals.alreadyRegistered.length + refusals.emailTaken.length > 0
      ? ok({ registered: 0, ...refusals, undelivered: [] })
      : fail('invalid', 'no voters given');
  }
  const current = election;
  const undelivered = await deliverAll(
    deps,
    electionId,
    'credential',
    registered.map((v) => ({ studentId: v.studentId, message: credentialMail(current, v.email, v.token, deps.publicUrl) })),
    delivery,
  );
  deps.log.info('voters registered', { electionId, registered: registered.length, alreadyRegistered: alreadyRegistered.length, emailTaken: emailTaken.length, undelivered: undelivered.length });
  return ok({ registered: registered.length, ...refusals, undelivered, ...(stoppedEarly && { stoppedEarly }) });
}

/**
 * Normalises student ids and settles what the request itself repeats: a student id given twice
 * counts once, and an address given twice is claimed by its first voter; later ones with it are
 * refused unless marked as sharing it (one transaction may not write one item twice).
 */
function screen(voters: VoterToRegister[], newToken: () => string) {
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
    const token = newToken();
    pending.push({ studentId, email: voter.email, token, tokenHash: hashToken(token), claimEmail: holder === undefined, sharedEmail: voter.sharedEmail === true });
  }
  return { pending, alreadyRegistered, emailTaken };
}
