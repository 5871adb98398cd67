import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialToken, spawnLocalStack, type LocalStackProcess } from '../support/localStackProcess';
import { waitFor } from '../support/waitFor';

const ADMIN = 'cli-admin-token-7d31c9a0';
const exec = promisify(execFile);

/**
 * The admin and auditor command line against the local stack, as a committee would use it. The
 * stack rehearses: its elections close an hour ahead, when the test moves its clock there, so a
 * loaded machine's slow commands never meet a deadline.
 */
describe('the election command line', () => {
  let stack: LocalStackProcess;
  const dir = mkdtempSync(join(tmpdir(), 'election-cli-'));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const cli = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
        env: { ...process.env, ELECTION_API: stack.apiUrl, ADMIN_TOKEN: ADMIN },
        maxBuffer: 64 * 1024 * 1024,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
  /** An hour on from the stack's clock, which a test before may have moved. */
  const anHourOn = async () => new Date((await stack.rehearsalClock()).getTime() + 3_600_000);
  const election = (id: string, closesAt: Date) =>
    file(
      `${id}.yaml`,
      [
        `id: ${id}`,
        'title: Student parliament 2026',
        'ballot: { kind: single }',
        'candidates:',
        '  - { name: Ada Lovelace, email: ada@uni.test, pageLink: "https://uni.test/ada" }',
        '  - { name: Grace Hopper, email: grace@uni.test, pageLink: "https://uni.test/grace" }',
        `closesAt: "${closesAt.toISOString()}"`,
      ].join('\n'),
    );

  beforeAll(async () => {
    stack = await spawnLocalStack({ ADMIN_TOKEN: ADMIN, GRACE_SECONDS: '1' }, ['--rehearsal']);
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a CSV with bad rows before writing anything, naming each line', async () => {
    expect((await cli('admin', 'create', election('bad-csv', await anHourOn()))).code).toBe(0);
    const csv = file('bad.csv', ['student_id,email', 's1,s1@uni.test', 's2,not-an-email', 's3', 's1,again@uni.test', 'Zo\u200be,z@uni.test', 's6,s6@uni.test'].join('\n'));
    const result = await cli('admin', 'import-voters', 'bad-csv', csv);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('4 bad row(s); nothing was imported');
    expect(result.stdout).toMatch(/line 3: email/);
    expect(result.stdout).toMatch(/line 4: expected 2 to 4 columns \(student_id,email\[,groups\[,language\]\]\)/);
    expect(result.stdout).toMatch(/line 5: student_id s1 already on line 2/);
    expect(result.stdout).toMatch(/line 6: student_id/);
    expect((await cli('admin', 'status', 'bad-csv')).stdout).toContain('turnout:    0 of 0');
  });

  it('runs a whole election from the terminal, and the auditor verifies its export', async () => {
    const closesAt = await anHourOn();
    expect((await cli('admin', 'create', election('terminal', closesAt))).code).toBe(0);
    const voters = file('voters.csv', ['t1,t1@uni.test', 't2,t2@uni.test', 't3,t3@uni.test'].join('\n'));
    expect((await cli('admin', 'import-voters', 'terminal', voters)).code).toBe(0);
    const locked = (await cli('admin', 'lock', 'terminal')).stdout;
    expect(locked).toContain('terminal is now locked.');
    const fingerprint = /The roll is fixed: 3 voters, fingerprint ([0-9a-f]{64})\./.exec(locked)?.[1];
    expect(fingerprint).toBeDefined();
    expect((await cli('admin', 'status', 'terminal')).stdout).toContain(`roll:       3 voters, fingerprint ${fingerprint}`);
    const started = (await cli('admin', 'start', 'terminal')).stdout;
    expect(started).toContain('terminal is now open.');
    expect(started).toContain('3 voter(s) get their voting link by e-mail now.');
    const receipts: string[] = [];
    for (const [voter, choice] of [
      ['t1', 'Ada Lovelace'],
      ['t2', 'Ada Lovelace'],
      ['t3', 'Grace Hopper'],
    ]) {
      const token = await credentialToken(stack.mailboxUrl, `${voter}@uni.test`);
      const cast = await fetch(`${stack.apiUrl}/elections/terminal/ballots`, { method: 'POST', body: JSON.stringify({ token, choices: [choice] }) });
      receipts.push(((await cast.json()) as { receipt: string }).receipt);
    }
    await stack.rehearsalClock(closesAt);
    const status = await waitFor(
      async () => {
        const { stdout } = await cli('admin', 'status', 'terminal');
        return stdout.includes('phase:      published') && stdout;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(status).toContain('turnout:    3 of 3');
    const results = await cli('admin', 'results', 'terminal');
    expect(results.stdout).toContain('  Ada Lovelace: 2\n  Grace Hopper: 1');

    const url = `${stack.apiUrl}/elections/terminal/audit-log`;
    const verified = await cli('audit', 'verify', url);
    expect(verified.stdout).toContain('VERIFIED: no discrepancy');
    expect(verified.code).toBe(0);
    const found = await cli('audit', 'receipt', url, receipts[2]!);
    expect(found.stdout, found.stderr).toContain('is in the sealed ballot box');
    expect((await cli('audit', 'receipt', url, 'no-such-receipt')).code).toBe(1);
    // One receipt in 64 begins with "-": it is looked up, not taken for an option.
    const dashed = await cli('audit', 'receipt', url, '-AAAAAAAAAAAAAAAAAAAAA');
    expect(dashed, dashed.stderr).toMatchObject({ code: 1, stdout: expect.stringContaining('No ballot with this receipt is in this ballot box') });

    const exported = await (await fetch(url)).text();
    const tampered = file('tampered.ndjson', exported.replace('"choices":["Grace Hopper"]', '"choices":["Ada Lovelace"]'));
    const failed = await cli('audit', 'verify', tampered);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('the seal does not match the ballots');
    expect(readFileSync(tampered, 'utf8')).not.toEqual(exported);
  });

  // Last: its queued credentials would hold up the mail of any test after it. Three batches of the
  // CLI's 5,000 show the progress; the time of a 5,000-voter request is in the benchmarks.
  it('imports 12,000 voters in batches with visible progress', async () => {
    expect((await cli('admin', 'create', election('big', await anHourOn()))).code).toBe(0);
    const rows = Array.from({ length: 12_000 }, (_, i) => `m${String(i).padStart(5, '0')},m${i}@uni.test`);
    const result = await cli('admin', 'import-voters', 'big', file('big.csv', ['student_id,email', ...rows].join('\n')));
    expect(result.stderr, result.stdout).toContain('12,000 / 12,000');
    expect(result.stderr.split('\n').filter((l) => l.startsWith('voters ['))).toHaveLength(4);
    expect(result.stdout).toContain(`12,000 voters in ${join(dir, 'big.csv')}: 12,000 registered now.\n`);
    expect(result.stdout).not.toMatch(/already on the roll|refused/);
    expect((await cli('admin', 'status', 'big')).stdout).toContain('turnout:    0 of 12000');
  }, 300_000);
});
