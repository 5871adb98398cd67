import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkState, launchChromium, WIDTHS } from '../support/browser';
import { credentialMail, spawnLocalStack, type LocalStackProcess } from '../support/localStackProcess';

const ADMIN = 'browser-admin-token-wording-7c2d';
const ELECTION = 'stupa-wording';

/**
 * The committee words the voters' mail in the console against `npm start`'s stack, in chromium:
 * the election's language and time zone chosen in the create form's API body, the wording typed
 * and saved, a refusal shown next to it, the credential mail read in German and English as a voter
 * will get it, and then the voter's real mail in the mailbox, worded so.
 */
describe("the console: the voters' mail in the committee's words", () => {
  let stack: LocalStackProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([spawnLocalStack({ ADMIN_TOKEN: ADMIN }), launchChromium()]);
    const person = (name: string, i: number) => ({ name, email: `c${i}@uni.test`, pageLink: `https://uni.test/c${i}` });
    await stack.admin('POST', '/elections', {
      id: ELECTION,
      title: 'Studierendenparlament 2027',
      candidates: ['Zoë Bauer', 'Jonas Weiß'].map(person),
      closesAt: '2090-01-20T17:00:00Z',
      language: 'de',
      timeZone: 'Europe/Berlin',
    });
    page = await (await browser.newContext({ viewport: { width: WIDTHS.desktop, height: 900 }, locale: 'en-GB' })).newPage();
    await page.goto(`${stack.apiUrl}/admin`);
    await page.getByLabel('Admin token').fill(ADMIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Studierendenparlament 2027' }).click();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('refuses a link in the closing next to the form, saves the wording, and shows the mail as voters get it', async () => {
    await page.getByLabel('Sender’s name (optional)').fill('Wahlausschuss der Studierendenschaft');
    await page.getByLabel('Greeting (optional)').fill('Liebe Studierende,');
    await page.getByLabel('Closing (optional, up to 8 lines)').fill('Mehr auf asta-uni.de/wahl');
    await page.getByRole('button', { name: 'Save the wording' }).click();
    await expect.poll(() => page.locator('#wording-note').textContent()).toContain('closing: line 1 may not hold a link or an address');

    await page.getByLabel('Closing (optional, up to 8 lines)').fill('Mit freundlichen Grüßen\nIhr Wahlausschuss');
    await page.getByRole('button', { name: 'Save the wording' }).click();
    await expect.poll(() => page.locator('#wording-note').textContent()).toBe('Wording saved: every voter mail from now on carries it.');

    await page.getByRole('button', { name: 'Read the credential mail as voters get it (de)' }).click();
    const preview = page.locator('#wording-preview');
    await expect.poll(() => preview.textContent()).toContain('From: Wahlausschuss der Studierendenschaft');
    const german = (await preview.locator('pre').textContent()) ?? '';
    expect(german).toMatch(/^Liebe Studierende,\n\nSie sind wahlberechtigt: „Studierendenparlament 2027“\.\nSie können bis Freitag, 20\. Januar 2090, 18:00 MEZ wählen\./);
    expect(german).toContain(`Hier wählen: ${stack.apiUrl}/vote#election=${ELECTION}&token=SAMPLE-TOKEN-NOT-A-REAL-ONE`);
    expect(german).toMatch(/Mit freundlichen Grüßen\nIhr Wahlausschuss$/);
    await checkState(page, 'mail-wording-preview', { dir: 'artifacts/mail-wording', widths: [WIDTHS.desktop, WIDTHS.phone] });

    await page.getByRole('button', { name: 'Read the credential mail as voters get it (en)' }).click();
    await expect.poll(() => preview.locator('pre').textContent()).toContain('You can vote until Friday, 20 January 2090, 18:00 CET.');
  });

  it('mails the voters what the preview showed, as voting opens', async () => {
    await stack.admin('POST', `/elections/${ELECTION}/voters`, { voters: [{ studentId: 's1', email: 's1@uni.test' }] });
    for (const step of ['lock', 'start']) await stack.admin('POST', `/elections/${ELECTION}/${step}`);
    const mail = await credentialMail(stack.mailboxUrl, 's1@uni.test');
    expect(mail.subject).toBe('Ihre Zugangsdaten zur Wahl: Studierendenparlament 2027');
    expect(mail.body.text).toMatch(/^Liebe Studierende,\n\nSie sind wahlberechtigt/);
    expect(mail.body.text).toMatch(/Mit freundlichen Grüßen\nIhr Wahlausschuss\s*$/);
  });
});
