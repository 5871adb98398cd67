import type { ElectionCommand, ElectionState } from '../../domain';
import type { Deps, EventStream } from '../ports';
import { runCommand } from '../runCommand';
import { lifecycleInput } from './input';
import { LifecycleStepFailed } from './lifecycleError';

/** What every step that is one command uses; a step's command may ask for more. */
export type StepDeps = { store: EventStream } & Pick<Deps, 'clock' | 'log' | 'metrics'>;

/**
 * A lifecycle step that is one command on the election: run twice, it appends once, because
 * `decide` answers a repeat with no events. A refusal fails the step, so the workflow's Catch
 * records it and alerts the observers.
 */
export const commandStep =
  <D extends StepDeps>(step: string, command: (deps: D, state: ElectionState) => ElectionCommand | Promise<ElectionCommand>) =>
  (deps: D) =>
  async (raw: unknown): Promise<{ phase: string }> => {
    const { electionId } = lifecycleInput.parse(raw);
    const { state } = await deps.store.load(electionId);
    const built = await command(deps, state);
    const applied = await runCommand(deps, electionId, built);
    if (!applied.ok) throw new LifecycleStepFailed(step, applied.error);
    deps.log.info('lifecycle step done', { electionId, step, appended: applied.value.events.length });
    return { phase: applied.value.state.phase };
  };
