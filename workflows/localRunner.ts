import { setTimeout as delay } from 'node:timers/promises';
import { StateMachine, type RunOptions, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { systemClock } from '../handlers/adapters/clock';
import type { LifecycleTaskHandlers } from '../handlers/lifecycle';
import type { Clock, LifecycleInput, LifecycleStarter, Log } from '../handlers/ports';

// aws-local-stepfunctions uses Promise.withResolvers, which Node 20 lacks (Lambda's Node has it).
if (!('withResolvers' in Promise)) {
  Object.defineProperty(Promise, 'withResolvers', {
    value<T>() {
      let resolve!: (value: T) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
      return { promise, resolve, reject };
    },
  });
}

type Overrides = NonNullable<RunOptions['overrides']>;

/** Node fires a timer set for longer than this at once (the delay overflows 32 bits): about 24.8 days. */
export const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** Sleeps ms (never over LONGEST_TIMER_MS); rejects once the signal aborts. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface LocalRunnerOptions extends Omit<Overrides, 'taskResourceLocalHandlers'> {
  /** What time it is for the Wait states: the clock the tasks' handlers use. */
  clock?: Clock;
  sleep?: Sleep;
}

interface WaitState {
  Type: 'Wait';
  Next: string;
  Seconds?: number;
  TimestampPath?: string;
}

/**
 * Runs the synthesized lifecycle definition in this process with aws-local-stepfunctions, each
 * Task state overridden by the same handler the Lambda runs. Like a deterministic execution
 * name on AWS, one election has at most one execution running.
 *
 * The Wait states are this runner's: aws-local-stepfunctions sleeps with one setTimeout on the
 * real clock, which fires at once for a wait over LONGEST_TIMER_MS, so an election set up weeks
 * ahead would open at once (and be refused as too early). Each Wait is overridden to 0 ms, and
 * the Task it leads to first waits until the Wait would have ended, by the injected clock, in
 * sleeps of at most LONGEST_TIMER_MS, re-reading the clock after each.
 */
export class LocalWorkflowRunner implements LifecycleStarter {
  private readonly machine: StateMachine;
  private readonly running = new Map<string, { abort: () => void; done: Promise<void> }>();
  /** For each Task a Wait leads to: that Wait's name and state. */
  private readonly waitBefore: Map<string, { name: string; state: WaitState }>;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly overrides: Omit<Overrides, 'taskResourceLocalHandlers'>;

  constructor(
    definition: Record<string, unknown>,
    private readonly tasks: LifecycleTaskHandlers,
    private readonly log: Log,
    { clock = systemClock, sleep = (ms, signal) => delay(ms, undefined, { signal }), ...overrides }: LocalRunnerOptions = {},
  ) {
    this.machine = new StateMachine(definition as unknown as StateMachineDefinition, { validationOptions: { checkArn: true, checkPaths: true } });
    this.waitBefore = waitsBeforeTasks(definition as Definition);
    this.clock = clock;
    this.sleep = sleep;
    this.overrides = overrides;
  }

  async startLifecycle(input: LifecycleInput): Promise<void> {
    if (this.running.has(input.electionId)) return;
    const stopped = new AbortController();
    const execution = this.machine.run(
      { ...input },
      {
        noThrowOnAbort: true,
        overrides: {
          ...this.overrides,
          waitTimeOverrides: Object.fromEntries([...this.waitBefore.values()].map(({ name }) => [name, 0])),
          taskResourceLocalHandlers: Object.fromEntries(
            Object.entries(this.tasks).map(([name, handler]) => [
              name,
              async (taskInput: unknown) => {
                const wait = this.waitBefore.get(name);
                if (wait) await this.waitUntil(this.endOf(wait, taskInput), stopped.signal);
                return (await handler(taskInput)) as never;
              },
            ]),
          ),
        },
      },
    );
    const done = execution.result
      .then(
        () => this.log.info('lifecycle finished', { electionId: input.electionId }),
        (error: Error) => this.log.error('lifecycle execution failed', { electionId: input.electionId, detail: error.message }),
      )
      .finally(() => this.running.delete(input.electionId));
    const abort = () => {
      execution.abort();
      stopped.abort();
    };
    this.running.set(input.electionId, { abort, done });
  }

  /** Resolves when the election's execution (if any) has ended. */
  async settled(electionId: string): Promise<void> {
    await this.running.get(electionId)?.done;
  }

  async stop(): Promise<void> {
    const executions = [...this.running.values()];
    for (const { abort } of executions) abort();
    await Promise.allSettled(executions.map((e) => e.done));
  }

  /** When the Wait ends, in epoch ms, as Step Functions computes it; a caller's waitTimeOverrides come first. */
  private endOf({ name, state }: { name: string; state: WaitState }, input: unknown): number {
    const now = this.clock.now().getTime();
    const override = this.overrides.waitTimeOverrides?.[name];
    if (override !== undefined) return now + override;
    if (state.Seconds !== undefined) return now + state.Seconds * 1000;
    const timestamp = valueAt(input, state.TimestampPath!);
    const end = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
    if (Number.isNaN(end)) throw Object.assign(new Error(`${name}: ${state.TimestampPath} is not a timestamp`), { name: 'States.Runtime' });
    return end;
  }

  private async waitUntil(end: number, signal: AbortSignal): Promise<void> {
    for (let left = end - this.clock.now().getTime(); left > 0; left = end - this.clock.now().getTime()) {
      signal.throwIfAborted();
      await this.sleep(Math.min(left, LONGEST_TIMER_MS), signal);
    }
  }
}

interface StateLinks {
  Type: string;
  Next?: string;
  Default?: string;
  Catch?: { Next: string }[];
  Choices?: { Next: string }[];
  [field: string]: unknown;
}

type Definition = { StartAt: string; States: Record<string, StateLinks> };

/**
 * Which Task each Wait leads to, at the top level and inside each Map's item processor (the
 * reminders' Wait). The runner waits inside that Task, so the Task must be reached only through
 * the Wait and get the Wait's input unchanged; a definition where that does not hold, or a Wait
 * of another kind than the lifecycle's (Seconds, TimestampPath `$.field`), is refused here
 * rather than run with the wrong waits.
 */
function waitsBeforeTasks(definition: Definition, waits = new Map<string, { name: string; state: WaitState }>()): Map<string, { name: string; state: WaitState }> {
  const states = definition.States;
  for (const state of Object.values(states)) {
    const inner = (state.ItemProcessor ?? state.Iterator) as Definition | undefined;
    if (state.Type === 'Map' && inner) waitsBeforeTasks(inner, waits);
  }
  const entries = [definition.StartAt, ...Object.values(states).flatMap((s) => [s.Next, s.Default, ...(s.Catch ?? []).map((c) => c.Next), ...(s.Choices ?? []).map((c) => c.Next)])];
  for (const [name, state] of Object.entries(states)) {
    if (state.Type !== 'Wait') continue;
    const next = state.Next === undefined ? undefined : states[state.Next];
    const supported =
      next?.Type === 'Task' &&
      entries.filter((entry) => entry === state.Next).length === 1 &&
      [state.InputPath, state.OutputPath, next.InputPath, next.Parameters].every((field) => field === undefined) &&
      (typeof state.Seconds === 'number' || (typeof state.TimestampPath === 'string' && /^\$(\.\w+)+$/.test(state.TimestampPath)));
    if (!supported) {
      throw new Error(
        `the local workflow runner cannot run the Wait state ${name}: it must wait by Seconds or by TimestampPath $.field and lead straight to a Task that nothing else leads to, with no InputPath, OutputPath or Parameters on either`,
      );
    }
    waits.set(state.Next!, { name, state: state as unknown as WaitState });
  }
  return waits;
}

/** The value at a JSONPath of the form `$.a.b`. */
function valueAt(input: unknown, path: string): unknown {
  return path
    .split('.')
    .slice(1)
    .reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), input);
}
