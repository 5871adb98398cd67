import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../handlers/api/router';
import { lifecycleTaskHandlers } from '../../handlers/lifecycle';
import { serveApi } from '../../infra/local/apiServer';
import { localFiles } from '../../infra/local/webFiles';
import { LocalWorkflowRunner } from '../../workflows/localRunner';
import { synthesizeLifecycleDefinition } from '../../workflows/synthesizeDefinition';
import { checkState, launchChromium, WIDTHS } from '../support/browser';
import { ADMIN_TOKEN, mailHeldCredentials, memberWithToken, runnerOnAppClock, startTestApp, type TestApp } from '../support/harness';
import { waitFor } from '../support/waitFor';

const SHOTS = 'artifacts/admin-console';
const ID = 'postal-2026';

/**
 * The postal papers in the console: counted results awaiting the committee show a section per
 * contest with postal voters; the first member's entry is recorded, a second member's differing
 * one (in German) is refused with where they differ, and her matching one agrees and counts the
 * postal papers in, after which the acceptance is possible.
 */
describe('the console and the postal papers', () => {
  let app: TestApp;
  let runner: LocalWorkflowRunner;
  let site: { url: string; stop(): Promise<void> };
  let browser: Browser;
  let ada: Record<string, string>;
  const problems: string[] = [];

  async function consoleAs(token: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: WIDTHS.desktop, height: 900 }, locale: 'en-GB' })).newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${site.url}/admin`);
    await page.getByLabel('Admin token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Student council' }).click();
    return page;
  }

  beforeAll(async () => {
    app = await startTestApp();
    runner = new LocalWorkflowRunner(synthesizeLifecycleDefinition({ graceSeconds: 0 }), lifecycleTaskHandlers(app.deps), app.log, runnerOnAppClock(app));
    app.workflow = runner;
    site = await serveApi(createApiHandler(app.deps), 0, '127.0.0.1', { files: localFiles({ auditExportDir: mkdtempSync(join(tmpdir(), 'exports-')) }) });
    browser = await launchChromium();
    ada = (await memberWithToken(app, 'Ada Lovelace', 'committee')).headers;

    const candidates = ['Grace Hopper', 'Alan Turing'].map((name) => ({ name, email: 'c@uni.test', pageLink: 'https://uni.test/c' }));
    const closesAt = new Date(app.clock.now().getTime() + 60_000).toISOString();
    expect((await app.call('POST', '/elections', { id: ID, title: 'Student council', candidates, closesAt, acceptance: 'committee' })).status).toBe(201);
    const voters = ['s1', 's2'].map((studentId) => ({ studentId, email: `${studentId}@uni.test` }));
    expect((await app.call('POST', `/elections/${ID}/voters`, { voters })).status).toBe(200);
    expect((await app.call('POST', `/elections/${ID}/postal-voters`, { studentIds: ['s2'] })).status).toBe(200);
    for (const step of ['lock', 'start']) {
      expect((await app.call('POST', `/elections/${ID}/${step}`)).status).toBe(202);
      expect((await app.call('POST', `/elections/${ID}/${step}`, undefined, ada)).status).toBe(200);
    }
    await mailHeldCredentials(app, ID);
    expect((await app.call('POST', `/elections/${ID}/ballots`, { token: app.mailer.tokenFor('s1@uni.test'), choices: ['Alan Turing'] })).status).toBe(201);
    app.clock.advance(61_000);
    await waitFor(async () => (await app.call('GET', `/elections/${ID}`)).body.awaitingAcceptance === true);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
    await runner?.stop();
    await app?.stop();
  });

  it('records a first entry, refuses a differing second one saying where, and counts the papers in once a second member agrees', async () => {
    const first = await consoleAs(ADMIN_TOKEN);
    const box = first.getByLabel('Postal papers of Student council');
    await box.fill('Grace Hopper');
    await first.getByRole('button', { name: 'Give the first entry' }).click();
    await expect.poll(() => first.locator('#postal-main-standing').textContent()).toMatch(/^First entry by Admin token .*: waiting for a second member’s entry\.$/);
    await checkState(first, 'postal-first-entry', { dir: SHOTS, widths: [WIDTHS.desktop, WIDTHS.phone] });
    await first.context().close();

    const second = await consoleAs(ada.authorization!.replace(/^Bearer /, ''));
    await second.getByRole('button', { name: 'Deutsch' }).click();
    await second.getByLabel('Briefwahlstimmzettel: Student council').fill('Alan Turing');
    await second.getByRole('button', { name: 'Zweite Eingabe geben' }).click();
    const note = second.locator('#postal-main-note');
    await expect.poll(() => note.textContent()).toContain('Die zweite Eingabe weicht von der ersten ab; nichts wurde festgehalten.');
    expect(await note.getAttribute('role')).toBe('alert');
    expect(await note.locator('[lang="en"]').textContent()).toBe(
      'the second entry of "main" differs from the first: papers: 1 paper(s) differ (1 in the first entry, 1 in the second); only in the first: [Grace Hopper]; only in the second: [Alan Turing]',
    );
    await checkState(second, 'postal-entries-differ', { dir: SHOTS, widths: [WIDTHS.desktop, WIDTHS.phone] });

    await second.getByLabel('Briefwahlstimmzettel: Student council').fill('Grace Hopper');
    await second.getByRole('button', { name: 'Zweite Eingabe geben' }).click();
    await expect.poll(() => second.locator('#postal-main-standing').textContent()).toBe('Übereinstimmend erfasst (zweite Eingabe von Ada Lovelace): 1 gültige und 0 ungültige Stimmzettel.');
    expect(await second.getByRole('status').filter({ hasText: 'mitgezählt' }).count()).toBe(1);
    expect((await app.call('GET', `/elections/${ID}/results`)).body.result).toMatchObject({ ballots: 2, tied: ['Grace Hopper', 'Alan Turing'] });
    expect(problems).toEqual([]);
  });
});
