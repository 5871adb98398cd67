import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog, type AuditLine } from '../../domain';
import { checkState, launchChromium, WIDTHS } from '../support/browser';
import { credentialToken, spawnLocalStack, type LocalStackProcess } from '../support/localStackProcess';

/**
 * The console's voting monitor in Debian's chromium against `npm start`'s stack: an election of
 * two contests, created and its voters registered through the API (the set-up forms have their
 * own test), warned of its small contests, locked and started in the console, and watched from
 * the lock: turnout overall and over time moving as voters vote from their mails (per contest, in
 * the console and the observers' view, only after the close), mail delivery,
 * a breach, and after publication the results with their charts and count sheet, the export
 * (downloaded and verified), the seal digest and the log's head. The stack runs on a rehearsal
 * clock: voting closes an hour on, when the test moves the clock past it. Every state is
 * axe-checked at 1280 and 360 px and captured into artifacts/admin-console/monitor-*.
 */
const ADMIN = 'browser-admin-token-monitor-2c7a';
const ELECTION = 'monitored-2026';
const HOUR_MS = 3_600_000;
const VOTERS = ['m1', 'm2', 'm3', 'm4'];
const PRINCIPAL = 'arn:aws:iam::123456789012:user/eve';
const SHOTS = 'artifacts/admin-console';
const run = promisify(execFile);
const person = (name: string, i: number) => ({ name, email: `k${i}@uni.test`, pageLink: `https://uni.test/people/${i}` });

describe('the console while voting runs and after', () => {
  let stack: LocalStackProcess;
  let browser: Browser;
  let page: Page;
  let closesAt: Date;
  /** The observers' view of the same election, beside the console. */
  let observer: Page;
  const requests: Request[] = [];
  const problems: string[] = [];
  /** The monitor refreshes every 5 s and public answers are kept up to 2 s. */
  const soon = { timeout: 20_000, interval: 250 };

  const text = async (selector: string) => (await page.locator(selector).first().textContent()) ?? '';
  const check = (state: string) => checkState(page, `monitor-${state}`, { dir: SHOTS, widths: [WIDTHS.desktop, WIDTHS.phone] });

  beforeAll(async () => {
    [stack, browser] = await Promise.all([spawnLocalStack({ ADMIN_TOKEN: ADMIN, GRACE_SECONDS: '1' }, ['--rehearsal']), launchChromium()]);
    closesAt = new Date((await stack.rehearsalClock()).getTime() + HOUR_MS);
    await stack.admin('POST', '/elections', {
      id: ELECTION,
      title: 'Faculty council 2026',
      contests: [
        { id: 'council', title: 'Faculty council', ballot: { kind: 'ranked', method: 'irv', seats: 1 }, candidates: ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'].map(person) },
        { id: 'ref', title: 'Should the council meet online?', ballot: { kind: 'referendum', majority: 'simple' } },
      ],
      closesAt: closesAt.toISOString(),
    });
    await stack.admin('POST', `/elections/${ELECTION}/voters`, { voters: VOTERS.map((id) => ({ studentId: id, email: `${id}@uni.test` })) });
    const context = await browser.newContext({ viewport: { width: WIDTHS.desktop, height: 900 }, locale: 'en-GB' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    page = await context.newPage();
    // The page's own clock runs on real time until a test moves it on.
    await page.clock.install();
    page.on('request', (request) => requests.push(request));
    page.on('console', (message) => {
      if (/Content Security Policy|Refused/.test(message.text()) || (message.type() === 'error' && !/status of 404/.test(message.text()))) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${stack.apiUrl}/admin`);
    await page.getByLabel('Admin token').fill(ADMIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Faculty council 2026' }).click();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('warns at the lock of contests small enough to show how their voters voted, and locks all the same', async () => {
    // Four voters: both contests are small.
    const warned = ['Faculty council: only 4 voters may vote in it online.', 'Should the council meet online?: only 4 voters may vote in it online.'];
    await expect.poll(() => page.locator('#view > .small-contests li').allTextContents()).toEqual(warned);
    await page.getByRole('button', { name: 'Lock the election…' }).click();
    const dialog = page.locator('dialog[open]');
    expect(await dialog.locator('.small-contests li').allTextContents()).toEqual(warned);
    expect(await dialog.locator('.small-contests').textContent()).toContain('This does not stop the lock');
    await check('lock-warning');
    await dialog.getByRole('button', { name: 'Lock it' }).click();
    await expect.poll(() => text('#monitor-heading')).toBe('Voting monitor');
    await expect.poll(() => page.locator('#view > .small-contests li').allTextContents()).toEqual(warned);
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await expect.poll(() => page.locator('#view > .small-contests li').first().textContent()).toBe('Faculty council: Nur 4 Personen dürfen darin online wählen.');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('shows a locked election: not open yet, no breach, the credentials held until the start', async () => {
    await expect.poll(() => text('#monitor-heading')).toBe('Voting monitor');
    await expect.poll(() => text('#monitor-turnout'), soon).toContain('Voting has not opened yet.');
    expect(await text('#monitor-breaches')).toBe('No breach has been recorded.');
    await expect.poll(() => text('#monitor-mail'), soon).toMatch(/Held until they go out4/);
    expect(await text('#monitor-record')).toMatch(/Head of the event log#\d+ [0-9a-f]{64}/);
    await check('locked');
  });

  it('moves turnout overall and over time as voters vote from their mails, per contest only after the close, and shows a breach at once', async () => {
    await page.getByRole('button', { name: 'Start voting…' }).click();
    await page.locator('dialog[open]').getByRole('button', { name: 'Start', exact: true }).click();
    const live = page.locator('#monitor-turnout [aria-live="polite"]');
    await expect.poll(() => live.textContent(), soon).toBe('0 of 4 voters have voted (0%).');
    // The page around the monitor follows the phase: voting has started, so start is no longer offered.
    await expect.poll(() => page.getByRole('button', { name: 'Start voting…' }).count(), soon).toBe(0);
    const papers = [
      { council: { choices: ['Ada Lovelace', 'Grace Hopper'] }, ref: { choices: ['yes'] } },
      { council: { choices: ['Grace Hopper'] }, ref: { choices: ['yes'] } },
      { council: { choices: ['Alan Turing', 'Ada Lovelace'] } },
    ];
    for (const [i, paper] of papers.entries()) {
      const token = await credentialToken(stack.mailboxUrl, `${VOTERS[i]}@uni.test`);
      const cast = await fetch(`${stack.apiUrl}/elections/${ELECTION}/ballots`, { method: 'POST', body: JSON.stringify({ token, papers: paper }) });
      expect(cast.status).toBe(201);
    }
    await expect.poll(() => live.textContent(), soon).toBe('3 of 4 voters have voted (75%).');
    // The third voter left the referendum out: per contest, the monitor would show it while voting runs.
    expect(await page.locator('#monitor-turnout table').count()).toBe(0);
    expect(await text('#monitor-contest-turnout')).toBe('Turnout per contest is shown once voting has closed: while voting runs it would show which ballot papers each voter cast.');
    // The observers' view keeps the same rule.
    observer = await page.context().newPage();
    await observer.goto(`${stack.apiUrl}/observe#election=${ELECTION}`);
    await expect
      .poll(() => observer.locator('#turnout').textContent(), soon)
      .toBe('3 of 4 voters have voted (75%). Turnout per contest is shown once voting has closed: while voting runs it would show which ballot papers each voter cast.');
    await expect.poll(() => page.locator('#monitor-chart svg polyline').count(), soon).toBe(1);
    expect(await page.locator('#monitor-chart svg').getAttribute('aria-label')).toMatch(/^Turnout over time: 3 voters by .+, since .+\.$/);
    expect(await text('#monitor-chart figcaption')).toContain('No cast is ever stored with its time');

    await run(process.execPath, ['--import', 'tsx', 'infra/local/breachCli.ts', '--event', 'ConsoleLogin', '--principal', PRINCIPAL, '--port', new URL(stack.apiUrl).port], {
      env: { ...process.env, ELECTION_API: '' },
    });
    await expect.poll(() => text('#monitor-breaches'), soon).toMatch(new RegExp(`^1 breach\\(es\\) recorded while this election was locked.*ConsoleLogin by ${PRINCIPAL} at `));
    expect(await page.locator('#monitor-breaches [role="alert"]').count()).toBe(1);
    await check('open');
  }, 90_000);

  it('shows the results with charts and the count sheet, the export, the seal digest and the head once published', async () => {
    // The deadline passes on the stack's clock and, in step, on the pages': they show the server's
    // times beside their own (the chart's samples, the observers' "checked at"), as on AWS.
    await page.clock.setSystemTime(await stack.rehearsalClock(new Date(closesAt.getTime() + 1_000)));
    await expect.poll(async () => (await stack.admin('GET', `/elections/${ELECTION}`)).phase, { timeout: 60_000, interval: 500 }).toBe('published');
    // The monitor draws the results once they are counted; the page around it shows "Published" at its next refresh.
    await expect.poll(() => text('dl.facts'), soon).toContain('Published');
    await expect.poll(() => page.locator('#monitor-results svg.votes-chart').count(), soon).toBe(2);
    await expect.poll(() => page.locator('#monitor-turnout table tbody th').allTextContents(), soon).toEqual(['Faculty council', 'Should the council meet online?']);
    expect(await page.locator('#monitor-turnout table tbody tr').first().locator('td').allTextContents()).toEqual(['3', '0', '4', '75%']);
    expect(await page.locator('#monitor-turnout table tbody tr').last().locator('td').allTextContents()).toEqual(['2', '0', '4', '50%']);
    expect(await page.locator('#monitor-contest-turnout').count()).toBe(0);
    await observer.reload();
    await expect.poll(() => observer.locator('#turnout').textContent(), soon).toBe('3 of 4 voters have voted (75%). Faculty council: 3 of 4 (75%). Should the council meet online?: 2 of 4 (50%).');
    await observer.close();
    const results = await text('#monitor-results');
    expect(results).toContain('Faculty council');
    expect(await page.locator('#monitor-results svg.votes-chart').first().getAttribute('aria-label')).toBe('Votes in Faculty council: Ada Lovelace 1, Grace Hopper 1, Alan Turing 1.');
    expect(await page.locator('#monitor-results table').count()).toBeGreaterThan(0);

    const election = await stack.admin('GET', `/elections/${ELECTION}`);
    await expect.poll(() => text('#monitor-digest'), soon).toBe(election.seal.digest);
    const events = (await (await fetch(`${stack.apiUrl}/elections/${ELECTION}/events?after=0`)).json()) as { head: { seq: number; hash: string } };
    await expect.poll(() => text('#monitor-head'), soon).toContain(events.head.hash.slice(0, 16));
    await page.locator('#monitor-digest').locator('xpath=../..').getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => page.evaluate<string>('navigator.clipboard.readText()')).toBe(election.seal.digest);

    const link = page.getByRole('link', { name: 'Download the audit export (NDJSON)' });
    const href = (await link.getAttribute('href'))!;
    expect(href).toBe(`/elections/${ELECTION}/audit-log`);
    const lines = (await (await fetch(`${stack.apiUrl}${href}`)).text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditLine);
    expect(verifyAuditLog(lines).findings).toEqual([]);
    // When the voters' personal data goes: the challenge period after the publication, no retention set.
    await expect
      .poll(() => text('#monitor-personal-data'), soon)
      .toMatch(/^The voters' addresses and student ids, their mail and credentials are deleted on \d+ \w+ \d{4}, \d\d:\d\d .+ \(the challenge period\); the log, the results and the record stay\.$/);
    await check('published');

    await page.getByRole('button', { name: 'Deutsch' }).click();
    await expect.poll(() => text('#monitor-heading'), soon).toBe('Wahlüberwachung');
    await expect.poll(() => page.locator('#monitor-results svg.votes-chart').count(), soon).toBe(2);
    await check('published-de');
    expect(await text('#monitor-personal-data')).toMatch(/^Adressen und Matrikelnummern der Wählenden, ihre E-Mails und Zugangsdaten werden am .+ gelöscht \(Anfechtungsfrist\)/);
    await page.getByRole('button', { name: 'English' }).click();
  }, 120_000);

  it('stops refreshing when the page shows another view, and makes no request elsewhere', async () => {
    const turnoutReads = () => requests.filter((r) => new URL(r.url()).pathname.endsWith('/turnout')).length;
    // The page's clock stands still from here: the monitor refreshes only as the test moves it on.
    await page.clock.pauseAt(await page.evaluate<number>('Date.now() + 1000'));
    const shown = turnoutReads();
    await expect
      .poll(async () => {
        await page.clock.runFor(5_000);
        return turnoutReads();
      }, soon)
      .toBeGreaterThan(shown);
    await page.getByRole('button', { name: '← All elections' }).click();
    const before = turnoutReads();
    // A minute on the page's clock: a refresh the monitor still had planned would fire.
    await page.clock.runFor(60_000);
    expect(turnoutReads()).toBe(before);
    expect(requests.every((r) => new URL(r.url()).origin === stack.apiUrl)).toBe(true);
    expect(problems).toEqual([]);
  });
});
