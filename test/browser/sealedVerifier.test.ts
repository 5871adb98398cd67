import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditLine } from '../../domain';
import type { ApiEvent, ApiResponse } from '../../handlers/api/http';
import { serveApi, type RunningApi } from '../../infra/local/apiServer';
import { localFiles } from '../../infra/local/webFiles';
import { checkState, launchChromium, WIDTHS } from '../support/browser';
import { freePort } from '../support/freePort';
import { sealedExport } from '../support/sealedExport';

const HONEST = 'sealed-observed-2027';
const TAMPERED = 'sealed-tampered-2027';

/**
 * The observers' view verifies a sealed election's export in Debian's chromium with its Web
 * Workers (/lib/verifier-worker.js), one per core: every voter's proof, mix and decryption share,
 * the parts counted as they are checked, and a changed mix named as `audit verify` names it. The
 * pages are served as the local stack serves them; the election's public reads come from exports
 * made in memory.
 */
describe('the observers’ view verifying a sealed export on its workers', () => {
  let api: RunningApi;
  let browser: Browser;
  const requests: Request[] = [];
  const problems: string[] = [];
  const exports = new Map<string, AuditLine[]>([
    [HONEST, sealedExport(HONEST, 4)],
    [
      TAMPERED,
      sealedExport(TAMPERED, 4, {
        mix: (file) => (file.contest === 'senate' && file.position === 0 ? { ...file, outputs: [file.outputs[2]!, ...file.outputs.slice(1, 2), file.outputs[0]!, ...file.outputs.slice(3)] } : file),
      }),
    ],
  ]);

  /** The public reads the observers' view makes, answered from an export. */
  async function handle(event: ApiEvent): Promise<ApiResponse> {
    const answer = (status: number, body: string, type = 'application/json; charset=utf-8'): ApiResponse => ({
      statusCode: status,
      headers: { 'content-type': type, 'cache-control': 'no-store' },
      body,
    });
    const [, id, rest] = /^\/elections\/([^/]+)(\/.*)?$/.exec(event.rawPath) ?? [];
    const lines = exports.get(id ?? '');
    if (!lines || !id) return answer(404, JSON.stringify({ error: { code: 'not_found', message: 'no such election' } }));
    const events = lines.flatMap((line) => (line.kind === 'event' ? [line.event] : []));
    if (rest === undefined)
      return answer(
        200,
        JSON.stringify({
          id,
          title: 'Sealed council and senate',
          phase: 'published',
          voterCount: 4,
          roll: events.flatMap((e) => (e.type === 'ElectionLocked' ? [e.data.roll] : []))[0],
          compromised: false,
          breaches: 0,
          contests: ['council', 'senate'].map((contest) => ({ id: contest, title: contest })),
          box: 'sealed',
          trustees: { count: 3, threshold: 2 },
          ceremony: { step: 'complete', waitingFor: [], failedRounds: 0 },
        }),
      );
    if (rest === '/turnout') return answer(200, JSON.stringify({ voted: 4, registered: 4 }));
    if (rest === '/events') {
      const after = Number(new URLSearchParams(event.rawQueryString).get('after') ?? 0);
      return answer(200, JSON.stringify({ events: events.filter((e) => e.seq > after), more: false }));
    }
    if (rest === '/audit-log') return answer(200, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`, 'application/x-ndjson');
    return answer(404, JSON.stringify({ error: { code: 'not_found', message: 'no such resource' } }));
  }

  const open = async (id: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: WIDTHS.phone, height: 800 }, locale: 'en-GB' });
    const page = await context.newPage();
    page.on('request', (request) => requests.push(request));
    page.on('console', (message) => {
      // Chromium's favicon request is answered 404; anything else is a fault.
      if ((message.type() === 'error' && !/status of 404/.test(message.text())) || /Content Security Policy|Refused/.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${api.url}/observe#election=${id}`);
    return page;
  };
  const status = (page: Page) => page.locator('#audit-status').textContent();

  beforeAll(async () => {
    [api, browser] = await Promise.all([
      freePort().then((port) => serveApi(handle, port, '127.0.0.1', { files: localFiles({ auditExportDir: mkdtempSync(join(tmpdir(), 'sealed-verifier-')) }) })),
      launchChromium(),
    ]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('verifies an honest export, its proofs checked by the workers', async () => {
    const page = await open(HONEST);
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await expect.poll(() => status(page), { timeout: 60_000, interval: 250 }).toBe('VERIFIED: every check passed.');
    expect(requests.some((r) => r.url().endsWith('/lib/verifier-worker.js'))).toBe(true);
    expect(workers.length).toBeGreaterThan(0);
    expect(workers.every((url) => url === `${api.url}/lib/verifier-worker.js`)).toBe(true);
    expect(await page.locator('#audit-result').textContent()).toContain('8 ballots, participation 4');
    await checkState(page, 'sealed-verified', { dir: 'artifacts/observer' });
    await page.context().close();
  }, 90_000);

  it('names a changed mix as audit verify does', async () => {
    const page = await open(TAMPERED);
    await expect.poll(() => status(page), { timeout: 60_000, interval: 250 }).toMatch(/^FAILED: \d+ discrepanc(y|ies)\. The verifier says:$/);
    expect(await page.locator('.findings').textContent()).toContain('sealed contest "senate": mixes 0 fails: the shuffle proof fails');
    await page.context().close();
  }, 90_000);

  it('broke no policy: the workers load from the page’s own origin', () => {
    expect(problems).toEqual([]);
  });
});
