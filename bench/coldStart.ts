import { execFile } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { esbuildOptions } from '../infra/bundling';
import { ALL_FUNCTIONS } from '../infra/lambdaFunctions';

export interface ColdStartFigures {
  fn: string;
  bundleKb: number;
  importMs: number;
}

/**
 * Each Lambda bundle as deployed, loaded by a fresh Node process: its size and how long the
 * import takes (the AWS SDK, outside the bundle, resolves from node_modules as the runtime's would).
 */
export async function benchColdStarts(): Promise<ColdStartFigures[]> {
  const dir = resolve('.local/bench/bundles');
  mkdirSync(dir, { recursive: true });
  const figures: ColdStartFigures[] = [];
  for (const spec of ALL_FUNCTIONS) {
    const outfile = `${dir}/${spec.id}.cjs`;
    await build({ ...esbuildOptions(spec), outfile });
    const probe = `const t = performance.now(); require(${JSON.stringify(outfile)}); console.log(performance.now() - t);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', probe]);
    figures.push({ fn: spec.id, bundleKb: statSync(outfile).size / 1024, importMs: Number(stdout.trim()) });
  }
  return figures;
}
