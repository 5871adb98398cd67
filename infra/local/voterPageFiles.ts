import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { VOTER_PAGE_HEADERS } from '../voterPageHeaders';

/** The voter page's files, deployed as they are to S3 under `vote/` (see infra/voterSite.ts). */
export const VOTER_PAGE_DIR = fileURLToPath(new URL('../../web/vote/', import.meta.url));

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

export interface StaticFile {
  body: Buffer;
  headers: Record<string, string>;
}

/**
 * What CloudFront does for the page on AWS: `/vote` and `/vote/` are its index, `/vote/<file>` a
 * file of web/vote. Only plain file names are looked up, so no path can leave the directory.
 * Files are read per request: an edit shows on reload, without restarting the stack.
 */
export async function voterPageFile(path: string): Promise<StaticFile | undefined> {
  const name = path === '/vote' || path === '/vote/' ? 'index.html' : /^\/vote\/([a-z0-9-]+\.(?:html|js|css|svg))$/.exec(path)?.[1];
  if (!name) return undefined;
  const body = await readFile(VOTER_PAGE_DIR + name).catch(() => undefined);
  if (!body) return undefined;
  return { body, headers: { ...VOTER_PAGE_HEADERS, 'content-type': TYPES[name.split('.').pop()!]!, 'cache-control': 'no-cache' } };
}
