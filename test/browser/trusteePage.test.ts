import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkState, launchChromium, WIDTHS } from '../support/browser';
import { startFakeSealedBoxApi } from '../support/fakeSealedBoxApi';
import { freePort } from '../support/freePort';
import { createCertificate, openShareFile, openTrusteePage, saveFile, signInAsTrustee, trusteeHeading, trusteeStatus } from '../support/trusteePage';
import { seededRandom } from '../unit/crypto/seededRandom';

/**
 * The trustee page (`/trustee?election=<id>`) in Debian's chromium: three trustees, each in a
 * browser context of their own, make a 2-of-3 election's key (one of them closes the tab halfway
 * and continues from the transport-secret file it saved), each saves the share file; after the
 * close two of them open the box from their share files: two proved mixes and two proved
 * decryptions, and the papers read back are those cast. The API is a stand-in
 * (test/support/fakeSealedBoxApi.ts) that keeps the messages in order and checks them with the
 * domain's own verifiers. Nothing secret may reach the server or the browser's storage.
 */
const ADMIN = 'browser-admin-token-trustee-5d2e';
const ELECTION = 'sealed-council-2026';
const NAMES = ['Ada Lovelace', 'Grace Hopper', 'Edsger Dijkstra'];
const PASSPHRASES = ['correct horse battery staple', 'Tr0ubadour&3-long-enough', 'Grüße aus Köln, 2026!'];
const CAST = ['Alice', 'Bob', 'Alice', 'Alice', 'Carol'];
const DIR = 'artifacts/trustee';

describe('the trustee page', () => {
  let api: Awaited<ReturnType<typeof startFakeSealedBoxApi>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  const problems: string[] = [];
  const files: { transport?: string; share?: string; sharePath?: string }[] = [{}, {}, {}];

  const open = (context: BrowserContext) => openTrusteePage(context, `${api.url}/trustee?election=${ELECTION}`, problems);
  const signIn = (page: Page, trustee: number) => signInAsTrustee(page, trustee, ADMIN);
  const certify = createCertificate;
  const save = saveFile;
  const status = trusteeStatus;

  beforeAll(async () => {
    [api, browser] = await Promise.all([
      freePort().then((port) =>
        startFakeSealedBoxApi(
          {
            adminToken: ADMIN,
            electionId: ELECTION,
            title: 'Student council 2026',
            trustees: { count: 3, threshold: 2, names: NAMES },
            contest: {
              id: 'main',
              title: 'Student council',
              ballot: { kind: 'single' },
              candidates: ['Alice', 'Bob', 'Carol'].map((name) => ({ name, email: `${name}@uni.test`, pageLink: 'https://uni.test' })),
            },
          },
          port,
        ),
      ),
      launchChromium(),
    ]);
    for (let i = 0; i < 3; i += 1) {
      const context = await browser.newContext({ viewport: { width: WIDTHS.phone, height: 800 }, locale: 'en-GB', acceptDownloads: true });
      contexts.push(context);
      pages.push(await open(context));
    }
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('signs each trustee in with the admin token, refusing a wrong one, and names the trustees from the election', async () => {
    const page = pages[0]!;
    await expect.poll(() => page.locator('#view-heading').textContent()).toBe('Sign in as a trustee');
    expect(await page.locator('#trustee option').allTextContents()).toEqual(['Ada Lovelace (trustee 1)', 'Grace Hopper (trustee 2)', 'Edsger Dijkstra (trustee 3)']);
    expect(await page.locator('main').innerText()).toContain('any 2 of them together can open the box');
    await page.fill('#token', 'wrong-token');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('#token-error').textContent()).toBe('This admin token was refused. Check it and try again.');
    await checkState(page, 'sign-in', { dir: DIR });
    for (const [i, p] of pages.entries()) await signIn(p, i + 1);
    await checkState(page, 'ceremony-certificate', { dir: DIR });
  });

  it('creates each certificate with the transport secret offered at once as a file sealed with the passphrase, and refuses a short or mistyped passphrase', async () => {
    const page = pages[0]!;
    await certify(page, 'short');
    await expect.poll(() => page.locator('#passphrase-error').textContent()).toBe('The passphrase is shorter than 12 characters.');
    await page.fill('#passphrase', PASSPHRASES[0]!);
    await page.fill('#passphrase-again', `${PASSPHRASES[0]!}x`);
    await page.getByRole('button', { name: 'Create my certificate' }).click();
    await expect.poll(() => page.locator('#passphrase-error').textContent()).toBe('The two passphrases differ.');
    // A round that fails (as a complaint ends it) withdraws the file and asks for a new certificate, saying what failed.
    await certify(page, PASSPHRASES[0]!);
    await expect.poll(() => status(page), { timeout: 20_000 }).toContain('Your certificate is posted.');
    await expect.poll(() => page.getByRole('button', { name: 'Download the transport-secret file' }).count()).toBe(1);
    api.failCeremony({ step: 'review', trustee: 2, field: 'complaints[0]', reason: 'is unfounded: the share matches dealer 1’s commitments' });
    await expect.poll(() => status(page), { timeout: 20_000 }).toContain('The key ceremony started over.');
    expect(await status(page)).toContain('What failed: the review of trustee 2: complaints[0] is unfounded');
    expect(await page.getByRole('button', { name: 'Download the transport-secret file' }).count()).toBe(0);
    await checkState(page, 'ceremony-restarted', { dir: DIR });
    // Trustee 3 first, who closes the tab once the file is saved: before the others' certificates are in, so before it could deal.
    for (const i of [2, 0, 1]) {
      const p = pages[i]!;
      await certify(p, PASSPHRASES[i]!);
      await expect.poll(() => status(p), { timeout: 30_000 }).toContain('Your certificate is posted.');
      if (i === 0) {
        // Leaving before the file is saved would lose the transport secret: the browser asks first.
        const dialog = p.waitForEvent('dialog');
        await p.close({ runBeforeUnload: true });
        expect((await dialog).type()).toBe('beforeunload');
        await (await dialog).dismiss();
        expect(p.isClosed()).toBe(false);
      }
      const file = await save(p, 'Download the transport-secret file');
      expect(JSON.parse(file.text)).toMatchObject({ format: 'sealed-box/trustee-transport-secret-file', sealed: { election: { electionId: ELECTION, trustee: i + 1 } } });
      files[i]!.transport = file.path;
      if (i === 2) await p.close();
    }
  }, 90_000);

  it('continues after the tab was closed from the transport-secret file, once its passphrase is right', async () => {
    // The others deal, and then wait for the trustee whose tab is closed.
    for (const p of pages.slice(0, 2)) await expect.poll(() => status(p), { timeout: 20_000 }).toContain('Waiting for the dealings of: Edsger Dijkstra (trustee 3).');
    const page = (pages[2] = await open(contexts[2]!));
    await signIn(page, 3);
    await expect.poll(() => page.locator('#transport-title').textContent()).toBe('Continue with your transport-secret file');
    await page.setInputFiles('#transport-file', files[2]!.transport!);
    await page.fill('#transport-passphrase', PASSPHRASES[0]!);
    await page.getByRole('button', { name: 'Continue the ceremony' }).click();
    await expect.poll(() => page.locator('#transport-error').textContent(), { timeout: 20_000 }).toBe('The passphrase is wrong.');
    await page.setInputFiles('#transport-file', files[2]!.transport!);
    await page.fill('#transport-passphrase', PASSPHRASES[2]!);
    await page.getByRole('button', { name: 'Continue the ceremony' }).click();
    await expect.poll(() => status(page), { timeout: 20_000 }).toMatch(/Your dealing is posted|Waiting for the|Your review is posted/);
  }, 60_000);

  it('deals and reviews by itself as the others’ messages arrive, shows whom it waits for, and ends with the published key and the share file', async () => {
    await expect.poll(() => api.electionKey(), { timeout: 60_000, interval: 500 }).toBeDefined();
    for (const [i, p] of pages.entries()) {
      await expect.poll(() => p.locator('#election-key').textContent(), { timeout: 20_000 }).toBe(api.electionKey());
      expect(await status(p)).toContain('It is the key your share file was sealed for.');
      const file = await save(p, 'Download the share file');
      expect(JSON.parse(file.text)).toMatchObject({ format: 'sealed-box/trustee-share-file', election: { electionId: ELECTION, publicKey: api.electionKey(), trustee: i + 1 } });
      Object.assign(files[i]!, { share: file.text, sharePath: file.path });
    }
    await checkState(pages[0]!, 'ceremony-complete', { dir: DIR });
    await pages[0]!.getByRole('button', { name: 'Deutsch' }).click();
    expect(await pages[0]!.locator('#view-heading').textContent()).toBe('Die Schlüsselzeremonie');
    expect(await status(pages[0]!)).toContain('Die Schlüsselzeremonie ist abgeschlossen.');
    await pages[0]!.getByRole('button', { name: 'English' }).click();
  }, 120_000);

  it('opens the box after the close from two share files: two proved mixes, two proved decryptions, and the papers read back are those cast', async () => {
    api.close(
      CAST.map((name) => ({ choices: [name] })),
      seededRandom('voters'),
    );
    const [first, second] = [pages[0]!, pages[1]!];
    for (const p of [first, second]) await expect.poll(() => trusteeHeading(p), { timeout: 20_000 }).toBe('Opening the ballot box');
    // Trustee 3's file in trustee 1's page is refused, naming whose it is.
    await openShareFile(first, files[2]!.sharePath!, PASSPHRASES[2]!);
    await expect.poll(() => first.locator('#share-error').textContent(), { timeout: 20_000 }).toBe('This share file is trustee 3’s, not yours. Choose your own share file.');
    await checkState(first, 'opening-share-file', { dir: DIR });
    // One after the other, so that the two do not race for the first mix (the server takes one and refuses the other, which then mixes the first's outputs).
    await openShareFile(first, files[0]!.sharePath!, PASSPHRASES[0]!);
    await expect.poll(() => first.locator('.contest').innerText(), { timeout: 60_000, interval: 500 }).toContain('Your mix of 5 papers is posted.');
    await expect.poll(() => first.locator('.contest').innerText(), { timeout: 10_000 }).toContain('Mixes: 1 of 2. Decryptions: 0 of 2.');
    await openShareFile(second, files[1]!.sharePath!, PASSPHRASES[1]!);
    for (const p of [first, second]) await expect.poll(() => p.locator('.contest').innerText(), { timeout: 90_000, interval: 500 }).toContain('Done: the contest is opened and counted.');
    expect(
      api
        .opened()!
        .map((paper) => (paper.ok ? paper.content.choices.join() : paper.problem))
        .sort(),
    ).toEqual([...CAST].sort());
    expect(await first.locator('.status').innerText()).toContain('Every contest is opened.');
    await checkState(first, 'opening-done', { dir: DIR });
  }, 150_000);

  it('never sent a passphrase or a file to the server, stored nothing but the language, and ran without a console error or a refusal of the page’s policy', async () => {
    for (const body of api.posted) {
      for (const passphrase of PASSPHRASES) expect(body).not.toContain(passphrase);
      expect(body).not.toMatch(/trustee-share-file|transport-secret-file|passphraseCheck/);
    }
    for (const page of pages.filter((p) => !p.isClosed())) {
      expect((await page.evaluate<string[]>('Object.keys(localStorage)')).filter((k) => k !== 'trustee.lang')).toEqual([]);
      expect(await page.evaluate<string[]>('Object.keys(sessionStorage)')).toEqual([]);
    }
    expect(problems).toEqual([]);
  });
});
