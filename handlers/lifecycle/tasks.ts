import { fail, ok, type Result } from '../../domain';
import { deliverAll, type DeliveryOptions } from '../mail/deliver';
import { resultsMail } from '../mail/messages';
import type { Deps } from '../ports';
import { runCommand, type Applied } from '../runCommand';

/**
 * The steps after the deadline, each safe to run twice (decide answers a repeat with no events).
 * The workflow calls them in order: close, wait the grace period, tally, mail results, publish.
 */

export const closeVoting = (deps: Deps, electionId: string): Promise<Result<Applied>> =>
  runCommand(deps, electionId, () => ({ type: 'Close', now: deps.clock.now() }));

export async function tallyBallots(deps: Deps, electionId: string): Promise<Result<Applied>> {
  const { state } = await deps.store.load(electionId);
  if (state.phase !== 'closed') return runCommand(deps, electionId, { type: 'SealAndTally', ballots: [] });
  const ballots = await deps.store.readBallots(electionId);
  return runCommand(deps, electionId, { type: 'SealAndTally', ballots });
}

export async function mailResults(deps: Deps, electionId: string, delivery?: DeliveryOptions): Promise<Result<{ undelivered: string[] }>> {
  const { state } = await deps.store.load(electionId);
  if (state.phase !== 'tallied' && state.phase !== 'published') return fail('wrong_phase', 'nothing to mail before the tally');
  const voters = await deps.store.listVoters(electionId);
  const undelivered = await deliverAll(
    deps,
    electionId,
    'results',
    voters.map((v) => ({ studentId: v.studentId, message: resultsMail(state, v.email, state.result, state.seal) })),
    delivery,
  );
  return ok({ undelivered });
}

export const publishResults = (deps: Deps, electionId: string): Promise<Result<Applied>> =>
  runCommand(deps, electionId, () => ({ type: 'Publish', now: deps.clock.now() }));
