import { BULK_LIMIT, type Deps } from '../ports';
import { lifecycleInput, type MailBatch } from './input';

/**
 * Splits the voter roll into batches of at most 50, each named by its first and last student id,
 * so that the workflow's payload stays small however large the roll is.
 */
export const planResultMail = (deps: Deps) => async (raw: unknown): Promise<{ batches: MailBatch[] }> => {
  const { electionId } = lifecycleInput.parse(raw);
  const voters = await deps.store.listVoters(electionId);
  const batches: MailBatch[] = [];
  for (let i = 0; i < voters.length; i += BULK_LIMIT) {
    const slice = voters.slice(i, i + BULK_LIMIT);
    batches.push({ electionId, batch: batches.length, first: slice[0]!.studentId, last: slice.at(-1)!.studentId });
  }
  return { batches };
};
