import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditLog, type AuditLine } from '../../domain';
import { checkState, launchChromium, WIDTHS } from '../support/browser';
import { BREACH_DELIVERY_PATH } from '../../infra/local/breachDeliveryPath';
import { cloudTrailRecord, eventBridgeDelivery } from '../../infra/local/cloudTrailFixture';
import { credentialToken, spawnLocalStack, type LocalStackProcess } from '../support/localStackProcess';

/**
 * A whole election run from the admin console in Debian's chromium against `npm start`'s stack: a
 * wrong token refused, sign-in, an election of two contests created through the form by keyboard
 * alone (a problem shown as it is typed, one the API names), a 2,000-voter CSV with 3 bad rows
 * refused row by row with nothing sent, then fixed and imported in batches, a late candidate, a
 * window that closes in an hour, lock and start behind their confirmations, turnout moving as voters
 * vote from their mails, the publication at the deadline (the stack runs on its rehearsal clock,
 * moved past the deadline instead of waiting for it), the export downloaded and verified,
 * sign-out. Every state is axe-checked at 1280 and 360 px and captured into artifacts/admin-console/.
 */
const ADMIN = 'browser-admin-token-console-5e1f';
const SHOTS = 'artifacts/admin-console';
const VOTERS = 2000;
/** Lines (1-based, the header is line 1) made bad in the first file. */
const BAD_LINES = [101, 502, 1500];
/** From setting the window to its deadline: far beyond the test's steps, whatever the load; the stack's rehearsal clock is moved past it. */
const WINDOW_MS = 3_600_000;
/**
 * The credentials and the results go to all 2,000 voters; at SES's sandbox rate of 14 a second
 * each would take 143 s. A production account's rate is in the hundreds; the pacing itself has
 * its own tests.
 */
const SES_MAX_SEND_RATE = '200';
/** Four voters' papers: s1 and s3 are in Biologie and may vote for the speaker only, s2 and s4 in Informatik. */
const PAPERS = {
  s1: { speaker: { choices: ['Ada Lovelace'] } },
  s2: { speaker: { choices: ['Grace Hopper'] }, 'faculty-council-informatik': { choices: ['Alan Turing', 'Barbara Liskov'] } },
  s3: { speaker: { choices: ['Ada Lovelace'] } },
  s4: { speaker: { choices: ['Ada Lovelace'] }, 'faculty-council-informatik': { choices: ['Alan Turing'] } },
};
/** An instant as a `datetime-local` value on a Berlin wall clock, to the second (the browser's zone in this test). */
const berlinLocal = (at: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    .format(at)
    .replace(' ', 'T');
/** An instant as the console writes it in UTC, to the minute. */
const utcMoment = (at: Date) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(at);

function voterCsv(bad: boolean): string {
  const lines = ['student_id,email,groups'];
  for (let i = 1; i <= VOTERS; i += 1) lines.push(`s${i},s${i}@uni.test,${i % 2 === 0 ? 'faculty:informatik' : 'faculty:biologie'}`);
  if (bad) {
    lines[BAD_LINES[0]! - 1] = 's100,not-an-address'; // a bad e-mail
    lines[BAD_LINES[1]! - 1] = 's7,s7-again@uni.test'; // a student id given twice (s7 is on line 8)
    lines[BAD_LINES[2]! - 1] = 's1499'; // one column only
  }
  return `${lines.join('\n')}\n`;
}

describe('the admin console: a whole election from sign-in to the verified export', () => {
  let stack: LocalStackProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requests: Request[] = [];
  const consoleErrors: string[] = [];
  let electionId = '';
  let closesAt = new Date(0);

  const heading = () => page.locator('#view-heading').textContent();
  const focusedId = () => page.evaluate<string>('document.activeElement?.id ?? ""');
  /** Tabs on until the element with this id has focus: the keyboard alone, as a keyboard user goes. */
  const tabTo = async (id: string) => {
    for (let i = 0; i < 80 && (await focusedId()) !== id; i += 1) await page.keyboard.press('Tab');
    expect(await focusedId()).toBe(id);
  };
  const check = (state: string) => checkState(page, state, { dir: SHOTS, widths: [WIDTHS.desktop, WIDTHS.phone] });
  const votersPosted = () => requests.filter((r) => r.method() === 'POST' && /\/elections\/[^/]+\/voters$/.test(new URL(r.url()).pathname));

  beforeAll(async () => {
    [stack, browser] = await Promise.all([spawnLocalStack({ ADMIN_TOKEN: ADMIN, SES_MAX_SEND_RATE, GRACE_SECONDS: '1' }, ['--rehearsal']), launchChromium()]);
    // A zone away from UTC, so that the window's conversion to ISO with an offset is tested.
    context = await browser.newContext({ viewport: { width: WIDTHS.desktop, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Berlin' });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    page.on('request', (request) => requests.push(request));
    page.on('console', (message) => void (message.type() === 'error' && consoleErrors.push(message.text())));
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('refuses a wrong token, and signs in with the right one', async () => {
    await page.goto(`${stack.apiUrl}/admin`);
    await expect.poll(heading).toBe('Sign in');
    await check('sign-in');
    await page.getByLabel('Admin token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#token-error').textContent()).toBe('This admin token was refused. Check it and try again.');
    expect(await page.getByLabel('Admin token').getAttribute('aria-invalid')).toBe('true');
    await check('sign-in-refused');

    await page.getByLabel('Admin token').fill(ADMIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(heading).toBe('Elections');
    expect(await focusedId()).toBe('view-heading');
    expect(await page.locator('#view').textContent()).toContain('There are no elections yet.');
    await check('list-empty');
  });

  it('creates an election of two contests by keyboard alone: a problem shown as typed, one named by the API', async () => {
    await page.getByRole('button', { name: 'Create an election' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(heading).toBe('Create an election');

    await tabTo('f-title');
    await page.keyboard.type('Student council 2026');
    await tabTo('f-id');
    await page.keyboard.type('council-2026');
    // The box is sealed unless the committee chooses otherwise: this election's papers are voted in plaintext below, so it is open, and says what that means.
    await tabTo('f-box-sealed');
    await page.keyboard.press('ArrowDown');
    await expect.poll(focusedId).toBe('f-box-open');
    expect(await page.locator('#f-box-open').isChecked()).toBe(true);
    expect(await page.locator('#open-box-warning').textContent()).toMatch(/^Not secret against the operator/);
    await tabTo('f-closesAt');
    // 12 December next year: the same typed whether the field reads dd/mm or mm/dd (it follows the
    // browser's language, not the page's); a full part moves on to the next, the year (up to 6 digits) by the arrow key.
    const year = new Date().getFullYear() + 1;
    await page.keyboard.type(`1212${year}`);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('1800');
    expect(await page.locator('#f-closesAt').inputValue()).toBe(`${year}-12-12T18:00`);

    // Contest 1: a single-choice ballot with two candidates; a bad address is named as it is typed.
    await tabTo('f-contests-0-title');
    await page.keyboard.type('Speaker');
    await tabTo('f-contests-0-candidates-0-name');
    await page.keyboard.type('Ada Lovelace');
    await tabTo('f-contests-0-candidates-0-email');
    await page.keyboard.type('ada@');
    const emailError = page.locator('#e-contests-0-candidates-0-email');
    await expect.poll(() => emailError.textContent()).toBe('Invalid email address');
    expect(await page.locator('#f-contests-0-candidates-0-email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-contests-0-candidates-0-email').getAttribute('aria-describedby')).toContain('e-contests-0-candidates-0-email');
    await check('create-field-error');
    await page.keyboard.type('uni.test');
    await expect.poll(() => emailError.textContent()).toBe('');
    expect(await page.locator('#f-contests-0-candidates-0-email').getAttribute('aria-invalid')).toBeNull();
    await tabTo('f-contests-0-candidates-0-pageLink');
    await page.keyboard.type('https://uni.test/ada');
    await tabTo('f-contests-0-candidates-1-name');
    await page.keyboard.type('Grace Hopper');
    await tabTo('f-contests-0-candidates-1-email');
    await page.keyboard.type('grace@uni.test');
    await tabTo('f-contests-0-candidates-1-pageLink');
    await page.keyboard.type('https://uni.test/grace');

    // Contest 2: ranked (IRV), for Informatik only, with 2 seats: only the API knows IRV fills one.
    await tabTo('add-contest');
    await page.keyboard.press('Enter');
    await expect.poll(focusedId).toBe('f-contests-1-title');
    await page.keyboard.type('Faculty council Informatik');
    await tabTo('f-contests-1-ballot-kind');
    await page.keyboard.press('ArrowDown'); // approval
    await page.keyboard.press('ArrowDown'); // ranked
    await expect.poll(() => page.locator('#f-contests-1-ballot-kind').inputValue()).toBe('ranked');
    await expect.poll(focusedId).toBe('f-contests-1-ballot-kind');
    await tabTo('f-contests-1-ballot-seats');
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('#f-contests-1-ballot-seats').inputValue()).toBe('2');
    await tabTo('f-contests-1-groups');
    await page.keyboard.type('faculty:informatik');
    for (const [j, name] of ['Alan Turing', 'Edsger Dijkstra'].entries()) {
      await tabTo(`f-contests-1-candidates-${j}-name`);
      await page.keyboard.type(name);
      await tabTo(`f-contests-1-candidates-${j}-email`);
      await page.keyboard.type(`c${j}@uni.test`);
      await tabTo(`f-contests-1-candidates-${j}-pageLink`);
      await page.keyboard.type(`https://uni.test/c${j}`);
    }
    await tabTo('f-contests-1-candidates-1-pageLink');
    await page.keyboard.press('Enter'); // submits the form
    const seatsError = page.locator('#e-contests-1-ballot-seats');
    await expect.poll(() => seatsError.textContent()).toMatch(/IRV fills one seat/);
    expect(await page.locator('#f-contests-1-ballot-seats').getAttribute('aria-invalid')).toBe('true');
    expect(await focusedId()).toBe('form-problems');
    expect(await page.locator('#form-problems').textContent()).toContain('1 problem to fix');
    await check('create-api-error');

    // The summary's link leads to the field; one seat, and the election is created.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await focusedId()).toBe('f-contests-1-ballot-seats');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => seatsError.textContent()).toBe('');
    const created = page.waitForResponse((r) => r.url().endsWith('/elections') && r.request().method() === 'POST');
    await page.keyboard.press('Enter');
    const createdResponse = await created;
    expect(createdResponse.status(), await createdResponse.text()).toBe(201);
    await expect.poll(heading).toBe('Student council 2026');
    electionId = 'council-2026';
    const body = requests
      .filter((r) => r.method() === 'POST' && r.url().endsWith('/elections'))
      .at(-1)!
      .postDataJSON();
    // 18:00 in Berlin, sent with its offset.
    expect(body.closesAt).toBe(`${year}-12-12T18:00:00+01:00`);
    expect(body.contests.map((c: { id: string }) => c.id)).toEqual(['speaker', 'faculty-council-informatik']);
    expect(body.box).toBe('open');
    expect(await page.locator('#view').textContent()).toContain('Set-up');
    expect(await page.locator('#not-secret').textContent()).toMatch(/^Not secret against the operator/);
    await check('election-draft');
  });

  it('lists every bad row of a CSV by line and sends nothing; imports the fixed file in batches', async () => {
    await page.locator('#voter-file').setInputFiles({ name: 'voters.csv', mimeType: 'text/csv', buffer: Buffer.from(voterCsv(true)) });
    await expect.poll(() => page.locator('#import-outcome').textContent()).toBe('3 of 2,000 rows are wrong. Nothing was sent: correct them in the file and pick it again.');
    expect(await focusedId()).toBe('import-outcome');
    const rows = await page.locator('.bad-row-list li').allTextContents();
    expect(rows).toEqual([expect.stringMatching(/^Line 101: email: /), 'Line 502: student_id s7 already on line 8', expect.stringMatching(/^Line 1500: expected 2 to 4 columns/)]);
    expect(votersPosted()).toEqual([]);
    expect(await page.locator('#import-start').count()).toBe(0);
    await check('import-bad-rows');

    await page.locator('#voter-file').setInputFiles({ name: 'voters.csv', mimeType: 'text/csv', buffer: Buffer.from(voterCsv(false)) });
    await expect.poll(() => page.locator('#import-outcome').textContent()).toBe('2,000 voters read; every row is fine.');
    expect(votersPosted()).toEqual([]);
    await page.getByRole('button', { name: 'Import 2,000 voters' }).click();
    await page.locator('progress').first().waitFor();
    await expect.poll(() => page.locator('#import-outcome').textContent(), { timeout: 60_000 }).toContain('Import finished');
    expect(await page.locator('.import-result').textContent()).toContain('2,000 registered');
    expect(await focusedId()).toBe('import-outcome');
    expect(votersPosted().map((r) => r.postDataJSON().voters.length)).toEqual([500, 500, 500, 500]);
    expect(await page.locator('dl.facts').first().textContent()).toContain('2,000');
    await check('import-done');
  }, 90_000);

  it('adds a late candidate to the contest chosen, a bad page refused next to its field first', async () => {
    await page.locator('#candidate-contest').selectOption('faculty-council-informatik');
    await expect.poll(focusedId).toBe('candidate-contest');
    await page.locator('#candidate-name').fill('Barbara Liskov');
    await page.locator('#candidate-email').fill('barbara@uni.test');
    await page.locator('#candidate-pageLink').fill('ftp://uni.test/barbara');
    const added = () => requests.filter((r) => r.method() === 'POST' && r.url().endsWith(`/elections/${electionId}/candidates`));
    await page.getByRole('button', { name: 'Add the candidate' }).click();
    await expect.poll(() => page.locator('#candidate-note').textContent()).toMatch(/^candidates\.0\.pageLink: /);
    expect(await focusedId()).toBe('candidate-pageLink');
    expect(await page.locator('#candidate-pageLink').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#candidate-name').getAttribute('aria-invalid')).toBeNull();
    expect(added()).toEqual([]);
    await check('candidate-refused');

    await page.locator('#candidate-pageLink').fill('https://uni.test/barbara');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#candidate-note').textContent()).toBe('Barbara Liskov added to Faculty council Informatik.');
    expect(added().map((r) => r.postDataJSON())).toEqual([
      { candidates: [{ name: 'Barbara Liskov', email: 'barbara@uni.test', pageLink: 'https://uni.test/barbara' }], contest: 'faculty-council-informatik' },
    ]);
    expect(await focusedId()).toBe('candidate-name');
    expect(await page.locator('#candidate-name').inputValue()).toBe('');
    expect(await page.locator('.candidate-names').allTextContents()).toEqual(['Ada Lovelace, Grace Hopper', 'Alan Turing, Edsger Dijkstra, Barbara Liskov']);
    await check('candidate-added');

    // What only the API knows, a name that is one already on the paper but for a dotless ı, is named there too.
    await page.locator('#candidate-name').fill('Alan Turıng');
    await page.locator('#candidate-email').fill('alan2@uni.test');
    await page.locator('#candidate-pageLink').fill('https://uni.test/alan2');
    await page.getByRole('button', { name: 'Add the candidate' }).click();
    await expect.poll(() => page.locator('#candidate-note').textContent()).toBe('candidates.0.name: "Alan Turıng" is the same name as "Alan Turing" already on the ballot');
    expect(await focusedId()).toBe('candidate-name');
    expect(await page.locator('#candidate-name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.candidate-names').allTextContents()).toEqual(['Ada Lovelace, Grace Hopper', 'Alan Turing, Edsger Dijkstra, Barbara Liskov']);
    await page.locator('#candidate-name').fill('');
    await page.locator('#candidate-email').fill('');
    await page.locator('#candidate-pageLink').fill('');
  });

  it('sets the observers, refuses a deadline in the past next to its field, and sets one an hour ahead', async () => {
    await page.locator('#observers').fill('obs1@uni.test\nobs2@uni.test');
    await page.getByRole('button', { name: 'Set the observers' }).click();
    await expect.poll(() => page.locator('#observers-note').textContent()).toBe('Observers set: 2 addresses.');
    expect(await focusedId()).toBe('observers');

    const closes = page.locator('#window-closes');
    await closes.fill('2020-01-01T12:00');
    await page.getByRole('button', { name: 'Set the voting window' }).click();
    await expect.poll(() => page.locator('#window-note').textContent()).toMatch(/closesAt/);
    expect(await page.locator('#window-closes').getAttribute('aria-invalid')).toBe('true');
    await check('window-refused');
    closesAt = new Date(Math.ceil(((await stack.rehearsalClock()).getTime() + WINDOW_MS) / 1000) * 1000);
    await page.locator('#window-closes').fill(berlinLocal(closesAt));
    const windowSet = page.waitForResponse((r) => r.url().endsWith(`/elections/${electionId}/window`));
    await page.getByRole('button', { name: 'Set the voting window' }).click();
    expect(Date.parse((await windowSet).request().postDataJSON().closesAt)).toBe(closesAt.getTime());
    await expect.poll(() => page.locator('#window-note').textContent()).toBe('Voting window set.');
  });

  it('locks and starts behind confirmations; a locked election offers no set-up', async () => {
    await page.getByRole('button', { name: 'Lock the election…' }).click();
    const dialog = page.locator('dialog[open]');
    await expect.poll(() => dialog.locator('h3').textContent()).toBe('Lock this election?');
    expect(await dialog.textContent()).toContain('This cannot be undone.');
    expect(await dialog.textContent()).toContain('2,000 voters');
    // Contests of 2,000 and 1,000 voters: nothing to warn of.
    expect(await page.locator('.small-contests').count()).toBe(0);
    await check('lock-dialog');
    await dialog.getByRole('button', { name: 'Lock it' }).click();
    await expect.poll(() => page.locator('dl.facts').first().textContent()).toContain('Locked');
    expect(await page.locator('#voter-file').count()).toBe(0);
    expect(await page.locator('#observers').count()).toBe(0);
    expect(await page.locator('.locked-note').textContent()).toContain('Importing voters');
    expect(await page.locator('dl.facts').first().textContent()).toMatch(/Roll fingerprint \(SHA-256\)[0-9a-f]{64}/);
    await check('locked');

    // A breach while locked, as `npm run breach` sends it: the start is refused until confirmed.
    const breach = await fetch(`${stack.apiUrl}${BREACH_DELIVERY_PATH}`, { method: 'POST', body: JSON.stringify(eventBridgeDelivery(cloudTrailRecord('ConsoleLogin'))) });
    expect(breach.status).toBe(200);

    await page.getByRole('button', { name: 'Start voting…' }).click();
    await expect.poll(() => dialog.locator('h3').textContent()).toBe('Start voting?');
    expect(await dialog.textContent()).toContain('cannot be undone');
    expect(await dialog.locator('.utc').first().textContent()).toBe(`(UTC: ${utcMoment(closesAt)})`);
    await check('start-dialog');
    await dialog.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(() => dialog.locator('h3').textContent()).toBe('A security breach was recorded');
    const anyway = dialog.getByRole('button', { name: 'Start despite the breach' });
    expect(await anyway.isDisabled()).toBe(true);
    await check('start-breach');
    await dialog.getByLabel('I know about the breach and start the election anyway').check();
    const started = page.waitForResponse((r) => r.url().endsWith(`/elections/${electionId}/start`));
    await anyway.click();
    expect((await started).request().postDataJSON()).toEqual({ confirmCompromised: true });
    await expect.poll(() => page.locator('dl.facts').first().textContent()).toContain('Voting open');
    await expect.poll(() => page.locator('#monitor-heading').count()).toBe(1);
    // The election's own note; the monitor's breach warning may be drawn before it.
    await expect.poll(() => page.locator('.warning').filter({ hasText: 'A security breach was recorded' }).count()).toBe(1);
    await check('started');
    // German keeps the page and what it shows.
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await expect.poll(() => page.locator('dl.facts').first().textContent()).toContain('Wahl läuft');
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('de');
    await check('started-de');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('dl.facts').first().textContent()).toContain('Voting open');
  });

  it('moves turnout as voters vote from their mails, per contest after the close, publishes at the deadline, and the downloaded export verifies', async () => {
    const soon = { timeout: 20_000, interval: 250 };
    const live = page.locator('#monitor-turnout [aria-live="polite"]');
    await expect.poll(() => live.textContent(), soon).toBe('0 of 2,000 voters have voted (0%).');
    // The 2,000 credentials, held until the start, go out at the test's SES rate: about 10 s.
    const sent = async () => {
      const { counts } = await stack.admin('GET', `/elections/${electionId}/mail`);
      return counts.sent + counts.delivered;
    };
    await expect.poll(sent, { timeout: 120_000, interval: 1_000 }).toBe(VOTERS);
    for (const [voter, papers] of Object.entries(PAPERS)) {
      const token = await credentialToken(stack.mailboxUrl, `${voter}@uni.test`);
      const cast = await fetch(`${stack.apiUrl}/elections/${electionId}/ballots`, { method: 'POST', body: JSON.stringify({ token, papers }) });
      expect(cast.status, await cast.text()).toBe(201);
    }
    await expect.poll(() => live.textContent(), soon).toBe('4 of 2,000 voters have voted (0.2%).');
    // Per contest only after the close: while voting runs it would show which papers each voter cast.
    const rows = page.locator('#monitor-turnout table tbody tr');
    expect(await rows.count()).toBe(0);
    expect(await page.locator('#monitor-contest-turnout').textContent()).toContain('Turnout per contest is shown once voting has closed');
    await expect.poll(() => page.locator('#monitor-chart svg polyline').count(), soon).toBe(1);
    await check('voting');

    // The deadline, the grace and the count by the lifecycle workflow; the results are provisional until the committee (here of one) accepts them.
    await stack.rehearsalClock(new Date(closesAt.getTime() + 1_000));
    await expect.poll(() => page.locator('dl.facts').first().textContent(), { timeout: 60_000, interval: 500 }).toContain('provisional — awaiting the committee’s acceptance');
    await page.getByRole('button', { name: 'Accept the results…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Accept them' }).click();
    // Then the results are mailed to the 2,000 voters and published.
    await expect.poll(() => page.locator('dl.facts').first().textContent(), { timeout: 60_000, interval: 500 }).toContain('Published');
    await expect.poll(() => page.locator('#monitor-results svg.votes-chart').count(), soon).toBe(2);
    expect(await page.locator('#monitor-results svg.votes-chart').first().getAttribute('aria-label')).toBe('Votes in Speaker: Ada Lovelace 3, Grace Hopper 1.');
    await expect.poll(() => rows.locator('th').allTextContents(), soon).toEqual(['Speaker', 'Faculty council Informatik']);
    expect(await rows.first().locator('td').allTextContents()).toEqual(['4', '0', '2,000', '0.2%']);
    expect(await rows.last().locator('td').allTextContents()).toEqual(['2', '0', '1,000', '0.2%']);
    await expect.poll(() => page.locator('#monitor-digest').textContent(), soon).toMatch(/^[0-9a-f]{64}$/);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download the audit export (NDJSON)' }).click();
    const lines = (await readFile((await (await download).path())!, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditLine);
    expect(verifyAuditLog(lines).findings).toEqual([]);
    expect(lines.filter((line) => line.kind === 'voter')).toHaveLength(2000);
    expect(lines.find((line) => line.kind === 'participation')).toEqual({ kind: 'participation', count: 4 });
    expect(lines.filter((line) => line.kind === 'ballot')).toHaveLength(6);

    // The official record beside it, in German, as a PDF of its own name.
    const record = page.waitForEvent('download');
    await page.locator('#monitor-official-record').getByRole('link', { name: 'Deutsch' }).click();
    const pdf = await record;
    expect(pdf.suggestedFilename()).toBe(`record-${electionId}-de.pdf`);
    expect((await readFile((await pdf.path())!)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The record as accepted, the copy to sign: its bytes have the SHA-256 the console shows, which the log lists.
    const issued = page.waitForEvent('download');
    await page.locator('#monitor-issued-record').getByRole('link', { name: 'English' }).click();
    const issuedPdf = await issued;
    expect(issuedPdf.suggestedFilename()).toBe(`record-${electionId}-en-issued.pdf`);
    const listed = lines.flatMap((line) => (line.kind === 'event' && line.event.type === 'OfficialRecordIssued' ? line.event.data.records : []));
    expect(await page.locator('#monitor-issued-record-en').textContent()).toBe(listed.find((r) => r.language === 'en')!.sha256);
    expect(
      createHash('sha256')
        .update(await readFile((await issuedPdf.path())!))
        .digest('hex'),
    ).toBe(listed.find((r) => r.language === 'en')!.sha256);
    expect(await page.locator('#monitor-issued-record').textContent()).toContain('As accepted, to print and sign');
    await check('published');
  }, 150_000);

  it('lists the election, and signs out leaving the token nowhere', async () => {
    await page.getByRole('button', { name: '← All elections' }).click();
    await expect.poll(heading).toBe('Elections');
    const row = page.locator('table.elections tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Published');
    expect(await row.textContent()).toContain('Breach recorded');
    // An open box says in the list what it is not.
    expect(await row.locator('.box-flag').textContent()).toBe('Open box: not secret against the operator');
    expect(await row.textContent()).toContain('4 of 2,000');
    expect(await row.locator('.utc').textContent()).toMatch(/^UTC: /);
    await check('list');

    const stored = await page.evaluate<string>('JSON.stringify([document.cookie, { ...localStorage }, { ...sessionStorage }, location.href])');
    expect(stored).not.toContain(ADMIN);
    expect(requests.some((r) => r.url().includes(ADMIN))).toBe(false);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(heading).toBe('Sign in');
    expect(await page.locator('#view').textContent()).toContain('You are signed out');
    expect(await page.getByRole('button', { name: 'Sign out' }).isHidden()).toBe(true);

    // German: the language switch keeps the view.
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await expect.poll(heading).toBe('Anmelden');
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('de');
    await check('sign-in-de');
    expect(electionId).toBe('council-2026');
    // No script error and nothing the Content-Security-Policy refused (zod runs jitless). The refusals
    // the test asked for are logged by the browser: the wrong token's 401, the API's 400, the breach's 409,
    // and a 404 for the monitor's files while web/admin/monitor.js is not there.
    expect(consoleErrors.filter((e) => !/status of (400|401|404|409) /.test(e))).toEqual([]);
  });
});
