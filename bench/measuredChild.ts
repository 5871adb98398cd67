import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export interface ChildFigures {
  code: number;
  seconds: number;
  maxRssKb: number;
  /** What it printed, to show when it failed. */
  output: string;
}

/** Runs code that ends with process.exit in a fresh Node process, and reports its exit code, how long it took, and its peak memory. */
export async function measuredChild(code: string[], args: string[]): Promise<ChildFigures> {
  const probe = [
    'const t = performance.now();',
    "const report = (code) => { process.stderr.write('\\n' + JSON.stringify({ code, seconds: (performance.now() - t) / 1000, maxRssKb: process.resourceUsage().maxRSS }) + '\\n'); process.reallyExit(code ?? 0); };",
    'process.exit = report;',
    ...code,
  ].join('\n');
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe, ...args], { maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: { stdout: string; stderr: string }) => error,
  );
  const last = stderr.trim().split('\n').at(-1) ?? '';
  if (!last.startsWith('{')) return { code: 1, seconds: 0, maxRssKb: 0, output: `${stdout}\n${stderr}` };
  return { ...(JSON.parse(last) as Omit<ChildFigures, 'output'>), output: stdout };
}

/** `audit verify <file>` as an auditor runs it, in a process of its own; a file that does not verify throws with the report. */
export async function measuredAuditVerify(file: string): Promise<ChildFigures> {
  const verified = await measuredChild(["process.argv = [process.argv[0], 'cli/main.ts', 'audit', 'verify', process.argv[1]];", "await import('./cli/main.ts');"], [file]);
  if (verified.code !== 0) throw new Error(`audit verify failed on ${file}:\n${verified.output}`);
  return verified;
}
