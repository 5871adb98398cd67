import { DescribeExecutionCommand, ExecutionDoesNotExist, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { CIPHERTEXTS_PER_PART, INLINE_CHECK_CIPHERTEXTS } from '../../contract/openingCheckTasks';
import { sha256 } from '../../domain';
import type { OpeningCheckInput, OpeningCheckStarter } from '../ports';

/**
 * One execution per check run: its name is derived from the election, the upload and the run, so
 * that a request retried with the same run starts nothing new (Step Functions' names are at most
 * 80 characters).
 */
export const openingCheckExecutionName = ({ electionId, upload, run }: Pick<OpeningCheckInput, 'electionId' | 'upload' | 'run'>) => `check-${sha256(`${electionId}\n${upload}\n${run}`).slice(0, 64)}`;

/** Starts the opening-check state machine. */
export class SfnOpeningCheckStarter implements OpeningCheckStarter {
  readonly inlineCiphertexts = INLINE_CHECK_CIPHERTEXTS;
  readonly ciphertextsPerPart = CIPHERTEXTS_PER_PART;

  constructor(
    private readonly stateMachineArn: string,
    private readonly client: SFNClient = new SFNClient({}),
  ) {}

  async startOpeningCheck(input: OpeningCheckInput): Promise<void> {
    await this.client.send(new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name: openingCheckExecutionName(input), input: JSON.stringify(input) }));
  }

  async isRunning(check: Pick<OpeningCheckInput, 'electionId' | 'upload' | 'run'>): Promise<boolean> {
    try {
      const { status } = await this.client.send(new DescribeExecutionCommand({ executionArn: executionArn(this.stateMachineArn, openingCheckExecutionName(check)) }));
      return status === 'RUNNING';
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return false;
      throw error;
    }
  }
}

/** An execution's ARN from its state machine's and its name: arn:…:stateMachine:<machine> becomes arn:…:execution:<machine>:<name>. */
export const executionArn = (stateMachineArn: string, name: string): string => `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
