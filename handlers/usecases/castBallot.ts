import { ballotIdOf, checkCastAllowed, fillBallot, ok, type BallotChoice, type ElectionState, type Result } from '../../domain';
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
 * One DynamoDB call: a transaction that writes the marker and the ballot, checks the credential
 * (this election's, not revoked, the claimed voter's) and queues the confirmation mail; the state
 * comes from a cache of at most a second. The window is enforced by the clock here; the lifecycle
 * waits a grace period after close before the tally reads. The receipt goes back in the answer
 * only: the box keeps the ballot under ballotIdOf(receipt), and the confirmation e-mail holds
 * neither, so a voter's mailbox maps to no ballot.
 */
export async function castBallot(
  deps: Pick<Deps, 'store' | 'clock' | 'newReceipt'>,
  cache: OpenStateCache,
  electionId: string,
  token: string,
  choice: BallotChoice,
  claimedVoterId?: string,
): Promise<CastResult> {
  const state = await cache.get(deps, electionId);
  const allowed = checkCastAllowed(state, deps.clock.now());
  if (!allowed.ok) return allowed;
  const content = fillBallot(state, choice);
  if (!content.ok) return content;
  const receipt = deps.newReceipt();
  const outcome = await deps.store.castBallot(electionId, {
    tokenHash: hashToken(token),
    ballot: { ballotId: ballotIdOf(receipt), ...content.value },
    ...(claimedVoterId !== undefined && { studentId: claimedVoterId }),
    queuedAt: deps.clock.now().toISOString(),
  });
  switch (outcome) {
    case 'accepted':
      return ok({ receipt });
    case 'invalid_token':
      return { ok: false, error: { code: 'invalid_token', message: 'this voting token is not valid for this election' } };
    case 'already_voted':
      return { ok: false, error: { code: 'already_voted', message: 'a ballot has already been cast with this token' } };
    case 'contended':
      return { ok: false, error: { code: 'cast_in_progress', message: 'another ballot with this token is being cast right now' } };
  }
}
