import { Worker } from 'node:worker_threads';
import type { SealedCheckRunner } from '../domain';

type Reply = { index: number; verdict: Awaited<ReturnType<SealedCheckRunner>>[number] } | { index: number; error: string };

/**
 * Runs a sealed box's checks on `threads` worker threads (cli/sealedCheckThread.mjs), each taking
 * the next check as it finishes one, and answers their verdicts in the checks' order. The threads
 * are started for one export and ended when its checks are done, or at the first that fails to run.
 * @param onProgress called with the checks done so far and their number
 */
export function sealedCheckThreads(threads: number, onProgress: (done: number, total: number) => void = () => {}): SealedCheckRunner {
  return (jobs) =>
    new Promise((resolve, reject) => {
      const verdicts: Awaited<ReturnType<SealedCheckRunner>>[number][] = new Array(jobs.length);
      const workers = Array.from({ length: Math.min(threads, jobs.length) }, () => new Worker(new URL('./sealedCheckThread.mjs', import.meta.url), { execArgv: threadArgv() }));
      let next = 0;
      let done = 0;
      let settled = false;
      const end = (error?: Error) => {
        if (settled) return;
        settled = true;
        for (const worker of workers) void worker.terminate();
        if (error) reject(error);
        else resolve(verdicts);
      };
      const give = (worker: Worker) => {
        if (next < jobs.length) {
          worker.postMessage({ index: next, job: jobs[next] });
          next += 1;
        }
      };
      onProgress(0, jobs.length);
      for (const worker of workers) {
        worker.on('message', (reply: Reply) => {
          if ('error' in reply) return end(new Error(`a check of the sealed box could not run: ${reply.error}`));
          verdicts[reply.index] = reply.verdict;
          done += 1;
          onProgress(done, jobs.length);
          if (done === jobs.length) end();
          else give(worker);
        });
        worker.on('error', (error) => end(error));
        worker.on('exit', (code) => end(new Error(`a thread checking the sealed box stopped (exit code ${code})`)));
        give(worker);
      }
    });
}

/**
 * The Node options a thread runs with: this process's (the tsx loader among them), but for those
 * that only an inline script takes (`--input-type`, as when the CLI is started by `node -e`), with
 * which a thread, started from a file, would fail at once.
 */
const threadArgv = (): string[] => process.execArgv.filter((option, i, all) => !option.startsWith('--input-type') && all[i - 1] !== '--input-type');
