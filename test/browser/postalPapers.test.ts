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
const TOTALS_ID = 'postal-totals-2026';
const person = (name: string, list?: string) => ({ name, email: 'c@uni.test', pageLink: 'https://uni.test/c', ...(list && { list }) });
/** A list contest with personal votes and a referendum: both take hand-counted totals. */
const TOTALS_CONTESTS = [
  {
    id: 'parliament',
    title: 'Student parliament',
    ballot: { kind: 'list', method: 'sainte-lague', seats: 2, lists: ['Red', 'Green'], votes: 1, maxPerCandidate: 1 },
    candidates: [person('Ann Berg', 'Red'), person('Ben Kaya', 'Green')],
  },
  { id: 'fees', title: 'Lower the fees?', ballot: { kind: 'referendum', majority: 'simple' } },
];

/**
 * The postal papers in the console: counted results awaiting the committee show a section per
 * contest with postal voters; the first member's entry is recorded, a second member's differing
 * one (in German) is refused with where they differ, and her matching one agrees and counts the
 * postal papers in, after which the acceptance is possible. Papers are typed one a line, or, for a
 * count by marks, as hand-counted totals in a field per figure.
 */
describe('the console and the postal papers', () => {
  let app: TestApp;
  let runner: LocalWorkflowRunner;
  let site: { url: string; stop(): Promise<void> };
  let browser: Browser;
  let ada: Record<string, string>;
  const problems: string[] = [];

  async function consoleAs(token: string, election = 'Student council'): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: WIDTHS.desktop, height: 900 }, locale: 'en-GB' })).newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${site.url}/admin`);
    await page.getByLabel('Admin token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: election }).click();
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
    expect((await app.call('POST', '/elections', { id: TOTALS_ID, title: 'Union assembly', contests: TOTALS_CONTESTS, closesAt, acceptance: 'committee' })).status).toBe(201);
    const members = ['t1', 't2', 't3'].map((studentId) => ({ studentId, email: `${studentId}@uni.test` }));
    expect((await app.call('POST', `/elections/${TOTALS_ID}/voters`, { voters: members })).status).toBe(200);
    expect((await app.call('POST', `/elections/${TOTALS_ID}/postal-voters`, { studentIds: ['t2', 't3'] })).status).toBe(200);
    for (const id of [ID, TOTALS_ID]) {
      for (const step of ['lock', 'start']) {
        expect((await app.call('POST', `/elections/${id}/${step}`)).status).toBe(202);
        expect((await app.call('POST', `/elections/${id}/${step}`, undefined, ada)).status).toBe(200);
      }
      await mailHeldCredentials(app, id);
    }
    expect((await app.call('POST', `/elections/${ID}/ballots`, { token: app.mailer.tokenFor('s1@uni.test'), choices: ['Alan Turing'] })).status).toBe(201);
    const papers = { parliament: { choices: ['Red'] }, fees: { choices: ['yes'] } };
    expect((await app.call('POST', `/elections/${TOTALS_ID}/ballots`, { token: app.mailer.tokenFor('t1@uni.test'), papers })).status).toBe(201);
    app.clock.advance(61_000);
    for (const id of [ID, TOTALS_ID]) await waitFor(async () => (await app.call('GET', `/elections/${id}`)).body.awaitingAcceptance === true);
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

  it('takes hand-counted totals in a field per figure, shows a differing second entry field by field, and counts agreed totals in', async () => {
    const first = await consoleAs(ADMIN_TOKEN, 'Union assembly');
    // Each contest: the totals chosen, typed, and given as the first entry.
    const firstTotals = async (contest: string, title: string, figures: [string, string][]) => {
      await first
        .getByRole('group', { name: `How the postal papers of ${title} are entered` })
        .getByLabel('Hand-counted totals')
        .check();
      const form = first.getByRole('group', { name: `Hand-counted totals of ${title}` });
      for (const [label, value] of figures) await form.getByLabel(label, { exact: true }).fill(value);
      await first.locator(`#postal-${contest}-enter`).click();
      await expect.poll(() => first.locator(`#postal-${contest}-standing`).textContent()).toMatch(/^First entry by Admin token /);
    };
    await firstTotals('parliament', 'Student parliament', [
      ['Valid papers (blank ones among them)', '2'],
      ['Votes for the whole list Green', '1'],
      ['Personal votes for Ann Berg (Red)', '1'],
    ]);
    // Totals no real papers could give are refused by the API's rule, naming the fields.
    await first.getByRole('group', { name: 'How the postal papers of Lower the fees? are entered' }).getByLabel('Hand-counted totals').check();
    const feesTotals = first.getByRole('group', { name: 'Hand-counted totals of Lower the fees?' });
    await feesTotals.getByLabel('Valid papers (blank ones among them)').fill('1');
    await feesTotals.getByLabel('Yes votes').fill('2');
    await first.locator('#postal-fees-enter').click();
    await expect.poll(() => first.locator('#postal-fees-note [lang="en"]').textContent()).toBe('totals.votes: 2 answers on 1 valid non-blank papers: each has exactly one');
    expect(await feesTotals.locator('[aria-invalid="true"]').evaluateAll((fields) => fields.map((field) => field.id))).toEqual(['postal-fees-totals-2', 'postal-fees-totals-3']);
    await firstTotals('fees', 'Lower the fees?', [
      ['Yes votes', ''],
      ['Of these, blank papers (abstentions)', '1'],
      ['Invalid papers', '1'],
    ]);
    expect(await first.getByLabel('Postal papers of Student parliament').count()).toBe(0);
    await checkState(first, 'postal-totals-first-entry', { dir: SHOTS, widths: [WIDTHS.desktop, WIDTHS.phone] });
    await first.context().close();

    // Ada, in German, reads a whole-list vote for Red where the first entry has Green: refused, the two fields named with both figures.
    const second = await consoleAs(ada.authorization!.replace(/^Bearer /, ''), 'Union assembly');
    await second.getByRole('button', { name: 'Deutsch' }).click();
    const secondTotals = async (title: string) => {
      await second
        .getByRole('group', { name: `Wie die Briefwahlstimmzettel von ${title} erfasst werden` })
        .getByLabel('Von Hand gezählte Summen')
        .check();
      return second.getByRole('group', { name: `Von Hand gezählte Summen: ${title}` });
    };
    const parliament = await secondTotals('Student parliament');
    await parliament.getByLabel('Gültige Stimmzettel (die leeren eingeschlossen)').fill('2');
    await parliament.getByLabel('Stimmen für die ganze Liste Red').fill('1');
    await parliament.getByLabel('Personenstimmen für Ann Berg (Red)').fill('1');
    await second.getByRole('button', { name: 'Zweite Eingabe geben' }).first().click();
    const note = second.locator('#postal-parliament-note');
    await expect.poll(() => note.textContent()).toContain('Die zweite Eingabe weicht von der ersten ab; nichts wurde festgehalten.');
    expect(await note.getAttribute('role')).toBe('alert');
    const table = note.getByRole('table', { name: 'Wo die beiden Eingaben abweichen' });
    expect(await table.getByRole('row').allTextContents()).toEqual(['FeldErste EingabeZweite Eingabe', 'Stimmen für die ganze Liste Red01', 'Stimmen für die ganze Liste Green10']);
    expect(await note.locator('[lang="en"]').textContent()).toBe(
      'the second entry of "parliament" differs from the first: totals.votes "Red": 0 in the first entry, 1 in the second; totals.votes "Green": 1 in the first entry, 0 in the second',
    );
    const refusedIds = await second.locator('[aria-invalid="true"]').evaluateAll((fields) => fields.map((field) => field.id));
    const refused = await Promise.all(refusedIds.map((id) => second.locator(`label[for="${id}"]`).textContent()));
    expect(refused).toEqual(['Stimmen für die ganze Liste Red', 'Stimmen für die ganze Liste Green']);
    await checkState(second, 'postal-totals-differ', { dir: SHOTS, widths: [WIDTHS.desktop, WIDTHS.phone] });

    // Each refused field points at the answer that says why.
    for (const id of refusedIds) expect(await second.locator(`#${id}`).getAttribute('aria-describedby')).toBe('postal-parliament-note');
    // Read again: the figures she typed are still there; corrected, both contests agree and are counted in.
    expect(await parliament.getByLabel('Personenstimmen für Ann Berg (Red)').inputValue()).toBe('1');
    await parliament.getByLabel('Stimmen für die ganze Liste Red').fill('');
    await parliament.getByLabel('Stimmen für die ganze Liste Green').fill('1');
    await second.locator('#postal-parliament-enter').click();
    await expect.poll(() => second.locator('#postal-parliament-standing').textContent()).toBe('Übereinstimmend erfasst (zweite Eingabe von Ada Lovelace): 2 gültige und 0 ungültige Stimmzettel.');
    const fees = await secondTotals('Lower the fees?');
    await fees.getByLabel('Gültige Stimmzettel (die leeren eingeschlossen)').fill('1');
    await fees.getByLabel('Davon leere Stimmzettel (Enthaltungen)').fill('1');
    await fees.getByLabel('Ja-Stimmen').fill('0');
    await fees.getByLabel('Ungültige Stimmzettel').fill('1');
    await second.locator('#postal-fees-enter').click();
    await expect.poll(() => second.locator('#postal-fees-standing').textContent()).toBe('Übereinstimmend erfasst (zweite Eingabe von Ada Lovelace): 1 gültige und 1 ungültige Stimmzettel.');
    expect(await second.getByRole('status').filter({ hasText: 'mitgezählt' }).count()).toBe(1);
    const results = (await app.call('GET', `/elections/${TOTALS_ID}/results`)).body.contests;
    // Red: the online list vote and Ann Berg's personal vote by post; Green: its list vote by post.
    expect(results[0].result).toMatchObject({
      ballots: 3,
      counts: expect.arrayContaining([
        { candidate: 'Red', votes: 2 },
        { candidate: 'Green', votes: 1 },
      ]),
    });
    expect(results[1].result).toMatchObject({
      ballots: 3,
      invalid: 1,
      counts: [
        { candidate: 'yes', votes: 1 },
        { candidate: 'no', votes: 0 },
      ],
    });
    expect(problems).toEqual([]);
  });
});
