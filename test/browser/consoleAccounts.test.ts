import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkState, launchChromium, WIDTHS } from '../support/browser';
import { spawnLocalStack, waitForMail, type LocalStackProcess } from '../support/localStackProcess';

const SHOTS = 'artifacts/admin-console';
const CHAIR = { CHAIR_EMAIL: 'ada@uni.test', CHAIR_NAME: 'Ada Lovelace' };
const PASSWORD = 'accounts-console-token-21c4';

/**
 * The console as a committee member uses it with an account, in Debian's chromium against
 * `npm start`'s stack and its cognito-local: the chair signs in through the hosted sign-in (the
 * authorization code with PKCE, exchanged by the API), sees who is signed in, and keeps the member
 * list: invites a help desk member, makes them a committee member, removes them. Every state of
 * ours is axe-checked and captured into artifacts/admin-console/.
 */
describe('the console with an account: sign-in and the member list', () => {
  let stack: LocalStackProcess;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  let helenPassword = '';
  const heading = () => page.locator('#view-heading').textContent();
  const note = () => page.locator('#members-note').textContent();
  const check = (state: string) => checkState(page, state, { dir: SHOTS, widths: [WIDTHS.desktop, WIDTHS.phone] });

  beforeAll(async () => {
    // The local chair's password is the admin token, as the banner says.
    [stack, browser] = await Promise.all([spawnLocalStack({ ADMIN_TOKEN: PASSWORD, ...CHAIR }), launchChromium()]);
    expect(stack.output()).toContain('"Continue with your account": the chair\'s address and the admin token below as password');
    const context = await browser.newContext({ viewport: { width: WIDTHS.desktop, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Berlin' });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('signs the chair in through the hosted sign-in, and says who is signed in', async () => {
    await page.goto(`${stack.apiUrl}/admin`);
    await expect.poll(heading).toBe('Sign in');
    await page.getByRole('button', { name: 'Continue with your account' }).waitFor();
    await check('sign-in-account');
    await page.getByRole('button', { name: 'Continue with your account' }).click();
    // cognito-local's own form, standing in for Cognito's hosted sign-in.
    await page.waitForURL(new RegExp(`^${stack.cognitoUrl}/oauth2/authorize`));
    expect(new URL(page.url()).searchParams.get('code_challenge_method')).toBe('S256');
    await page.locator('input[name=username]').fill(CHAIR.CHAIR_EMAIL);
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('input[name=password]').press('Enter');
    await page.waitForURL(`${stack.apiUrl}/admin`);
    await expect.poll(heading).toBe('Elections');
    // The code is gone from the address, and the session is the chair's own, not the admin token's.
    expect(page.url()).toBe(`${stack.apiUrl}/admin`);
    expect(await page.locator('#signed-in').textContent()).toBe('Signed in: Ada Lovelace (committee)');
    await check('list-signed-in-account');
  });

  it('keeps the member list: invites a member, who gets the invitation by mail, and changes their role', async () => {
    await page.getByRole('button', { name: 'Members' }).click();
    await expect.poll(heading).toBe('Committee members');
    expect(await page.locator('table.elections tbody tr').allTextContents()).toEqual([expect.stringContaining('Ada Lovelace')]);
    await page.getByLabel('Name (as the log will show it)').fill('Helen Desk');
    await page.getByLabel('E-mail address').fill('helen@uni.test');
    await page.getByLabel('Role', { exact: true }).selectOption('helpdesk');
    await page.getByRole('button', { name: 'Invite' }).click();
    await expect.poll(note).toBe('Helen Desk is invited.');
    const helen = page.locator('tr', { hasText: 'Helen Desk' });
    expect(await helen.locator('select').inputValue()).toBe('helpdesk');
    await check('members-invited');

    // The invitation reaches the mailbox, as Cognito would mail it.
    const [invitation] = await waitForMail(stack.mailboxUrl, (mail) => mail.destination.to.includes('helen@uni.test') && mail.subject.includes('Invitation to the election committee'));
    helenPassword = invitation!.body.text!.match(/temporary password (\S+)\.$/m)![1]!;

    await page.getByLabel('Role of Helen Desk').selectOption('committee');
    await helen.getByRole('button', { name: 'Save role' }).click();
    await expect.poll(note).toBe('Helen Desk is now Committee.');
  });

  it('locks an election only when the second committee member confirms it in their own console', async () => {
    const candidates = ['Grace Hopper', 'Alan Turing'].map((name, i) => ({ name, email: `c${i}@uni.test`, pageLink: `https://uni.test/c${i}` }));
    expect((await stack.call('POST', '/elections', { id: 'council', title: 'Student council', ballot: { kind: 'single' }, candidates })).status).toBe(201);
    expect((await stack.call('POST', '/elections/council/voters', { voters: [{ studentId: 's1', email: 's1@uni.test' }] })).status).toBe(200);
    const lockIn = async (console: Page) => {
      await console.getByRole('button', { name: 'Student council' }).click();
      await console.getByRole('button', { name: 'Lock the election…' }).click();
      await console.getByRole('button', { name: 'Lock it' }).click();
    };
    await page.getByRole('button', { name: 'Back to the elections' }).click();
    await lockIn(page);
    await expect.poll(() => page.locator('#dialog-heading').textContent()).toBe('Lock proposed: a second member confirms');
    expect(await page.locator('dialog').textContent()).toContain('Ada Lovelace proposed it.');
    await check('lock-proposed');
    await page.getByRole('button', { name: 'Close' }).click();

    // Helen, in a browser of her own, with the temporary password of her invitation.
    const second = await (await browser.newContext({ viewport: { width: WIDTHS.desktop, height: 900 }, locale: 'en-GB' })).newPage();
    await second.goto(`${stack.apiUrl}/admin`);
    await second.getByRole('button', { name: 'Continue with your account' }).click();
    await second.locator('input[name=username]').fill('helen@uni.test');
    await second.locator('input[name=password]').fill(helenPassword);
    await second.locator('input[name=password]').press('Enter');
    await expect.poll(() => second.locator('#signed-in').textContent()).toBe('Signed in: Helen Desk (committee)');
    await lockIn(second);
    await expect.poll(async () => (await stack.call('GET', '/elections/council')).body.phase).toBe('locked');
    const { body } = await stack.call('GET', '/elections/council/events');
    const locked = body.events.find((e: { type: string }) => e.type === 'ElectionLocked');
    expect([locked.by.name, locked.data.proposedBy.name]).toEqual(['Helen Desk', 'Ada Lovelace']);
  });

  it('removes a member, from the deployment and from the election’s committee', async () => {
    // A reload ends the session the console kept in memory: the chair signs in again.
    await page.goto(`${stack.apiUrl}/admin`);
    await page.getByRole('button', { name: 'Continue with your account' }).click();
    await page.locator('input[name=username]').fill(CHAIR.CHAIR_EMAIL);
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('input[name=password]').press('Enter');
    await page.getByRole('button', { name: 'Members' }).click();
    await page.locator('tr', { hasText: 'Helen Desk' }).getByRole('button', { name: 'Remove…' }).click();
    await page.locator('tr', { hasText: 'Helen Desk' }).getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(note).toBe('Helen Desk is removed. Recorded in 1 election.');
    expect(await page.locator('table.elections tbody tr').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
