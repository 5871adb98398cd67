import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import type { Readable } from 'node:stream';
import { localFiles } from '../../infra/local/webFiles';
import { VOTER_PAGE_HEADERS } from '../../infra/webPages';

const auditExportDir = mkdtempSync(join(tmpdir(), 'web-files-'));
const voterPageFile = localFiles({ auditExportDir });

describe('the local stack serving the pages', () => {
  it('serves the index at /vote and /vote/, and the page files by name, with the same headers as CloudFront', async () => {
    for (const path of ['/vote', '/vote/', '/vote/index.html']) {
      const file = await voterPageFile(path);
      expect(file?.headers).toEqual({ ...VOTER_PAGE_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      expect(file?.body.toString()).toContain('<script type="module" src="/vote/app.js">');
    }
    expect((await voterPageFile('/vote/app.js'))?.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await voterPageFile('/vote/style.css'))?.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('sends the bare address to the page', async () => {
    expect(await voterPageFile('/')).toMatchObject({ status: 302, headers: { location: '/vote' } });
  });

  it('serves the console, the observers view and the trustees page the same way, each from its own directory', async () => {
    for (const page of ['admin', 'observe', 'trustee']) {
      for (const path of [`/${page}`, `/${page}/`]) {
        const file = await voterPageFile(path);
        expect(file?.headers).toEqual({ ...VOTER_PAGE_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
        expect(file?.body.toString()).toContain(`<script type="module" src="/${page}/app.js">`);
      }
    }
  });

  it('serves a published audit export on the same origin, as stored, with the headers S3 sends', async () => {
    writeFileSync(join(auditExportDir, 'council.0000000042.ndjson.gz'), 'gzipped bytes');
    const file = await voterPageFile('/audit-logs/council.0000000042.ndjson.gz');
    expect(file?.headers).toMatchObject({ 'content-encoding': 'gzip', 'content-disposition': 'attachment; filename="council-audit-log.ndjson"', 'content-length': '13' });
    expect(await text(file!.body as Readable)).toBe('gzipped bytes');
    for (const path of ['/audit-logs/council.42.ndjson.gz', '/audit-logs/../package.json', '/audit-logs/missing.0000000001.ndjson.gz']) expect(await voterPageFile(path), path).toBeUndefined();
  });

  it('serves nothing outside web/vote and nothing that is not a page file', async () => {
    for (const path of [
      '/vote/../package.json',
      '/vote/%2e%2e/package.json',
      '/vote/..%2Fpackage.json',
      '/vote/sub/app.js',
      '/vote/missing.js',
      '/vote/tsconfig.json',
      '/votex',
      '/elections/x',
      '/admin/../vote/app.js',
      '/observex',
      '/trusteex',
      '/lib/node-crypto.js',
      '/lib/missing.js',
      '/lib/../infra/app.js',
    ]) {
      expect(await voterPageFile(path), path).toBeUndefined();
    }
  });
});
