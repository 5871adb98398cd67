import { deletePersonalData, type DeletionDeps, type DeletionOutcome } from './deletePersonalData';

/** An election whose deletion failed this time: the next sweep tries again. */
export interface FailedDeletion {
  outcome: 'failed';
  electionId: string;
  error: string;
}

/**
 * Once a day (and as the local stack starts): every election whose personal data is due is
 * deleted, and every deletion a crash cut short is finished. One election's failure is logged
 * and stops no other; the sweep then fails, so that the operators' alarm on the function sees it.
 */
export async function sweepPersonalData(deps: DeletionDeps): Promise<(DeletionOutcome | FailedDeletion)[]> {
  const outcomes: (DeletionOutcome | FailedDeletion)[] = [];
  for (const electionId of await deps.store.listElectionIds()) {
    try {
      outcomes.push(await deletePersonalData(deps, electionId));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.log.error('the deletion of personal data failed', { electionId, error: message });
      outcomes.push({ outcome: 'failed', electionId, error: message });
    }
  }
  return outcomes;
}
