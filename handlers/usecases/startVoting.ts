import { UNDER_WAY_PHASES, type ElectionState, type Result } from '../../domain';
import type { Deps, EventStream, LifecycleInput } from '../ports';
import { runCommand, type Applied, type AskedBy } from '../runCommand';

/** What the lifecycle workflow needs to know of an election that is under way, or undefined. */
export function lifecycleInputOf(state: ElectionState): LifecycleInput | undefined {
  if (!UNDER_WAY_PHASES.has(state.phase)) return undefined;
  if (state.phase === 'scheduled') {
    const { opensAt, closesAt } = state.window;
    return { electionId: state.electionId, opensAt, credentialsAt: state.credentialsAt ?? opensAt, closesAt, reminders: state.reminders };
  }
  if (state.phase === 'open' || state.phase === 'closed' || state.phase === 'tallied') {
    return { electionId: state.electionId, opensAt: state.openedAt, credentialsAt: state.openedAt, closesAt: state.window.closesAt, reminders: state.reminders };
  }
  return undefined;
}

/**
 * Opens voting now, or schedules it for opensAt, and starts the election's lifecycle workflow.
 * A start whose workflow did not get going can be repeated: the workflow start is idempotent.
 * An election with breaches recorded while it was locked starts only when the admin confirms
 * it (`confirmCompromised`), which decide holds against the state the start is appended to.
 */
export async function startVoting(
  deps: { store: EventStream } & Pick<Deps, 'clock' | 'lifecycle' | 'metrics'>,
  electionId: string,
  { confirmCompromised = false, by }: { confirmCompromised?: boolean } & AskedBy = {},
): Promise<Result<Applied>> {
  const applied = await runCommand(deps, electionId, () => ({ type: 'Start', now: deps.clock.now(), confirmCompromised }), undefined, { by });
  // A refused repeat still makes sure the workflow runs: the first start may have failed just after its append.
  const state = applied.ok ? applied.value.state : (await deps.store.load(electionId)).state;
  const input = lifecycleInputOf(state);
  if (input) await deps.lifecycle.startLifecycle(input);
  return applied;
}
