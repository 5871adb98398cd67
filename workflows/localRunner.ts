import { setTimeout as delay } from 'node:timers/promises';
import './promiseWithResolvers';
import { StateMachine, type RunOptions, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { Clock, LifecycleInput, LifecycleStarter, Log } from '../handlers/ports';

type Overrides = NonNullable<RunOptions['overrides']>;

/** Node fires a timer set for longer than this at once (the delay overflows 32 bits): about 24.8 days. */
export const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Step Functions gives a Task no timeout of its own (99,999,999 s) unless the definition sets one;
 * aws-local-stepfunctions follows the States Language's 60 s, which ended every wait and every
 * long step of the local stack after a minute. Locally a Task gets the longest a Node timer holds.
 */
export const LOCAL_TASK_TIMEOUT_SECONDS = Math.floor(LONGEST_TIMER_MS / 1000);

/**
 * The longest one attempt of a Task waits for its Wait's end. A longer wait (an election set up
 * months ahead) ends the attempt with STILL_WAITING, which a retrier the runner adds takes up at
 * once: no attempt comes near the Task's timeout, however long the wait.
 */
export const WAIT_ATTEMPT_MS = 20 * 24 * 60 * 60 * 1000;

/** The error that hands a wait longer than WAIT_ATTEMPT_MS to the next attempt. */
export const STILL_WAITING = 'Local.StillWaiting';

/**
 * How often a task that waits for its token (the wait for the committee to open a sealed box) is
 * asked again locally, where nothing holds a token: while it answers `{ waiting: true }`.
 */
export const TOKEN_POLL_MS = 2_000;

/** Sleeps ms (never over LONGEST_TIMER_MS); rejects once the signal aborts. May end early: the runner reads the clock again. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface LocalRunnerOptions extends Omit<Overrides, 'taskResourceLocalHandlers'> {
  /** What time it is for the Wait states: the clock the tasks' handlers use, passed in by whoever builds them. */
  clock: Clock;
  sleep?: Sleep;
  /** The Tasks' timeout, in seconds (LOCAL_TASK_TIMEOUT_SECONDS); a test lowers it to show a wait outlasting it. */
  taskTimeoutSeconds?: number;
  /** The longest one attempt waits (WAIT_ATTEMPT_MS); a test lowers it with taskTimeoutSeconds. */
  waitAttemptMs?: number;
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
 * sleeps of at most LONGEST_TIMER_MS, re-reading the clock after each. So that a Task that waits
 * is not cut off, the runner's copy of the definition gives every Task the timeout Step Functions
 * gives it (as near as a timer holds: LOCAL_TASK_TIMEOUT_SECONDS), and a Task that waits a retrier
 * for STILL_WAITING, first in its list, which resumes the wait at once.
 */
export class LocalWorkflowRunner implements LifecycleStarter {
  private readonly machine: StateMachine;
  private readonly running = new Map<string, { abort: () => void; done: Promise<void> }>();
  /** For each Task a Wait leads to: that Wait's name and state. */
  private readonly waitBefore: Map<string, { name: string; state: WaitState }>;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly waitAttemptMs: number;
  /** The caller's retry interval overrides, and 0 ms for each STILL_WAITING retrier: the wait resumes at once. */
  private readonly retryIntervals: NonNullable<Overrides['retryIntervalOverrides']>;
  private readonly overrides: Omit<Overrides, 'taskResourceLocalHandlers'>;
  /** The Tasks that wait for a token on AWS: locally they are asked again until they no longer wait. */
  private readonly tokenWaits: ReadonlySet<string>;

  constructor(
    definition: Record<string, unknown>,
    private readonly tasks: Readonly<Record<string, (input: unknown) => Promise<unknown>>>,
    private readonly log: Log,
    { clock, sleep = (ms, signal) => delay(ms, undefined, { signal }), taskTimeoutSeconds = LOCAL_TASK_TIMEOUT_SECONDS, waitAttemptMs = WAIT_ATTEMPT_MS, ...overrides }: LocalRunnerOptions,
  ) {
    this.waitBefore = waitsBeforeTasks(definition as Definition, waitAttemptMs);
    this.tokenWaits = tokenWaitingTasks(definition as Definition);
    const local = withLocalTimeouts(definition as Definition, new Set(this.waitBefore.keys()), this.tokenWaits, taskTimeoutSeconds);
    this.retryIntervals = { ...overrides.retryIntervalOverrides };
    for (const [task, retriers] of retrierCounts(definition as Definition)) {
      if (this.waitBefore.has(task)) this.retryIntervals[task] = [0, ...intervalsFor(overrides.retryIntervalOverrides?.[task], retriers)];
    }
    this.machine = new StateMachine(local as unknown as StateMachineDefinition, { validationOptions: { checkArn: true, checkPaths: true } });
    this.clock = clock;
    this.sleep = sleep;
    this.waitAttemptMs = waitAttemptMs;
    this.overrides = overrides;
  }

  async startLifecycle(input: LifecycleInput): Promise<void> {
    await this.startExecution(input.electionId, input);
  }

  /** Runs the definition with this input, unless an execution under `key` (as an execution's name on AWS) is running. */
  async startExecution(key: string, input: object): Promise<void> {
    if (this.running.has(key)) return;
    const stopped = new AbortController();
    const execution = this.machine.run(
      { ...input },
      {
        noThrowOnAbort: true,
        overrides: {
          ...this.overrides,
          waitTimeOverrides: Object.fromEntries([...this.waitBefore.values()].map(({ name }) => [name, 0])),
          retryIntervalOverrides: this.retryIntervals,
          taskResourceLocalHandlers: Object.fromEntries(
            Object.entries(this.tasks).map(([name, handler]) => [
              name,
              async (taskInput: unknown) => {
                const wait = this.waitBefore.get(name);
                if (wait) await this.waitUntil(this.endOf(wait, taskInput), stopped.signal);
                if (!this.tokenWaits.has(name)) return (await handler(taskInput)) as never;
                for (;;) {
                  const answer = await handler(taskInput);
                  if ((answer as { waiting?: boolean }).waiting !== true) return answer as never;
                  await this.sleep(TOKEN_POLL_MS, stopped.signal);
                }
              },
            ]),
          ),
        },
      },
    );
    const done = execution.result
      .then(
        () => this.log.info('workflow finished', { execution: key }),
        (error: Error) => this.log.error('workflow execution failed', { execution: key, detail: error.message }),
      )
      .finally(() => this.running.delete(key));
    const abort = () => {
      execution.abort();
      stopped.abort();
    };
    this.running.set(key, { abort, done });
  }

  /**
   * After a failed step, runs the lifecycle again from the log: the failed execution may still be
   * recording its failure, so this waits for it to end first. Every step already done is skipped.
   */
  async resumeLifecycle(input: LifecycleInput): Promise<void> {
    await this.settled(input.electionId);
    await this.startLifecycle(input);
  }

  /** Locally nothing holds a token: a waiting task looks at the log again until its wait is over (POLLED_TASKS). */
  async endWait(): Promise<void> {}

  /** Resolves when the execution under this key (an election's lifecycle goes by its id) has ended, if one runs. */
  async settled(key: string): Promise<void> {
    await this.running.get(key)?.done;
  }

  /** Whether an execution under this key is running. */
  isRunning(key: string): boolean {
    return this.running.has(key);
  }

  /** Resolves when every execution running now has ended. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running.values()].map((e) => e.done));
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

  /** Waits until `end` by the clock, or for this attempt's share of it: a longer wait goes on in the next attempt. */
  private async waitUntil(end: number, signal: AbortSignal): Promise<void> {
    const attemptEnds = this.clock.now().getTime() + this.waitAttemptMs;
    for (let left = end - this.clock.now().getTime(); left > 0; left = end - this.clock.now().getTime()) {
      signal.throwIfAborted();
      const attemptLeft = attemptEnds - this.clock.now().getTime();
      if (attemptLeft <= 0) throw Object.assign(new Error(`waiting until ${new Date(end).toISOString()}`), { name: STILL_WAITING });
      await this.sleep(Math.min(left, attemptLeft, LONGEST_TIMER_MS), signal);
    }
  }
}

/** A caller's override of a state's retry intervals, one per retrier; -1 leaves a retrier's own interval. */
function intervalsFor(override: number | number[] | undefined, retriers: number): number[] {
  return Array.from({ length: retriers }, (_, i) => (override === undefined ? -1 : Array.isArray(override) ? (override[i] ?? -1) : override));
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

/** Every state machine of the definition: the top level, and each Map's item processor within it. */
function machinesOf(definition: Definition): Definition[] {
  const inner = Object.values(definition.States).flatMap((state) => {
    const processor = (state.ItemProcessor ?? state.Iterator) as Definition | undefined;
    return state.Type === 'Map' && processor ? machinesOf(processor) : [];
  });
  return [definition, ...inner];
}

/**
 * Which Task each Wait leads to, at the top level and inside each Map's item processor (the
 * reminders' Wait). The runner waits inside that Task, so the Task must be reached only through
 * the Wait and get the Wait's input unchanged; a definition where that does not hold, a Wait of
 * another kind than the lifecycle's (Seconds, TimestampPath `$.field`), or a wait by Seconds
 * longer than one attempt (the next attempt would count them again) is refused here rather than
 * run with the wrong waits.
 */
function waitsBeforeTasks(definition: Definition, waitAttemptMs: number): Map<string, { name: string; state: WaitState }> {
  const waits = new Map<string, { name: string; state: WaitState }>();
  for (const { StartAt, States: states } of machinesOf(definition)) {
    const entries = [StartAt, ...Object.values(states).flatMap((s) => [s.Next, s.Default, ...(s.Catch ?? []).map((c) => c.Next), ...(s.Choices ?? []).map((c) => c.Next)])];
    for (const [name, state] of Object.entries(states)) {
      if (state.Type !== 'Wait') continue;
      const next = state.Next === undefined ? undefined : states[state.Next];
      const supported =
        next?.Type === 'Task' &&
        entries.filter((entry) => entry === state.Next).length === 1 &&
        [state.InputPath, state.OutputPath, next.InputPath, next.Parameters].every((field) => field === undefined) &&
        ((typeof state.Seconds === 'number' && state.Seconds * 1000 <= waitAttemptMs) || (typeof state.TimestampPath === 'string' && /^\$(\.\w+)+$/.test(state.TimestampPath)));
      if (!supported) {
        throw new Error(
          `the local workflow runner cannot run the Wait state ${name}: it must wait by Seconds (at most ${waitAttemptMs / 1000} s) or by TimestampPath $.field and lead straight to a Task that nothing else leads to, with no InputPath, OutputPath or Parameters on either`,
        );
      }
      waits.set(state.Next!, { name, state: state as unknown as WaitState });
    }
  }
  return waits;
}

/** The Tasks that Step Functions runs until their token comes back. */
function tokenWaitingTasks(definition: Definition): Set<string> {
  return new Set(
    machinesOf(definition).flatMap(({ States: states }) =>
      Object.entries(states).flatMap(([name, state]) => (state.Type === 'Task' && String(state.Resource).endsWith('.waitForTaskToken') ? [name] : [])),
    ),
  );
}

/**
 * The definition as the runner runs it: every Task without a timeout of its own gets
 * `timeoutSeconds`, and each Task that waits a retrier for STILL_WAITING before its own. A Task
 * that waits for its token is given the state's input as the others are, without a token.
 */
function withLocalTimeouts(definition: Definition, waiting: ReadonlySet<string>, tokenWaits: ReadonlySet<string>, timeoutSeconds: number): Definition {
  const local = structuredClone(definition);
  for (const { States: states } of machinesOf(local)) {
    for (const [name, state] of Object.entries(states)) {
      if (state.Type !== 'Task') continue;
      if (tokenWaits.has(name)) {
        state.Resource = 'arn:aws:states:::lambda:invoke';
        delete state.Parameters;
      }
      if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) state.TimeoutSeconds = timeoutSeconds;
      if (waiting.has(name)) state.Retry = [{ ErrorEquals: [STILL_WAITING], IntervalSeconds: 1, BackoffRate: 1, MaxAttempts: 99_999_999 }, ...((state.Retry as unknown[]) ?? [])];
    }
  }
  return local;
}

/** How many retriers each Task of the definition has. */
function retrierCounts(definition: Definition): Map<string, number> {
  return new Map(
    machinesOf(definition).flatMap(({ States: states }) =>
      Object.entries(states)
        .filter(([, state]) => state.Type === 'Task')
        .map(([name, state]) => [name, ((state.Retry as unknown[]) ?? []).length] as const),
    ),
  );
}

/** The value at a JSONPath of the form `$.a.b`. */
function valueAt(input: unknown, path: string): unknown {
  return path
    .split('.')
    .slice(1)
    .reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), input);
}
