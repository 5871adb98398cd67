import { StateMachine, type RunOptions, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { LifecycleTaskHandlers } from '../handlers/lifecycle';
import type { LifecycleInput, LifecycleStarter, Log } from '../handlers/ports';

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

/**
 * Runs the synthesized lifecycle definition in this process with aws-local-stepfunctions, each
 * Task state overridden by the same handler the Lambda runs. Like a deterministic execution
 * name on AWS, one election has at most one execution running.
 */
export class LocalWorkflowRunner implements LifecycleStarter {
  private readonly machine: StateMachine;
  private readonly running = new Map<string, { abort: () => void; done: Promise<void> }>();

  constructor(
    definition: Record<string, unknown>,
    private readonly tasks: LifecycleTaskHandlers,
    private readonly log: Log,
    private readonly testOverrides: Omit<Overrides, 'taskResourceLocalHandlers'> = {},
  ) {
    this.machine = new StateMachine(definition as unknown as StateMachineDefinition, { validationOptions: { checkArn: true, checkPaths: true } });
  }

  async startLifecycle(input: LifecycleInput): Promise<void> {
    if (this.running.has(input.electionId)) return;
    const execution = this.machine.run({ ...input }, {
      noThrowOnAbort: true,
      overrides: {
        ...this.testOverrides,
        taskResourceLocalHandlers: Object.fromEntries(
          Object.entries(this.tasks).map(([name, handler]) => [name, async (taskInput: unknown) => (await handler(taskInput)) as never]),
        ),
      },
    });
    const done = execution.result.then(
      () => this.log.info('lifecycle finished', { electionId: input.electionId }),
      (error: Error) => this.log.error('lifecycle execution failed', { electionId: input.electionId, detail: error.message }),
    ).finally(() => this.running.delete(input.electionId));
    this.running.set(input.electionId, { abort: execution.abort, done });
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
}
