import { execFile } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import { writeSyntheticExport } from './syntheticExport';

export interface ReplayFigures {
  ballots: number;
  fileMb: number;
  seconds: number;
  peakMemoryMb: number;
  verified: boolean;
}

/** `audit verify` on an export of a million ballots, in its own process, timed, with its peak memory. */
export async function benchReplay(count = 1_000_000): Promise<ReplayFigures> {
  mkdirSync('.local/bench', { recursive: true });
  const path = '.local/bench/replay-export.ndjson';
  await writeSyntheticExport(path, count);
  const probe = [
    'const t = performance.now();',
    "process.argv = [process.argv[0], 'cli/main.ts', 'audit', 'verify', process.argv[1]];",
    "process.exit = (code) => { process.stderr.write(JSON.stringify({ code, seconds: (performance.now() - t) / 1000, maxRssKb: process.resourceUsage().maxRSS }) + '\\n'); process.reallyExit(code ?? 0); };",
    "await import('./cli/main.ts');",
  ].join('\n');
  const { stderr, stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe, path], { maxBuffer: 16 * 1024 * 1024 }).catch(
    (error: { stderr: string; stdout: string }) => error,
  );
  const measured = JSON.parse(stderr.trim().split('\n').at(-1)!) as { code: number; seconds: number; maxRssKb: number };
  if (measured.code !== 0) throw new Error(`audit verify failed on a valid export:\n${stdout}`);
  return { ballots: count, fileMb: statSync(path).size / 2 ** 20, seconds: measured.seconds, peakMemoryMb: measured.maxRssKb / 1024, verified: measured.code === 0 };
}
