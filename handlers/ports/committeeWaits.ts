/** What the lifecycle workflow waits for the committee to do: open a sealed box, accept the counted results. */
export type CommitteeWait = 'opening' | 'acceptance';

/**
 * Where the workflow waits for the committee (a Step Functions task token, on AWS): kept beside
 * the log, never in it, so that what the committee does last (the last decryption, the second
 * member's acceptance) can end the wait.
 */
export interface CommitteeWaits {
  /** Keeps the token of the execution now waiting; a retried execution's, or a wait begun again, replaces it. */
  recordWait(electionId: string, wait: CommitteeWait, taskToken: string): Promise<void>;
  waitToken(electionId: string, wait: CommitteeWait): Promise<string | undefined>;
}
