import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * What a trustee does on the trustee page (`/trustee?election=<id>`), for the browser tests that
 * run it against the stand-in API and against the local stack.
 */

/** Opens the page for an election, collecting console errors (but a 401 or 404, which the tests cause or chromium's favicon does) and refusals of the page's policy. */
export async function openTrusteePage(context: BrowserContext, url: string, problems: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => {
    if ((message.type() === 'error' && !/status of (401|404)/.test(message.text())) || /Content Security Policy|Refused/.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(url);
  return page;
}

export const trusteeHeading = (page: Page) => page.locator('#view-heading').textContent();
export const trusteeStatus = (page: Page) => page.locator('.status').innerText();

export async function signInAsTrustee(page: Page, trustee: number, adminToken: string): Promise<void> {
  await expect.poll(() => trusteeHeading(page)).toBe('Sign in as a trustee');
  await page.selectOption('#trustee', String(trustee));
  await page.fill('#token', adminToken);
  await page.click('button[type=submit]');
  await expect.poll(() => trusteeHeading(page)).toMatch(/^(The key ceremony|Opening the ballot box)$/);
}

export async function createCertificate(page: Page, passphrase: string): Promise<void> {
  await page.fill('#passphrase', passphrase);
  await page.fill('#passphrase-again', passphrase);
  await page.getByRole('button', { name: 'Create my certificate' }).click();
}

/** Clicks a download button and gives the file's path and text. */
export async function saveFile(page: Page, label: string): Promise<{ path: string; text: string }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: label }).click();
  const path = (await (await download).path())!;
  return { path, text: await readFile(path, 'utf8') };
}

export async function openShareFile(page: Page, path: string, passphrase: string): Promise<void> {
  await page.setInputFiles('#share-file', path);
  await page.fill('#share-passphrase', passphrase);
  await page.getByRole('button', { name: 'Open my share file' }).click();
}
