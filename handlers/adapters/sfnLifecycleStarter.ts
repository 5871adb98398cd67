import { ExecutionAlreadyExists, SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { LifecycleInput, LifecycleStarter } from '../ports';

/**
 * One execution per election, and one more per retry: the name is derived from the election id
 * and the retry's number (ids of 63 characters and LIMITS.workflowRetries fit Step Functions' 80).
 */
export const executionName = (electionId: string, retry?: number) => `election-${electionId}${retry === undefined ? '' : `-r${retry}`}`;

/**
 * Starts the election's lifecycle state machine. A repeated start finds the execution of that
 * name already there, which is what a retried `start` request wants.
 */
export class SfnLifecycleStarter implements LifecycleStarter {
  constructor(
    private readonly stateMachineArn: string,
    private readonly client: SFNClient = new SFNClient({}),
  ) {}

  async startLifecycle(input: LifecycleInput): Promise<void> {
    await this.start(input, executionName(input.electionId));
  }

  /**
   * A new execution from the log, not a redrive: the failed execution caught its error and ended
   * in its Fail state, which is all a redrive would run again. The new one skips every step done.
   */
  async resumeLifecycle(input: LifecycleInput, attempt: number): Promise<void> {
    await this.start(input, executionName(input.electionId, attempt));
  }

  /** The waiting task goes on; a token whose task ended (timed out, its execution retried) was for a wait that is over. */
  async endWait(taskToken: string): Promise<void> {
    try {
      await this.client.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }));
    } catch (error) {
      if (!ENDED_WAITS.has((error as Error).name)) throw error;
    }
  }

  private async start(input: LifecycleInput, name: string): Promise<void> {
    try {
      await this.client.send(new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name, input: JSON.stringify(input) }));
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  }
}

/** Step Functions' answers for a token whose task is no longer waiting. */
const ENDED_WAITS = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);
