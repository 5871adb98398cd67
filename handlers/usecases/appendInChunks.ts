import { ok, type Result } from '../../domain';

export interface ChunksAppended {
  appended: number;
  /** Why the rest were not appended, when a refusal stopped the run after some were. */
  stoppedEarly?: string;
}

/**
 * Appends items a chunk (one transaction) at a time, for requests that write thousands of voters.
 * A write refused for some of a chunk's items (already there, changed meanwhile) throws; `retry`
 * takes those out and answers what of the chunk to try again (and rethrows anything else). A
 * refusal by the domain stops the run: before anything was appended it is the answer, after that
 * the items so far stay appended and `stoppedEarly` says why the rest were not.
 */
export async function appendInChunks<T>(
  items: readonly T[],
  size: number,
  append: (chunk: T[]) => Promise<Result<unknown>>,
  retry: (error: unknown, chunk: T[]) => T[],
): Promise<Result<ChunksAppended>> {
  let appended = 0;
  for (let i = 0; i < items.length; i += size) {
    let chunk = items.slice(i, i + size);
    while (chunk.length > 0) {
      const attempt = chunk;
      let applied: Result<unknown>;
      try {
        applied = await append(attempt);
      } catch (error) {
        chunk = retry(error, attempt);
        continue;
      }
      if (!applied.ok) return appended === 0 ? applied : ok({ appended, stoppedEarly: applied.error.message });
      appended += attempt.length;
      chunk = [];
    }
  }
  return ok({ appended });
}
