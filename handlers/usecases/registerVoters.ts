import { fail, ok, type ExistingElection, type Result } from '../../domain';
import { deliverAll, type DeliveryOptions } from '../mail/deliver';
import { credentialMail } from '../mail/messages';
import { VotersAlreadyRegistered, type Deps, type NewVoter, type Voter } from '../ports';
import { runCommand } from '../runCommand';
import { hashToken } from '../security';

/** 49 voters × 2 items + 1 event + the projection = 100, DynamoDB's limit for one transaction. */
const VOTERS_PER_TRANSACTION = 49;

export interface Registration {
  registered: number;
  alreadyRegistered: string[];
  undelivered: string[];
  /** Set when the election left its setup phase part-way: the voters before that stay registered. */
  stoppedEarly?: string;
}

/**
 * Puts voters on the roll with a fresh credential each, 49 to a transaction together with the
 * VotersRegistered event, so a voter is either fully registered and counted or not at all.
 * Credentials go out by e-mail after their transaction commits.
 */
export async function registerVoters(
  deps: Deps,
  electionId: string,
  voters: Voter[],
  delivery?: DeliveryOptions,
): Promise<Result<Registration>> {
  const unique = new Map(voters.map((v) => [v.studentId, v]));
  const alreadyRegistered = voters.length > unique.size ? duplicatesIn(voters) : [];
  const pending = [...unique.values()].map((v) => ({ ...v, token: deps.newToken() }));
  const registered: typeof pending = [];
  let election: ExistingElection | undefined;
  let stoppedEarly: string | undefined;

  chunks: for (let i = 0; i < pending.length; i += VOTERS_PER_TRANSACTION) {
    let chunk = pending.slice(i, i + VOTERS_PER_TRANSACTION);
    while (chunk.length > 0) {
      const attempt = chunk;
      const records: NewVoter[] = attempt.map((v) => ({ studentId: v.studentId, email: v.email, tokenHash: hashToken(v.token) }));
      try {
        const applied = await runCommand(deps, electionId, { type: 'RegisterVoters', count: attempt.length }, (head, events, state) =>
          deps.store.appendWithVoters(electionId, head, events, state, records),
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
        if (!(error instanceof VotersAlreadyRegistered)) throw error;
        const taken = new Set(error.studentIds);
        alreadyRegistered.push(...error.studentIds);
        chunk = attempt.filter((v) => !taken.has(v.studentId));
      }
    }
  }
  if (registered.length === 0 || election === undefined) {
    return alreadyRegistered.length > 0
      ? ok({ registered: 0, alreadyRegistered: alreadyRegistered.sort(), undelivered: [] })
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
  deps.log.info('voters registered', { electionId, registered: registered.length, alreadyRegistered: alreadyRegistered.length, undelivered: undelivered.length });
  return ok({ registered: registered.length, alreadyRegistered: alreadyRegistered.sort(), undelivered, ...(stoppedEarly && { stoppedEarly }) });
}

function duplicatesIn(voters: Voter[]): string[] {
  const seen = new Set<string>();
  return voters.filter((v) => (seen.has(v.studentId) ? true : (seen.add(v.studentId), false))).map((v) => v.studentId);
}
