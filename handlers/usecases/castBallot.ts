import { ballotIdOf, checkCastAllowed, fillBallot, ok, type BallotChoice, type ElectionState, type Result } from '../../domain';
import { deliver } from '../mail/deliver';
import { confirmationMail } from '../mail/messages';
import type { Deps } from '../ports';
import { hashToken } from '../security';
import { TtlCache } from './ttlCache';

export type CastError = 'invalid_token' | 'already_voted' | 'cast_in_progress';
export type CastResult = Result<{ receipt: string }> | { ok: false; error: { code: CastError; message: string } };

/** The open election's state, re-read at most once a second: casts must not all hit one item. */
export class OpenStateCache {
  // Only an open election is kept: any other phase may change to open at any moment.
  private readonly states: TtlCache<ElectionState>;

  constructor(maxAgeMs = 1000) {
    this.states = new TtlCache(maxAgeMs, (state) => state.phase === 'open');
  }

  get(deps: Pick<Deps, 'store' | 'clock'>, electionId: string): Promise<ElectionState> {
    return this.states.get(deps.clock, electionId, async () => (await deps.store.load(electionId)).state);
  }
}

/**
 * Two reads (state, credential) and one transaction (marker + ballot). The window is enforced by
 * the clock here; the lifecycle waits a grace period after close before the tally reads. The
 * receipt goes back in the answer only: the box keeps the ballot under ballotIdOf(receipt), and
 * the confirmation e-mail holds neither, so a voter's mailbox maps to no ballot.
 */
export async function castBallot(
  deps: Deps,
  cache: OpenStateCache,
  electionId: string,
  token: string,
  choice: BallotChoice,
  claimedVoterId?: string,
): Promise<CastResult> {
  const state = await cache.get(deps, electionId);
  const allowed = checkCastAllowed(state, deps.clock.now());
  if (!allowed.ok) return allowed;
  const tokenHash = hashToken(token);
  const credential = await deps.store.findCredential(tokenHash);
  if (!credential || credential.electionId !== electionId || (claimedVoterId !== undefined && claimedVoterId !== credential.studentId)) {
    return { ok: false, error: { code: 'invalid_token', message: 'this voting token is not valid for this election' } };
  }
  const content = fillBallot(state, choice);
  if (!content.ok) return content;
  const receipt = deps.newReceipt();
  const outcome = await deps.store.castBallot(electionId, tokenHash, { ballotId: ballotIdOf(receipt), ...content.value });
  if (outcome === 'already_voted') {
    return { ok: false, error: { code: 'already_voted', message: 'a ballot has already been cast with this token' } };
  }
  if (outcome === 'contended') {
    return { ok: false, error: { code: 'cast_in_progress', message: 'another ballot with this token is being cast right now' } };
  }
  if (state.phase !== 'none') {
    const sent = await deliver(deps, confirmationMail(state, credential.email));
    if (!sent.delivered) {
      deps.log.warn('confirmation not delivered', { electionId, reason: sent.reason });
      await deps.store.recordUndeliveredMail(electionId, credential.studentId, 'confirmation', sent.reason);
    }
  }
  return ok({ receipt });
}
