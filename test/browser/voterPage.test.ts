import { readFileSync } from 'node:fs';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballotAuditFromJson, checkBallotAudit, type AuditedElection, type BallotAuditJson } from '../../contract/ballotAudit';
import { ballotIdOf } from '../../domain';
import { rehearseCeremony } from '../../domain/crypto/rehearsal';
import { axeViolations, checkState, launchChromium, WIDTHS } from '../support/browser';
import { spawnLocalStack, tokenInLink, votingLink, waitForMail, type LocalStackProcess } from '../support/localStackProcess';

/**
 * The voter page in Debian's chromium against `npm start -- --rehearsal`'s stack: links come from
 * the local mailbox, as a voter would click them, and voting closes when a test moves the stack's
 * clock past the deadline. Every state is checked with axe-core and captured at 360 px and 1280 px
 * into artifacts/voter-page/.
 */
const ADMIN = 'browser-admin-token-5d1e8b3c9a';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The grace after the close, while the page says voting has closed and has no results yet: an hour of the stack's clock, over only when the clock is moved past it. */
const GRACE_SECONDS = 3_600;
const CANDIDATES = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'].map((name, i) => ({ name, email: `c${i}@uni.test`, pageLink: `https://uni.test/candidates/${i}` }));
const RECEIPT = /^[A-Za-z0-9_-]{22}$/;

describe('the voter page', () => {
  let stack: LocalStackProcess;
  let browser: Browser;
  let closesAt: Date;
  const receipts: Record<string, string> = {};

  const linkFor = (email: string) => votingLink(stack.mailboxUrl, email);
  /**
   * A link to the referendum, which opens in days: its voters get theirs only as it opens, but a
   * voter of an election of the 2019 command API, mailed at registration, holds one before that.
   */
  const earlyLink = () => `${stack.apiUrl}/vote#election=later&token=${'W'.repeat(43)}`;

  /** A fresh browser profile at phone width, recording every request the page makes. */
  const open = async (url: string, locale = 'en-GB') => {
    const context = await browser.newContext({ viewport: { width: WIDTHS.phone, height: 800 }, locale });
    const page = await context.newPage();
    const requests: Request[] = [];
    const consoleLines: string[] = [];
    page.on('request', (request) => requests.push(request));
    page.on('console', (message) => consoleLines.push(message.text()));
    await page.goto(url);
    return { context, page, requests, consoleLines };
  };
  const heading = (page: Page) => page.locator('#view-heading');
  const vote = async (page: Page, candidate: string) => {
    await page.getByLabel(candidate, { exact: true }).check();
    await page.getByRole('button', { name: 'Review my ballot' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Check your ballot');
    await page.getByRole('button', { name: 'Cast my ballot' }).click();
  };
  const phaseOf = async (id: string) => (await stack.admin('GET', `/elections/${id}`)).phase as string;
  /** Moves the stack's clock on by ms from the time it reads now. */
  const moveClockOn = async (ms: number) => stack.rehearsalClock(new Date((await stack.rehearsalClock()).getTime() + ms));

  /** Creates, fills, locks and starts an election; returns its voters' e-mail addresses. */
  const setUp = async (election: Record<string, unknown>, studentIds: string[]) => {
    await stack.admin('POST', '/elections', election);
    await stack.admin('POST', `/elections/${election.id}/voters`, { voters: studentIds.map((id) => ({ studentId: id, email: `${id}@uni.test` })) });
    await stack.admin('POST', `/elections/${election.id}/lock`);
    await stack.admin('POST', `/elections/${election.id}/start`);
  };

  beforeAll(async () => {
    [stack, browser] = await Promise.all([spawnLocalStack({ ADMIN_TOKEN: ADMIN, GRACE_SECONDS: String(GRACE_SECONDS) }, ['--rehearsal']), launchChromium()]);
    const now = (await stack.rehearsalClock()).getTime();
    // Up to 2 of 3, closing in an hour: voted in first, closed and published by moving the stack's clock past its close and its grace.
    closesAt = new Date(now + HOUR_MS);
    await setUp({ id: 'board', title: 'Faculty board 2026', ballot: { kind: 'multi', maxChoices: 2 }, candidates: CANDIDATES, closesAt: closesAt.toISOString() }, ['f1', 'f2', 'f3']);
    // The council stays open, and the referendum not yet open, for days after the moves past the board's close and grace.
    await setUp({ id: 'council', title: 'Student council 2026', candidates: CANDIDATES, closesAt: new Date(now + 14 * DAY_MS).toISOString() }, ['v1', 'v2', 'v3', 'v4', 'v5']);
    const later = new Date(now + 14 * DAY_MS);
    await setUp(
      { id: 'later', title: 'Referendum on the library hours', candidates: CANDIDATES.slice(0, 2), opensAt: later.toISOString(), closesAt: new Date(later.getTime() + HOUR_MS).toISOString() },
      ['w1'],
    );
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('has an accessibility check that does find violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent('<html><body><input type="text"><p style="color:#aaa;background:#fff">faint</p></body></html>');
    expect((await axeViolations(page)).map((v) => v.id)).toEqual(expect.arrayContaining(['color-contrast', 'html-has-lang', 'label']));
    await context.close();
  });

  it('takes up to k choices on a multi-seat ballot and refuses more', async () => {
    const { context, page } = await open(await linkFor('f1@uni.test'));
    await expect.poll(() => heading(page).textContent()).toBe('Your ballot');
    expect(await page.locator('#ballot-hint').textContent()).toBe('Choose up to 2 candidates, or abstain.');
    for (const name of ['Ada Lovelace', 'Grace Hopper', 'Alan Turing']) await page.getByLabel(name, { exact: true }).check();
    await page.getByRole('button', { name: 'Review my ballot' }).click();
    await expect.poll(() => page.locator('#ballot-error').textContent()).toBe('You chose 3 candidates; at most 2 are allowed.');
    await checkState(page, 'ballot-multi-error');
    await page.getByLabel('Grace Hopper', { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Review my ballot' }).click();
    expect(await page.locator('ul.chosen li').allTextContents()).toEqual(['Ada Lovelace', 'Alan Turing']);
    await page.getByRole('button', { name: 'Cast my ballot' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Your ballot was recorded');
    receipts.f1 = (await page.locator('#receipt').textContent())!;
    await context.close();
    const cast = await fetch(`${stack.apiUrl}/elections/board/ballots`, { method: 'POST', body: JSON.stringify({ token: tokenInLink(await linkFor('f2@uni.test')), choices: ['Grace Hopper'] }) });
    expect(cast.status).toBe(201);
  });

  it('lets a voter vote from the e-mailed link and shows the receipt, to copy or download, and in no e-mail; the token leaves the address bar and goes nowhere else', async () => {
    const link = await linkFor('v1@uni.test');
    const token = tokenInLink(link);
    const { context, page, requests, consoleLines } = await open(link);
    await expect.poll(() => heading(page).textContent()).toBe('Your ballot');
    expect(page.url()).not.toContain(token);
    expect(page.url()).toMatch(/\/vote#election=council$/);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Student council 2026');
    await checkState(page, 'ballot');

    await page.getByRole('button', { name: 'Review my ballot' }).click();
    await expect.poll(() => page.locator('#ballot-error').textContent()).toBe('Choose a candidate, or choose to abstain.');
    await checkState(page, 'ballot-error');

    await page.getByLabel('Ada Lovelace', { exact: true }).check();
    await page.getByRole('button', { name: 'Review my ballot' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Check your ballot');
    expect(await page.locator('ul.chosen li').allTextContents()).toEqual(['Ada Lovelace']);
    await checkState(page, 'confirm');

    await page.getByRole('button', { name: 'Cast my ballot' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Your ballot was recorded');
    const receipt = (await page.locator('#receipt').textContent())!;
    expect(receipt).toMatch(RECEIPT);
    receipts.v1 = receipt;
    await checkState(page, 'receipt');

    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy receipt' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Receipt copied.');
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(receipt);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download receipt' }).click()]);
    expect(download.suggestedFilename()).toBe('receipt-council.txt');
    const file = readFileSync((await download.path())!, 'utf8');
    for (const part of [`Receipt: ${receipt}`, 'Student council 2026', '(election council)', `${stack.apiUrl}/vote#election=council`, 'cannot be recovered']) expect(file).toContain(part);
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Receipt saved as receipt-council.txt.');
    expect(await page.locator('#view').textContent()).toContain('Your receipt is not e-mailed to you and cannot be shown again');

    // The confirmation goes through the outbox, so it arrives a moment after the answer.
    const [confirmation] = await waitForMail(stack.mailboxUrl, (m) => m.destination.to.includes('v1@uni.test') && /recorded/.test(m.subject));
    expect(confirmation?.body.text).toContain('was recorded');
    expect(confirmation?.body.text).not.toContain(receipt);
    expect(confirmation?.body.text).not.toContain(ballotIdOf(receipt));
    // Only our own origin was asked for anything, and the token travelled in no URL.
    const origin = new URL(stack.apiUrl).origin;
    expect(requests.filter((r) => new URL(r.url()).origin !== origin).map((r) => r.url())).toEqual([]);
    expect(requests.filter((r) => r.url().includes(token)).map((r) => r.url())).toEqual([]);
    expect(requests.filter((r) => r.postData()?.includes(token)).map((r) => `${r.method()} ${new URL(r.url()).pathname}`)).toEqual(['POST /elections/council/ballots']);
    expect(consoleLines.filter((line) => line.includes(token))).toEqual([]);
    expect(await page.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie')).not.toContain(token);
    await context.close();
  });

  it('refuses a second ballot from the same link', async () => {
    const { context, page } = await open(await linkFor('v1@uni.test'));
    await expect.poll(() => heading(page).textContent()).toBe('Your ballot');
    await vote(page, 'Grace Hopper');
    await expect.poll(() => heading(page).textContent()).toBe('A ballot was already cast with this link');
    await checkState(page, 'already-voted');
    expect((await stack.admin('GET', '/elections/council/turnout')).voted).toBe(1);
    await context.close();
  });

  it('retries after a lost answer without voting twice', async () => {
    const { context, page } = await open(await linkFor('v2@uni.test'));
    await expect.poll(() => heading(page).textContent()).toBe('Your ballot');
    // The ballot reaches the server, but its answer is lost on the way back.
    await page.route(
      '**/elections/council/ballots',
      async (route) => {
        await route.fetch();
        await route.abort('connectionreset');
      },
      { times: 1 },
    );
    await vote(page, 'Alan Turing');
    await expect.poll(() => heading(page).textContent()).toBe('Your ballot could not be sent');
    await checkState(page, 'network-error');
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('A ballot was already cast with this link');
    expect(await page.locator('#view').textContent()).toContain('Your earlier attempt most likely went through');
    expect((await stack.admin('GET', '/elections/council/turnout')).voted).toBe(2);
    await context.close();
  });

  it('works with the keyboard alone', async () => {
    const { context, page } = await open(await linkFor('v3@uni.test'));
    await expect.poll(() => heading(page).textContent()).toBe('Your ballot');
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('view-heading');
    const focusedLabel = () => page.evaluate<string | undefined>('document.activeElement?.labels?.[0]?.textContent ?? document.activeElement?.textContent');
    await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe('Ada Lovelace');
    await page.keyboard.press('ArrowDown');
    expect(await focusedLabel()).toBe('Grace Hopper');
    expect(await page.getByLabel('Grace Hopper', { exact: true }).isChecked()).toBe(true);
    // Radio group, candidate page link, abstention... then the review button.
    for (let i = 0; i < 10 && (await focusedLabel()) !== 'Review my ballot'; i += 1) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page).textContent()).toBe('Check your ballot');
    await page.keyboard.press('Tab');
    expect(await focusedLabel()).toBe('Cast my ballot');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page).textContent()).toBe('Your ballot was recorded');
    await context.close();
  });

  it('speaks German to a German browser and switches language on request', async () => {
    const { context, page } = await open(await linkFor('v4@uni.test'), 'de-DE');
    await expect.poll(() => heading(page).textContent()).toBe('Ihr Stimmzettel');
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('de');
    await checkState(page, 'ballot-de');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Your ballot');
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('en');
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await page.getByLabel('Enthaltung (leerer Stimmzettel)').check();
    await page.getByRole('button', { name: 'Stimmzettel prüfen' }).click();
    await expect.poll(() => page.locator('#view').textContent()).toContain('Sie enthalten sich');
    await page.getByRole('button', { name: 'Stimme abgeben' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Ihre Stimme wurde gespeichert');
    await checkState(page, 'receipt-de');
    await context.close();
  });

  it('tells the voters of an open election, on every view and in either language, that its ballots are not secret against the operator', async () => {
    const OPEN_BOX = {
      en: 'This election’s ballot box is not sealed: its ballots are not secret against the operator. Whoever runs the election’s servers could read them.',
      de: 'Die Urne dieser Wahl ist nicht versiegelt: Die Stimmzettel sind gegenüber dem Betreiber nicht geheim. Wer die Server der Wahl betreibt, könnte sie lesen.',
    };
    const notice = (page: Page) => page.locator('#election [role="note"]');
    // v5 reviews a ballot here and casts none: the token is needed again further down.
    const { context, page } = await open(await linkFor('v5@uni.test'), 'de-DE');
    await expect.poll(() => heading(page).textContent()).toBe('Ihr Stimmzettel');
    expect(await notice(page).allTextContents()).toEqual([OPEN_BOX.de]);
    await checkState(page, 'open-box-de');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => notice(page).allTextContents()).toEqual([OPEN_BOX.en]);
    await page.getByLabel('Ada Lovelace', { exact: true }).check();
    await page.getByRole('button', { name: 'Review my ballot' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Check your ballot');
    expect(await notice(page).allTextContents()).toEqual([OPEN_BOX.en]);
    // Only a sealed election's review offers to check the encryption.
    expect(await page.getByRole('button', { name: 'Check the encryption' }).count()).toBe(0);
    await context.close();

    const notOpen = await open(`${stack.apiUrl}/vote#election=later`);
    await expect.poll(() => heading(notOpen.page).textContent()).toBe('Voting has not started yet');
    expect(await notice(notOpen.page).allTextContents()).toEqual([OPEN_BOX.en]);
    await notOpen.context.close();
  });

  it("seals a sealed election's ballot in the browser: the voter checks the encryption once, then casts it sealed afresh, and the board shows the tracker", async () => {
    const now = (await stack.rehearsalClock()).getTime();
    const ballot = { kind: 'ranked', method: 'meek-stv', seats: 1 } as const;
    await stack.admin('POST', '/elections', {
      id: 'senate',
      title: 'Senate 2026',
      box: 'sealed',
      trustees: { count: 3, threshold: 2 },
      ballot,
      candidates: CANDIDATES,
      closesAt: new Date(now + 14 * DAY_MS).toISOString(),
    });
    // The committee's key ceremony, every trustee's part on this machine, each message through the API.
    const rehearsed = rehearseCeremony({ electionId: 'senate', threshold: 2, trustees: 3 }, (n) => crypto.getRandomValues(new Uint8Array(n)));
    if (!rehearsed.ok) throw new Error(`the rehearsed ceremony failed: ${JSON.stringify(rehearsed.failed)}`);
    const { certificates, dealings, reviews } = rehearsed.ceremony.transcript;
    for (const certificate of certificates) await stack.admin('POST', '/elections/senate/ceremony/certificates', certificate);
    for (const dealing of dealings) await stack.admin('POST', '/elections/senate/ceremony/dealings', dealing);
    for (const review of reviews) await stack.admin('POST', '/elections/senate/ceremony/reviews', review);
    await stack.admin('POST', '/elections/senate/voters', {
      voters: [
        { studentId: 's1', email: 's1@uni.test' },
        { studentId: 's2', email: 's2@uni.test' },
      ],
    });
    await stack.admin('POST', '/elections/senate/lock');
    await stack.admin('POST', '/elections/senate/start');
    const election = await stack.admin('GET', '/elections/senate');
    expect(election.box).toBe('sealed');
    expect(election.electionKey).toMatch(/^[0-9a-f]{64}$/);

    const link = await linkFor('s1@uni.test');
    const token = tokenInLink(link);
    const { context, page, requests, consoleLines } = await open(link);
    await expect.poll(() => heading(page).textContent()).toBe('Your ballot');
    expect(await page.locator('#election [role="note"]').count()).toBe(0);
    await page.getByLabel('Grace Hopper').selectOption('1');
    await page.getByLabel('Ada Lovelace').selectOption('2');
    await page.getByRole('button', { name: 'Review my ballot' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Check your ballot');
    expect(await page.locator('#view').textContent()).toContain('Your ballot is sealed (encrypted) in this browser before it is sent.');
    await checkState(page, 'sealed-confirm');

    await page.getByRole('button', { name: 'Check the encryption' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Check the encryption');
    expect(await page.locator('#audit-check').textContent()).toBe('This page checked it: every paper encrypts your choices under the election key.');
    expect(await page.locator('#view').textContent()).toContain('npm run cli -- audit ballot senate --file ballot-check-senate.json');
    await checkState(page, 'sealed-audit');
    const audit = JSON.parse(await page.locator('#audit-json').inputValue()) as BallotAuditJson;
    expect(audit.electionId).toBe('senate');
    expect(audit.papers.map(({ contest, publicKey, choices }) => ({ contest, publicKey, choices }))).toEqual([
      { contest: 'main', publicKey: election.electionKey, choices: ['Grace Hopper', 'Ada Lovelace'] },
    ]);
    // The check made elsewhere: here, in node, against the election as the API publishes it.
    expect(checkBallotAudit(election as AuditedElection, ballotAuditFromJson(audit))).toEqual({ ok: true, contests: ['main'] });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toBe('ballot-check-senate.json');
    expect(JSON.parse(readFileSync((await download.path())!, 'utf8'))).toEqual(audit);

    await page.getByRole('button', { name: 'Back to my ballot' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Check your ballot');
    await page.getByRole('button', { name: 'Cast my ballot' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Your ballot was recorded');
    const tracker = (await page.locator('#receipt').textContent())!;
    expect(tracker).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.locator('#view').textContent()).toContain('It proves nothing about your choices, to anyone');
    await checkState(page, 'sealed-tracker');
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await expect.poll(() => page.locator('#view').textContent()).toContain('Über Ihre Wahl beweist er niemandem etwas');
    await checkState(page, 'sealed-tracker-de');

    // What was cast: the token and a sealed paper, sealed afresh, nothing of the choices, no randomness.
    const casts = requests.filter((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/elections/senate/ballots');
    expect(casts).toHaveLength(1);
    const cast = casts[0]!.postDataJSON();
    expect(Object.keys(cast).sort()).toEqual(['papers', 'token']);
    expect(cast.token).toBe(token);
    expect(Object.keys(cast.papers.main).sort()).toEqual(['ciphertexts', 'proof']);
    expect(casts[0]!.postData()).not.toMatch(/Grace Hopper|Ada Lovelace|randomness/);
    expect(cast.papers.main.ciphertexts[0].alpha).not.toBe(audit.papers[0]!.ciphertexts[0]!.alpha);
    const board = await stack.call('GET', '/elections/senate/board/main');
    expect(board.status).toBe(200);
    expect(board.body.papers.map((p: { tracker: string }) => p.tracker)).toEqual([tracker]);
    expect(board.body.papers[0].ciphertexts).toEqual(cast.papers.main.ciphertexts);
    // Nothing of the ballot was kept: no storage, no console line holds the token or the audited randomness.
    const kept = await page.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie');
    for (const secret of [token, ...audit.papers[0]!.randomness]) expect(kept).not.toContain(secret);
    expect(consoleLines.filter((line) => line.includes(token))).toEqual([]);
    await context.close();

    // An answer naming another tracker than the sealed paper's is called wrong; the page shows the one it sealed, which is on the board.
    const second = await open(await linkFor('s2@uni.test'));
    await second.page.route('**/elections/senate/ballots', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { receipt: 'f'.repeat(64), trackers: { main: 'f'.repeat(64) } } });
    });
    await expect.poll(() => heading(second.page).textContent()).toBe('Your ballot');
    await second.page.getByLabel('Abstain (blank ballot)').check();
    await second.page.getByRole('button', { name: 'Review my ballot' }).click();
    await second.page.getByRole('button', { name: 'Cast my ballot' }).click();
    await expect.poll(() => heading(second.page).textContent()).toBe('Your ballot was recorded');
    expect(await second.page.locator('#tracker-mismatch').textContent()).toContain(`The election server answered with another tracker (${'f'.repeat(64)})`);
    await checkState(second.page, 'sealed-tracker-mismatch');
    const sealedTracker = (await second.page.locator('#receipt').textContent())!;
    const boardNow = await stack.call('GET', '/elections/senate/board/main');
    expect(boardNow.body.papers.map((p: { tracker: string }) => p.tracker).sort()).toEqual([tracker, sealedTracker].sort());
    await second.context.close();
  }, 120_000);

  it("seals each of a sealed election's papers, in German, and shows each paper's tracker as the board lists it", async () => {
    const now = (await stack.rehearsalClock()).getTime();
    const contests = [
      { id: 'speaker', title: 'Speaker', ballot: { kind: 'single' }, candidates: CANDIDATES },
      { id: 'treasurer', title: 'Treasurers', ballot: { kind: 'multi', maxChoices: 2 }, candidates: CANDIDATES },
    ];
    await stack.admin('POST', '/elections', {
      id: 'assembly',
      title: 'Assembly 2026',
      box: 'sealed',
      trustees: { count: 1, threshold: 1 },
      contests,
      closesAt: new Date(now + 14 * DAY_MS).toISOString(),
    });
    const rehearsed = rehearseCeremony({ electionId: 'assembly', threshold: 1, trustees: 1 }, (n) => crypto.getRandomValues(new Uint8Array(n)));
    if (!rehearsed.ok) throw new Error(`the rehearsed ceremony failed: ${JSON.stringify(rehearsed.failed)}`);
    const { certificates, dealings, reviews } = rehearsed.ceremony.transcript;
    for (const [step, messages] of [
      ['certificates', certificates],
      ['dealings', dealings],
      ['reviews', reviews],
    ] as const)
      for (const message of messages) await stack.admin('POST', `/elections/assembly/ceremony/${step}`, message);
    await stack.admin('POST', '/elections/assembly/voters', { voters: [{ studentId: 'a1', email: 'a1@uni.test' }] });
    await stack.admin('POST', '/elections/assembly/lock');
    await stack.admin('POST', '/elections/assembly/start');

    const { context, page } = await open(await linkFor('a1@uni.test'), 'de-DE');
    await expect.poll(() => heading(page).textContent()).toBe('Stimmzettel 1 von 2: Speaker');
    await page.getByLabel('Grace Hopper', { exact: true }).check();
    await page.getByRole('button', { name: 'Nächster Stimmzettel' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Stimmzettel 2 von 2: Treasurers');
    await page.getByLabel('Enthaltung auf diesem Stimmzettel (leer abgeben)').check();
    await page.getByRole('button', { name: 'Meine Stimmzettel prüfen' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Prüfen Sie Ihre Stimmzettel');
    expect(await page.locator('#view').textContent()).toContain('Ihr Stimmzettel wird in diesem Browser versiegelt (verschlüsselt), bevor er gesendet wird.');
    expect(await page.getByRole('button', { name: 'Verschlüsselung prüfen' }).count()).toBe(1);
    await checkState(page, 'sealed-papers-confirm-de');
    await page.getByRole('button', { name: 'Meine Stimmzettel abgeben' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Ihre Stimme wurde gespeichert');
    const receipt = (await page.locator('#receipt').textContent())!;
    const [speaker, treasurer] = await Promise.all(['speaker', 'treasurer'].map(async (contest) => (await stack.call('GET', `/elections/assembly/board/${contest}`)).body.papers));
    expect(speaker.map((p: { tracker: string }) => p.tracker)).toHaveLength(1);
    expect(receipt).toBe(`${speaker[0].tracker}.${treasurer[0].tracker}`);
    expect(await page.locator('ul.trackers li').allTextContents()).toEqual([`Speaker: ${speaker[0].tracker}`, `Treasurers: ${treasurer[0].tracker}`]);
    expect(await page.locator('#tracker-mismatch').count()).toBe(0);
    await checkState(page, 'sealed-papers-tracker-de');
    await context.close();
  }, 120_000);

  it('explains a broken link, an unknown election and a wrong token', async () => {
    const origin = stack.apiUrl;
    const broken = await open(`${origin}/vote`);
    await expect.poll(() => heading(broken.page).textContent()).toBe('This voting link does not work');
    expect(await broken.page.locator('#view').textContent()).toContain('The link is incomplete');
    await checkState(broken.page, 'invalid-link');
    await broken.context.close();

    const unknown = await open(`${origin}/vote#election=no-such-election&token=${'x'.repeat(27)}`);
    await expect.poll(() => unknown.page.locator('#view').textContent()).toContain('There is no election with the id given in this link.');
    await unknown.context.close();

    const wrong = await open(`${origin}/vote#election=council&token=${'A'.repeat(27)}`);
    await expect.poll(() => heading(wrong.page).textContent()).toBe('Your ballot');
    await vote(wrong.page, 'Ada Lovelace');
    await expect.poll(() => heading(wrong.page).textContent()).toBe('This voting link does not work');
    expect(await wrong.page.locator('#view').textContent()).toContain('This voting token is not valid for this election.');
    await checkState(wrong.page, 'invalid-token');
    await wrong.context.close();
  });

  it('asks for the token after a reload, since it is kept nowhere', async () => {
    const link = await linkFor('v5@uni.test');
    const { context, page } = await open(link);
    await expect.poll(() => heading(page).textContent()).toBe('Your ballot');
    await page.reload();
    await expect.poll(() => page.locator('label[for="token"]').count()).toBe(1);
    await checkState(page, 'token-entry');
    await page.getByLabel('Your personal voting token (from your credential e-mail)').fill(tokenInLink(link));
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('fieldset legend').textContent()).toBe('Choose one candidate, or abstain.');
    await context.close();
  });

  it('says when voting has not started yet', async () => {
    const { context, page } = await open(earlyLink());
    await expect.poll(() => heading(page).textContent()).toBe('Voting has not started yet');
    expect(await page.locator('#view').textContent()).toContain('Voting opens on');
    await checkState(page, 'not-open');
    await context.close();
  });

  it('says when voting has closed, then shows the results and checks a receipt', async () => {
    await stack.rehearsalClock(new Date(closesAt.getTime() + 1_000));
    await expect.poll(() => phaseOf('board'), { timeout: 30_000, interval: 500 }).toBe('closed');
    const { context, page } = await open(await linkFor('f3@uni.test'));
    await expect.poll(() => heading(page).textContent()).toBe('Voting has closed');
    await checkState(page, 'closed');
    await context.close();

    // The grace is reckoned from when the workflow enters it, a moment after the close is recorded: a move
    // made before that only starts it later, so the clock moves past it again while the phase is still closed.
    await expect
      .poll(
        async () => {
          const phase = await phaseOf('board');
          if (phase === 'closed') await moveClockOn(GRACE_SECONDS * 1000 + 1_000);
          return phase;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe('published');
    const results = await open(`${stack.apiUrl}/vote#election=board`);
    const { page: resultsPage } = results;
    await expect.poll(() => heading(resultsPage).textContent()).toBe('Results');
    const rows = await resultsPage.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
    expect(rows).toEqual([
      ['Ada Lovelace', '1'],
      ['Grace Hopper', '1'],
      ['Alan Turing', '1'],
      ['Abstentions', '0'],
    ]);
    expect(await resultsPage.locator('#view').textContent()).toContain('Turnout: 2 of 3 voters (66.7%).');
    const { seal } = await stack.admin('GET', '/elections/board/results');
    expect(await resultsPage.locator('code.digest').textContent()).toBe(seal.digest);
    await checkState(resultsPage, 'results');

    await resultsPage.getByLabel('Receipt', { exact: true }).fill(receipts.f1!);
    await resultsPage.getByRole('button', { name: 'Check', exact: true }).click();
    await expect
      .poll(() => resultsPage.locator('#receipt-outcome').textContent())
      .toBe(`Your ballot is in the sealed ballot box.It counts for: Ada Lovelace, Alan Turing.In the published audit log it is ballot ${ballotIdOf(receipts.f1!)}`);
    await checkState(resultsPage, 'receipt-found');
    // The published ballot id is no receipt: someone who has only the export learns nothing here.
    await resultsPage.getByLabel('Receipt', { exact: true }).fill(ballotIdOf(receipts.f1!));
    await resultsPage.getByRole('button', { name: 'Check', exact: true }).click();
    await expect.poll(() => resultsPage.locator('#receipt-outcome').textContent()).toContain('No ballot with this receipt is in the ballot box.');
    await results.context.close();
  }, 120_000);

  it("checks a sealed election's tracker below its results: the papers found on the board, and any tracker that is not", async () => {
    // The published board election, shown as a sealed one and answered as one (mocked): this is about what the voter sees.
    const tracker = 'a'.repeat(64);
    const { context, page } = await open(`${stack.apiUrl}/vote#election=board`);
    await page.route('**/elections/board', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), box: 'sealed', secrecy: undefined } });
    });
    const checks: unknown[] = [];
    await page.route('**/elections/board/receipts/check', async (route) => {
      checks.push(route.request().postDataJSON());
      await route.fulfill({ status: 200, json: { papers: [{ contest: 'main', tracker }], missing: checks.length > 1 ? ['b'.repeat(64)] : [], sealDigest: 'd'.repeat(64) } });
    });
    await page.reload();
    await expect.poll(() => heading(page).textContent()).toBe('Results');
    expect(await page.locator('#receipt-check-heading').textContent()).toBe('Check your tracker');
    await page.getByLabel('Tracker', { exact: true }).fill(receipts.f1!);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect.poll(() => page.locator('#receipt-outcome').textContent()).toBe('A tracker is 64 digits and letters a to f; the trackers of several papers are joined by dots.');
    await page.getByLabel('Tracker', { exact: true }).fill(tracker);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect.poll(() => page.locator('#receipt-outcome').textContent()).toBe(`Your sealed ballot paper is on the board, and was opened and counted with the others:Faculty board 2026: ${tracker}`);
    await checkState(page, 'sealed-tracker-found');
    await page.getByLabel('Tracker', { exact: true }).fill(`${tracker}.${'b'.repeat(64)}`);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect.poll(() => page.locator('#receipt-outcome').textContent()).toContain(`Not on the board: ${'b'.repeat(64)}.`);
    expect(checks).toEqual([{ receipt: tracker }, { receipt: `${tracker}.${'b'.repeat(64)}` }]);
    await context.close();
  });

  /** The server's side is mocked with `page.route`: these tests are about what the voter sees of each answer. */
  describe('"Lost your link?"', () => {
    const ACCEPTED = 'If you are on the roll and have not voted, your voting link is on its way to that address again. It is the same link as before.';
    const INVALID_EMAIL = 'Enter your whole e-mail address, like name@example.org.';
    const section = (page: Page) => page.getByRole('region', { name: 'Lost your link?' });
    const answerOf = (page: Page) => page.locator('#new-link-answer');
    const ask = async (page: Page, email: string) => {
      await page.getByLabel('Your e-mail address').fill(email);
      await page.getByRole('button', { name: 'Send my link again' }).click();
    };
    /** Serves the given answers to the page's resend requests in turn, recording each request body. */
    const answerResends = async (page: Page, electionId: string, answers: { status: number; body: unknown }[]) => {
      const bodies: unknown[] = [];
      await page.route(`**/elections/${electionId}/credentials/resend`, (route) => {
        bodies.push(route.request().postDataJSON());
        const { status, body } = answers[Math.min(bodies.length, answers.length) - 1]!;
        return route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
      });
      return bodies;
    };
    const accepted = { status: 202, body: { status: 'accepted', message: ACCEPTED } };
    const refusal = (status: number, code: string, message: string) => ({ status, body: { error: { code, message } } });

    it('asks for the link again from an election page opened without a token, and says nothing about the roll', async () => {
      const { context, page, requests, consoleLines } = await open(`${stack.apiUrl}/vote#election=council`);
      await expect.poll(() => heading(page).textContent()).toBe('Your ballot');
      await checkState(page, 'new-link-form');
      const bodies = await answerResends(page, 'council', [{ status: 202, body: { status: 'accepted', message: 'whatever the server says' } }]);
      await ask(page, ' someone@uni.test ');
      await expect.poll(() => answerOf(page).textContent()).toBe(ACCEPTED);
      expect(await answerOf(page).getAttribute('role')).toBe('status');
      expect(bodies).toEqual([{ email: 'someone@uni.test' }]);
      await checkState(page, 'new-link-sent');
      const origin = new URL(stack.apiUrl).origin;
      expect(requests.filter((r) => new URL(r.url()).origin !== origin).map((r) => r.url())).toEqual([]);
      expect(requests.filter((r) => decodeURIComponent(r.url()).includes('someone@uni.test')).map((r) => r.url())).toEqual([]);
      expect(consoleLines.filter((line) => /Content Security Policy|someone@uni\.test/.test(line))).toEqual([]);
      await context.close();
    });

    it('puts a refused address next to the field and takes the voter back to it', async () => {
      const { context, page } = await open(`${stack.apiUrl}/vote#election=council`);
      await expect.poll(() => heading(page).textContent()).toBe('Your ballot');
      const bodies = await answerResends(page, 'council', [refusal(400, 'invalid_request', 'email: Invalid email address')]);
      const field = page.getByLabel('Your e-mail address');
      await ask(page, 'not an address');
      await expect.poll(() => page.locator('#new-link-error').textContent()).toBe(INVALID_EMAIL);
      expect(bodies).toEqual([]);
      await ask(page, 'ada@uni.test');
      await expect.poll(() => bodies.length).toBe(1);
      await expect.poll(() => page.locator('#new-link-error').textContent()).toBe(INVALID_EMAIL);
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('new-link-email');
      expect(await answerOf(page).textContent()).toBe('');
      await checkState(page, 'new-link-invalid');
      await context.close();
    });

    it('says when voting has ended, and to try again later when the server is busy', async () => {
      const { context, page } = await open(`${stack.apiUrl}/vote#election=council`);
      await expect.poll(() => heading(page).textContent()).toBe('Your ballot');
      await answerResends(page, 'council', [refusal(409, 'wrong_phase', 'voting has ended'), refusal(429, 'too_many_requests', 'slow down'), refusal(503, 'unavailable', 'try later')]);
      await ask(page, 'ada@uni.test');
      await expect.poll(() => answerOf(page).textContent()).toBe('Voting has ended, so no new link can be sent.');
      await checkState(page, 'new-link-ended');
      for (let i = 0; i < 2; i += 1) {
        await page.getByRole('button', { name: 'Send my link again' }).click();
        await expect.poll(() => answerOf(page).textContent()).toBe('The election server is busy. Try again in a few minutes.');
      }
      await checkState(page, 'new-link-busy');
      await context.close();
    });

    it('is offered before voting opens and after a refused token, but not with a link in hand or after voting', async () => {
      const notOpen = await open(`${stack.apiUrl}/vote#election=later`);
      await expect.poll(() => heading(notOpen.page).textContent()).toBe('Voting has not started yet');
      expect(await section(notOpen.page).count()).toBe(1);
      await checkState(notOpen.page, 'new-link-not-open');
      await notOpen.context.close();

      await stack.admin('POST', '/elections', { id: 'drafted', title: 'Sports committee 2026', candidates: CANDIDATES });
      const draft = await open(`${stack.apiUrl}/vote#election=drafted`);
      await expect.poll(() => heading(draft.page).textContent()).toBe('Voting has not started yet');
      expect(await section(draft.page).count()).toBe(1);
      await draft.context.close();

      const withLink = await open(earlyLink());
      await expect.poll(() => heading(withLink.page).textContent()).toBe('Voting has not started yet');
      expect(await section(withLink.page).count()).toBe(0);
      await withLink.context.close();

      const wrong = await open(`${stack.apiUrl}/vote#election=council&token=${'B'.repeat(27)}`);
      await expect.poll(() => heading(wrong.page).textContent()).toBe('Your ballot');
      expect(await section(wrong.page).count()).toBe(0);
      await vote(wrong.page, 'Ada Lovelace');
      await expect.poll(() => heading(wrong.page).textContent()).toBe('This voting link does not work');
      expect(await section(wrong.page).count()).toBe(1);
      await wrong.context.close();

      // Published on the moved clock by 'says when voting has closed' above.
      expect(await phaseOf('board')).toBe('published');
      const ended = await open(`${stack.apiUrl}/vote#election=board`);
      await expect.poll(() => heading(ended.page).textContent()).toBe('Results');
      expect(await section(ended.page).count()).toBe(0);
      await ended.context.close();
    });

    it('works with the keyboard alone, in German, and keeps the answer across a language switch', async () => {
      const { context, page } = await open(`${stack.apiUrl}/vote#election=council`, 'de-DE');
      await expect.poll(() => heading(page).textContent()).toBe('Ihr Stimmzettel');
      const bodies = await answerResends(page, 'council', [accepted]);
      const focusedId = () => page.evaluate<string | undefined>('document.activeElement?.id');
      for (let i = 0; i < 10 && (await focusedId()) !== 'new-link-email'; i += 1) await page.keyboard.press('Tab');
      expect(await page.evaluate<string | undefined>('document.activeElement?.labels?.[0]?.textContent')).toBe('Ihre E-Mail-Adresse');
      await page.keyboard.type('ada@uni.test');
      await page.keyboard.press('Enter');
      await expect
        .poll(() => answerOf(page).textContent())
        .toBe('Wenn Sie im Wählerverzeichnis stehen und noch nicht gewählt haben, ist Ihr Wahllink noch einmal an diese Adresse unterwegs. Es ist derselbe Link wie zuvor.');
      expect(bodies).toEqual([{ email: 'ada@uni.test' }]);
      await checkState(page, 'new-link-sent-de');
      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => answerOf(page).textContent()).toBe(ACCEPTED);
      expect(await page.getByLabel('Your e-mail address').inputValue()).toBe('ada@uni.test');
      await context.close();
    });
  });
});
