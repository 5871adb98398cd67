import { readFile } from 'node:fs/promises';
import { VOTER_PAGE_DIR, VOTER_PAGE_HEADERS } from '../voterPage';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

export interface StaticFile {
  status: 200 | 302;
  body: Buffer;
  headers: Record<string, string>;
}

/**
 * What CloudFront does for the page on AWS (infra/cloudfront/voterPageRequest.js): `/` goes to
 * `/vote`, `/vote` and `/vote/` are its index, `/vote/<file>` a file of web/vote. Only plain file
 * names are looked up, so no path can leave the directory. Files are read per request: an edit shows on reload, without restarting the stack.
 */
export async function voterPageFile(path: string): Promise<StaticFile | undefined> {
  if (path === '/') return { status: 302, body: Buffer.alloc(0), headers: { location: '/vote' } };
  const name = path === '/vote' || path === '/vote/' ? 'index.html' : /^\/vote\/([a-z0-9-]+\.(?:html|js|css|svg))$/.exec(path)?.[1];
  if (!name) return undefined;
  const body = await readFile(VOTER_PAGE_DIR + name).catch(() => undefined);
  if (!body) return undefined;
  return { status: 200, body, headers: { ...VOTER_PAGE_HEADERS, 'content-type': TYPES[name.split('.').pop()!]!, 'cache-control': 'no-cache' } };
}
