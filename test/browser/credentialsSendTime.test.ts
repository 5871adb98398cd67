import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../handlers/api/router';
import { lifecycleTaskHandlers } from '../../handlers/lifecycle';
import { serveApi } from '../../infra/local/apiServer';
import { localFiles } from '../../infra/local/webFiles';
import { checkState, launchChromium, WIDTHS } from '../support/browser';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/harness';

const SHOTS = 'artifacts/admin-console';
const ID = 'links-early';
const DAY_MS = 24 * 60 * 60 * 1000;
/** An instant as the console writes it in UTC, to the minute. */
const utcMoment = (at: Date) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(at);

/**
 * The committee's send time for the voting links in the console: the window form shows and sends
 * it, a time after the opening is refused next to the form, and the start dialog says how many
 * voters get their link, and when, in English and German. The stack is built in this process.
 */
describe('the console and the send time of the voting links', () => {
  let app: TestApp;
  let site: { url: string; stop(): Promise<void> };
  let browser: Browser;
  const problems: string[] = [];
  const minute = (t: number) => new Date(Math.ceil(t / 60_000) * 60_000);
  let opensAt: Date;
  let credentialsAt: Date;

  async function consoleIn(locale: 'en-GB' | 'de-DE'): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: WIDTHS.desktop, height: 900 }, locale, timezoneId: 'Europe/Berlin' })).newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${site.url}/admin`);
    const german = locale === 'de-DE';
    await page.getByLabel(german ? 'Admin-Token' : 'Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: german ? 'Anmelden' : 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Student council' }).click();
    return page;
  }

  beforeAll(async () => {
    app = await startTestApp();
    site = await serveApi(createApiHandler(app.deps), 0, '127.0.0.1', { files: localFiles({ auditExportDir: mkdtempSync(join(tmpdir(), 'exports-')) }) });
    browser = await launchChromium();
    const now = app.clock.now().getTime();
    opensAt = minute(now + 2 * DAY_MS);
    credentialsAt = minute(now + DAY_MS);
    const candidates = ['Grace Hopper', 'Alan Turing'].map((name) => ({ name, email: 'c@uni.test', pageLink: 'https://uni.test/c' }));
    const window = { opensAt: opensAt.toISOString(), closesAt: new Date(opensAt.getTime() + DAY_MS).toISOString(), credentialsAt: credentialsAt.toISOString() };
    expect((await app.call('POST', '/elections', { id: ID, title: 'Student council', candidates, ...window })).status).toBe(201);
    const voters = ['s1', 's2', 's3'].map((studentId) => ({ studentId, email: `${studentId}@uni.test` }));
    expect((await app.call('POST', `/elections/${ID}/voters`, { voters })).status).toBe(200);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
    await app?.stop();
  });

  it('shows the send time in the window form and sends it again; refuses one after the opening next to the form', async () => {
    const page = await consoleIn('en-GB');
    const links = page.getByLabel('Voting links go out (optional; otherwise when voting opens)');
    await expect.poll(() => links.inputValue()).not.toBe('');
    expect(await page.locator('#window-links-hint').textContent()).toContain('at most 14 days before it');
    expect(await page.locator('dl.facts').first().textContent()).toContain(`Go out at`);

    const sent = page.waitForRequest((r) => r.method() === 'PUT' && r.url().endsWith(`/elections/${ID}/window`));
    await page.getByRole('button', { name: 'Set the voting window' }).click();
    expect(Date.parse((await sent).postDataJSON().credentialsAt)).toBe(credentialsAt.getTime());
    await expect.poll(() => page.locator('#window-note').textContent()).toBe('Voting window set.');

    await page.locator('#window-links').fill(await page.locator('#window-closes').inputValue());
    await page.getByRole('button', { name: 'Set the voting window' }).click();
    await expect.poll(() => page.locator('#window-note').textContent()).toMatch(/^credentialsAt: .* is not before opensAt /);
    await page.context().close();
  });

  it('says in the start dialog how many voters get their link and when, in English and German, and starts', async () => {
    expect((await app.call('POST', `/elections/${ID}/lock`)).status).toBe(200);
    const page = await consoleIn('en-GB');
    await page.getByRole('button', { name: 'Start voting…' }).click();
    const dialog = page.locator('dialog[open]');
    await expect.poll(() => dialog.locator('h3').textContent()).toBe('Start voting?');
    const mail = dialog.locator('.start-mail');
    expect(await mail.textContent()).toMatch(/^3 voters get their voting link by e-mail at .*, before voting opens\. The link works from the opening; nobody has one before\.$/);
    expect(await mail.locator('.utc').textContent()).toBe(`(UTC: ${utcMoment(credentialsAt)})`);
    await checkState(page, 'start-dialog-links-early', { dir: SHOTS, widths: [WIDTHS.desktop, WIDTHS.phone] });

    const german = await consoleIn('de-DE');
    await german.getByRole('button', { name: 'Wahl starten…' }).click();
    expect(await german.locator('dialog[open] .start-mail').textContent()).toMatch(
      /^3 Personen erhalten ihren Wahllink am .* per E-Mail, vor Beginn der Wahl\. Der Link gilt ab dem Beginn; vorher hat niemand einen\.$/,
    );
    await german.context().close();

    await dialog.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(async () => (await app.call('GET', `/elections/${ID}`)).body.phase).toBe('scheduled');
    await expect.poll(() => page.locator('dl.facts').first().textContent()).toContain('Scheduled');
    await expect.poll(() => page.locator('#monitor-links').textContent(), { timeout: 20_000 }).toMatch(/^The voting links go out at .*, before voting opens\.$/);

    const observer = await (await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' })).newPage();
    observer.on('pageerror', (error) => problems.push(error.message));
    await observer.goto(`${site.url}/observe#election=${ID}`);
    await expect.poll(() => observer.locator('#links').textContent(), { timeout: 20_000 }).toMatch(/^Versand: .*UTC/);
    await observer.context().close();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows a voter who follows the link the day it came, before the opening, when voting opens', async () => {
    app.clock.advance(credentialsAt.getTime() - app.clock.now().getTime());
    const input = { electionId: ID, opensAt: opensAt.toISOString(), credentialsAt: credentialsAt.toISOString(), closesAt: new Date(opensAt.getTime() + DAY_MS).toISOString() };
    expect(await lifecycleTaskHandlers(app.deps).ReleaseCredentials(input)).toEqual({ released: 3 });
    await app.drainMail();
    const link = app.mailer
      .to('s1@uni.test')
      .at(-1)!
      .text.match(/https?:\/\/\S+\/vote#election=\S+&token=\S+/)![0]
      .replace(/^https?:\/\/[^/]+/, site.url);
    const voter = await (await browser.newContext({ viewport: { width: WIDTHS.phone, height: 800 }, locale: 'en-GB', timezoneId: 'Europe/Berlin' })).newPage();
    voter.on('pageerror', (error) => problems.push(error.message));
    await voter.goto(link);
    await expect.poll(() => voter.locator('#view-heading').textContent()).toBe('Voting has not started yet');
    expect(await voter.locator('#view').textContent()).toContain('Voting opens on');
    expect(await voter.locator('#view').textContent()).toContain('Keep your e-mail: the same link will work then.');
    expect((await app.call('GET', `/elections/${ID}/turnout`)).body).toMatchObject({ voted: 0 });
    expect(problems).toEqual([]);
    await voter.context().close();
  });
});
