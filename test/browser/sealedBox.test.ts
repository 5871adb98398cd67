import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrusteeCertificate, dealShares, reviewShares, type CeremonyContext, type TrusteeCertificate } from '../../domain/crypto/keyCeremony';
import { ciphertextToJson } from '../../domain/crypto/elgamal';
import { elementFromHex } from '../../domain/crypto/group';
import { readCiphertext, readList } from '../../domain/crypto/jsonFields';
import { paperLayout } from '../../domain/crypto/paperEncoding';
import { knowledgeOfRandomnessFromJson, knowledgeOfRandomnessToJson } from '../../domain/crypto/proofs/knowledgeOfRandomness';
import { rehearseOpening } from '../../domain/crypto/rehearsal';
import { sealedContestRecordToJson } from '../../domain/crypto/sealedContest';
import { sealPaper } from '../../domain/crypto/sealedPaper';
import { seededRandom } from '../unit/crypto/seededRandom';
import { checkState, launchChromium, WIDTHS } from '../support/browser';
import { credentialToken, spawnLocalStack, type LocalStackProcess } from '../support/localStackProcess';

/**
 * The sealed box in the console and the observers' view, in Debian's chromium against `npm start`'s
 * stack: the console creates a sealed election by default (2 of 3 trustees), warns of a threshold
 * of 1, shows the key ceremony waiting for trustees 1, 2 and 3 and the lock's refusal as the API
 * words it; the trustees' messages are posted through the API as their own machines make them
 * (the trustee page's part); the observers see the ceremony's step and its events; after the
 * close the console shows the contest's opening move as a trustee's mix arrives; an open
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
  /** The trustees' secret shares, which each trustee's own machine keeps: the test holds them to open the box as the trustee page would. */
  const secretShares: bigint[] = [];
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
    [stack, browser] = await Promise.all([spawnLocalStack({ ADMIN_TOKEN: ADMIN, GRACE_SECONDS: '1' }, ['--rehearsal']), launchChromium()]);
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
    expect(await page.locator('#trustee-page-link').getAttribute('href')).toBe(`/trustee?election=${electionId}`);
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
    await expect.poll(() => observer.locator('#log li .event-text').allTextContents()).toContain('Key ceremony: trustee 3 gave their certificate — by Chair');
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
      if (!reviewed.ok || reviewed.secretShare === null) throw new Error('review failed');
      secretShares.push(reviewed.secretShare);
      await stack.admin('POST', `/elections/${electionId}/ceremony/reviews`, reviewed.review);
    }
    await page.locator('#ceremony-refresh').click();
    await expect.poll(() => text(page, '#ceremony-step')).toBe('The ceremony is complete: the election key is published, and the election can be locked.');
    expect(await page.locator('#lock-waits').count()).toBe(0);
    await expect.poll(() => observer.locator('#ceremony').textContent(), { timeout: 20_000 }).toBe('Key ceremony complete: the election key is published.');
    await observer.context().close();
  });

  it('shows each contest’s opening after the close, and what the committee does next', async () => {
    const voters = ['v1', 'v2'];
    await stack.admin('POST', `/elections/${electionId}/voters`, { voters: voters.map((id) => ({ studentId: id, email: `${id}@uni.test` })) });
    await stack.admin('POST', `/elections/${electionId}/lock`);
    await stack.admin('POST', `/elections/${electionId}/start`);
    const election = (await stack.call('GET', `/elections/${electionId}`)).body;
    const publicKey = elementFromHex(election.electionKey);
    const statement = { electionId, contestId: 'speaker' };
    const layout = paperLayout(election.contests[0].ballot, election.contests[0].candidates);
    const random = seededRandom('sealed-box-browser-opening');
    for (const [i, id] of voters.entries()) {
      const sealed = sealPaper({ publicKey, layout, context: statement }, { choices: [['Ada Lovelace', 'Grace Hopper'][i]!] }, random);
      const papers = { speaker: { ciphertexts: sealed.ciphertexts.map(ciphertextToJson), proof: knowledgeOfRandomnessToJson(sealed.proof) } };
      const cast = await fetch(`${stack.apiUrl}/elections/${electionId}/ballots`, {
        method: 'POST',
        body: JSON.stringify({ token: await credentialToken(stack.mailboxUrl, `${id}@uni.test`), papers }),
      });
      expect(cast.status).toBe(201);
    }
    await stack.rehearsalClock(new Date(Date.parse(election.window.closesAt) + 1_000));
    await expect.poll(async () => (await stack.call('GET', `/elections/${electionId}`)).body.opening, { timeout: 30_000, interval: 500 }).toBeDefined();

    await signIn(page);
    await page.getByRole('button', { name: TITLE }).click();
    await expect.poll(() => page.locator('#opening tbody tr').allTextContents()).toEqual(['Speaker0 of 20 of 2A trustee mixes the box.']);
    expect(await page.locator('#trustee-page-link').getAttribute('href')).toBe(`/trustee?election=${electionId}`);

    const board = (await stack.call('GET', `/elections/${electionId}/board/speaker`)).body.papers.map((p: { ciphertexts: unknown; proof: unknown }, i: number) => ({
      ciphertexts: readList(p.ciphertexts, `papers[${i}].ciphertexts`, readCiphertext),
      proof: knowledgeOfRandomnessFromJson(p.proof),
    }));
    const keys = { publicKey, verificationKeys: [], threshold: 2, layout };
    const [mix] = sealedContestRecordToJson(rehearseOpening({ ...statement, ...keys }, board, secretShares, { mixers: [1], decryptors: [] }, random)).mixes;
    await stack.admin('POST', `/elections/${electionId}/opening/speaker/mixes`, mix);
    await page.locator('#opening-refresh').click();
    await expect.poll(() => page.locator('#opening tbody tr').allTextContents()).toEqual(['Speaker1 of 2, by trustee 1 (Ana)0 of 2A trustee other than trustee 1 (Ana) mixes the last mix.']);
    await checkState(page, 'opening', { dir: SHOTS, widths: [WIDTHS.desktop, WIDTHS.phone] });
  }, 90_000);

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
