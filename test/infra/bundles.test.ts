import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BUNDLE_LIMIT_BYTES, bundleSize, esbuildOptions } from '../../infra/bundling';
import { ALL_FUNCTIONS, API_FUNCTIONS, TASK_FUNCTIONS } from '../../infra/lambdaFunctions';
import { officialRecordWriter } from '../../record';
import { recordElectionLog } from '../support/recordElection';

describe('Lambda bundles', () => {
  it.each(ALL_FUNCTIONS.map((spec) => [`${spec.id} stays under ${(spec.bundleLimitBytes ?? BUNDLE_LIMIT_BYTES) / 1024} KB minified`, spec] as const))('%s', async (_, spec) => {
    expect(await bundleSize(spec)).toBeLessThan(spec.bundleLimitBytes ?? BUNDLE_LIMIT_BYTES);
  });

  // The PDF library and its fonts are the record's functions' alone: the API's, and the workflow's that issues the record.
  const recordWriters = [API_FUNCTIONS.record.id, TASK_FUNCTIONS.IssueRecord.id];
  it.each(ALL_FUNCTIONS.filter((spec) => !recordWriters.includes(spec.id)).map((spec) => [spec.id, spec] as const))('%s holds no PDF library', async (_, spec) => {
    const { metafile } = await build({ ...esbuildOptions(spec), write: false, outfile: 'index.js', metafile: true });
    expect(Object.keys(metafile.inputs).filter((input) => /node_modules\/(pdf-lib|@pdf-lib)\/|^record\//.test(input))).toEqual([]);
  });

  // The rehearsal's movable clock and the local stand-ins' delivery paths exist on the local stack only.
  it.each(ALL_FUNCTIONS.map((spec) => [spec.id, spec] as const))('%s holds nothing of the local stack', async (_, spec) => {
    const { metafile } = await build({ ...esbuildOptions(spec), write: false, outfile: 'index.js', metafile: true });
    expect(Object.keys(metafile.inputs).filter((input) => input.startsWith('infra/local/'))).toEqual([]);
  });

  it('ApiRecord, bundled as deployed with the files the stack copies beside it, writes the very record the source writes', async () => {
    const spec = API_FUNCTIONS.record;
    // Inside the repository, where the AWS SDK the runtime provides resolves from node_modules.
    mkdirSync('.local', { recursive: true });
    const root = mkdtempSync(join('.local', 'api-record-'));
    // CommonJS, as Lambda runs it: .cjs, since this package is ESM.
    await build({ ...esbuildOptions(spec), outfile: join(root, 'index.cjs') });
    for (const file of spec.files ?? []) copyFileSync(file, join(root, basename(file)));
    const saved = process.env.LAMBDA_TASK_ROOT;
    process.env.LAMBDA_TASK_ROOT = resolve(root);
    try {
      const { officialRecords } = createRequire(import.meta.url)(resolve(root, 'index.cjs')) as typeof import('../../handlers/lambda/apiRecord');
      const log = recordElectionLog();
      expect(Buffer.from(await officialRecords.pdf(log, 'de')).equals(Buffer.from(await officialRecordWriter().pdf(log, 'de')))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.LAMBDA_TASK_ROOT;
      else process.env.LAMBDA_TASK_ROOT = saved;
      rmSync(root, { recursive: true, force: true });
    }
  });
});
