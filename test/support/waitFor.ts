import { setTimeout as delay } from 'node:timers/promises';

export interface WaitOptions {
  /** How long to keep asking; 20 s unless said. */
  timeoutMs?: number;
  /** The pause between two questions; 100 ms unless said. */
  intervalMs?: number;
  /** What the failure says; by default how long it waited. */
  gaveUp?: () => string;
}

/**
 * The probe's first answer other than `undefined` or `false`, asked again until it has one: for
 * what happens on its own time (a workflow step, a mail leaving the outbox, a spawned stack).
 * Fails once `timeoutMs` has passed without one.
 */
export async function waitFor<T>(probe: () => Promise<T | undefined | false>, { timeoutMs = 20_000, intervalMs = 100, gaveUp }: WaitOptions = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await probe();
    if (answer !== undefined && answer !== false) return answer;
    if (Date.now() > deadline) throw new Error(gaveUp?.() ?? `gave up waiting after ${timeoutMs} ms (at ${new Date().toISOString()})`);
    await delay(intervalMs);
  }
}
