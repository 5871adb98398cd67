import { createServer } from 'node:net';

/**
 * Ports are taken from a band of this worker's own, below Linux's ephemeral range (32768–60999),
 * where the system hands out ports for `listen(0)` and outgoing connections: test files running
 * side by side in other workers, and the connections they open, never land on a port one of them
 * was just given but has not bound yet.
 */
const BAND = 500;
const FIRST = 20_000 + ((Number(process.env.VITEST_POOL_ID ?? 1) - 1) % 20) * BAND;
// Each run starts at its own place in the band, so that two runs side by side (a developer's and
// an editor's, say) do not probe the same ports in the same order and race for them.
let next = Math.floor(Math.random() * BAND);

/** A TCP port on loopback that nothing listens on right now (on any interface, as DynamoDB Local binds). */
export async function freePort(): Promise<number> {
  for (let tried = 0; tried < BAND; tried += 1) {
    const port = FIRST + (next++ % BAND);
    if (await free(port)) return port;
  }
  throw new Error(`no free port in ${FIRST}–${FIRST + BAND - 1}`);
}

function free(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}
