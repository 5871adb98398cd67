import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditLine } from '../../domain';
import { sealedExport } from '../support/sealedExport';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'audit-verify-threads-'));

/** `election audit verify …` in its own process, as `npm run cli` runs it. */
async function auditVerify(file: string, ...options: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', join(ROOT, 'cli/main.ts'), 'audit', 'verify', file, ...options], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

const saved = (name: string, lines: readonly AuditLine[]) => {
  const file = join(dir, name);
  writeFileSync(file, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
  return file;
};

/** What the report says, without the time it took. */
const report = (stdout: string) => stdout.replace(/\(\d+\.\d s\)/, '');

/**
 * `audit verify --threads <n>` checks a sealed box's proofs on worker threads, loading the
 * domain's TypeScript as the command line does, and reports what one thread reports.
 */
describe('audit verify on several threads', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies a sealed export on two threads, showing how many parts of the box are checked', async () => {
    const run = await auditVerify(saved('honest.ndjson', sealedExport('threads-honest', 4)), '--threads', '2');
    expect(run.stdout).toContain('ballot box: sealed, opened by 2 of 3 trustees');
    expect(run.stdout).toMatch(/VERIFIED: no discrepancy/);
    expect(run.code).toBe(0);
    // Each of two contests: its board, two mixes, each of two trustees' shares, and its papers read back.
    expect(run.stderr).toMatch(/sealed box: parts checked \[#+\] 12 \/ 12\n$/);
  });

  it('runs its threads when the command line itself was started from an inline script (node --input-type=module -e), as a benchmark starts it', async () => {
    const file = saved('inline.ndjson', sealedExport('threads-inline', 2));
    const script = "process.argv = [process.argv[0], 'cli/main.ts', 'audit', 'verify', process.argv[1], '--threads', '2']; await import('./cli/main.ts');";
    const { stdout } = await exec(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, file], { cwd: ROOT });
    expect(stdout).toMatch(/VERIFIED: no discrepancy/);
  });

  it('finds a changed decryption share on two threads, named as one thread names it', async () => {
    const file = saved(
      'tampered.ndjson',
      sealedExport('threads-tampered', 4, {
        decryption: (share) => (share.contest === 'senate' && share.trustee === 1 ? { ...share, shares: [share.shares[1]!, ...share.shares.slice(1)] } : share),
      }),
    );
    const [two, one] = await Promise.all([auditVerify(file, '--threads', '2'), auditVerify(file, '--threads', '1')]);
    expect(two.code).toBe(1);
    expect(two.stdout).toContain('  - sealed contest "senate": decryptions 1 fails: paper 0: ciphertext 0: ');
    expect(report(two.stdout)).toBe(report(one.stdout));
    expect(one.stderr).toBe('');
  });

  it('refuses a number of threads that is not a whole number from 1', async () => {
    const run = await auditVerify(join(dir, 'honest.ndjson'), '--threads', '0');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--threads takes a whole number of threads from 1');
  });
});
