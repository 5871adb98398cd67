import type { Result } from '../../domain';
import type { CommitteeWaits, Deps, EventStream } from '../ports';
import { runCommand, type Applied, type AskedBy } from '../runCommand';
import { endCommitteeWait } from './committeeWait';

/**
 * The committee's acceptance of the counted results: the first committee member's call proposes
 * it, a second's accepts them (domain/twoMembers.ts). The acceptance ends the workflow's wait, which
 * then mails and publishes the results.
 */
export async function acceptResults(deps: { store: EventStream & CommitteeWaits } & Pick<Deps, 'clock' | 'lifecycle' | 'metrics'>, electionId: string, asked: AskedBy = {}): Promise<Result<Applied>> {
  const applied = await runCommand(deps, electionId, { type: 'Accept', now: deps.clock.now() }, undefined, asked);
  if (applied.ok && applied.value.events.some((e) => e.type === 'ResultsAccepted')) await endCommitteeWait(deps, electionId, 'acceptance');
  return applied;
}
