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
const ID = 'accepted-2026';

/**
 * The committee's acceptance in the console: counted results that wait for it say they are
 * provisional, in the console and the observers' view; the first member's click on *Accept the
 * results* proposes it, and a second member, in German, confirms it, whereupon the workflow mails
 * and publishes the results and the page names both. The stack is built in this process (the
 * handlers, DynamoDB Local and the pages as `npm start` serves them) so that the test can move the
 * clock past the deadline.
 */
describe('the console and the committee’s acceptance of the results', () => {
  let app: TestApp;
  let runner: LocalWorkflowRunner;
  let site: { url: string; stop(): Promise<void> };
  let browser: Browser;
  let ada: Record<string, string>;
  const problems: string[] = [];

  /** A console signed in with this token, on the election's page. */
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
    expect((await app.call('POST', `/elections/${ID}/voters`, { voters: [{ studentId: 's1', email: 's1@uni.test' }] })).status).toBe(200);
    for (const step of ['lock', 'start']) {
      expect((await app.call('POST', `/elections/${ID}/${step}`)).status).toBe(202);
      expect((await app.call('POST', `/elections/${ID}/${step}`, undefined, ada)).status).toBe(200);
    }
    await mailHeldCredentials(app, ID);
    expect((await app.call('POST', `/elections/${ID}/ballots`, { token: app.mailer.tokenFor('s1@uni.test'), choices: ['Grace Hopper'] })).status).toBe(201);
    app.clock.advance(61_000);
    await waitFor(async () => (await app.call('GET', `/elections/${ID}`)).body.awaitingAcceptance === true);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
    await runner?.stop();
    await app?.stop();
  });

  it('says the counted results are provisional and awaiting the committee, in the console and the observers’ view, and is accessible', async () => {
    const page = await consoleAs(ADMIN_TOKEN);
    await expect.poll(() => page.locator('#accept-provisional').textContent()).toContain('Provisional — awaiting the committee’s acceptance');
    await expect.poll(() => page.locator('#monitor-provisional').textContent(), { timeout: 20_000 }).toContain('Provisional — awaiting the committee’s acceptance');
    expect(await page.locator('dl.facts').first().textContent()).toContain('Counted; provisional — awaiting the committee’s acceptance');
    await checkState(page, 'acceptance-awaited', { dir: SHOTS, widths: [WIDTHS.desktop, WIDTHS.phone] });

    const observer = await (await browser.newContext({ locale: 'de-DE' })).newPage();
    await observer.goto(`${site.url}/observe#election=${ID}`);
    await expect
      .poll(() => observer.locator('#phase').textContent(), { timeout: 20_000 })
      .toMatch(/vorläufig — die Annahme durch den Wahlausschuss steht aus|provisional — awaiting the committee’s acceptance/);
    await page.context().close();
  });

  it('proposes the acceptance at the first member’s click, publishes nothing, and publishes once a second member accepts in German', async () => {
    const first = await consoleAs(ADMIN_TOKEN);
    await first.getByRole('button', { name: 'Accept the results…' }).click();
    const dialog = first.getByRole('dialog');
    expect(await dialog.textContent()).toContain('This cannot be undone.');
    await dialog.getByRole('button', { name: 'Accept them' }).click();
    await expect.poll(() => dialog.getByRole('heading').textContent()).toBe('Acceptance proposed: a second member confirms');
    expect(await dialog.textContent()).toContain('Admin token proposed it.');
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect((await app.store.readEvents(ID)).map((e) => e.type)).not.toContain('ResultsPublished');

    const second = await consoleAs(ada.authorization!.replace(/^Bearer /, ''));
    await second.getByRole('button', { name: 'Deutsch' }).click();
    await second.getByRole('button', { name: 'Das Ergebnis annehmen…' }).click();
    await second.getByRole('dialog').getByRole('button', { name: 'Annehmen' }).click();
    await expect.poll(() => app.store.load(ID).then(({ state }) => state.phase), { timeout: 20_000 }).toBe('published');
    await expect.poll(() => second.locator('dl.facts').first().textContent(), { timeout: 20_000 }).toContain('Vom Wahlausschuss angenommen: Ada Lovelace, vorgeschlagen von Admin token');
    expect(await second.locator('#accept-open').count()).toBe(0);
    expect(app.mailer.to('s1@uni.test').map((m) => m.subject)).toContain('Results: Student council');
    expect(problems).toEqual([]);
  });
});
