import { checkCastAllowed, fillBallot, ok, type BallotChoice, type ElectionState, type Result } from '../../domain';
import { deliver } from '../mail/deliver';
import { confirmationMail } from '../mail/messages';
import type { Deps } from '../ports';
import { hashToken } from '../security';

export type CastError = 'invalid_token' | 'already_voted' | 'cast_in_progress';
export type CastResult = Result<{ receipt: string }> | { ok: false; error: { code: CastError; message: string } };

/** The open election's state, re-read at most once a second: casts must not all hit one item. */
export class OpenStateCache {
  private readonly entries = new Map<string, { state: ElectionState; readAt: number }>();

  constructor(private readonly maxAgeMs = 1000) {}

  async get(deps: Pick<Deps, 'store' | 'clock'>, electionId: string): Promise<ElectionState> {
    const now = deps.clock.now().getTime();
    const cached = this.entries.get(electionId);
    if (cached && now - cached.readAt < this.maxAgeMs) return cached.state;
    const { state } = await deps.store.load(electionId);
    // Only an open election is cached: any other phase may change to open at any moment.
    if (state.phase === 'open') this.entries.set(electionId, { state, readAt: now });
    else this.entries.delete(electionId);
    return state;
  }
}

/**
 * Two reads (state, credential) and one transaction (marker + ballot). The window is enforced by
 * the clock here; the lifecycle waits a grace period after close before the tally reads.
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
  const ballotId = deps.newBallotId();
  const outcome = await deps.store.castBallot(electionId, tokenHash, { ballotId, ...content.value });
  if (outcome === 'already_voted') {
    return { ok: false, error: { code: 'already_voted', message: 'a ballot has already been cast with this token' } };
  }
  if (outcome === 'contended') {
    return { ok: false, error: { code: 'cast_in_progress', message: 'another ballot with this token is being cast right now' } };
  }
  if (state.phase !== 'none') {
    const sent = await deliver(deps, confirmationMail(state, credential.email, ballotId));
    if (!sent.delivered) {
      deps.log.warn('confirmation not delivered', { electionId, reason: sent.reason });
      await deps.store.recordUndeliveredMail(electionId, credential.studentId, 'confirmation', sent.reason);
    }
  }
  return ok({ receipt: ballotId });
}
