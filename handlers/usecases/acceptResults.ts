import { postalContests, unagreedPostalContests, type Result } from '../../domain';
import type { BallotBox, CommitteeWaits, Deps, EventStream, OpeningFiles } from '../ports';
import { runCommand, type Applied, type AskedBy } from '../runCommand';
import { endCommitteeWait } from './committeeWait';
import { countWithPostal } from './postalPapers';

/**
 * The committee's acceptance of the counted results: the first committee member's call proposes
 * it, a second's accepts them (domain/twoMembers.ts). The acceptance ends the workflow's wait, which
 * then mails and publishes the results.
 */
export async function acceptResults(
  deps: { store: EventStream & CommitteeWaits & BallotBox & OpeningFiles } & Pick<Deps, 'clock' | 'lifecycle' | 'metrics' | 'log'>,
  electionId: string,
  asked: AskedBy = {},
): Promise<Result<Applied>> {
  // Agreed postal papers whose count did not get recorded (the entry's request ended first) are counted in now.
  const { state } = await deps.store.load(electionId);
  if (state.phase === 'tallied' && !state.postalCounted && postalContests(state).length > 0 && unagreedPostalContests(state).length === 0) {
    const counted = await countWithPostal(deps, electionId);
    if (!counted.ok) return counted;
  }
  const applied = await runCommand(deps, electionId, { type: 'Accept', now: deps.clock.now() }, undefined, asked);
  if (applied.ok && applied.value.events.some((e) => e.type === 'ResultsAccepted')) await endCommitteeWait(deps, electionId, 'acceptance');
  return applied;
}
