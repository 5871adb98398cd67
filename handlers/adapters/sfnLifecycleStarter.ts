import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { LifecycleInput, LifecycleStarter } from '../ports';

/** One execution per election: its name is derived from the election id (ids fit Step Functions' 80 characters). */
export const executionName = (electionId: string) => `election-${electionId}`;

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
    try {
      await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: executionName(input.electionId),
          input: JSON.stringify(input),
        }),
      );
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  }
}
