import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkState, launchChromium, WIDTHS } from '../support/browser';
import { spawnLocalStack, tokenInLink, votingLink, type LocalStackProcess } from '../support/localStackProcess';

/**
 * The voter page's papers in an election of several contests, in Debian's chromium against
 * `npm start`'s stack: a student parliament for everyone, a faculty council per faculty, a
 * referendum for doctoral students. Voters vote on the page (one by keyboard alone, one in
 * German), the API casts the rest, and the last test moves the stack's rehearsal clock past the
 * deadline an hour on, then reads the published results and the receipts. Every state is
 * axe-checked at 360 px and captured into artifacts/voter-page/contests-*.
 */
const ADMIN = 'browser-admin-token-contests-3b9d';
const HOUR_MS = 3_600_000;
const ELECTION = 'stupa-2026';
const person = (name: string, i: number, list?: string) => ({ name, email: `k${i}@uni.test`, pageLink: `https://uni.test/people/${i}`, ...(list && { list }) });

const STUPA = {
  id: ELECTION,
  title: 'University elections 2026',
  contests: [
    {
      id: 'parliament',
      title: 'Student parliament',
      description: 'The student parliament (StuPa) of the whole university: 3 seats, shared between the lists.',
      ballot: { kind: 'list', method: 'sainte-lague', seats: 3, lists: ['Green List', 'Blue List'], votes: 3, maxPerCandidate: 2 },
      candidates: [person('Anna Schmidt', 1, 'Green List'), person('Ben Weber', 2, 'Green List'), person('Clara Wolf', 3, 'Blue List'), person('David Klein', 4, 'Blue List')],
    },
    {
      id: 'fac-inf',
      title: 'Faculty council Informatik',
      groups: ['faculty:informatik'],
      ballot: { kind: 'ranked', method: 'scottish-stv', seats: 2 },
      candidates: ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'].map((name, i) => person(name, 10 + i)),
    },
    {
      id: 'fac-bio',
      title: 'Faculty council Biologie',
      groups: ['faculty:biologie'],
      ballot: { kind: 'ranked', method: 'irv', seats: 1 },
      candidates: ['Rosalind Franklin', 'Barbara McClintock'].map((name, i) => person(name, 20 + i)),
    },
    { id: 'doc-ref', title: 'Should doctoral students have a seat on the senate?', groups: ['status:doctoral'], ballot: { kind: 'referendum', majority: 'simple' } },
  ],
};
const TITLES = STUPA.contests.map((c) => c.title);

const INFORMATIK = ['faculty:informatik'];
const BIOLOGIE = ['faculty:biologie'];
/** i1 votes by keyboard, i2 in German; p1 voted by post; the rest cast through the API. */
const VOTERS: Record<string, string[]> = {
  i1: INFORMATIK,
  i2: [...INFORMATIK, 'status:doctoral'],
  i3: INFORMATIK,
  p1: INFORMATIK,
  b1: BIOLOGIE,
  b2: BIOLOGIE,
  d1: [...BIOLOGIE, 'status:doctoral'],
};
/**
 * By hand, with i1 (Anna 2, Clara 1; abstains on fac-inf) and i2 (the whole Blue List; Grace, Ada; yes):
 * parliament: Green 2 + 1 = 3, Blue 1 + 1 = 2; Sainte-Laguë quotients 6, 2 (Green) and 4, 1.33 (Blue): seats to
 * Green, Blue, Green. fac-inf: 2 valid ballots, quota 1: Grace and Ada elected in round 1.
 * fac-bio: Rosalind 2 of 3, a majority. doc-ref: 1 yes, 1 no: not more yes than no, so it fails.
 */
const API_PAPERS: Record<string, Record<string, { choices: string[] } | { abstain: true }>> = {
  i3: { parliament: { choices: ['Ben Weber'] }, 'fac-inf': { choices: ['Ada Lovelace', 'Alan Turing'] } },
  b1: { parliament: { abstain: true }, 'fac-bio': { choices: ['Rosalind Franklin'] } },
  b2: { 'fac-bio': { choices: ['Rosalind Franklin'] } },
  d1: { 'fac-bio': { choices: ['Barbara McClintock'] }, 'doc-ref': { choices: ['no'] } },
};

/** An election of one contest, given as `contests`: its page is the one it always was. */
const SOLO = {
  id: 'stupa-solo',
  title: 'Sports officer 2026',
  contests: [{ id: 'sports', title: 'Sports officer 2026', ballot: { kind: 'single' }, candidates: [person('Ada Lovelace', 30), person('Grace Hopper', 31)] }],
};

describe('the voter page: several contests, each voter their own papers', () => {
  let stack: LocalStackProcess;
  let browser: Browser;
  let closesAt: Date;
  const receipts: Record<string, string> = {};

  const linkFor = (voter: string) => votingLink(stack.mailboxUrl, `${voter}@uni.test`);
  const open = async (url: string, locale = 'en-GB') => {
    const context = await browser.newContext({ viewport: { width: WIDTHS.phone, height: 800 }, locale });
    const page = await context.newPage();
    const requests: Request[] = [];
    page.on('request', (request) => requests.push(request));
    await page.goto(url);
    return { context, page, requests };
  };
  const heading = (page: Page) => page.locator('#view-heading');
  const text = (page: Page, selector: string) => page.locator(selector).textContent();
  const focused = (page: Page) => page.evaluate<string | undefined>('document.activeElement?.labels?.[0]?.textContent ?? document.activeElement?.textContent ?? undefined');
  /** Tabs on until the control labelled `label` has focus. */
  const tabTo = async (page: Page, label: string) => {
    for (let i = 0; i < 25 && (await focused(page)) !== label; i += 1) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe(label);
  };
  const check = (page: Page, state: string) => checkState(page, `contests-${state}`);
  /** Each paper in the review: its heading, then what it will cast. */
  const reviewed = (page: Page) =>
    page
      .locator('section.paper-review')
      .evaluateAll((sections) => sections.map((section) => [section.querySelector('h3')?.textContent, ...[...section.querySelectorAll('p, li')].map((part) => part.textContent)]));
  const castBody = (requests: Request[]) => requests.filter((r) => r.method() === 'POST' && r.url().endsWith(`/elections/${ELECTION}/ballots`)).map((r) => r.postDataJSON());
  const setUp = async (election: Record<string, unknown>, voters: Record<string, string[]>, closing: Date, postal: string[] = []) => {
    await stack.admin('POST', '/elections', { ...election, closesAt: closing.toISOString() });
    await stack.admin('POST', `/elections/${election.id}/voters`, { voters: Object.entries(voters).map(([id, groups]) => ({ studentId: id, email: `${id}@uni.test`, groups })) });
    // Postal voters are marked before the lock, which fixes the roll.
    if (postal.length > 0) await stack.admin('POST', `/elections/${election.id}/postal-voters`, { studentIds: postal });
    await stack.admin('POST', `/elections/${election.id}/lock`);
    await stack.admin('POST', `/elections/${election.id}/start`);
  };

  beforeAll(async () => {
    [stack, browser] = await Promise.all([spawnLocalStack({ ADMIN_TOKEN: ADMIN, GRACE_SECONDS: '1' }, ['--rehearsal']), launchChromium()]);
    closesAt = new Date((await stack.rehearsalClock()).getTime() + HOUR_MS);
    await Promise.all([setUp(STUPA, VOTERS, closesAt, ['p1']), setUp(SOLO, { s1: [] }, closesAt)]);
    for (const [voter, papers] of Object.entries(API_PAPERS)) {
      const response = await fetch(`${stack.apiUrl}/elections/${ELECTION}/ballots`, { method: 'POST', body: JSON.stringify({ token: tokenInLink(await linkFor(voter)), papers }) });
      expect(response.status, `${voter}: ${await response.clone().text()}`).toBe(201);
    }
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it("shows an Informatik voter the parliament's and their faculty's papers only, and takes both by keyboard alone, one abstained", async () => {
    const link = await linkFor('i1');
    const { context, page, requests } = await open(link);
    await expect.poll(() => heading(page).textContent()).toBe('Paper 1 of 2: Student parliament');
    const asked = requests.filter((r) => r.url().endsWith(`/elections/${ELECTION}/papers`));
    expect(asked.map((r) => [r.method(), r.postDataJSON()])).toEqual([['POST', { token: tokenInLink(link) }]]);
    expect(await text(page, '#view')).toContain('You have 2 ballot papers.');
    expect(await text(page, '#view .description')).toBe(STUPA.contests[0]!.description);
    expect(await text(page, '#view')).not.toContain('Biologie');
    const left = () => text(page, '#votes-left');
    expect(await left()).toBe('3 of 3 votes left.');
    await check(page, 'paper-list');

    // Keyboard only: arrows step a number field, Space ticks a box, Enter presses a button.
    await tabTo(page, 'Anna Schmidt');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(left).toBe('1 of 3 votes left.');
    await tabTo(page, 'Clara Wolf');
    await page.keyboard.press('ArrowUp');
    await expect.poll(left).toBe('0 of 3 votes left.');
    await tabTo(page, 'Next paper');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page).textContent()).toBe('Paper 2 of 2: Faculty council Informatik');
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('view-heading');
    await tabTo(page, 'Abstain on this paper (cast it blank)');
    await page.keyboard.press('Space');
    expect(await page.getByLabel('Abstain on this paper (cast it blank)').isChecked()).toBe(true);
    await check(page, 'paper-ranked-abstain');

    // Back keeps the marks of both papers.
    await tabTo(page, 'Previous paper');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page).textContent()).toBe('Paper 1 of 2: Student parliament');
    expect(await page.getByLabel('Anna Schmidt').inputValue()).toBe('2');
    await tabTo(page, 'Next paper');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page).textContent()).toBe('Paper 2 of 2: Faculty council Informatik');
    expect(await page.getByLabel('Abstain on this paper (cast it blank)').isChecked()).toBe(true);
    await tabTo(page, 'Review my ballot papers');
    await page.keyboard.press('Enter');

    await expect.poll(() => heading(page).textContent()).toBe('Check your ballot papers');
    expect(await reviewed(page)).toEqual([
      ['Paper 1 of 2: Student parliament', 'Your votes:', 'Anna Schmidt (Green List): 2 votes', 'Clara Wolf (Blue List): 1 vote'],
      ['Paper 2 of 2: Faculty council Informatik', 'You abstain on this paper: it is cast blank.'],
    ]);
    await check(page, 'review');
    await tabTo(page, 'Cast my ballot papers');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page).textContent()).toBe('Your ballot was recorded');
    expect(await text(page, '#view')).toContain('This one receipt finds every one of your ballot papers.');
    expect(castBody(requests)).toEqual([{ token: tokenInLink(link), papers: { parliament: { choices: ['Anna Schmidt', 'Anna Schmidt', 'Clara Wolf'] }, 'fac-inf': { abstain: true } } }]);
    receipts.i1 = (await text(page, '#receipt'))!;
    await check(page, 'receipt');
    await context.close();
  });

  it('takes three papers in German, says what is missing, and takes the voter back to a paper the server refused', async () => {
    const { context, page, requests } = await open(await linkFor('i2'), 'de-DE');
    await expect.poll(() => heading(page).textContent()).toBe('Stimmzettel 1 von 3: Student parliament');
    expect(await text(page, '#view')).toContain('Sie haben 3 Stimmzettel.');
    // The parliament's ballot names no rule: a vote for a whole list is one list vote.
    expect(await text(page, '#ballot-rule')).toContain('Eine Stimme für eine ganze Liste zählt als eine Stimme für die Liste, nicht für ihre Kandidierenden.');
    await page.getByLabel('Die ganze Liste Blue List wählen').check();
    await expect.poll(() => text(page, '#votes-left')).toBe('Ihre Stimme geht an die ganze Liste Blue List; Ihre persönlichen Stimmen wurden entfernt.');
    await check(page, 'paper-list-de');
    await page.getByRole('button', { name: 'Nächster Stimmzettel' }).click();

    await expect.poll(() => heading(page).textContent()).toBe('Stimmzettel 2 von 3: Faculty council Informatik');
    await page.getByRole('button', { name: 'Nächster Stimmzettel' }).click();
    await expect.poll(() => text(page, '#ballot-error')).toBe('Geben Sie mindestens einer Person einen Rang, oder wählen Sie Enthaltung.');
    expect(await heading(page).textContent()).toBe('Stimmzettel 2 von 3: Faculty council Informatik');
    expect(await page.locator('fieldset').first().getAttribute('aria-invalid')).toBe('true');
    await check(page, 'paper-ranked-error-de');
    await page.getByLabel('Grace Hopper').selectOption('1');
    await page.getByLabel('Ada Lovelace').selectOption('2');
    await page.getByRole('button', { name: 'Nächster Stimmzettel' }).click();

    await expect.poll(() => heading(page).textContent()).toBe('Stimmzettel 3 von 3: Should doctoral students have a seat on the senate?');
    expect(await text(page, 'legend')).toBe('Should doctoral students have a seat on the senate?');
    expect(await page.getByRole('button', { name: 'Vorheriger Stimmzettel' }).count()).toBe(1);
    await page.getByLabel('Ja', { exact: true }).check();
    await check(page, 'paper-referendum-de');
    await page.getByRole('button', { name: 'Meine Stimmzettel prüfen' }).click();

    await expect.poll(() => heading(page).textContent()).toBe('Prüfen Sie Ihre Stimmzettel');
    expect(await reviewed(page)).toEqual([
      ['Stimmzettel 1 von 3: Student parliament', 'Ihre Stimme geht an die ganze Liste:', 'Blue List'],
      ['Stimmzettel 2 von 3: Faculty council Informatik', 'Ihre Rangfolge, erste Wahl zuerst:', 'Grace Hopper', 'Ada Lovelace'],
      ['Stimmzettel 3 von 3: Should doctoral students have a seat on the senate?', 'Ihre Antwort:', 'Ja'],
    ]);
    await check(page, 'review-de');
    // The language switches on the review, and the marks stay.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Check your ballot papers');
    expect((await reviewed(page))[1]).toEqual(['Paper 2 of 3: Faculty council Informatik', 'Your ranking, first choice first:', 'Grace Hopper', 'Ada Lovelace']);
    await page.getByRole('button', { name: 'Deutsch' }).click();

    // The server refuses a paper (here one altered on its way), so nothing is cast: the voter is back on it.
    await page.route(
      `**/elections/${ELECTION}/ballots`,
      async (route) => {
        const body = route.request().postDataJSON();
        await route.continue({ postData: JSON.stringify({ ...body, papers: { ...body.papers, 'fac-inf': { choices: ['Nobody'] } } }) });
      },
      { times: 1 },
    );
    await page.getByRole('button', { name: 'Meine Stimmzettel abgeben' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Stimmzettel 2 von 3: Faculty council Informatik');
    const refusal = (await text(page, '#ballot-error'))!;
    expect(refusal).toMatch(/^Der Wahlserver hat diesen Stimmzettel abgelehnt, daher wurde nichts abgegeben\. Seine Begründung \(auf Englisch\): "Nobody" is not a candidate/);
    expect(await page.locator('#ballot-error span').getAttribute('lang')).toBe('en');
    expect(await page.getByLabel('Grace Hopper').inputValue()).toBe('1');
    await check(page, 'paper-refused-de');
    await page.getByRole('button', { name: 'Zurück zur Prüfung' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Prüfen Sie Ihre Stimmzettel');
    await page.getByRole('button', { name: 'Meine Stimmzettel abgeben' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Ihre Stimme wurde gespeichert');
    expect(castBody(requests).at(-1)?.papers).toEqual({ parliament: { choices: ['Blue List'] }, 'fac-inf': { choices: ['Grace Hopper', 'Ada Lovelace'] }, 'doc-ref': { choices: ['yes'] } });
    receipts.i2 = (await text(page, '#receipt'))!;
    await check(page, 'receipt-de');
    await context.close();
  });

  it('keeps the page of an election of one contest as it was: one ballot, no papers asked for', async () => {
    const { context, page, requests } = await open(await linkFor('s1'));
    await expect.poll(() => heading(page).textContent()).toBe('Your ballot');
    expect(await text(page, 'legend')).toBe('Choose one candidate, or abstain.');
    expect(await page.getByLabel('Abstain (blank ballot)').count()).toBe(1);
    expect(requests.filter((r) => r.url().endsWith('/papers'))).toEqual([]);
    await context.close();
  });

  it('publishes every contest with its turnout and count sheet, and a receipt finds each of its papers', async () => {
    await stack.rehearsalClock(new Date(closesAt.getTime() + 1_000));
    await expect.poll(async () => (await stack.admin('GET', `/elections/${ELECTION}`)).phase, { timeout: 60_000, interval: 500 }).toBe('published');
    const check1 = await fetch(`${stack.apiUrl}/elections/${ELECTION}/receipts/check`, { method: 'POST', body: JSON.stringify({ receipt: receipts.i1 }) });
    expect(((await check1.json()) as { papers: { contest: string; choices: string[] }[] }).papers.map(({ contest, choices }) => [contest, choices])).toEqual([
      ['parliament', ['Anna Schmidt', 'Anna Schmidt', 'Clara Wolf']],
      ['fac-inf', []],
    ]);
    const { contests } = await stack.admin('GET', `/elections/${ELECTION}/results`);
    const electedIn = (id: string) => (contests as { id: string; result: { elected: string[] } }[]).find((c) => c.id === id)!.result.elected.join(', ');

    // The results e-mail's count-sheet link lands on the first contest's sheet.
    const { context, page } = await open(`${stack.apiUrl}/vote#election=${ELECTION}&view=count-sheet`);
    await expect.poll(() => heading(page).textContent()).toBe('Results');
    expect(await page.evaluate<string>('document.activeElement?.id')).toBe('contest-parliament-count-sheet-heading');
    expect(await page.locator('#view > p').first().textContent()).toBe('Overall turnout: 7 of 7 voters (100%): 6 online, 1 by post.');
    const sections = page.locator('section.contest-result');
    expect(await sections.locator('> h3').allTextContents()).toEqual(TITLES);
    expect(await sections.locator('.count-sheet').count()).toBe(4);
    const section = (i: number) => sections.nth(i).textContent();
    expect(await section(0)).toContain('Turnout: 5 of 7 voters eligible for this paper (71.4%): 4 online, 1 by post.');
    expect(await section(0)).toContain(`Elected: ${electedIn('parliament')}.`);
    expect(await section(1)).toContain('Turnout: 4 of 4 voters eligible for this paper (100%): 3 online, 1 by post.');
    expect(await section(1)).toContain(`Elected: ${electedIn('fac-inf')}.`);
    expect(electedIn('fac-inf').split(', ').sort()).toEqual(['Ada Lovelace', 'Grace Hopper']);
    expect(await section(2)).toContain('Turnout: 3 of 3 voters eligible for this paper (100%).');
    expect(await section(2)).toContain('Elected: Rosalind Franklin.');
    expect(await section(3)).toContain('Turnout: 2 of 2 voters eligible for this paper (100%).');
    expect(await sections.nth(3).locator('> .decision').textContent()).toBe('The proposal did not pass.');
    const rows = (table: string) => page.locator(`${table} tbody tr`).evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
    expect(await rows('#contest-parliament-list-seats')).toEqual([
      ['Green List', '3', '2', 'Anna Schmidt and Ben Weber', '0'],
      ['Blue List', '2', '1', 'Clara Wolf', '0'],
    ]);
    expect(await rows('#contest-doc-ref-referendum-answers')).toEqual([
      ['Yes', '1'],
      ['No', '1'],
      ['Abstentions', '0'],
    ]);
    expect(await page.locator('.count-sheet h4').allTextContents()).toEqual(['Count sheet', 'Count sheet', 'Count sheet', 'Count sheet']);
    await check(page, 'results');

    await page.getByLabel('Receipt', { exact: true }).fill(receipts.i1!);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect.poll(() => text(page, '#receipt-outcome > .found')).toBe('Your 2 ballot papers are in the sealed ballot box:');
    expect(await page.locator('ul.papers-found > li').evaluateAll((items) => items.map((li) => [...li.querySelectorAll('p')].slice(0, 2).map((p) => p.textContent)))).toEqual([
      ['Student parliament', 'Its votes: Anna Schmidt ×2, Clara Wolf ×1.'],
      ['Faculty council Informatik', 'It is a blank ballot (abstention).'],
    ]);
    await check(page, 'receipt-found');
    await context.close();

    const german = await open(`${stack.apiUrl}/vote#election=${ELECTION}`, 'de-DE');
    await expect.poll(() => heading(german.page).textContent()).toBe('Ergebnis');
    expect(await german.page.locator('#view > p').first().textContent()).toMatch(/^Wahlbeteiligung insgesamt: 7 von 7 Wahlberechtigten \(100\s%\): 6 online, 1 per Briefwahl\.$/);
    await german.page.getByLabel('Quittung', { exact: true }).fill(receipts.i2!);
    await german.page.getByRole('button', { name: 'Prüfen', exact: true }).click();
    await expect.poll(() => text(german.page, '#receipt-outcome > .found')).toBe('Ihre 3 Stimmzettel liegen in der versiegelten Urne:');
    expect(await german.page.locator('ul.papers-found .paper-title').allTextContents()).toEqual([TITLES[0], TITLES[1], TITLES[3]]);
    expect(await text(german.page, 'ul.papers-found')).toContain('Er ist eine Stimme für die ganze Liste Blue List.');
    await check(german.page, 'results-de');
    await german.context.close();
  }, 150_000);
});
