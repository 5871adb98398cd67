import type { CommitteeWait, CommitteeWaits, Deps } from '../ports';

/** Ends the workflow's wait for what the committee just did, if the workflow has got there (else it finds it done itself when it does). */
export async function endCommitteeWait(deps: { store: CommitteeWaits } & Pick<Deps, 'lifecycle'>, electionId: string, wait: CommitteeWait): Promise<void> {
  const taskToken = await deps.store.waitToken(electionId, wait);
  if (taskToken !== undefined) await deps.lifecycle.endWait(taskToken);
}
