import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { auditExportFile } from '../../handlers/adapters/directoryAuditExportStore';
import { AUDIT_EXPORT_PREFIX } from '../../handlers/adapters/auditExportFiles';
import { buildWebBundle, WEB_BUNDLE_PREFIX } from '../webBundles';
import { pageDir, VOTER_PAGE_HEADERS, WEB_PAGES, type WebPage } from '../webPages';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

export interface StaticFile {
  status: 200 | 302;
  body: Buffer | Uint8Array | Readable;
  headers: Record<string, string>;
}

const PAGE_FILE = new RegExp(`^/(${WEB_PAGES.join('|')})(?:/?|/([a-z0-9-]+\\.(?:html|js|css|svg)))$`);
const BUNDLE_FILE = new RegExp(`^/${WEB_BUNDLE_PREFIX}([a-z][a-z0-9-]*)\\.js$`);
const EXPORT_FILE = new RegExp(`^/${AUDIT_EXPORT_PREFIX}(.+)$`);

const served = (body: Buffer | Uint8Array, type: string): StaticFile => ({ status: 200, body, headers: { ...VOTER_PAGE_HEADERS, 'content-type': type, 'cache-control': 'no-cache' } });

/**
 * What CloudFront does on AWS (infra/cloudfront/pageRequest.js and the exports behaviour): `/`
 * goes to `/vote`; `/vote`, `/admin`, `/observe` and `/trustee` (with or without a slash) are each page's
 * index, `/<page>/<file>` a file of web/<page>; `/lib/<name>.js` is a browser bundle of
 * web/lib/<name>.ts; `/audit-logs/<file>` is a published audit export, on the pages' own origin so
 * that the observers' view may fetch it. Only plain file names are looked up, so no path can leave
 * its directory. Files and bundles are read per request: an edit shows on reload, without
 * restarting the stack.
 */
export function localFiles({ auditExportDir }: { auditExportDir: string }) {
  return async (path: string): Promise<StaticFile | undefined> => {
    if (path === '/') return { status: 302, body: Buffer.alloc(0), headers: { location: '/vote' } };
    const page = PAGE_FILE.exec(path);
    if (page) {
      const name = page[2] ?? 'index.html';
      const body = await readFile(pageDir(page[1] as WebPage) + name).catch(() => undefined);
      return body && served(body, TYPES[name.split('.').pop()!]!);
    }
    const bundle = BUNDLE_FILE.exec(path);
    if (bundle) {
      const body = await buildWebBundle(bundle[1]!);
      return body && served(body, TYPES.js!);
    }
    const exported = EXPORT_FILE.exec(path);
    if (exported) {
      const file = await auditExportFile(auditExportDir, `/${exported[1]}`);
      return file && { status: 200, body: file.open(), headers: { ...file.headers, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' } };
    }
    return undefined;
  };
}
