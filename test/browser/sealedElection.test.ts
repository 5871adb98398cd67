import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ciphertextToJson } from '../../domain/crypto/elgamal';
import { elementFromHex } from '../../domain/crypto/group';
import { paperLayout } from '../../domain/crypto/paperEncoding';
import { knowledgeOfRandomnessToJson } from '../../domain/crypto/proofs/knowledgeOfRandomness';
import { sealedContexts } from '../../domain/crypto/sealedContest';
import { sealPaper } from '../../domain/crypto/sealedPaper';
import { launchChromium, WIDTHS } from '../support/browser';
import { credentialToken, spawnLocalStack, type LocalStackProcess } from '../support/localStackProcess';
import { createCertificate, openShareFile, openTrusteePage, saveFile, signInAsTrustee, trusteeHeading, trusteeStatus } from '../support/trusteePage';
import { seededRandom } from '../unit/crypto/seededRandom';

/**
 * A sealed election on `npm start -- --rehearsal`'s stack, its trustees on the trustee page: three
 * trustees, each in a browser context of their own, make a 2-of-3 election's key, which the
 * stack publishes; the election is locked and opened, voters cast papers sealed under that key
 * (over HTTP, as the voter page seals them), the stack's clock is moved past the close, two
 * trustees open the box from their share files (two proved mixes, two proved decryptions), and
 * the stack counts the papers and publishes the results.
 */
const ADMIN = 'browser-admin-token-sealed-8a41';
const ELECTION = 'sealed-2026';
const NAMES = ['Ada Lovelace', 'Grace Hopper', 'Edsger Dijkstra'];
const PASSPHRASES = ['correct horse battery staple', 'Tr0ubadour&3-long-enough', 'Grüße aus Köln, 2026!'];
const CANDIDATES = ['Alice', 'Bob'];
const VOTERS = ['s1', 's2', 's3'];
const CHOICES = ['Alice', 'Bob', 'Alice'];

describe('a sealed election’s trustees on the trustee page, against the local stack', () => {
  let stack: LocalStackProcess;
  let browser: Browser;
  let closesAt: Date;
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  const problems: string[] = [];
  const shareFiles: string[] = [];

  beforeAll(async () => {
    [stack, browser] = await Promise.all([spawnLocalStack({ ADMIN_TOKEN: ADMIN, GRACE_SECONDS: '1' }, ['--rehearsal']), launchChromium()]);
    closesAt = new Date((await stack.rehearsalClock()).getTime() + 3_600_000);
    await stack.admin('POST', '/elections', {
      id: ELECTION,
      title: 'Student council 2026',
      ballot: { kind: 'single' },
      candidates: CANDIDATES.map((name, i) => ({ name, email: `c${i}@uni.test`, pageLink: `https://uni.test/c${i}` })),
      closesAt: closesAt.toISOString(),
      box: 'sealed',
      trustees: { count: 3, threshold: 2, names: NAMES },
    });
    await stack.admin('POST', `/elections/${ELECTION}/voters`, { voters: VOTERS.map((id) => ({ studentId: id, email: `${id}@uni.test` })) });
    for (let i = 0; i < 3; i += 1) {
      const context = await browser.newContext({ viewport: { width: WIDTHS.phone, height: 800 }, locale: 'en-GB', acceptDownloads: true });
      contexts.push(context);
      pages.push(await openTrusteePage(context, `${stack.apiUrl}/trustee?election=${ELECTION}`, problems));
    }
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('makes the election key with three trustees in three browsers, and the stack publishes it', async () => {
    for (const [i, page] of pages.entries()) await signInAsTrustee(page, i + 1, ADMIN);
    for (const [i, page] of pages.entries()) await createCertificate(page, PASSPHRASES[i]!);
    await expect.poll(async () => (await stack.admin('GET', `/elections/${ELECTION}`)).electionKey, { timeout: 90_000, interval: 1_000 }).toMatch(/^[0-9a-f]{64}$/);
    const { electionKey } = await stack.admin('GET', `/elections/${ELECTION}`);
    for (const page of pages) {
      await expect.poll(() => page.locator('#election-key').textContent(), { timeout: 20_000 }).toBe(electionKey);
      expect(await trusteeStatus(page)).toContain('It is the key your share file was sealed for.');
      shareFiles.push((await saveFile(page, 'Download the share file')).path);
    }
  }, 150_000);

  it('opens the box after the close with two trustees, and the stack publishes the count of the papers cast', async () => {
    await stack.admin('POST', `/elections/${ELECTION}/lock`);
    await stack.admin('POST', `/elections/${ELECTION}/start`);
    const election = await stack.admin('GET', `/elections/${ELECTION}`);
    const contest = election.contests[0];
    const layout = paperLayout(contest.ballot, contest.candidates);
    const voter = seededRandom('sealed voters');
    for (const [i, id] of VOTERS.entries()) {
      const token = await credentialToken(stack.mailboxUrl, `${id}@uni.test`);
      const sealed = sealPaper(
        { publicKey: elementFromHex(election.electionKey), layout, context: sealedContexts.paper({ electionId: ELECTION, contestId: contest.id }) },
        { choices: [CHOICES[i]!] },
        voter,
      );
      const papers = { [contest.id]: { ciphertexts: sealed.ciphertexts.map(ciphertextToJson), proof: knowledgeOfRandomnessToJson(sealed.proof) } };
      const response = await fetch(`${stack.apiUrl}/elections/${ELECTION}/ballots`, { method: 'POST', body: JSON.stringify({ token, papers }) });
      expect(response.status, await response.clone().text()).toBe(201);
    }
    await stack.rehearsalClock(new Date(closesAt.getTime() + 1_000));
    const [first, second] = [pages[0]!, pages[1]!];
    for (const page of [first, second]) await expect.poll(() => trusteeHeading(page), { timeout: 60_000, interval: 500 }).toBe('Opening the ballot box');
    await openShareFile(first, shareFiles[0]!, PASSPHRASES[0]!);
    await expect.poll(() => first.locator('.contest').innerText(), { timeout: 60_000, interval: 500 }).toContain('Your mix of 3 papers is posted.');
    await openShareFile(second, shareFiles[1]!, PASSPHRASES[1]!);
    for (const page of [first, second]) await expect.poll(() => page.locator('.contest').innerText(), { timeout: 90_000, interval: 500 }).toContain('Done: the contest is opened and counted.');
    await expect.poll(async () => (await stack.admin('GET', `/elections/${ELECTION}`)).phase, { timeout: 60_000, interval: 1_000 }).toBe('published');
    const results = await stack.admin('GET', `/elections/${ELECTION}/results`);
    expect(results.result.counts).toEqual([
      { candidate: 'Alice', votes: 2 },
      { candidate: 'Bob', votes: 1 },
    ]);
    expect(problems).toEqual([]);
  }, 240_000);
});
