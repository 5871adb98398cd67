/** What the lifecycle workflow is started with. */
export interface LifecycleInput {
  electionId: string;
  opensAt: string;
  /** When the credentials held until the start go out: the committee's send time, else opensAt. */
  credentialsAt: string;
  closesAt: string;
  /** The reminder times, in order; the workflow waits for each in turn. */
  reminders: string[];
}

/**
 * Starts the workflow that opens (when scheduled), closes, tallies, mails and publishes an
 * election. One execution per election: starting it again while it runs changes nothing.
 */
export interface LifecycleStarter {
  startLifecycle(input: LifecycleInput): Promise<void>;
  /** Runs the workflow again after it stopped at a failed step; `attempt` counts the election's retries. */
  resumeLifecycle(input: LifecycleInput, attempt: number): Promise<void>;
  /** Ends the wait of the task holding this token (the workflow waiting for the committee to open a sealed box); a wait already ended is left so. */
  endWait(taskToken: string): Promise<void>;
}
