import type { ElectionCommand, ElectionState } from '../../domain';
import type { Deps } from '../ports';
import { runCommand } from '../runCommand';
import { lifecycleInput } from './input';
import { LifecycleStepFailed } from './lifecycleError';

/**
 * A lifecycle step that is one command on the election: run twice, it appends once, because
 * `decide` answers a repeat with no events. A refusal fails the step, so the workflow's Catch
 * records it and alerts the observers.
 */
export const commandStep =
  (step: string, command: (deps: Deps, state: ElectionState) => ElectionCommand | Promise<ElectionCommand>) =>
  (deps: Deps) =>
  async (raw: unknown): Promise<{ phase: string }> => {
    const { electionId } = lifecycleInput.parse(raw);
    const { state } = await deps.store.load(electionId);
    const built = await command(deps, state);
    const applied = await runCommand(deps, electionId, built);
    if (!applied.ok) throw new LifecycleStepFailed(step, applied.error);
    deps.log.info('lifecycle step done', { electionId, step, appended: applied.value.events.length });
    return { phase: applied.value.state.phase };
  };
