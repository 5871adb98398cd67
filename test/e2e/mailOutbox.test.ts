import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalCredentialMinter } from '../../handlers/adapters/localCredentialMinter';
import { mailbox, spawnLocalStack, type LocalStackProcess, type StoredMail } from '../support/localStackProcess';
import { waitFor } from '../support/waitFor';

const ADMIN = 'outbox-admin-token-5f1c2a';
const VOTERS = 1_000;
const RATE = 50;

/**
 * The outbox against the running local stack, with the mailbox limited like SES: an import
 * answers at once and mails nobody, the start releases every credential, the sender keeps under
 * the rate, and a kill -9 in the middle of sending leaves every voter, after the restart, with
 * their one working credential.
 */
describe('credential mail through the outbox, paced and surviving a crash', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'outbox-'));
  let stack: LocalStackProcess | undefined;
  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const env = { ADMIN_TOKEN: ADMIN, DATA_DIR: dataDir, SES_MAX_SEND_RATE: String(RATE) };
  const credentials = async (): Promise<StoredMail[]> => (await mailbox(stack!.mailboxUrl)).filter((m) => m.subject.startsWith('Your voting credential'));

  it(`imports ${VOTERS} voters in one request, mails them as voting opens at most ${RATE}/s, and after a kill -9 mid-send every voter holds one working credential`, async () => {
    stack = await spawnLocalStack(env, []);
    const closesAt = new Date(Date.now() + 3_600_000).toISOString();
    const created = await stack.call('POST', '/elections', { id: 'outbox', title: 'Council', candidates: [{ name: 'Ada', email: 'ada@uni.test', pageLink: 'https://uni.test/ada' }], closesAt });
    expect(created.status).toBe(201);
    const roll = Array.from({ length: VOTERS }, (_, i) => ({ studentId: `o${String(i).padStart(4, '0')}`, email: `o${i}@uni.test` }));
    const started = performance.now();
    const added = await stack.call('POST', '/elections/outbox/voters', { voters: roll });
    console.log(`registered ${VOTERS} voters in ${Math.round(performance.now() - started)} ms`);
    expect(added.body).toEqual({ registered: VOTERS, alreadyRegistered: [], emailTaken: [], mail: 'held' });
    expect((await stack.call('GET', '/elections/outbox/mail')).body.counts).toMatchObject({ held: VOTERS, pending: 0 });
    expect(await credentials()).toEqual([]);
    const opened = performance.now();
    expect((await stack.call('POST', '/elections/outbox/lock')).status).toBe(200);
    expect((await stack.call('POST', '/elections/outbox/start')).status).toBe(200);

    // Let some go out, then crash with mail still queued and some claimed.
    await waitFor(async () => (await credentials()).length >= 150, { timeoutMs: 60_000 });
    const beforeCrash = await credentials();
    const elapsed = (performance.now() - opened) / 1000;
    // Paced: never faster than the rate allows (one second of burst at most), counted from the
    // start, since the stream hands the first voters' mail over while later ones are still being released.
    expect(beforeCrash.length).toBeLessThanOrEqual(Math.ceil((elapsed + 1) * RATE));
    await stack.kill();

    stack = await spawnLocalStack(env, []);
    const report = await mailReportOnceSent(stack, 'outbox', VOTERS, 90_000);
    expect(report).toEqual({ counts: { pending: 0, sending: 0, sent: VOTERS, delivered: 0, undelivered: 0, bounced: 0, complained: 0, postal: 0, held: 0 }, problems: [] });

    // Every mail, before and after the crash, carries the one credential each voter has: a resent mail repeats it.
    const minter = LocalCredentialMinter.fromKeyFile(join(dataDir, 'credential-key'));
    const byAddress = new Map(roll.map((v) => [v.email, v.studentId]));
    const seen = [...beforeCrash, ...(await credentials())];
    expect(new Set(seen.map((m) => m.destination.to[0])).size).toBeGreaterThanOrEqual(VOTERS - 5);
    for (const mail of seen) {
      const studentId = byAddress.get(mail.destination.to[0]!)!;
      expect(mail.body.text).toContain(`token: ${await minter.tokenFor({ electionId: 'outbox', studentId, generation: 1 })}`);
    }
    for (const { studentId } of [roll[0]!, roll[VOTERS / 2]!, roll[VOTERS - 1]!]) {
      const token = await minter.tokenFor({ electionId: 'outbox', studentId, generation: 1 });
      expect((await stack.call('POST', '/elections/outbox/ballots', { token, choices: ['Ada'] })).status).toBe(201);
    }
  }, 240_000);
});

/**
 * The failure the outbox was built for: a stack killed while an import request is half-way. Every
 * voter it registered already has their credential held with them, and the import run again
 * (as the CLI retries it) registers the rest; at the start each voter gets their one credential.
 */
describe('an import cut short by a kill -9', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'outbox-cut-'));
  const voters = 1_500;
  let stack: LocalStackProcess | undefined;
  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const env = { ADMIN_TOKEN: ADMIN, DATA_DIR: dataDir, SES_MAX_SEND_RATE: '100' };

  it('leaves every voter it registered with a credential held, and the import run again registers the rest: the start mails each voter once', async () => {
    stack = await spawnLocalStack(env, []);
    const closesAt = new Date(Date.now() + 3_600_000).toISOString();
    const created = await stack.call('POST', '/elections', { id: 'cut', title: 'Council', candidates: [{ name: 'Ada', email: 'ada@uni.test', pageLink: 'https://uni.test/ada' }], closesAt });
    expect(created.status).toBe(201);
    const roll = Array.from({ length: voters }, (_, i) => ({ studentId: `c${String(i).padStart(4, '0')}`, email: `c${i}@uni.test` }));
    const cut = stack.call('POST', '/elections/cut/voters', { voters: roll }).catch((error: Error) => error);
    await waitFor(async () => ((await stack!.call('GET', '/elections/cut')).body.voterCount ?? 0) >= 200, { intervalMs: 50 });
    expect(await mailbox(stack.mailboxUrl)).toEqual([]);
    await stack.kill();
    expect(await cut).toBeInstanceOf(Error);

    stack = await spawnLocalStack(env, []);
    const before = (await stack.call('GET', '/elections/cut')).body.voterCount as number;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(voters);
    const again = await stack.call('POST', '/elections/cut/voters', { voters: roll });
    expect(again.body).toMatchObject({ registered: voters - before, emailTaken: [], mail: 'held' });
    expect(again.body.alreadyRegistered).toHaveLength(before);
    expect((await stack.call('GET', '/elections/cut/mail')).body.counts).toMatchObject({ held: voters });
    for (const step of ['lock', 'start']) expect((await stack.call('POST', `/elections/cut/${step}`)).status).toBe(200);

    // A loaded machine sends well below the rate: time enough for 1,500 at a few a second.
    const report = await mailReportOnceSent(stack, 'cut', voters, 300_000);
    expect(report.counts).toMatchObject({ pending: 0, sending: 0, sent: voters, undelivered: 0 });
    const minter = LocalCredentialMinter.fromKeyFile(join(dataDir, 'credential-key'));
    const mails = (await mailbox(stack.mailboxUrl)).filter((m) => m.subject.startsWith('Your voting credential'));
    const byAddress = new Map(roll.map((v) => [v.email, v.studentId]));
    expect(mails).toHaveLength(voters);
    expect(new Set(mails.map((m) => m.destination.to[0])).size).toBe(voters);
    for (const mail of mails) {
      const studentId = byAddress.get(mail.destination.to[0]!)!;
      expect(mail.body.text).toContain(`token: ${await minter.tokenFor({ electionId: 'cut', studentId, generation: 1 })}`);
    }
  }, 480_000);
});

/** The election's mail report once `count` credentials have been sent; fails after `timeoutMs`, showing the last report. */
async function mailReportOnceSent(stack: LocalStackProcess, electionId: string, count: number, timeoutMs: number): Promise<any> {
  let report: any;
  return waitFor(
    async () => {
      report = (await stack.call('GET', `/elections/${electionId}/mail`)).body;
      return report.counts.sent >= count && report;
    },
    { timeoutMs, intervalMs: 500, gaveUp: () => `not all ${count} credentials were sent within ${timeoutMs} ms: ${JSON.stringify(report)}` },
  );
}
