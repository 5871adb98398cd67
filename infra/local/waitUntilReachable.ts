/** Polls a URL until anything answers over HTTP; gives up at the deadline or when the process died. */
export async function waitUntilReachable(url: string, timeoutMs: number, died?: Promise<void>): Promise<void> {
  let dead = false;
  void died?.then(() => (dead = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (dead) throw new Error('the process exited');
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`nothing answered at ${url} within ${timeoutMs} ms`);
}
