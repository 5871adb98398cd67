// @ts-check
/**
 * The page's side of the trustee's Web Worker (web/lib/trustee-worker.ts, served as
 * `/lib/trustee-worker.js`): one worker per tab, which holds the trustee's secrets for as long as
 * the tab is open. Each job is a promise; a job that reports its progress calls `onProgress`.
 * @typedef {import('../lib/trustee-worker.js').TrusteeJobs} TrusteeJobs
 * @typedef {import('../lib/trustee-worker.js').TrusteeWorkerReply} TrusteeWorkerReply
 * @typedef {import('../lib/trustee-worker.js').Progress} Progress
 */

/** A job the worker could not do: its reason, in the worker's English. */
export class WorkerError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'WorkerError';
  }
}

export function trusteeWorker() {
  const worker = new Worker('/lib/trustee-worker.js', { type: 'module', name: 'trustee' });
  /** @type {Map<number, { resolve: (result: any) => void, reject: (error: Error) => void, onProgress: (progress: Progress) => void }>} */
  const pending = new Map();
  let next = 0;
  worker.addEventListener('message', (/** @type {MessageEvent<TrusteeWorkerReply>} */ event) => {
    const reply = event.data;
    const job = pending.get(reply.id);
    if (job === undefined) return;
    if ('progress' in reply) return job.onProgress(reply.progress);
    pending.delete(reply.id);
    if ('error' in reply) job.reject(new WorkerError(reply.error));
    else job.resolve(reply.result);
  });
  // A worker that fails to load or dies fails every job waiting on it, said plainly.
  worker.addEventListener('error', (event) => {
    for (const job of pending.values()) job.reject(new WorkerError(event.message || 'the worker stopped'));
    pending.clear();
  });
  return {
    /**
     * @template {keyof TrusteeJobs} Job
     * @param {Job} job
     * @param {TrusteeJobs[Job]['input']} input
     * @param {(progress: Progress) => void} [onProgress]
     * @returns {Promise<TrusteeJobs[Job]['result']>}
     */
    run(job, input, onProgress = () => {}) {
      const id = (next += 1);
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, onProgress });
        worker.postMessage({ id, job, input });
      });
    },
  };
}
