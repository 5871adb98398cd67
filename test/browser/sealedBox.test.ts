import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrusteeCertificate, dealShares, reviewShares, type CeremonyContext, type TrusteeCertificate } from '../../domain/crypto/keyCeremony';
import { seededRandom } from '../unit/crypto/seededRandom';
import { checkState, launchChromium, WIDTHS } from '../support/browser';
import { spawnLocalStack, type LocalStackProcess } from '../support/localStackProcess';

/**
 * The sealed box in the console and the observers' view, in Debian's chromium against `npm start`'s
 * stack: the console creates a sealed election by default (2 of 3 trustees), warns of a threshold
 * of 1, shows the key ceremony waiting for trustees 1, 2 and 3 and the lock's refusal as the API
 * words it; the trustees' messages are posted through the API as their own machines make them
 * (the trustee page's part); the observers see the ceremony's step and its events; an open
 * election says in German that it is not secret against the operator. Every state is axe-checked
 * and captured into artifacts/sealed-box/.
 */
const ADMIN = 'browser-admin-token-sealed-3b9d';
const SHOTS = 'artifacts/sealed-box';
const TITLE = 'Sealed council 2027';
const OPEN_ID = 'open-club-2027';

describe('the sealed box in the console and the observers’ view', () => {
  let stack: LocalStackProcess;
  let browser: Browser;
  let page: Page;
  let electionId = '';
  const problems: string[] = [];

  const heading = (p: Page) => p.locator('#view-heading').textContent();
  const text = async (p: Page, selector: string) => (await p.locator(selector).textContent()) ?? '';
  const newPage = async (locale = 'en-GB') => {
    const context = await browser.newContext({ viewport: { width: WIDTHS.desktop, height: 900 }, locale });
    context.setDefaultTimeout(10_000);
    const p = await context.newPage();
    p.on('console', (message) => void (message.type() === 'error' && !/status of 40[49]/.test(message.text()) && problems.push(message.text())));
    p.on('pageerror', (error) => problems.push(error.message));
    return p;
  };
  const signIn = async (p: Page) => {
    await p.goto(`${stack.apiUrl}/admin`);
    await p.locator('#token').fill(ADMIN);
    await p.locator('#token').press('Enter');
    await expect.poll(() => p.locator('#token').count()).toBe(0);
  };
  const closesAt = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

  beforeAll(async () => {
    [stack, browser] = await Promise.all([spawnLocalStack({ ADMIN_TOKEN: ADMIN }), launchChromium()]);
    page = await newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('creates a sealed election by default, 2 of 3 trustees, and shows its ceremony waiting for trustees 1, 2 and 3', async () => {
    await signIn(page);
    await page.getByRole('button', { name: 'Create an election' }).click();
    await expect.poll(() => heading(page)).toBe('Create an election');
    expect(await page.locator('#f-box-sealed').isChecked()).toBe(true);
    expect(await page.locator('#f-trustees-count').inputValue()).toBe('3');
    expect(await page.locator('#f-trustees-threshold').inputValue()).toBe('2');
    expect(await page.locator('#one-trustee-warning').count()).toBe(0);

    await page.locator('#f-trustees-threshold').selectOption('1');
    expect(await text(page, '#one-trustee-warning')).toBe('With 1 trustee needed, any one trustee alone can decrypt every ballot. Choose this for rehearsals only.');
    await page.locator('#f-box-open').check();
    expect(await text(page, '#open-box-warning')).toContain('Not secret against the operator');
    expect(await page.locator('#f-trustees-count').count()).toBe(0);
    await page.locator('#f-box-sealed').check();
    await page.locator('#f-trustees-threshold').selectOption('2');
    expect(await page.locator('#one-trustee-warning').count()).toBe(0);

    await page.locator('#f-title').fill(TITLE);
    await page.locator('#f-closesAt').fill(closesAt().slice(0, 16));
    await page.locator('#f-contests-0-title').fill('Speaker');
    for (const [i, name] of ['Ada Lovelace', 'Grace Hopper'].entries()) {
      await page.locator(`#f-contests-0-candidates-${i}-name`).fill(name);
      await page.locator(`#f-contests-0-candidates-${i}-email`).fill(`c${i}@uni.test`);
      await page.locator(`#f-contests-0-candidates-${i}-pageLink`).fill(`https://uni.test/c${i}`);
    }
    for (const [i, name] of ['Ana', 'Ben', 'Cem'].entries()) await page.locator(`#f-trustees-names-${i}`).fill(name);
    await checkState(page, 'create-sealed', { dir: SHOTS, widths: [WIDTHS.desktop, WIDTHS.phone] });
    await page.getByRole('button', { name: 'Create the election' }).click();
    await expect.poll(() => heading(page)).toBe(TITLE);

    electionId = (await text(page, 'dl.facts dd code')).trim();
    expect(await text(page, '#ceremony-step')).toBe('Step 1 of 3: each trustee gives their certificate.');
    expect(await text(page, '#ceremony-waiting')).toBe('Waiting for trustee 1 (Ana), trustee 2 (Ben) and trustee 3 (Cem).');
    expect(await page.locator('#trustee-page-link').getAttribute('href')).toBe(`/trustee/?election=${electionId}`);
    expect(await text(page, '#lock-waits')).toBe('The election can be locked once the ceremony has published the election key.');
    expect(await page.locator('#not-secret').count()).toBe(0);
    await checkState(page, 'ceremony-waiting', { dir: SHOTS, widths: [WIDTHS.desktop, WIDTHS.phone] });

    // The lock is refused until the key is there; the refusal names whom the ceremony waits for.
    await page.locator('#lock-open').click();
    await page.getByRole('button', { name: 'Lock it' }).click();
    await expect.poll(() => page.locator('dialog .failure').textContent()).toContain('waiting for trustee(s) 1, 2, 3');
    await page.keyboard.press('Escape');
  });

  it('follows the ceremony as the trustees post their messages, in the console and the observers’ view', async () => {
    const random = seededRandom('sealed-box-browser');
    const context: CeremonyContext = { electionId, threshold: 2, trustees: 3 };
    const made = [1, 2, 3].map((trustee) => createTrusteeCertificate(context, trustee, random));
    for (const { certificate } of made) await stack.admin('POST', `/elections/${electionId}/ceremony/certificates`, certificate);

    await page.locator('#ceremony-refresh').click();
    await expect.poll(() => text(page, '#ceremony-step')).toBe('Step 2 of 3: each trustee deals their shares.');
    expect(await page.evaluate('document.activeElement?.id')).toBe('ceremony-refresh');

    const observer = await newPage();
    await observer.goto(`${stack.apiUrl}/observe#election=${electionId}`);
    await expect
      .poll(() => observer.locator('#ceremony').textContent())
      .toBe('Key ceremony, step 2 of 3: the trustees deal their shares. Waiting for trustee 1 (Ana), trustee 2 (Ben) and trustee 3 (Cem).');
    expect(await text(observer, '#box')).toContain('Sealed: each paper is encrypted on the voter’s device; any 2 of the 3 trustees together open the box');
    await expect.poll(() => observer.locator('#log li .event-text').allTextContents()).toContain('Key ceremony: trustee 3 gave their certificate');
    await checkState(observer, 'observer-ceremony', { dir: SHOTS });

    const certificates: TrusteeCertificate[] = (await stack.call('GET', `/elections/${electionId}/ceremony`)).body.certificates;
    for (const dealer of [1, 2, 3]) {
      const dealt = dealShares(context, certificates, dealer, random);
      if (!dealt.ok) throw new Error('dealing failed');
      await stack.admin('POST', `/elections/${electionId}/ceremony/dealings`, dealt.dealing);
    }
    const { dealings } = (await stack.call('GET', `/elections/${electionId}/ceremony`)).body;
    for (const trustee of [1, 2, 3]) {
      const reviewed = reviewShares(context, certificates, dealings, trustee, made[trustee - 1]!.transportSecret, random);
      if (!reviewed.ok) throw new Error('review failed');
      await stack.admin('POST', `/elections/${electionId}/ceremony/reviews`, reviewed.review);
    }
    await page.locator('#ceremony-refresh').click();
    await expect.poll(() => text(page, '#ceremony-step')).toBe('The ceremony is complete: the election key is published, and the election can be locked.');
    expect(await page.locator('#lock-waits').count()).toBe(0);
    await expect.poll(() => observer.locator('#ceremony').textContent(), { timeout: 20_000 }).toBe('Key ceremony complete: the election key is published.');
    await observer.context().close();
  });

  it('says in German that an open election is not secret against the operator', async () => {
    await stack.admin('POST', '/elections', {
      id: OPEN_ID,
      title: 'Open club 2027',
      ballot: { kind: 'single' },
      candidates: ['Ada Lovelace', 'Grace Hopper'].map((name, i) => ({ name, email: `o${i}@uni.test`, pageLink: `https://uni.test/o${i}` })),
      closesAt: closesAt(),
    });
    const de = await newPage('de-DE');
    await signIn(de);
    if ((await text(de, '#lang-switch')).trim() === 'Deutsch') await de.locator('#lang-switch').click();
    await de.getByRole('button', { name: 'Open club 2027' }).click();
    await expect
      .poll(() => de.locator('#not-secret').textContent())
      .toBe('Nicht geheim gegenüber dem Betreiber: In einer offenen Urne kann lesen, wie jede Person gewählt hat, wer die Server betreibt (eine Administratorin, ein Backup).');
    expect(await de.locator('#ceremony-heading').count()).toBe(0);
    await checkState(de, 'open-not-secret-de', { dir: SHOTS });

    await de.goto(`${stack.apiUrl}/observe#election=${OPEN_ID}`);
    await expect.poll(() => de.locator('#box').textContent()).toContain('Offen: nicht geheim gegenüber dem Betreiber.');
    await de.context().close();
    expect(problems).toEqual([]);
  });
});
