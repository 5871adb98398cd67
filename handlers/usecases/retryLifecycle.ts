import type { Result } from '../../domain';
import type { Deps, EventStream } from '../ports';
import { runCommand, type Applied, type AskedBy } from '../runCommand';
import { lifecycleInputOf } from './startVoting';

/**
 * The committee's way out after the workflow stopped at a failed step: the retry is recorded in
 * the log, and the workflow runs again from the log, skipping every step already done (each is
 * idempotent), so it picks up at the step that failed.
 */
export async function retryLifecycle(deps: { store: EventStream } & Pick<Deps, 'clock' | 'lifecycle'>, electionId: string, asked: AskedBy = {}): Promise<Result<Applied>> {
  const applied = await runCommand(deps, electionId, { type: 'RetryLifecycle' }, undefined, asked);
  if (!applied.ok) return applied;
  const { state } = applied.value;
  const input = lifecycleInputOf(state);
  if (input && state.phase !== 'none') await deps.lifecycle.resumeLifecycle(input, state.workflowRetries ?? 1);
  return applied;
}
