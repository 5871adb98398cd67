/**
 * The one retry loop of the system: exponential backoff, a bounded number of tries.
 *
 * It stacks on the AWS SDK's own retries (standard mode: 3 tries within well under a second) in
 * three places only, where that is meant:
 * - mail delivery (`handlers/mail/deliver.ts`): SES refuses by the second (MaxSendRate), which the
 *   SDK's quick retries do not outlast; these waits do, and an outbox item that still fails goes
 *   back to the queue with a later due time (a due time, not a wait here);
 * - the breach alert (`handlers/breach/recordBreaches.ts`): observers must hear of a breach in
 *   seconds, not at Lambda's own redelivery a minute or more later;
 * - a DynamoDB batch's unprocessed part (`handlers/adapters/batchDelete.ts`): a throttled table
 *   answers a batch in part, with no error for the SDK to retry, and DynamoDB asks for backoff.
 * The CLI's calls (`cli/apiClient.ts`) go over plain fetch, with no SDK retry beneath. Every other
 * DynamoDB call keeps the SDK's retries alone: a stream conflict is decided again on fresh state
 * (`handlers/runCommand.ts`), which is no backoff.
 */
export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts: number;
  /** The wait after the first failure; each later one doubles, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs?: number;
  /** False for a failure no retry can fix: it is thrown at once. */
  retryable?: (error: unknown) => boolean;
  /** Told of each failure, the last one too (to log it). */
  onFailure?: (error: unknown, attempt: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until it resolves; throws the last failure when the tries run out or it is not retryable. */
export async function retry<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { attempts, baseDelayMs, maxDelayMs = Number.POSITIVE_INFINITY, retryable = () => true, onFailure, sleep = realSleep } = options;
  for (let n = 1; ; n += 1) {
    try {
      return await attempt(n);
    } catch (error) {
      onFailure?.(error, n);
      if (n >= attempts || !retryable(error)) throw error;
      await sleep(Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1)));
    }
  }
}

/** What a failure is called in logs and records: its name, never its message (which may quote an address). */
export function errorName(error: unknown): string {
  const name = (error as { name?: unknown } | null | undefined)?.name;
  return typeof name === 'string' && name ? name : 'Error';
}
