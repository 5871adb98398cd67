import type { RandomBytes } from '../../domain/crypto/group';
import { type Progress, TrusteeSecrets } from './trustee/trusteeSecrets';

/**
 * The trustee page's Web Worker, served as `/lib/trustee-worker.js`: it holds the trustee's
 * secrets (web/lib/trustee/trusteeSecrets.ts) and does the trustee's arithmetic, so that the
 * secrets never reach the page's own script and the page stays responsive through scrypt, a
 * shuffle and its proof, or thousands of decryption shares. The page sends `{ id, job, input }`;
 * the worker answers `{ id, progress }` while a job runs, then `{ id, result }` or `{ id, error }`.
 */

/** The browser's cryptographically secure source, in the 64 KiB pieces getRandomValues gives at a time. */
const browserRandom: RandomBytes = (n) => {
  const bytes = new Uint8Array(n);
  for (let start = 0; start < n; start += 65_536) crypto.getRandomValues(bytes.subarray(start, Math.min(n, start + 65_536)));
  return bytes;
};

export type TrusteeJobName = 'certify' | 'resume' | 'deal' | 'review' | 'openShare' | 'mix' | 'decrypt';
/** Each job's input and result, as the page sends and receives them. */
export type TrusteeJobs = { [Job in TrusteeJobName]: { input: Parameters<TrusteeSecrets[Job]>[0]; result: Awaited<ReturnType<TrusteeSecrets[Job]>> } };
export type TrusteeWorkerRequest = { [Job in TrusteeJobName]: { id: number; job: Job; input: TrusteeJobs[Job]['input'] } }[TrusteeJobName];
export type TrusteeWorkerReply = { id: number; result: unknown } | { id: number; progress: Progress } | { id: number; error: string };
export type { Progress };

const secrets = new TrusteeSecrets(browserRandom);

/** Runs one job; those that take long report their progress. */
function run(request: TrusteeWorkerRequest, onProgress: (progress: Progress) => void): unknown {
  switch (request.job) {
    case 'certify':
      return secrets.certify(request.input);
    case 'resume':
      return secrets.resume(request.input);
    case 'deal':
      return secrets.deal(request.input);
    case 'review':
      return secrets.review(request.input);
    case 'openShare':
      return secrets.openShare(request.input);
    case 'mix':
      return secrets.mix(request.input, onProgress);
    case 'decrypt':
      return secrets.decrypt(request.input, onProgress);
  }
}

const reply = (message: TrusteeWorkerReply) => self.postMessage(message);

self.addEventListener('message', (event: MessageEvent<TrusteeWorkerRequest>) => {
  const request = event.data;
  Promise.resolve()
    .then(() => run(request, (progress) => reply({ id: request.id, progress })))
    .then(
      (result) => reply({ id: request.id, result }),
      (error: unknown) => reply({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
    );
});
