import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialToken, spawnLocalStack, type LocalStackProcess } from '../support/localStackProcess';
import { waitFor } from '../support/waitFor';

const ADMIN = 'sealed-cli-admin-token-51c2';
const exec = promisify(execFile);

/**
 * A sealed election run from the terminal against the local stack, as a rehearsal runs it: the key
 * ceremony of three trustees on one machine, papers sealed and cast by the CLI, the box closed on
 * the stack's rehearsal clock, opened by two mixes and two decryptions, and the results counted
 * from the papers read back; and the same with each trustee's steps run on their own, as real
 * trustees run them.
 */
describe('a sealed election from the command line', () => {
  let stack: LocalStackProcess;
  const dir = mkdtempSync(join(tmpdir(), 'sealed-cli-e2e-'));
  const shares = join(dir, 'shares');
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const cli = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
        env: { ...process.env, ELECTION_API: stack.apiUrl, ADMIN_TOKEN: ADMIN, TRUSTEE_PASSPHRASE: 'a rehearsal passphrase' },
        maxBuffer: 64 * 1024 * 1024,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  beforeAll(async () => {
    stack = await spawnLocalStack({ ADMIN_TOKEN: ADMIN, GRACE_SECONDS: '1' }, ['--rehearsal']);
  });
  afterAll(async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the key ceremony, seals and casts, opens the box together and counts it', async () => {
    const closesAt = new Date((await stack.rehearsalClock()).getTime() + 3_600_000);
    const definition = file(
      'sealed.yaml',
      [
        'id: sealed-terminal',
        'title: Student parliament 2026',
        'box: sealed',
        'trustees: { count: 3, threshold: 2 }',
        'ballot: { kind: single }',
        'candidates:',
        '  - { name: Ada Lovelace, email: ada@uni.test, pageLink: "https://uni.test/ada" }',
        '  - { name: Grace Hopper, email: grace@uni.test, pageLink: "https://uni.test/grace" }',
        `closesAt: "${closesAt.toISOString()}"`,
      ].join('\n'),
    );
    const created = await cli('admin', 'create', definition);
    expect(created.code, created.stderr).toBe(0);
    expect((await cli('admin', 'import-voters', 'sealed-terminal', file('voters.csv', ['s1,s1@uni.test', 's2,s2@uni.test', 's3,s3@uni.test', 's4,s4@uni.test'].join('\n')))).code).toBe(0);
    const early = await cli('admin', 'lock', 'sealed-terminal');
    expect(early.code).toBe(1);
    expect((await cli('admin', 'status', 'sealed-terminal')).stdout).toContain('ceremony:   at its certificates, waiting for trustee(s) 1, 2, 3; the lock waits for the key');

    const wrong = await cli('trustee', 'rehearse', 'sealed-terminal', '--members', '3', '--threshold', '3', '--dir', shares);
    expect(wrong.stderr).toContain('--threshold 3: sealed-terminal needs 2 of its trustees (trustees.threshold)');
    const rehearsed = await cli('trustee', 'rehearse', 'sealed-terminal', '--members', '3', '--threshold', '2', '--dir', shares);
    expect(rehearsed.code, rehearsed.stderr).toBe(0);
    expect(rehearsed.stdout).toContain('for rehearsals and tests only');
    expect(rehearsed.stdout).toContain('The key ceremony of sealed-terminal is complete and verified');
    expect(readdirSync(shares).sort()).toEqual(['trustee-1.json', 'trustee-2.json', 'trustee-3.json']);
    for (const name of readdirSync(shares)) expect(statSync(join(shares, name)).mode & 0o777).toBe(0o600);

    expect((await cli('admin', 'status', 'sealed-terminal')).stdout).toMatch(/box: {8}sealed: any 2 of its 3 trustees open it together\n {2}key: {8}[0-9a-f]{64}\n/);
    expect((await cli('admin', 'lock', 'sealed-terminal')).stdout).toContain('sealed-terminal is now locked.');
    expect((await cli('admin', 'start', 'sealed-terminal')).stdout).toContain('sealed-terminal is now open.');
    const tokens = await Promise.all(['s1', 's2', 's3', 's4'].map((voter) => credentialToken(stack.mailboxUrl, `${voter}@uni.test`)));
    const trackers: string[] = [];
    for (const [token, choice] of [
      [tokens[0]!, 'Ada Lovelace'],
      [tokens[1]!, 'Ada Lovelace'],
      [tokens[2]!, 'Grace Hopper'],
    ]) {
      const cast = await cli('vote', 'sealed-terminal', `--token=${token}`, '--papers', JSON.stringify({ choices: [choice] }));
      expect(cast.code, cast.stderr).toBe(0);
      trackers.push(/Tracker: ([0-9a-f]{64})/.exec(cast.stdout)![1]!);
    }
    const twice = await cli('vote', 'sealed-terminal', `--token=${tokens[0]}`, '--papers', '{"choices": ["Grace Hopper"]}');
    expect(twice.code).toBe(1);
    // Another voter's paper copied onto the board (the replay on Helios) is refused.
    const board = (await (await fetch(`${stack.apiUrl}/elections/sealed-terminal/board/main`)).json()) as { papers: { tracker: string; ciphertexts: unknown; proof: unknown }[] };
    expect(board.papers.map((p) => p.tracker).sort()).toEqual([...trackers].sort());
    const copied = await fetch(`${stack.apiUrl}/elections/sealed-terminal/ballots`, {
      method: 'POST',
      body: JSON.stringify({ token: tokens[3], papers: { main: { ciphertexts: board.papers[0]!.ciphertexts, proof: board.papers[0]!.proof } } }),
    });
    expect(copied.status).toBe(409);
    expect(((await copied.json()) as { error: { code: string } }).error.code).toBe('duplicate_paper');

    const audited = await cli('vote', 'sealed-terminal', '--papers', '{"choices": ["Grace Hopper"]}', '--audit');
    expect(audited.code, audited.stderr).toBe(0);
    const checked = await cli('audit', 'ballot', 'sealed-terminal', '--file', file('audited.json', audited.stdout));
    expect(checked.stdout).toBe('ok: the paper of main encrypts Grace Hopper\n');

    await stack.rehearsalClock(closesAt);
    await waitFor(async () => ((await (await fetch(`${stack.apiUrl}/elections/sealed-terminal`)).json()) as { opening?: unknown }).opening !== undefined, { timeoutMs: 30_000, intervalMs: 500 });
    const opened = await cli('trustee', 'open', 'sealed-terminal', '--dir', shares);
    expect(opened.code, opened.stderr).toBe(0);
    expect(opened.stdout).toContain('contest main: mix 1 by trustee 2 (3 papers) posted');
    expect(opened.stdout).toContain('contest main: decryption by trustee 2 (3 papers) posted');
    expect(opened.stdout).toContain('for rehearsals and tests only');

    const status = await waitFor(
      async () => {
        const { stdout } = await cli('admin', 'status', 'sealed-terminal');
        return stdout.includes('phase:      published') && stdout;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(status).toContain('turnout:    3 of 4');
    expect((await cli('admin', 'results', 'sealed-terminal')).stdout).toContain('  Ada Lovelace: 2\n  Grace Hopper: 1');
    const verified = await cli('audit', 'verify', `${stack.apiUrl}/elections/sealed-terminal/audit-log`);
    expect(verified.stdout, verified.stderr).toContain('VERIFIED: no discrepancy');
  }, 300_000);

  it("runs each trustee's steps on their own, as real trustees do", async () => {
    const closesAt = new Date((await stack.rehearsalClock()).getTime() + 3_600_000);
    const definition = file(
      'steps.yaml',
      [
        'id: sealed-steps',
        'title: Senate 2026',
        'box: sealed',
        'trustees: { count: 2, threshold: 2 }',
        'ballot: { kind: single }',
        'candidates:',
        '  - { name: Alan Turing, email: alan@uni.test, pageLink: "https://uni.test/alan" }',
        '  - { name: Barbara Liskov, email: barbara@uni.test, pageLink: "https://uni.test/barbara" }',
        `closesAt: "${closesAt.toISOString()}"`,
      ].join('\n'),
    );
    expect((await cli('admin', 'create', definition)).code).toBe(0);
    expect((await cli('admin', 'import-voters', 'sealed-steps', file('senate.csv', ['u1,u1@uni.test', 'u2,u2@uni.test'].join('\n')))).code).toBe(0);
    const step = async (...args: string[]) => {
      const run = await cli('trustee', ...args);
      expect(run.code, run.stderr).toBe(0);
      return run.stdout;
    };
    for (const trustee of ['1', '2']) await step('certificate', 'sealed-steps', '--trustee', trustee, '--out', join(dir, `state-${trustee}.json`));
    for (const trustee of ['1', '2']) await step('deal', 'sealed-steps', '--trustee', trustee);
    for (const trustee of ['1', '2'])
      expect(await step('review', 'sealed-steps', '--state', join(dir, `state-${trustee}.json`), '--out', join(dir, `share-${trustee}.json`))).toContain(`trustee ${trustee}: review posted`);
    expect((await cli('admin', 'lock', 'sealed-steps')).code).toBe(0);
    expect((await cli('admin', 'start', 'sealed-steps')).code).toBe(0);
    for (const [voter, choice] of [
      ['u1', 'Barbara Liskov'],
      ['u2', 'Barbara Liskov'],
    ]) {
      const token = await credentialToken(stack.mailboxUrl, `${voter}@uni.test`);
      expect((await cli('vote', 'sealed-steps', `--token=${token}`, '--papers', JSON.stringify({ choices: [choice] }))).code).toBe(0);
    }
    await stack.rehearsalClock(closesAt);
    await waitFor(async () => ((await (await fetch(`${stack.apiUrl}/elections/sealed-steps`)).json()) as { opening?: unknown }).opening !== undefined, { timeoutMs: 30_000, intervalMs: 500 });
    expect(await step('mix', 'sealed-steps', '--trustee', '2')).toContain('trustee 2: mix 0 of contest main (2 papers) posted.');
    expect(await step('mix', 'sealed-steps', '--trustee', '1', '--contest', 'main')).toContain('trustee 1: mix 1 of contest main (2 papers) posted.');
    for (const trustee of ['1', '2']) await step('decrypt', 'sealed-steps', '--share-file', join(dir, `share-${trustee}.json`));
    await waitFor(
      async () => {
        const { stdout } = await cli('admin', 'status', 'sealed-steps');
        return stdout.includes('phase:      published') && stdout;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect((await cli('admin', 'results', 'sealed-steps')).stdout).toContain('  Barbara Liskov: 2');
  }, 300_000);
});
