import { emailKey, fail, ok, studentIdKey, type Result } from '../../domain';
import type { Credentials, Deps, EventStream, MailOutbox, ReissueOutcome, Roll } from '../ports';
import { runCommand, type AskedBy } from '../runCommand';
import { hashToken, rollHash } from '../security';

type ReissueDeps = { store: EventStream & Roll & Credentials; mail: MailOutbox } & Pick<Deps, 'minter' | 'clock' | 'log'>;

/** Where the voter's new credential is: queued to send, or held until voting opens. */
type CredentialOnItsWay = 'pending' | 'held';

type Refusal = { ok: false; error: { code: 'voter_not_found' | 'already_voted' | 'postal_voter' | 'email_taken' | 'conflict'; message: string } };
const refusal = (code: Refusal['error']['code'], message: string): Refusal => ({ ok: false, error: { code, message } });

class NotReissued extends Error {
  constructor(readonly outcome: Exclude<ReissueOutcome, 'reissued'>) {
    super(outcome);
  }
}

/**
 * Revokes the voter's current credential and queues the next generation, in one transaction
 * with the CredentialReissued event and a check that the current one has not voted: a voter
 * who voted keeps their ballot and gets nothing, and the old link stops working the moment the
 * new one is queued. Only an admin's: a voter's own request by address sends the same link
 * again (requestNewLink), so that nobody can take a voter's link away.
 */
async function reissue(
  deps: ReissueDeps,
  electionId: string,
  studentId: string,
  asked: AskedBy,
  newAddress?: { email: string; sharedEmail: boolean },
): Promise<Result<{ outcome: ReissueOutcome; mail: CredentialOnItsWay }> | Refusal> {
  const mail = await deps.mail.voterMail(electionId, studentId);
  if (!mail) return refusal('voter_not_found', `no voter "${studentId}" on the roll`);
  if (mail.status === 'postal') return refusal('postal_voter', `${studentId} voted by post: they get no online credential`);
  const revokedTokenHash = hashToken(await deps.minter.tokenFor({ electionId, studentId, generation: mail.generation }));
  const voter = rollHash(await deps.store.rollSalt(electionId), studentId);
  const now = deps.clock.now();
  // The address may be this voter's already (claimed when registered, or corrected to before): no second claim.
  const claim = newAddress !== undefined && !newAddress.sharedEmail && (await deps.store.findVoterByEmail(electionId, newAddress.email)) !== studentId;
  try {
    const command = newAddress ? ({ type: 'CorrectVoterAddress', voter } as const) : ({ type: 'ReissueCredential', voter, requestedBy: 'admin' } as const);
    const applied = await runCommand(
      deps,
      electionId,
      command,
      async (head, events, state) => {
        const outcome = await deps.store.appendWithReissue(electionId, head, events, state, {
          studentId,
          generation: mail.generation,
          revokedTokenHash,
          queuedAt: now.toISOString(),
          ...(newAddress && { newAddress: { email: newAddress.email, claim, correction: (mail.correction ?? 0) + 1 } }),
        });
        if (outcome !== 'reissued') throw new NotReissued(outcome);
      },
      asked,
    );
    // Held until voting opens, the new credential waits too: it goes out with everyone else's.
    return applied.ok ? ok({ outcome: 'reissued', mail: mail.status === 'held' ? 'held' : 'pending' }) : applied;
  } catch (error) {
    if (!(error instanceof NotReissued)) throw error;
    // Expected held, but the release came first: the old credential is on its way, and nothing was re-issued.
    if (error.outcome === 'moved' && mail.status === 'held') return refusal('conflict', `${studentId}'s credential went out meanwhile, as voting opened; try again`);
    return ok({ outcome: error.outcome, mail: 'pending' });
  }
}

/** An admin's re-issue for one student id, before or during voting. */
export async function reissueCredential(deps: ReissueDeps, electionId: string, studentId: string, asked: AskedBy = {}): Promise<Result<{ studentId: string; mail: CredentialOnItsWay }> | Refusal> {
  const key = studentIdKey(studentId);
  const reissued = await reissue(deps, electionId, key, asked);
  if (!reissued.ok) return reissued;
  const { outcome, mail } = reissued.value;
  deps.log.info('credential re-issued', { electionId, requestedBy: 'admin', outcome });
  if (outcome === 'already_voted') return refusal('already_voted', `${key} has voted: their credential is used and stays so`);
  // `moved`: another re-issue got there first, and a new credential is queued all the same.
  return ok({ studentId: key, mail });
}

/**
 * An admin's correction of a voter's address (a bounce, a typo), until voting ends, for a voter who
 * has not voted and is not postal: the new address is put beside the roll entry (whose lines, the
 * lock's fingerprint and the export hold no address), claimed for the voter unless `sharedEmail`,
 * and a new credential goes to it while the old one stops working, in one transaction with the
 * VoterAddressCorrected event.
 */
export async function correctVoterAddress(
  deps: ReissueDeps,
  electionId: string,
  studentId: string,
  { email, sharedEmail = false }: { email: string; sharedEmail?: boolean },
  asked: AskedBy = {},
): Promise<Result<{ studentId: string; email: string; mail: CredentialOnItsWay }> | Refusal> {
  const key = studentIdKey(studentId);
  const current = await deps.mail.voterMail(electionId, key);
  if (current && emailKey(current.email) === emailKey(email)) return fail('invalid', `email: ${key} already has this address; to send them a new link, re-issue it`);
  const reissued = await reissue(deps, electionId, key, asked, { email, sharedEmail });
  if (!reissued.ok) return reissued;
  const { outcome, mail } = reissued.value;
  deps.log.info('voter address corrected', { electionId, outcome });
  if (outcome === 'email_taken') {
    const holder = await deps.store.findVoterByEmail(electionId, email);
    return refusal('email_taken', `${email} is on the roll for ${holder ?? 'another voter'}; give sharedEmail: true if both really share it`);
  }
  if (outcome === 'already_voted') return refusal('already_voted', `${key} has voted: their address stays as it was, and their credential used`);
  if (outcome !== 'reissued') return refusal('conflict', `${key}'s credential changed meanwhile (${outcome}); try again`);
  return ok({ studentId: key, email, mail });
}
