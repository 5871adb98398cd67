import { decide, evolve, extendChain, ok, type Actor, type ChainHead, type ElectionCommand, type ElectionState, type RecordedEvent, type Result } from '../domain';
import { METRIC, StreamConflict, type Deps, type EventStream } from './ports';

export interface Applied {
  state: ElectionState;
  events: RecordedEvent[];
}

const MAX_ATTEMPTS = 5;

/** Who asked for a use case's commands: absent when the system acts itself. */
export type AskedBy = Pick<RunOptions, 'by'>;

export interface RunOptions {
  /** How often to load and decide again after a conflict before giving up with StreamConflict. */
  attempts?: number;
  /** The committee member who asked: decide holds them to the election's roster, and each event records them. Absent when the system acts itself. */
  by?: Actor;
}

/**
 * When the events happened: the time the command was decided at, when it carries one, so that
 * what decide derives from it (when a proposal expires) replays from the event's own time, as the
 * verifier replays it; the clock's otherwise.
 */
const timeOf = (command: ElectionCommand, clock: Deps['clock']): Date => ('now' in command ? command.now : clock.now());

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
  { attempts = MAX_ATTEMPTS, by }: RunOptions = {},
): Promise<Result<Applied>> {
  for (let attempt = 1; ; attempt += 1) {
    const { state, head } = await deps.store.load(electionId);
    const asked = typeof command === 'function' ? command(state) : command;
    const decision = decide(asked, state, by);
    if (!decision.ok) return decision;
    if (decision.value.length === 0) return ok({ state, events: [] });
    const events = extendChain(electionId, head, decision.value, timeOf(asked, deps.clock).toISOString(), by);
    // The events as recorded, with who asked: the state keeps who accepted the results.
    const next = events.reduce(evolve, state);
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
