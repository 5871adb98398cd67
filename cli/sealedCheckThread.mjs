// A worker thread of `audit verify` (cli/sealedCheckThreads.ts): it runs each sealed box check it
// is sent with the domain's own code, in TypeScript through tsx as the command line runs, and
// answers `{ index, verdict }`, or `{ index, error }` for a check that could not run.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runSealedCheckJob } = await import('../domain/sealedBox/sealedCheckJobs.ts');

parentPort.on('message', ({ index, job }) => {
  try {
    parentPort.postMessage({ index, verdict: runSealedCheckJob(job) });
  } catch (error) {
    parentPort.postMessage({ index, error: error instanceof Error ? error.message : String(error) });
  }
});
