import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkState, launchChromium, WIDTHS } from '../support/browser';
import { credentialToken, spawnLocalStack, type LocalStackProcess } from '../support/localStackProcess';

/**
 * The observers' view (`/observe#election=<id>`) in Debian's chromium against `npm start -- --rehearsal`'s
 * stack: an election is set up, locked, opened, voted in and breached while a page watches its log
 * grow without reloading; the stack's clock is then moved past the close, and after publication the
 * page verifies the audit export in the browser (and finds one changed ballot in a tampered copy).
 * Every state is axe-checked at 360 px and captured into artifacts/observer/ at 360 and 1280 px.
 */
const ADMIN = 'browser-admin-token-observer-7f1c';
const ELECTION = 'observed-2026';
const TITLE = 'Student council 2026';
const VOTERS = ['o1', 'o2', 'o3', 'o4'];
const CHOICES = ['Ada Lovelace', 'Ada Lovelace', 'Grace Hopper'];
const PRINCIPAL = 'arn:aws:iam::123456789012:user/mallory';
const DIR = 'artifacts/observer';
const run = promisify(execFile);

describe('the observers’ view', () => {
  let stack: LocalStackProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let closesAt: Date;
  const requests: Request[] = [];
  const problems: string[] = [];

  const open = async (hash: string, locale = 'en-GB') => {
    const ctx = await browser.newContext({ viewport: { width: WIDTHS.phone, height: 800 }, locale });
    const p = await ctx.newPage();
    // The page's own clock starts at the stack's, as a browser's and a server's agree, and runs on real time until a test moves it on.
    await p.clock.install({ time: await stack.rehearsalClock() });
    p.on('request', (request) => requests.push(request));
    p.on('console', (message) => {
      // A 404 is expected (the unknown election, and chromium's favicon request); anything else is a fault.
      if ((message.type() === 'error' && !/status of 404/.test(message.text())) || /Content Security Policy|Refused/.test(message.text())) problems.push(message.text());
    });
    p.on('pageerror', (error) => problems.push(error.message));
    await p.goto(`${stack.apiUrl}/observe#election=${hash}`);
    return { ctx, p };
  };
  const heading = (p: Page) => p.locator('#view-heading');
  const text = async (p: Page, selector: string) => (await p.locator(selector).textContent()) ?? '';
  /** The lock and the start, by a committee of one: the chair alone. */
  const ALONE = ' (a committee of one member: nobody else to confirm) — by Chair';
  const logTexts = (p: Page) => p.locator('#log li .event-text').allTextContents();
  const check = (p: Page, state: string) => checkState(p, state, { dir: DIR });
  /** A marker that a reload would lose: the view must change without one. */
  const markLoaded = (p: Page) => p.evaluate('window.observerTestMarker = true');
  const stillLoaded = (p: Page) => p.evaluate<boolean>('window.observerTestMarker === true');
  /** Polls of the page come every 5 s and public answers are kept up to 2 s: a change shows within about 10 s. */
  const soon = { timeout: 20_000, interval: 250 };

  beforeAll(async () => {
    [stack, browser] = await Promise.all([spawnLocalStack({ ADMIN_TOKEN: ADMIN, GRACE_SECONDS: '1' }, ['--rehearsal']), launchChromium()]);
    // An hour on, which no test's pace reaches: voting closes when the stack's clock is moved past it.
    closesAt = new Date((await stack.rehearsalClock()).getTime() + 3_600_000);
    await stack.admin('POST', '/elections', {
      id: ELECTION,
      title: TITLE,
      ballot: { kind: 'single' },
      candidates: ['Ada Lovelace', 'Grace Hopper'].map((name, i) => ({ name, email: `c${i}@uni.test`, pageLink: `https://uni.test/c${i}` })),
      closesAt: closesAt.toISOString(),
    });
    await stack.admin('POST', `/elections/${ELECTION}/voters`, { voters: VOTERS.map((id) => ({ studentId: id, email: `${id}@uni.test` })) });
    await stack.admin('PUT', `/elections/${ELECTION}/observers`, { observers: ['watch-a@uni.test', 'watch-b@uni.test'] });
    ({ ctx: context, p: page } = await open(ELECTION));
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows a draft election: its window in the viewer’s zone and UTC, the roll’s size, the log checked so far', async () => {
    await expect.poll(() => heading(page).textContent()).toBe('What observers see');
    expect(await text(page, 'h1')).toBe(TITLE);
    // The observers' event shows their count, which its hash covers: every event is rehashed.
    await expect.poll(() => text(page, '#chain-status')).toBe('Hash chain intact up to event #5: every event links to the one before it and hashes to its own hash.');
    // Each names who asked: the admin token acts as the local stack's chair.
    expect(await logTexts(page)).toEqual([
      `Election created: “${TITLE}” — by Chair`,
      'Candidates added: 2 — by Chair',
      expect.stringMatching(/^Voting window set: until .* — by Chair$/),
      'Voters registered: 4 — by Chair',
      'Observers set: 2 — by Chair',
    ]);
    expect(await text(page, '#phase')).toBe('Being set up (draft)');
    expect(await text(page, '#facts')).toContain('4 voters');
    expect(await text(page, '#facts')).toContain('The fingerprint is recorded when the election is locked.');
    expect(await text(page, '#facts')).toMatch(/\(UTC\)/);
    expect(await text(page, '#security')).toBe('No breach recorded.');
    expect(await page.locator('#verify-audit').isVisible()).toBe(false);
    expect(await text(page, '#audit-intro')).toContain('published with the results');
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('en');
    await check(page, 'draft');
  });

  it('adds the lock with the roll’s fingerprint, and the opening, to the log without a reload', async () => {
    await markLoaded(page);
    await stack.admin('POST', `/elections/${ELECTION}/lock`);
    const { roll } = await stack.admin('GET', `/elections/${ELECTION}`);
    expect(roll).toEqual({ voters: 4, fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await expect.poll(async () => (await logTexts(page)).find((t) => t.startsWith('Election locked')), soon).toBe(`Election locked; roll 4 voters, fingerprint ${roll.fingerprint}${ALONE}`);
    await expect.poll(() => text(page, '#roll-fingerprint'), soon).toBe(roll.fingerprint);
    expect(await text(page, '#log-news')).toBe(`New in the log: Election locked; roll 4 voters, fingerprint ${roll.fingerprint}${ALONE}`);
    expect(await page.locator('#log-news').getAttribute('aria-live')).toBe('polite');
    await stack.admin('POST', `/elections/${ELECTION}/start`);
    await expect.poll(async () => (await logTexts(page)).find((t) => t.startsWith('Voting opened')), soon).toBe(`Voting opened${ALONE}`);
    await expect.poll(() => text(page, '#phase'), soon).toBe('Voting is open');
    // Opened on start, the window's opening is the log's.
    expect(await text(page, '#facts')).toMatch(/Opened: .+Closes: /);
    expect(await stillLoaded(page)).toBe(true);
    // The credentials held until the opening go out as it opens.
    await expect
      .poll(async () => (await logTexts(page)).find((t) => t.startsWith('Voting links mailed')), soon)
      .toBe('Voting links mailed to 4 voters (everyone on the roll but the postal voters), held until then');
    expect(await text(page, '#chain-status')).toMatch(/^Hash chain intact up to event #8:/);
    await check(page, 'open');
  }, 60_000);

  it('moves the turnout as ballots are cast, and shows a breach prominently', async () => {
    for (const [i, choice] of CHOICES.entries()) {
      const token = await credentialToken(stack.mailboxUrl, `${VOTERS[i]}@uni.test`);
      const response = await fetch(`${stack.apiUrl}/elections/${ELECTION}/ballots`, { method: 'POST', body: JSON.stringify({ token, choices: [choice] }) });
      expect(response.status).toBe(201);
    }
    await expect.poll(() => text(page, '#turnout'), soon).toBe('3 of 4 voters have voted (75%).');
    expect(await page.locator('#turnout').getAttribute('aria-live')).toBe('polite');

    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'infra/local/breachCli.ts', '--event', 'ConsoleLogin', '--principal', PRINCIPAL, '--port', new URL(stack.apiUrl).port], {
      env: { ...process.env, ELECTION_API: '' },
    });
    expect(stdout).toContain('recorded in every locked election');
    await expect.poll(async () => (await logTexts(page)).find((t) => t.startsWith('Breach:')), soon).toMatch(new RegExp(`^Breach: ConsoleLogin by ${PRINCIPAL} at .+, from `));
    await expect.poll(() => text(page, '#breach-banner'), soon).toMatch(/^COMPROMISED: 1 breach was detected while the election was locked/);
    expect(await page.locator('#breach-banner').getAttribute('role')).toBe('alert');
    expect(await page.locator('#log li.breach strong').count()).toBe(1);
    expect(await text(page, '#security')).toMatch(/^COMPROMISED/);
    expect(await stillLoaded(page)).toBe(true);
    await check(page, 'breach');
  }, 60_000);

  it('verifies the audit export in the browser once the results are published', async () => {
    // The page's clock moves with the stack's: the time it says it last checked the log is not an hour before the close it shows.
    await page.clock.setSystemTime(await stack.rehearsalClock(new Date(closesAt.getTime() + 1_000)));
    await expect.poll(async () => (await stack.admin('GET', `/elections/${ELECTION}`)).phase, { timeout: 60_000, interval: 500 }).toBe('published');
    await expect.poll(() => text(page, '#audit-status'), { timeout: 30_000, interval: 250 }).toBe('VERIFIED: every check passed.');
    expect(await text(page, '#audit-result')).toContain('The export’s roll (4 voters) has the fingerprint recorded at the lock.');
    expect(await text(page, '#audit-result')).toMatch(/The export’s last event \(#\d+\) has the same hash as event #\d+ in the live log/);
    expect(await text(page, '#audit-result')).toContain('The export records 1 breach');
    const { seal } = await stack.admin('GET', `/elections/${ELECTION}`);
    expect(await text(page, '#export-digest')).toBe(seal.digest);
    expect(await logTexts(page)).toEqual(expect.arrayContaining(['Voting closed', `Ballot box sealed: 3 ballots, digest ${seal.digest}`, 'Results published']));
    expect(await stillLoaded(page)).toBe(true);
    await check(page, 'verified');

    // By keyboard alone: the button runs the verification again.
    await page.locator('#verify-audit').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, '#audit-status'), soon).toBe('VERIFIED: every check passed.');
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('verify-audit');

    // Nothing can be appended after publication: the page says so and stops asking.
    expect(await text(page, '#refresh-note')).toMatch(/^The results are published, so nothing more can be added to this log: the page no longer refreshes\. \(/);
    const logReads = () => requests.filter((r) => r.url().includes(`/elections/${ELECTION}/events?after=`)).length;
    const readsThen = logReads();
    // A minute on the page's clock: every refresh it still had planned (one each 5 s) fires.
    await page.clock.runFor(60_000);
    expect(logReads()).toBe(readsThen);
  }, 120_000);

  it('switches to German and keeps what it shows', async () => {
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Was Beobachter sehen');
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('de');
    expect(await text(page, '#audit-status')).toBe('GEPRÜFT: Jede Prüfung bestanden.');
    expect((await logTexts(page)).find((t) => t.startsWith('Wahl geöffnet'))).toBeDefined();
    expect(await text(page, '#turnout')).toMatch(/^3 von 4 Wahlberechtigten haben gewählt \(75\s%\)\.$/);
    await check(page, 'verified-de');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('finds a changed ballot in a tampered export and says so', async () => {
    const original = await (await fetch(`${stack.apiUrl}/elections/${ELECTION}/audit-log`)).text();
    const lines = original.trimEnd().split('\n');
    const changed = lines.findIndex((line) => line.includes('"kind":"ballot"') && line.includes('Grace Hopper'));
    const tampered = lines.map((line, i) => (i === changed ? line.replace('Grace Hopper', 'Ada Lovelace') : line)).join('\n');
    const { ctx, p } = await open(ELECTION);
    await p.route(`**/elections/${ELECTION}/audit-log`, (route) => route.fulfill({ status: 200, contentType: 'application/x-ndjson', body: tampered }));
    await p.reload();
    await expect.poll(() => text(p, '#audit-status'), { timeout: 30_000, interval: 250 }).toMatch(/^FAILED: \d+ discrepanc(y|ies)\. The verifier says:$/);
    expect(await text(p, '.findings')).toContain('the seal does not match the ballots');
    expect(await p.locator('.findings').getAttribute('lang')).toBe('en');
    await check(p, 'tampered');
    await ctx.close();
  }, 60_000);

  it('says so for an unknown election, and loads another when the address changes', async () => {
    const { ctx, p } = await open('nowhere-2026');
    await expect.poll(() => heading(p).textContent()).toBe('No such election');
    expect(await text(p, '#view')).toContain('“nowhere-2026”');
    expect(await p.evaluate<string | undefined>('document.activeElement?.id')).toBe('view-heading');
    await check(p, 'unknown');
    await p.evaluate(`window.location.hash = '#election=${ELECTION}'`);
    await expect.poll(() => heading(p).textContent()).toBe('What observers see');
    await expect.poll(() => text(p, 'h1')).toBe(TITLE);
    await p.goto(`${stack.apiUrl}/observe`);
    await expect.poll(() => heading(p).textContent()).toBe('Which election?');
    await check(p, 'missing');
    await ctx.close();
  });

  it('asked only its own origin, never with a token, stored nothing but the language, and broke no policy', async () => {
    const origin = new URL(stack.apiUrl).origin;
    expect(requests.filter((r) => new URL(r.url()).origin !== origin).map((r) => r.url())).toEqual([]);
    expect(requests.filter((r) => r.headers().authorization !== undefined)).toEqual([]);
    expect(requests.some((r) => r.url().endsWith('/lib/verifier.js'))).toBe(true);
    expect(requests.some((r) => r.url().includes(`/elections/${ELECTION}/events?after=`))).toBe(true);
    expect(await page.evaluate<string[]>('Object.keys(localStorage)')).toEqual(['observe.lang']);
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(0);
    expect(await page.evaluate<string>('document.cookie')).toBe('');
    expect(problems).toEqual([]);
    await context.close();
  });
});
