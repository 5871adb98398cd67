import { runSealedCheckJob, type SealedCheckJob } from '../../domain/sealedBox/sealedCheckJobs';
import type { SealedCheckVerdict } from '../../domain/crypto/sealedChecks';

/**
 * A Web Worker of the observers' view's verifier, served as `/lib/verifier-worker.js`: it runs the
 * sealed box's checks the page sends (web/lib/verifier.ts starts one per core) with the domain's
 * own code, as `audit verify`'s threads do. The page sends `{ index, job }`; the worker answers
 * `{ index, verdict }`, or `{ index, error }` for a check that could not run.
 */
export type VerifierWorkerRequest = { index: number; job: SealedCheckJob };
export type VerifierWorkerReply = { index: number; verdict: SealedCheckVerdict | undefined } | { index: number; error: string };

const reply = (message: VerifierWorkerReply) => self.postMessage(message);

self.addEventListener('message', (event: MessageEvent<VerifierWorkerRequest>) => {
  const { index, job } = event.data;
  try {
    reply({ index, verdict: runSealedCheckJob(job) });
  } catch (error) {
    reply({ index, error: error instanceof Error ? error.message : String(error) });
  }
});
