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
import { ADMIN_TOKEN, openElection, runnerOnAppClock, setUpElection, startTestApp, type TestApp } from '../support/harness';

const SHOTS = 'artifacts/admin-console';

/**
 * The console when the election's workflow stopped: the tally fails for good, the election's page
 * says where and why and offers to run the workflow again; once the cause is dealt with, the
 * button runs it on to publication. The stack is built in this process (the handlers, DynamoDB
 * Local and the pages as `npm start` serves them) so that the test can break the tally and mend
 * it, and move the clock past the deadline.
 */
describe('the console after the workflow stopped at a failed step', () => {
  let app: TestApp;
  let runner: LocalWorkflowRunner;
  let site: { url: string; stop(): Promise<void> };
  let browser: Browser;
  let page: Page;
  let tallyMended = false;
  const problems: string[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    const tasks = lifecycleTaskHandlers(app.deps);
    const breaking = {
      ...tasks,
      TallyBallots: (input: unknown) =>
        tallyMended ? tasks.TallyBallots(input) : Promise.reject(Object.assign(new Error('the ballots table is throttled'), { name: 'ProvisionedThroughputExceededException' })),
    };
    runner = new LocalWorkflowRunner(synthesizeLifecycleDefinition({ graceSeconds: 0 }), breaking, app.log, { ...runnerOnAppClock(app), retryIntervalOverrides: { RecordFailure: 0 } });
    app.workflow = runner;
    site = await serveApi(createApiHandler(app.deps), 0, '127.0.0.1', { files: localFiles({ auditExportDir: mkdtempSync(join(tmpdir(), 'exports-')) }) });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: WIDTHS.desktop, height: 900 }, locale: 'en-GB' })).newPage();
    page.on('pageerror', (error) => problems.push(error.message));

    const { id } = await setUpElection(app, { id: 'stopped-2026', voters: 2, closesInMs: 60_000 });
    await openElection(app, id);
    app.clock.advance(60_000);
    await runner.settled(id);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
    await runner?.stop();
    await app?.stop();
  });

  it('says where the workflow stopped and why, in English and German, and is accessible', async () => {
    await page.goto(`${site.url}/admin`);
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The list of elections flags it already.
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'stopped-2026' }).textContent()).toContain('Workflow stopped at TallyBallots');
    await page.getByRole('button', { name: 'Student parliament' }).click();

    const alert = page.getByRole('alert').filter({ hasText: 'workflow stopped' });
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.textContent()).toContain('It stopped at the step TallyBallots');
    expect(await alert.textContent()).toContain('ProvisionedThroughputExceededException: the ballots table is throttled');
    await checkState(page, 'workflow-stopped', { dir: SHOTS, widths: [WIDTHS.desktop, WIDTHS.phone] });

    await page.getByRole('button', { name: 'Deutsch' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Der Ablauf der Wahl ist angehalten' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Ablauf erneut starten' }).count()).toBe(1);
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('runs the workflow again from the button, on to publication, and the log records the retry', async () => {
    tallyMended = true;
    await page.getByRole('button', { name: 'Run the workflow again' }).click();
    await expect.poll(() => app.store.load('stopped-2026').then(({ state }) => state.phase), { timeout: 20_000 }).toBe('published');
    const types = (await app.store.readEvents('stopped-2026')).map((e) => e.type);
    expect(types.slice(types.indexOf('LifecycleFailed'))).toEqual(['LifecycleFailed', 'LifecycleRetried', 'BallotBoxSealed', 'ResultsTallied', 'OfficialRecordIssued', 'ResultsPublished']);
    // The monitor sees the election move on, and the page no longer shows the stop.
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'workflow stopped' }).count(), { timeout: 20_000 }).toBe(0);
    expect(problems).toEqual([]);
  });
});
