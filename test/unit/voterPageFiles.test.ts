import { describe, expect, it } from 'vitest';
import { voterPageFile } from '../../infra/local/voterPageFiles';
import { VOTER_PAGE_HEADERS } from '../../infra/voterPage';

describe('the local stack serving the voter page', () => {
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

  it('serves nothing outside web/vote and nothing that is not a page file', async () => {
    for (const path of ['/vote/../package.json', '/vote/%2e%2e/package.json', '/vote/..%2Fpackage.json', '/vote/sub/app.js', '/vote/missing.js', '/vote/tsconfig.json', '/votex', '/elections/x']) {
      expect(await voterPageFile(path), path).toBeUndefined();
    }
  });
});
