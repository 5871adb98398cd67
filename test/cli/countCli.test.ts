import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { drawLot } from '../../domain/counting/lot';
import { COUNT_LIMITS } from '../../domain/limits';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/unit/counting/fixtures/cli');
const METHODS = 'irv, scottish-stv, meek-stv, schulze, dhondt, sainte-lague, hare-niemeyer';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `election count …` as a user runs it from the fixtures directory (npm run passes that directory as INIT_CWD). */
async function count(args: string[], where: { cwd?: string; initCwd?: string } = { initCwd: FIXTURES }): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, INIT_CWD: where.initCwd };
  if (where.initCwd === undefined) delete env.INIT_CWD;
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', join(ROOT, 'cli/main.ts'), 'count', ...args], { cwd: where.cwd ?? ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

async function countJson(args: string[]) {
  const run = await count([...args, '--json']);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(run.stdout) as Record<string, unknown> & { rounds: { action: string; votes: Record<string, string>; transferValue?: string }[] };
}

const sha256Of = (file: string) =>
  createHash('sha256')
    .update(readFileSync(join(FIXTURES, file)))
    .digest('hex');

describe.concurrent('election count <file>: counting a ballot file without an election', () => {
  describe('ranked ballots (.blt)', () => {
    it("IRV: Wikipedia's Tennessee capital example, round by round, as one JSON object without a quota", async () => {
      const result = await countJson(['tennessee.blt', '--method', 'irv']);
      expect(Object.keys(result)).toEqual(['method', 'seats', 'elected', 'final', 'nonTransferable', 'rounds']);
      expect(result).toMatchObject({ method: 'irv', seats: 1, elected: ['Knoxville'], final: { Memphis: '42', Knoxville: '58' }, nonTransferable: '0' });
      expect(result.rounds.map((r) => r.votes)).toEqual([
        { Memphis: '42', Nashville: '26', Chattanooga: '15', Knoxville: '17' },
        { Memphis: '42', Nashville: '26', Knoxville: '32' },
        { Memphis: '42', Knoxville: '58' },
      ]);
    });

    it("Scottish STV: Wikipedia's food example, quota 6, Chocolate's surplus at 0.5, three stages of exclusion and election", async () => {
      const result = await countJson(['food.blt', '--method', 'scottish-stv']);
      expect(Object.keys(result)).toEqual(['method', 'seats', 'quota', 'elected', 'final', 'nonTransferable', 'rounds']);
      expect(result).toMatchObject({ method: 'scottish-stv', seats: 3, quota: '6.00000', elected: ['Chocolate', 'Oranges', 'Strawberries'], nonTransferable: '3.00000' });
      expect(result.final).toMatchObject({ Chocolate: '6.00000', Oranges: '6.00000', Strawberries: '5.00000' });
      expect(result.rounds.map((r) => r.votes)).toEqual([
        { Oranges: '4.00000', Pears: '2.00000', Chocolate: '12.00000', Strawberries: '1.00000', Hamburgers: '1.00000' },
        { Oranges: '4.00000', Pears: '2.00000', Chocolate: '6.00000', Strawberries: '5.00000', Hamburgers: '3.00000' },
        { Oranges: '6.00000', Chocolate: '6.00000', Strawberries: '5.00000', Hamburgers: '3.00000' },
        { Oranges: '6.00000', Chocolate: '6.00000', Strawberries: '5.00000' },
      ]);
      expect(result.rounds[1]!.transferValue).toBe('0.50000');
    });

    it('Meek STV on the same ballots: Strawberries is elected before Oranges (1 + 8 × 7/12 > the quota of 5 once Chocolate keeps 5/12)', async () => {
      const result = await countJson(['food.blt', '--method', 'meek-stv']);
      expect(result).toMatchObject({ method: 'meek-stv', seats: 3, elected: ['Chocolate', 'Strawberries', 'Oranges'] });
      expect(result.quota).toMatch(/^\d+\.\d{9}$/);
    });

    it("Schulze: Wikipedia's 45-voter example elects E, then A with --seats 2; no quota and no non-transferable votes", async () => {
      const one = await countJson(['schulze-wikipedia.blt', '--method', 'schulze']);
      expect(Object.keys(one)).toEqual(['method', 'seats', 'elected', 'final', 'rounds']);
      expect(one).toMatchObject({ method: 'schulze', seats: 1, elected: ['E'], final: { A: '3', B: '1', C: '2', D: '0', E: '4' } });
      expect(await countJson(['schulze-wikipedia.blt', '--method', 'schulze', '--seats', '2'])).toMatchObject({ seats: 2, elected: ['E', 'A'] });
    });

    it('leaves a withdrawn candidate out and counts their ballots for the next preference', async () => {
      const result = await countJson(['withdrawn.blt', '--method', 'scottish-stv']);
      expect(result).toMatchObject({ seats: 2, quota: '2.00000', elected: ['Alice', 'Carol'] });
      expect(result.rounds[0]!.votes).toEqual({ Alice: '3.00000', Carol: '2.00000' });
    });

    it('reads an ERS file whose title is followed by a quoted source and comment, prints them, and counts as without them', async () => {
      const { code, stdout, stderr } = await count(['ers-trailer.blt', '--method', 'meek-stv']);
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(stdout.split('\n').slice(0, 3)).toEqual([
        'Title: Title',
        'Note: Source: the example of Hill, Wichmann and Woodall, Algorithm 123 (1987)',
        "Note: Comment: as the ERS's own files end, a source and a comment after the title",
      ]);
      const scratch = mkdtempSync(join(tmpdir(), 'count-ers-'));
      try {
        const bare = join(scratch, 'bare.blt');
        writeFileSync(bare, readFileSync(join(FIXTURES, 'ers-trailer.blt'), 'utf8').replace(/^"(Source|Comment): .*\n/gm, ''));
        expect(await countJson(['ers-trailer.blt', '--method', 'meek-stv'])).toEqual(await countJson([bare, '--method', 'meek-stv']));
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    });

    it('prints the human sheet with the file, its digest as the lot seed, the round table and the result', async () => {
      const { code, stdout, stderr } = await count(['tennessee.blt', '--method', 'irv']);
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      const lines = stdout.split('\n');
      expect(lines.slice(0, 5)).toEqual([
        'Title: Tennessee capital',
        'File: tennessee.blt',
        `SHA-256 of the file: ${sha256Of('tennessee.blt')}`,
        'Lots are drawn from that digest and the contest "file"',
        'Count sheet: Instant-runoff vote (alternative vote): lowest excluded until one has a majority',
      ]);
      expect(lines).toContain('Valid ballots: 100');
      expect(lines.find((line) => line.startsWith('Memphis '))).toMatch(/^Memphis +42 +42 +42$/);
      expect(lines.find((line) => line.startsWith('Knoxville '))).toMatch(/^Knoxville +17 +32 +58$/);
      expect(lines.find((line) => line.startsWith('Chattanooga '))).toMatch(/^Chattanooga +15 +- +-$/);
      expect(stdout).toContain('  Excluded: Chattanooga (round 2), Nashville (round 3)\n');
      expect(stdout).toMatch(/ {4}1\. Knoxville, round 3 - /);
      expect(lines.every((line) => [...line].length < 100)).toBe(true);
    });

    it("decides a tie by a lot drawn from the file's SHA-256, shown on the sheet, the same on every run", async () => {
      const [first, second, json] = await Promise.all([count(['tie.blt', '--method', 'irv']), count(['tie.blt', '--method', 'irv']), countJson(['tie.blt', '--method', 'irv'])]);
      expect(first.code).toBe(0);
      expect(second.stdout).toBe(first.stdout);
      const [, round] = /round (\d+), exclude: among Alice, Bob; chosen (Alice|Bob)\n/.exec(first.stdout) ?? [];
      expect(round).toBeDefined();
      const lot = drawLot({ digest: sha256Of('tie.blt'), contest: 'file' }, Number(round), 'exclude', ['Alice', 'Bob']);
      expect(first.stdout).toContain(`round ${round}, exclude: among Alice, Bob; chosen ${lot.chosen}\n      draw ${lot.draw}\n`);
      expect(json.elected).toEqual([lot.chosen === 'Alice' ? 'Bob' : 'Alice']);
    });

    it('reads a relative path from the directory the user started in: INIT_CWD under npm run, else the working directory', async () => {
      expect((await count(['tennessee.blt', '--method', 'irv', '--json'], { cwd: ROOT, initCwd: FIXTURES })).code).toBe(0);
      expect((await count(['tennessee.blt', '--method', 'irv', '--json'], { cwd: FIXTURES })).code).toBe(0);
      expect((await count([join(FIXTURES, 'tennessee.blt'), '--method', 'irv', '--json'], { cwd: ROOT, initCwd: tmpdir() })).code).toBe(0);
    });
  });

  describe('list totals (CSV)', () => {
    // Wikipedia, "D'Hondt method" and "Sainte-Laguë method", the same example (CC BY-SA 4.0): 8 seats, 230,000 votes.
    it.each([
      ['dhondt', { 'Party A': 4, 'Party B': 3, 'Party C': 1, 'Party D': 0 }],
      ['sainte-lague', { 'Party A': 3, 'Party B': 3, 'Party C': 1, 'Party D': 1 }],
      // Quotas 3.478, 2.783, 1.043, 0.696: 6 seats by whole parts, then B (.783) and D (.696) by largest remainder.
      ['hare-niemeyer', { 'Party A': 3, 'Party B': 3, 'Party C': 1, 'Party D': 1 }],
    ])('%s gives the seats by list as published', async (method, seatsByList) => {
      const result = await countJson(['dhondt.csv', '--method', method, '--seats', '8']);
      expect(Object.keys(result)).toEqual(['method', 'seats', 'elected', 'final', 'rounds', 'seatsByList']);
      expect(result).toMatchObject({ method, seats: 8, elected: [], seatsByList });
    });

    it('prints the lists and the seats by list on the human sheet', async () => {
      const { code, stdout } = await count(['dhondt.csv', '--method', 'dhondt', '--seats', '8']);
      expect(code).toBe(0);
      expect(stdout).toContain("Count sheet: Party-list seats, D'Hondt (divisors 1, 2, 3, ...)\nSeats: 8\nValid ballots: 230000\nLists: 4\n");
      expect(stdout).toContain('  Seats by list:\n    Party A  4\n    Party B  3\n    Party C  1\n    Party D  0\n');
    });
  });

  describe('errors: one line on stderr, exit code 1, no stack trace', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'count-cli-'));
    writeFileSync(join(scratch, 'latin1.blt'), Buffer.from('2 1\n1 1 0\n0\n"Ren\xe9e"\n"Bob"\n', 'latin1'));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    it.each([
      [['tennessee.blt', '--method', 'borda'], `unknown method "borda": use one of ${METHODS}`],
      [['tennessee.blt'], `count needs --method: one of ${METHODS}`],
      [['--method', 'irv'], 'count takes one file, none was given'],
      [['tennessee.blt', 'food.blt', '--method', 'irv'], 'count takes one file, not 2'],
      [['missing.blt', '--method', 'irv'], 'missing.blt: no such file'],
      [['.', '--method', 'irv'], '. is a directory, not a file'],
      [[join(scratch, 'latin1.blt'), '--method', 'irv'], `${join(scratch, 'latin1.blt')} is not UTF-8 text`],
      [['bad-line.blt', '--method', 'irv'], 'bad-line.blt: line 2: a ballot line must end with 0 (this method reads an ERS .blt ballot file)'],
      [['trailer-unquoted.blt', '--method', 'irv'], 'trailer-unquoted.blt: line 8: expected a source or comment after the title in double quotes (this method reads an ERS .blt ballot file)'],
      [['dhondt.csv', '--method', 'irv'], 'dhondt.csv: line 1: the first line must be the number of candidates and the number of seats, for example "4 2" (this method reads an ERS .blt ballot file)'],
      [['semicolon.csv', '--method', 'dhondt', '--seats', '3'], 'semicolon.csv: line 1: columns must be separated by commas, not semicolons ("Greens,1200") (this method reads a list,votes CSV file)'],
      [['dhondt.csv', '--method', 'sainte-lague'], '--seats is needed for sainte-lague: a list,votes file does not say how many seats there are'],
      [['food.blt', '--method', 'scottish-stv', '--seats', 'two'], '--seats must be a positive whole number, not "two"'],
      [['food.blt', '--method', 'scottish-stv', '--seats', '0'], '--seats must be a positive whole number, not "0"'],
      [['food.blt', '--method', 'scottish-stv', '--seats', '2.5'], '--seats must be a positive whole number, not "2.5"'],
      [['food.blt', '--method', 'scottish-stv', '--seats=-1'], '--seats must be a positive whole number, not "-1"'],
      [['food.blt', '--method', 'scottish-stv', '--seats', '6'], '--seats asks for 6 seats, but only 5 candidate(s) stand'],
      [['withdrawn.blt', '--method', 'meek-stv', '--seats', '3'], '--seats asks for 3 seats, but only 2 candidate(s) stand (1 withdrawn)'],
      [['too-many-seats.blt', '--method', 'schulze'], 'too-many-seats.blt asks for 3 seats, but only 2 candidate(s) stand'],
      [['food.blt', '--method', 'irv'], 'irv fills one seat, but food.blt asks for 3: pass --seats 1, or count with scottish-stv or meek-stv'],
    ])('%j: %s', async (args, message) => {
      const run = await count(args);
      expect(run).toEqual({ code: 1, stdout: '', stderr: `Error: ${message}\n` });
    });
  });

  describe('files past the stated limits (COUNT_LIMITS): refused with the limit, the file and the line', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'count-limits-'));
    const names = (n: number) => Array.from({ length: n }, (_, i) => `"Candidate ${i + 1}"`);
    const saved = (name: string, text: string) => {
      writeFileSync(join(scratch, name), text);
      return join(scratch, name);
    };
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    it.each([
      ['schulze', 3_000],
      ['irv', 2_000],
      ['meek-stv', 2_000],
    ])('%s with %i candidates: at the header, before any ballot is counted', async (method, candidates) => {
      const file = saved(`${method}.blt`, [`${candidates} 1`, `1 ${Array.from({ length: candidates }, (_, i) => i + 1).join(' ')} 0`, '0', ...names(candidates), '"Too many"', ''].join('\n'));
      expect(await count([file, '--method', method])).toEqual({
        code: 1,
        stdout: '',
        stderr: `Error: ${file}: line 1: ${candidates} candidates: a count takes at most ${COUNT_LIMITS.candidates} (this method reads an ERS .blt ballot file)\n`,
      });
    });

    it('a file larger than a count reads, before reading it', async () => {
      const file = join(scratch, 'huge.blt');
      // Sparse: the size is there without the bytes.
      truncateSync(saved('huge.blt', ''), COUNT_LIMITS.fileBytes + 1);
      expect((await count([file, '--method', 'irv'])).stderr).toBe(`Error: ${file} holds ${COUNT_LIMITS.fileBytes + 1} bytes: a count reads at most ${COUNT_LIMITS.fileBytes}\n`);
    });

    it('a list,votes file of 200,000 lists, at the first list past the limit', async () => {
      const file = saved('lists.csv', ['list,votes', ...Array.from({ length: 200_000 }, (_, i) => `List ${i},${i}`), ''].join('\n'));
      expect((await count([file, '--method', 'dhondt', '--seats', '10'])).stderr).toBe(
        `Error: ${file}: line ${COUNT_LIMITS.lists + 2}: more than ${COUNT_LIMITS.lists} lists: a count takes at most ${COUNT_LIMITS.lists} (this method reads a list,votes CSV file)\n`,
      );
    });
  });

  it('is in the help text', async () => {
    const { stdout } = await exec(process.execPath, ['--import', 'tsx', join(ROOT, 'cli/main.ts'), '--help'], { cwd: ROOT });
    expect(stdout).toContain('  count <file> --method <method> [--seats n] [--json]\n');
  });
});
