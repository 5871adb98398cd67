import { decide, evolve, extendChain, ok, type ChainHead, type ElectionCommand, type ElectionState, type RecordedEvent, type Result } from '../domain';
import { METRIC, StreamConflict, type Deps, type EventStream } from './ports';

export interface Applied {
  state: ElectionState;
  events: RecordedEvent[];
}

const MAX_ATTEMPTS = 5;

export interface RunOptions {
  /** How often to load and decide again after a conflict before giving up with StreamConflict. */
  attempts?: number;
}

/**
 * Load → decide → append, again from the top when another writer moved the stream meanwhile.
 * The command is built from the state just loaded, so a retry decides on fresh facts.
 */
export async function runCommand(
  // Metrics are optional: the audit tools and tests that replay commands count nothing.
  deps: { store: EventStream } & Pick<Deps, 'clock'> & Partial<Pick<Deps, 'metrics'>>,
  electionId: string,
  command: ElectionCommand | ((state: ElectionState) => ElectionCommand),
  write: (head: ChainHead, events: RecordedEvent[], state: ElectionState) => Promise<void> = (head, events, state) => deps.store.append(electionId, head, events, state),
  { attempts = MAX_ATTEMPTS }: RunOptions = {},
): Promise<Result<Applied>> {
  for (let attempt = 1; ; attempt += 1) {
    const { state, head } = await deps.store.load(electionId);
    const decision = decide(typeof command === 'function' ? command(state) : command, state);
    if (!decision.ok) return decision;
    if (decision.value.length === 0) return ok({ state, events: [] });
    const events = extendChain(electionId, head, decision.value, deps.clock.now().toISOString());
    const next = decision.value.reduce(evolve, state);
    try {
      await write(head, events, next);
      return ok({ state: next, events });
    } catch (error) {
      if (!(error instanceof StreamConflict)) throw error;
      deps.metrics?.count(METRIC.streamConflict);
      if (attempt >= attempts) throw error;
    }
  }
}
