// @ts-check
/**
 * The page's side of the verifier's Web Workers (web/lib/verifier-worker.ts, served as
 * `/lib/verifier-worker.js`): a sealed box's checks shared among `size` workers, each taking the
 * next check as it finishes one. A check whose worker failed to load or to run it is answered with
 * no verdict, and the verifier then checks it on the page's own thread: a browser that blocks the
 * workers still verifies, only more slowly.
 * @typedef {import('../lib/verifier.js').SealedCheckRunner} SealedCheckRunner
 * @typedef {import('../lib/verifier-worker.js').VerifierWorkerReply} VerifierWorkerReply
 * @typedef {{ done: number, total: number }} SealedProgress
 */

/**
 * @param {number} size
 * @param {(progress: SealedProgress) => void} onProgress
 * @returns {SealedCheckRunner}
 */
export function verifierWorkers(size, onProgress) {
  return (jobs) =>
    new Promise((resolve) => {
      /** @type {Awaited<ReturnType<SealedCheckRunner>>[number][]} */
      const verdicts = new Array(jobs.length);
      let next = 0;
      let answered = 0;
      const pool = Array.from({ length: Math.min(size, jobs.length) }, () => ({ worker: new Worker('/lib/verifier-worker.js', { type: 'module', name: 'verifier' }), busy: false }));
      const answer = () => onProgress({ done: (answered += 1), total: jobs.length });
      /** Gives the member the next check, or lets it go; the last to go answers every verdict. @param {(typeof pool)[number]} member */
      const give = (member) => {
        member.busy = next < jobs.length;
        if (member.busy) member.worker.postMessage({ index: next, job: jobs[next] });
        else member.worker.terminate();
        next += 1;
        if (pool.every((m) => !m.busy)) resolve(verdicts);
      };
      for (const member of pool) {
        member.worker.addEventListener('message', (/** @type {MessageEvent<VerifierWorkerReply>} */ event) => {
          if ('verdict' in event.data) verdicts[event.data.index] = event.data.verdict;
          answer();
          give(member);
        });
        // A worker that cannot load, or dies, leaves its check and those not given out to the page's thread.
        member.worker.addEventListener('error', () => {
          if (!member.busy) return;
          answer();
          next = jobs.length;
          give(member);
        });
      }
      onProgress({ done: 0, total: jobs.length });
      for (const member of pool) give(member);
    });
}
