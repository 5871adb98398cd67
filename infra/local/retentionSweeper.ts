import { setTimeout as delay } from 'node:timers/promises';
import type { DeletionDeps } from '../../handlers/usecases/deletePersonalData';
import { sweepPersonalData } from '../../handlers/usecases/retentionSweep';
import type { Sleep } from '../../workflows/localRunner';

/** As on AWS, where a schedule runs it daily; locally hourly, as a stack that runs only now and then should not miss a day. */
export const LOCAL_SWEEP_EVERY_MS = 3_600_000;

/**
 * The local stack's sweep of personal data: as it starts, and every LOCAL_SWEEP_EVERY_MS after.
 * With a rehearsal clock, moving the clock ends the sleep, so a rehearsal that moves past the
 * challenge period sees its deletion at once. A failed sweep is logged and tried again next time.
 */
export function startLocalRetentionSweeper(deps: DeletionDeps, { sleep = (ms, signal) => delay(ms, undefined, { signal }) }: { sleep?: Sleep } = {}): { stop(): Promise<void> } {
  const stopped = new AbortController();
  const loop = (async () => {
    while (!stopped.signal.aborted) {
      await sweepPersonalData(deps).catch((error: Error) => deps.log.warn('the sweep of personal data failed', { error: error.name, detail: error.message }));
      await sleep(LOCAL_SWEEP_EVERY_MS, stopped.signal).catch(() => undefined);
    }
  })();
  return {
    async stop() {
      stopped.abort();
      await loop;
    },
  };
}
