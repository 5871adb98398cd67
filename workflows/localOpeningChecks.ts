import { CIPHERTEXTS_PER_PART, INLINE_CHECK_CIPHERTEXTS } from '../contract/openingCheckTasks';
import type { OpeningCheckInput, OpeningCheckStarter } from '../handlers/ports';
import type { LocalWorkflowRunner } from './localRunner';

/**
 * The opening-check workflow on one machine: the synthesized definition run by a
 * LocalWorkflowRunner, its Distributed Map's parts one after the other in this process. The
 * sizes are AWS's unless a test makes every upload go to the workflow.
 */
export class LocalOpeningChecks implements OpeningCheckStarter {
  constructor(
    private readonly runner: () => LocalWorkflowRunner,
    readonly inlineCiphertexts = INLINE_CHECK_CIPHERTEXTS,
    readonly ciphertextsPerPart = CIPHERTEXTS_PER_PART,
  ) {}

  async startOpeningCheck(input: OpeningCheckInput): Promise<void> {
    await this.runner().startExecution(executionKey(input), input);
  }

  async isRunning(check: Pick<OpeningCheckInput, 'electionId' | 'upload' | 'run'>): Promise<boolean> {
    return this.runner().isRunning(executionKey(check));
  }
}

const executionKey = ({ electionId, upload, run }: Pick<OpeningCheckInput, 'electionId' | 'upload' | 'run'>) => `check ${electionId} ${upload} ${run}`;
