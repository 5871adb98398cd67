import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkState, launchChromium, WIDTHS } from '../support/browser';
import { spawnLocalStack, tokenInLink, votingLink, type LocalStackProcess } from '../support/localStackProcess';

/**
 * The voter page's ranked, list and referendum ballots in Debian's chromium against `npm start`'s
 * stack, and the count sheets on its results page. Every election closes an hour on, on the
 * stack's rehearsal clock: the browser votes first, the API casts the rest, and the last test moves
 * the clock past the deadline, then reads the published results and what the receipts say was
 * stored. Every state is axe-checked at 360 px and captured into artifacts/voter-page/counting-*.
 */
const ADMIN = 'browser-admin-token-counting-7f2c';
const HOUR_MS = 3_600_000;
const person = (name: string, i: number, list?: string) => ({ name, email: `p${i}@uni.test`, pageLink: `https://uni.test/people/${i}`, ...(list && { list }) });

/**
 * IRV with RON, eight voters; by hand: first preferences Grace 3, Ada 2, Alan 2, RON 1 (majority:
 * more than 4). RON is lowest and excluded, its ballot goes to Alan: Grace 3, Ada 2, Alan 3. Ada is
 * lowest, both her ballots go to Grace: Grace 5, Alan 3, and Grace is elected.
 */
const CHAIR = {
  id: 'chair',
  title: 'Council chair 2026',
  ballot: { kind: 'ranked', method: 'irv', seats: 1, ron: true },
  candidates: ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'].map((name, i) => person(name, i)),
};
/** Ballots the API casts (r1 ranks Grace, Ada by keyboard, r2 RON, Alan on the page). */
const CHAIR_API_BALLOTS = {
  r3: ['Ada Lovelace', 'Grace Hopper'],
  r4: ['Ada Lovelace', 'Grace Hopper'],
  r5: ['Grace Hopper', 'Alan Turing'],
  r6: ['Alan Turing', 'Grace Hopper'],
  r7: ['Grace Hopper'],
  r8: ['Alan Turing', 'Ada Lovelace'],
};

/** One seat, plurality, with RON: u1 votes RON on the page, so the seat stays vacant. */
const SEAT = {
  id: 'seat',
  title: 'Sports officer 2026',
  ballot: { kind: 'single', ron: true },
  candidates: [person('Ada Lovelace', 20), person('Grace Hopper', 21)],
};

/**
 * Schulze, one seat, two ballots cast by the API: Ada > Grace > Alan and Grace > Ada > Alan. By
 * hand: Ada and Grace each rank above the other once, both above Alan twice; with winning votes
 * neither beats the other (strongest paths 0 both ways), both beat Alan (2). The tie for first is
 * drawn by lot from the sealed box's digest, so the test reads who won from the published lot.
 */
const TIEBREAK = {
  id: 'tiebreak',
  title: 'Treasurer 2026',
  ballot: { kind: 'ranked', method: 'schulze', seats: 1 },
  candidates: ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'].map((name, i) => person(name, 30 + i)),
};

/**
 * D'Hondt, 3 seats; a vote for a whole list counts as all the voter's 5 votes down the list (at most
 * 3 each). l1 gives Anna 3 and Clara 2 personal votes (cumulative, split across lists), l2 votes for
 * the whole Blue List (Clara 3, David 2), l3 gives Ben 1. Totals: Green 3 + 1 = 4, Blue 5 + 2 = 7.
 * Quotients 7, 4, 3.5, …: seats to Blue, Green, Blue. Green's goes to Anna (3), Blue's to Clara (5) and David (2).
 */
const PARLIAMENT = {
  id: 'parliament',
  title: 'Student parliament 2026',
  ballot: { kind: 'list', method: 'dhondt', seats: 3, lists: ['Green List', 'Blue List'], votes: 5, maxPerCandidate: 3, listVote: 'all' },
  candidates: [person('Anna Schmidt', 10, 'Green List'), person('Ben Weber', 11, 'Green List'), person('Clara Wolf', 12, 'Blue List'), person('David Klein', 13, 'Blue List')],
};

/** Two thirds with a 25 % quorum of 3 voters (1 yes vote): yes, yes, no is exactly two thirds, so it passes. */
const LIBRARY = {
  id: 'library',
  title: 'Should the library open on Sundays?',
  ballot: { kind: 'referendum', majority: 'two-thirds', quorumPercent: 25 },
  candidates: [],
};

describe('the voter page: ranked, list and referendum ballots, and count sheets', () => {
  let stack: LocalStackProcess;
  let browser: Browser;
  let closesAt: Date;
  /** Receipts of the ballots cast on the page, and the choices each must have been stored as. */
  const cast: { election: string; receipt: string; stored: string[] }[] = [];

  const linkFor = (voter: string) => votingLink(stack.mailboxUrl, `${voter}@uni.test`);
  const castByApi = async (election: string, voter: string, choices: string[]) => {
    const token = tokenInLink(await linkFor(voter));
    const response = await fetch(`${stack.apiUrl}/elections/${election}/ballots`, { method: 'POST', body: JSON.stringify({ token, choices }) });
    expect(response.status, `${voter}: ${await response.clone().text()}`).toBe(201);
  };
  const open = async (url: string, locale = 'en-GB') => {
    const context = await browser.newContext({ viewport: { width: WIDTHS.phone, height: 800 }, locale });
    const page = await context.newPage();
    await page.goto(url);
    return { context, page };
  };
  const heading = (page: Page) => page.locator('#view-heading');
  const text = (page: Page, selector: string) => page.locator(selector).textContent();
  const focused = (page: Page) => page.evaluate<string | undefined>('document.activeElement?.labels?.[0]?.textContent ?? document.activeElement?.textContent ?? undefined');
  const check = (page: Page, state: string) => checkState(page, `counting-${state}`);
  /** Casts the reviewed ballot and keeps its receipt, with what it must have been stored as. */
  const castReviewed = async (page: Page, button: string, election: string, stored: string[]) => {
    await page.getByRole('button', { name: button }).click();
    await expect.poll(() => page.locator('#receipt').count()).toBe(1);
    cast.push({ election, receipt: (await page.locator('#receipt').textContent())!, stored });
  };
  const setUp = async (election: Record<string, unknown>, voters: string[]) => {
    await stack.admin('POST', '/elections', { ...election, closesAt: closesAt.toISOString() });
    await stack.admin('POST', `/elections/${election.id}/voters`, { voters: voters.map((id) => ({ studentId: id, email: `${id}@uni.test` })) });
    await stack.admin('POST', `/elections/${election.id}/lock`);
    await stack.admin('POST', `/elections/${election.id}/start`);
  };
  const rowsOf = (page: Page, table: string) => page.locator(`${table} tbody tr`).evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));

  beforeAll(async () => {
    [stack, browser] = await Promise.all([spawnLocalStack({ ADMIN_TOKEN: ADMIN, GRACE_SECONDS: '1' }, ['--rehearsal']), launchChromium()]);
    closesAt = new Date((await stack.rehearsalClock()).getTime() + HOUR_MS);
    await Promise.all([
      setUp(CHAIR, ['r1', 'r2', ...Object.keys(CHAIR_API_BALLOTS)]),
      setUp(PARLIAMENT, ['l1', 'l2', 'l3']),
      setUp(LIBRARY, ['q1', 'q2', 'q3']),
      setUp(SEAT, ['u1']),
      setUp(TIEBREAK, ['s1', 's2']),
    ]);
    await castByApi('tiebreak', 's1', ['Ada Lovelace', 'Grace Hopper', 'Alan Turing']);
    await castByApi('tiebreak', 's2', ['Grace Hopper', 'Ada Lovelace', 'Alan Turing']);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('takes a ranking by keyboard alone, and names equal ranks and gaps before review', async () => {
    const { context, page } = await open(await linkFor('r1'));
    await expect.poll(() => heading(page).textContent()).toBe('Your ballot');
    expect(await text(page, '#ballot-hint')).toBe('Rank the candidates in order of preference, or abstain.');
    expect(await text(page, '#ranking-status')).toBe('Your ranking: nobody ranked yet.');
    await check(page, 'ranked');
    /** Tabs on until the control labelled `label` has focus. */
    const tabTo = async (label: string) => {
      for (let i = 0; i < 15 && (await focused(page)) !== label; i += 1) await page.keyboard.press('Tab');
      expect(await focused(page)).toBe(label);
    };
    const review = async () => {
      await tabTo('Review my ballot');
      await page.keyboard.press('Enter');
    };

    await tabTo('Ada Lovelace');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => text(page, '#ranking-status')).toBe('Your ranking: 1. Ada Lovelace.');
    await tabTo('Grace Hopper');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => text(page, '#ranking-status')).toBe('Your ranking: 1. Ada Lovelace, 1. Grace Hopper. Ada Lovelace and Grace Hopper all have rank 1. Give each rank to one candidate only.');
    await review();
    await expect.poll(() => text(page, '#ballot-error')).toBe('Ada Lovelace and Grace Hopper all have rank 1. Give each rank to one candidate only.');
    expect(await page.locator('fieldset').getAttribute('aria-invalid')).toBe('true');
    await check(page, 'ranked-equal-ranks');

    // The page kept the marks: Ada goes from rank 1 to 3, which leaves a gap.
    await tabTo('Ada Lovelace');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => text(page, '#ranking-status')).toBe('Your ranking: 1. Grace Hopper, 3. Ada Lovelace. Rank 2 is missing, but you gave rank 3. Number your choices 1, 2, 3… without gaps.');
    await review();
    await expect.poll(() => text(page, '#ballot-error')).toBe('Rank 2 is missing, but you gave rank 3. Number your choices 1, 2, 3… without gaps.');

    await tabTo('Ada Lovelace');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => text(page, '#ranking-status')).toBe('Your ranking: 1. Grace Hopper, 2. Ada Lovelace.');
    await review();
    await expect.poll(() => heading(page).textContent()).toBe('Check your ballot');
    expect(await page.locator('ol.chosen li').allTextContents()).toEqual(['Grace Hopper', 'Ada Lovelace']);
    await check(page, 'ranked-review');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Cast my ballot');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page).textContent()).toBe('Your ballot was recorded');
    cast.push({ election: 'chair', receipt: (await text(page, '#receipt'))!, stored: ['Grace Hopper', 'Ada Lovelace'] });
    await context.close();
  });

  it('offers "re-open nominations" on a ranked ballot, to rank like a candidate, and on a single-choice ballot', async () => {
    const { context, page } = await open(await linkFor('r2'));
    await expect.poll(() => heading(page).textContent()).toBe('Your ballot');
    await page.getByLabel('Re-open nominations (RON)').selectOption('1');
    await page.getByLabel('Alan Turing').selectOption('2');
    await expect.poll(() => text(page, '#ranking-status')).toBe('Your ranking: 1. Re-open nominations (RON), 2. Alan Turing.');
    await check(page, 'ranked-ron');
    await page.getByRole('button', { name: 'Review my ballot' }).click();
    expect(await page.locator('ol.chosen li').allTextContents()).toEqual(['Re-open nominations (RON)', 'Alan Turing']);
    await castReviewed(page, 'Cast my ballot', 'chair', ['RON', 'Alan Turing']);
    await context.close();
    for (const [voter, choices] of Object.entries(CHAIR_API_BALLOTS)) await castByApi('chair', voter, choices);

    const single = await open(await linkFor('u1'));
    await expect.poll(() => heading(single.page).textContent()).toBe('Your ballot');
    await single.page.getByLabel('Re-open nominations (RON)').check();
    await check(single.page, 'single-ron');
    await single.page.getByRole('button', { name: 'Review my ballot' }).click();
    expect(await single.page.locator('ul.chosen li').allTextContents()).toEqual(['Re-open nominations (RON)']);
    await castReviewed(single.page, 'Cast my ballot', 'seat', ['RON']);
    await single.context.close();
  });

  it('takes cumulative personal votes across lists in German, counting the votes left', async () => {
    const { context, page } = await open(await linkFor('l1'), 'de-DE');
    await expect.poll(() => heading(page).textContent()).toBe('Ihr Stimmzettel');
    expect(await page.locator('fieldset.list legend').allTextContents()).toEqual(['Green List', 'Blue List']);
    const left = () => text(page, '#votes-left');
    expect(await left()).toBe('5 von 5 Stimmen übrig.');
    expect(await text(page, '#ballot-rule')).toContain(
      'Eine Stimme für eine ganze Liste gibt Ihre 5 Stimmen den Kandidierenden der Liste in ihrer Reihenfolge: je eine von oben, dann wieder von oben, solange Stimmen übrig sind, höchstens 3 an eine Person.',
    );
    await check(page, 'list-de');
    await page.getByLabel('Anna Schmidt').fill('3');
    await expect.poll(left).toBe('2 von 5 Stimmen übrig.');
    await page.getByLabel('Clara Wolf').fill('2');
    await expect.poll(left).toBe('0 von 5 Stimmen übrig.');
    await page.getByLabel('Ben Weber').fill('1');
    await expect.poll(left).toBe('1 Stimme zu viel: Sie haben 5.');
    await page.getByRole('button', { name: 'Stimmzettel prüfen' }).click();
    await expect.poll(() => text(page, '#ballot-error')).toBe('Sie haben 6 Stimmen vergeben; Sie haben 5.');
    await check(page, 'list-too-many-de');
    await page.getByLabel('Ben Weber').fill('0');
    await page.getByRole('button', { name: 'Stimmzettel prüfen' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Prüfen Sie Ihren Stimmzettel');
    expect(await page.locator('ul.chosen li').allTextContents()).toEqual(['Anna Schmidt (Green List): 3 Stimmen', 'Clara Wolf (Blue List): 2 Stimmen']);
    await check(page, 'list-review-de');
    await castReviewed(page, 'Stimme abgeben', 'parliament', ['Anna Schmidt', 'Anna Schmidt', 'Anna Schmidt', 'Clara Wolf', 'Clara Wolf']);
    await context.close();
  });

  it('takes a vote for a whole list, which clears personal votes and is cleared by them', async () => {
    const { context, page } = await open(await linkFor('l2'));
    await expect.poll(() => heading(page).textContent()).toBe('Your ballot');
    const left = () => text(page, '#votes-left');
    expect(await text(page, '#ballot-rule')).toContain(
      'A vote for a whole list gives your 5 votes to its candidates in list order: one each from the top, then from the top again while votes are left, at most 3 to one candidate.',
    );
    await page.getByLabel('Anna Schmidt').fill('2');
    await page.getByLabel('Vote for the whole list Blue List').check();
    await expect.poll(left).toBe('Your vote goes to the whole list Blue List; your personal votes were cleared.');
    expect(await page.getByLabel('Anna Schmidt').inputValue()).toBe('0');
    await page.getByLabel('Clara Wolf').fill('1');
    await expect.poll(left).toBe('Your vote for the whole list Blue List was withdrawn. 4 of 5 votes left.');
    expect(await page.getByLabel('Vote for the whole list Blue List').isChecked()).toBe(false);
    await page.getByLabel('Vote for the whole list Blue List').check();
    await check(page, 'list-vote');
    await page.getByRole('button', { name: 'Review my ballot' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Check your ballot');
    expect(await text(page, '#view')).toContain('Your vote goes to the whole list:');
    expect(await page.locator('ul.chosen li').allTextContents()).toEqual(['Blue List']);
    await castReviewed(page, 'Cast my ballot', 'parliament', ['Blue List']);
    await context.close();
    await castByApi('parliament', 'l3', ['Ben Weber']);
  });

  it('asks the referendum question with yes and no', async () => {
    const { context, page } = await open(await linkFor('q1'));
    await expect.poll(() => heading(page).textContent()).toBe('Your ballot');
    expect(await text(page, 'legend')).toBe('Should the library open on Sundays?');
    expect(await text(page, '#ballot-rule')).toBe('It passes with at least two thirds of the yes and no votes, and only if at least 25% of all voters vote yes. Answer yes or no, or abstain.');
    await page.getByRole('button', { name: 'Review my ballot' }).click();
    await expect.poll(() => text(page, '#ballot-error')).toBe('Answer yes or no, or choose to abstain.');
    await page.getByLabel('Yes', { exact: true }).check();
    await check(page, 'referendum');
    await page.getByRole('button', { name: 'Review my ballot' }).click();
    expect(await page.locator('ul.chosen li').allTextContents()).toEqual(['Yes']);
    await castReviewed(page, 'Cast my ballot', 'library', ['yes']);
    await context.close();
    await castByApi('library', 'q2', ['no']);
    await castByApi('library', 'q3', ['yes']);
  });

  it('publishes each count sheet on the results page, and every receipt finds its ballot as cast', async () => {
    const published = async (id: string) => (await stack.admin('GET', `/elections/${id}`)).phase;
    await stack.rehearsalClock(new Date(closesAt.getTime() + 1_000));
    for (const id of ['chair', 'parliament', 'library', 'seat', 'tiebreak']) {
      await expect.poll(() => published(id), { timeout: 60_000, interval: 500 }).toBe('published');
    }
    for (const { election, receipt, stored } of cast) {
      const response = await fetch(`${stack.apiUrl}/elections/${election}/receipts/check`, { method: 'POST', body: JSON.stringify({ receipt }) });
      expect(((await response.json()) as { choices: string[] }).choices, `${election} ${receipt}`).toEqual(stored);
    }

    // The results e-mail links to the sheet itself.
    const chair = await open(`${stack.apiUrl}/vote#election=chair&view=count-sheet`);
    await expect.poll(() => heading(chair.page).textContent()).toBe('Results');
    expect(await chair.page.evaluate<string>('document.activeElement?.id')).toBe('count-sheet-heading');
    const view = (await text(chair.page, '#view'))!;
    expect(view).toContain('Elected: Grace Hopper.');
    expect(view).toContain('Turnout: 8 of 8 voters (100%).');
    expect(view).toContain('Counted byinstant-runoff voting (IRV)');
    expect(await rowsOf(chair.page, '#count-votes')).toEqual([
      ['Ada Lovelace', '2', '2', '–'],
      ['Grace Hopper', '3', '3', '5'],
      ['Alan Turing', '2', '3', '3'],
      ['Re-open nominations (RON)', '1', '–', '–'],
      ['Non-transferable', '0', '0', '0'],
    ]);
    expect(await chair.page.locator('ol.rounds > li').allInnerTexts()).toEqual([
      'Round 1: first preferences',
      'Round 2: exclusion of RON\nExcluded: Re-open nominations (RON) (lowest votes)',
      'Round 3: exclusion of Ada Lovelace\nElected: Grace Hopper (more than half of the continuing votes)\nExcluded: Ada Lovelace (lowest votes)',
    ]);
    await check(chair.page, 'results-ranked');
    await chair.page.getByLabel('Receipt', { exact: true }).fill(cast[0]!.receipt);
    await chair.page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect.poll(() => text(chair.page, '#receipt-outcome')).toContain('It ranks: 1. Grace Hopper, 2. Ada Lovelace.');
    await chair.context.close();

    const parliament = await open(`${stack.apiUrl}/vote#election=parliament`, 'de-DE');
    await expect.poll(() => heading(parliament.page).textContent()).toBe('Ergebnis');
    expect(await text(parliament.page, '#view')).toContain('Gewählt: Anna Schmidt, Clara Wolf, David Klein.');
    expect(await text(parliament.page, '.count-sheet dl.facts')).toContain('Eine Stimme für eine ganze Listedie Stimmen der wählenden Person, in Listenreihenfolge an die Kandidierenden verteilt');
    expect(await rowsOf(parliament.page, '#list-seats')).toEqual([
      ['Green List', '4', '1', 'Anna Schmidt', '0'],
      ['Blue List', '7', '2', 'Clara Wolf und David Klein', '0'],
    ]);
    // German figures: a decimal comma, every digit as the sheet has it.
    expect(await rowsOf(parliament.page, '#list-steps')).toEqual([
      ['1', 'Blue List', '7,000', 'highest quotient'],
      ['2', 'Green List', '4,000', 'highest quotient'],
      ['3', 'Blue List', '3,500', 'highest quotient'],
    ]);
    await check(parliament.page, 'results-list-de');
    await parliament.context.close();

    const library = await open(`${stack.apiUrl}/vote#election=library`);
    await expect.poll(() => heading(library.page).textContent()).toBe('Results');
    expect(await text(library.page, '#view > .decision')).toBe('The proposal passed.');
    expect(await text(library.page, '.count-sheet .decision')).toBe(
      'The proposal passed. (2 yes of 3 yes and no: two thirds; the quorum of 25 % of 3 registered voters is 1 yes votes: met; 0 abstentions counted for neither side)',
    );
    expect(await rowsOf(library.page, '#referendum-answers')).toEqual([
      ['Yes', '2'],
      ['No', '1'],
      ['Abstentions', '0'],
    ]);
    await check(library.page, 'results-referendum');
    await library.context.close();

    // Plurality, as before, with RON's seat left vacant.
    const seat = await open(`${stack.apiUrl}/vote#election=seat`);
    await expect.poll(() => heading(seat.page).textContent()).toBe('Results');
    expect(await rowsOf(seat.page, 'table')).toEqual([
      ['Re-open nominations (RON)', '1'],
      ['Ada Lovelace', '0'],
      ['Grace Hopper', '0'],
      ['Abstentions', '0'],
    ]);
    expect(await text(seat.page, '#view')).toContain('Nobody was elected.One seat stays vacant: won by "re-open nominations", or more seats than candidates.');
    expect(await seat.page.locator('.count-sheet').count()).toBe(0);
    await seat.context.close();

    const { result } = await stack.admin('GET', '/elections/tiebreak/results');
    const [lot] = result.sheet.lots;
    expect(result.sheet.lots).toHaveLength(1);
    expect(lot).toMatchObject({ round: 1, purpose: 'rank', among: ['Ada Lovelace', 'Grace Hopper'] });
    const runnerUp = lot.chosen === 'Ada Lovelace' ? 'Grace Hopper' : 'Ada Lovelace';
    const tiebreak = await open(`${stack.apiUrl}/vote#election=tiebreak`);
    await expect.poll(() => heading(tiebreak.page).textContent()).toBe('Results');
    expect(await text(tiebreak.page, '#view')).toContain(`Elected: ${lot.chosen}.`);
    expect(await tiebreak.page.locator('ol.ranking li').allTextContents()).toEqual([lot.chosen, runnerUp, 'Alan Turing']);
    expect(await rowsOf(tiebreak.page, '#schulze-preferences')).toEqual([
      ['Ada Lovelace', '–', '1', '2'],
      ['Grace Hopper', '1', '–', '2'],
      ['Alan Turing', '0', '0', '–'],
    ]);
    expect(await rowsOf(tiebreak.page, '#schulze-paths')).toEqual([
      ['Ada Lovelace', '–', '0', '2'],
      ['Grace Hopper', '0', '–', '2'],
      ['Alan Turing', '0', '0', '–'],
    ]);
    expect(await tiebreak.page.locator('ol.lots li p').allTextContents()).toEqual([
      `Round 1: among Ada Lovelace and Grace Hopper, the lot chose ${lot.chosen}.`,
      'Deciding: rank',
      `Draw (SHA-256): ${lot.draw}`,
    ]);
    await check(tiebreak.page, 'results-schulze');
    await tiebreak.context.close();
  }, 150_000);
});
