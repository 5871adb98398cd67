import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BUNDLE_LIMIT_BYTES, bundleSize, esbuildOptions } from '../../infra/bundling';
import { ALL_FUNCTIONS, API_FUNCTIONS } from '../../infra/lambdaFunctions';

describe('Lambda bundles', () => {
  it.each(ALL_FUNCTIONS.map((spec) => [`${spec.id} stays under ${(spec.bundleLimitBytes ?? BUNDLE_LIMIT_BYTES) / 1024} KB minified`, spec] as const))('%s', async (_, spec) => {
    expect(await bundleSize(spec)).toBeLessThan(spec.bundleLimitBytes ?? BUNDLE_LIMIT_BYTES);
  });

  // The PDF library and its fonts are the record's function's alone.
  it.each(ALL_FUNCTIONS.filter((spec) => spec.id !== API_FUNCTIONS.record.id).map((spec) => [spec.id, spec] as const))('%s holds no PDF library', async (_, spec) => {
    const { metafile } = await build({ ...esbuildOptions(spec), write: false, outfile: 'index.js', metafile: true });
    expect(Object.keys(metafile.inputs).filter((input) => /node_modules\/(pdf-lib|@pdf-lib)\/|^record\//.test(input))).toEqual([]);
  });

  // The rehearsal's movable clock and the local stand-ins' delivery paths exist on the local stack only.
  it.each(ALL_FUNCTIONS.map((spec) => [spec.id, spec] as const))('%s holds nothing of the local stack', async (_, spec) => {
    const { metafile } = await build({ ...esbuildOptions(spec), write: false, outfile: 'index.js', metafile: true });
    expect(Object.keys(metafile.inputs).filter((input) => input.startsWith('infra/local/'))).toEqual([]);
  });
});
