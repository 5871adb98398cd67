import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const ADMIN = 'first-use-admin-token';
const REPO = resolve('.');
const ELECTION = { id: 'hall-2026', title: 'Hall council 2026', phase: 'setup', contests: [{ id: 'main', title: 'Hall council 2026', candidates: [{ name: 'Ada Lovelace' }] }] };

type Received = { method: string; url: string; body: string };
type Run = { code: number; stdout: string; stderr: string };

/** What a newcomer meets first: files named from where they are, the `election` command, and errors that say what to do. */
describe('the command line, as a newcomer uses it (against a stub API)', () => {
  let server: Server;
  let apiUrl = '';
  let received: Received[] = [];
  let votersAnswer: unknown;
  // The user's own directory, outside the repository: every file is named relative to it.
  const home = mkdtempSync(join(tmpdir(), 'cli-first-use-'));
  const write = (name: string, text: string) => writeFileSync(join(home, name), text);

  const outcome = async (run: Promise<{ stdout: string; stderr: string }>): Promise<Run> => {
    try {
      return { code: 0, ...(await run) };
    } catch (error) {
      const failed = error as Run;
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
  const env = (extra: Record<string, string | undefined> = {}) => ({ ...process.env, ELECTION_API: apiUrl, ADMIN_TOKEN: ADMIN, npm_config_update_notifier: 'false', ...extra });
  /** `npm run cli -- …` typed in the user's directory, which is not the package's. */
  const npmRunCli = (...args: string[]) => outcome(exec('npm', ['--prefix', REPO, 'run', '--silent', 'cli', '--', ...args], { cwd: home, env: env() }));
  /** The CLI through its bin file (which brings its own TypeScript loader), from the user's directory. */
  const cli = (args: string[], extra: Record<string, string | undefined> = {}) => outcome(exec(process.execPath, [join(REPO, 'cli/election.mjs'), ...args], { cwd: home, env: env(extra) }));

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ method: request.method!, url: request.url!, body });
        const answer = (status: number, json: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
        if (request.headers.authorization !== `Bearer ${ADMIN}`) return answer(401, { error: { code: 'unauthorized', message: 'a valid admin token is required: Authorization: Bearer <token>' } });
        if (request.method === 'POST' && request.url === '/elections') return answer(201, ELECTION);
        if (request.method === 'POST' && request.url === '/elections/hall-2026/voters') return answer(200, votersAnswer);
        if (request.method === 'POST' && request.url === '/elections/hall-2026/candidates') return answer(200, ELECTION);
        if (request.method === 'POST' && request.url === '/elections/hall-2026/postal-voters') return answer(200, { recorded: 1, alreadyPostal: [], notOnRoll: [], changedMeanwhile: [] });
        return answer(404, { error: { code: 'not_found', message: `no route ${request.url}` } });
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    apiUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    write(
      'hall.yaml',
      ['id: hall-2026', 'title: Hall council 2026', 'ballot: { kind: single }', 'candidates:', '  - { name: Ada Lovelace, email: ada@uni.test, pageLink: "https://uni.test/ada" }'].join('\n'),
    );
    write('voters.csv', ['student_id,email', 's1,s1@uni.test', 's2,s2@uni.test'].join('\n'));
    write('candidates.yaml', 'candidates:\n  - { name: Grace Hopper, email: grace@uni.test, pageLink: "https://uni.test/grace" }\n');
    write('postal.txt', 's2\n');
    write('export.ndjson', 'not an export\n');
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
    rmSync(home, { recursive: true, force: true });
  });
  beforeEach(() => {
    received = [];
    votersAnswer = { registered: 2, alreadyRegistered: [], emailTaken: [] };
  });

  it('reads every file named on `npm run cli` from the directory it was typed in', async () => {
    const [create, voters, candidates, postal] = await Promise.all([
      npmRunCli('admin', 'create', 'hall.yaml'),
      npmRunCli('admin', 'import-voters', 'hall-2026', 'voters.csv'),
      npmRunCli('admin', 'add-candidates', 'hall-2026', 'candidates.yaml'),
      npmRunCli('admin', 'postal', 'hall-2026', 'postal.txt'),
    ]);
    expect(create).toMatchObject({ code: 0, stdout: expect.stringContaining('Created election hall-2026') });
    expect(voters).toMatchObject({ code: 0, stdout: expect.stringContaining('2 voters in') });
    expect(candidates.code).toBe(0);
    expect(postal.code).toBe(0);
    const bodies = Object.fromEntries(received.map((r) => [r.url, JSON.parse(r.body) as unknown]));
    expect(bodies['/elections']).toMatchObject({ id: 'hall-2026', title: 'Hall council 2026' });
    expect(bodies['/elections/hall-2026/voters']).toEqual({
      voters: [
        { studentId: 's1', email: 's1@uni.test' },
        { studentId: 's2', email: 's2@uni.test' },
      ],
    });
    expect(bodies['/elections/hall-2026/candidates']).toMatchObject({ candidates: [{ name: 'Grace Hopper' }] });
    expect(bodies['/elections/hall-2026/postal-voters']).toEqual({ studentIds: ['s2'] });
  });

  it('reads the export named on `audit verify`, `audit receipt` and `audit blt` from there too', async () => {
    // The file is found (an ENOENT would say otherwise) and read: it is no export.
    const [verify, receipt, blt] = await Promise.all([
      npmRunCli('audit', 'verify', 'export.ndjson'),
      npmRunCli('audit', 'receipt', 'export.ndjson', 'AAAAAAAAAAAAAAAAAAAAAA'),
      npmRunCli('audit', 'blt', 'export.ndjson', '--out', 'ballots.blt'),
    ]);
    for (const run of [verify, receipt, blt]) expect(run).toMatchObject({ code: 1, stderr: expect.stringContaining('Error: line 1 is not JSON') });
  });

  it('installs as the `election` command (package.json bin), which runs where the user is', async () => {
    const bin = (JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string> }).bin;
    expect(bin).toEqual({ election: 'cli/election.mjs' });
    // What `npm link` or `npm install -g .` makes: <prefix>/bin/election, a link to the package's file.
    const prefixBin = join(home, 'prefix', 'bin');
    mkdirSync(prefixBin, { recursive: true });
    symlinkSync(join(REPO, 'cli/election.mjs'), join(prefixBin, 'election'));
    // An INIT_CWD left by some npm run around it is not where this command was typed.
    const election = (...args: string[]) => outcome(exec('election', args, { cwd: home, env: env({ PATH: `${prefixBin}:${process.env.PATH}`, INIT_CWD: REPO, npm_lifecycle_event: 'test' }) }));
    const help = await election('--help');
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: election <command>') });
    expect(await election('admin', 'create', 'hall.yaml')).toMatchObject({ code: 0, stdout: expect.stringContaining('Created election hall-2026') });
  });

  it('says to sign in, or set ADMIN_TOKEN or --token, on a 401 with no token or a wrong one', async () => {
    const none = await cli(['admin', 'create', 'hall.yaml'], { ADMIN_TOKEN: undefined });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('POST /elections → 401: no token was given: sign in with `election login`, or set ADMIN_TOKEN or pass --token');
    const wrong = await cli(['admin', 'create', 'hall.yaml', '--token', 'not-the-token']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`POST /elections → 401: the API at ${apiUrl} refused this token: sign in with \`election login\`, or set ADMIN_TOKEN or pass --token`);
    expect(wrong.stderr).not.toContain('Authorization: Bearer');
  });

  it('shows an accepted time, two hours ahead, for a --closes-at it cannot take, and sends nothing', async () => {
    const before = Date.now();
    const bad = await cli(['admin', 'set-window', 'hall-2026', '--closes-at', '2026-12-01 18:00']);
    expect(bad.code).toBe(1);
    const example = bad.stderr.match(/--closes-at "2026-12-01 18:00" is not a date and time with its zone: write it like (\S+) \(UTC/)?.[1] ?? '';
    expect(Date.parse(example) - before).toBeGreaterThan(3_600_000);
    expect(Date.parse(example) - before).toBeLessThan(3 * 3_600_000);
    expect((await cli(['admin', 'set-window', 'hall-2026'])).stderr).toMatch(/--closes-at is required, like --closes-at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/);
    expect((await cli(['admin', 'set-window', 'hall-2026', '--closes-at', example, '--remind-at', 'noon'])).stderr).toContain('--remind-at "noon" is not a date and time');
    expect(received).toEqual([]);
  });

  it.each([
    {
      file: 'swapped.csv',
      text: 'email,student_id\ns1@uni.test,s1\n',
      says: "the e-mail comes first, the student id second: the roll's order is student_id,email[,groups[,language]], so swap the first two columns",
    },
    { file: 'swapped-no-header.csv', text: 's1@uni.test,s1\ns2@uni.test,s2\n', says: 'the e-mail comes first' },
    { file: 'semicolons.csv', text: 'student_id;email\ns1;s1@uni.test\ns2;s2@uni.test;faculty:informatik\n', says: 'its columns are separated by ";", the roll\'s by ","' },
    { file: 'empty.csv', text: '', says: 'holds no voters' },
    { file: 'header-only.csv', text: 'student_id,email\n\n', says: 'holds no voters' },
  ])('refuses $file as a whole, saying what is wrong with it, and imports nothing', async ({ file, text, says }) => {
    write(file, text);
    const run = await cli(['admin', 'import-voters', 'hall-2026', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${join(home, file)}: ${says}`);
    expect(received).toEqual([]);
  });

  it('names a swapped or `;`-separated row among good ones by its line', async () => {
    write('mixed.csv', ['s1,s1@uni.test', 's2@uni.test,s2', 's3;s3@uni.test'].join('\n'));
    const run = await cli(['admin', 'import-voters', 'hall-2026', 'mixed.csv']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('line 2: the e-mail is in the first column: the order is student_id,email[,groups[,language]]');
    expect(run.stdout).toContain('line 3: expected 2 to 4 columns (student_id,email[,groups[,language]]), found 1: separate the columns with ","');
    expect(received).toEqual([]);
  });

  it('keeps the curl, terminal and README walkthroughs apart, with times computed from now', () => {
    const shellBlock = (file: string, heading: string) => {
      const text = readFileSync(file, 'utf8');
      const start = text.indexOf('```sh', text.indexOf(heading)) + '```sh'.length;
      return text.slice(start, text.indexOf('```', start));
    };
    const [curl, terminal, readme] = [
      shellBlock('docs/api.md', '## A whole election with curl'),
      shellBlock('docs/election-officer.md', '### The command line'),
      shellBlock('README.md', '## A five-minute election'),
    ];
    const ids = (block: string) =>
      new Set([...block.matchAll(/\/elections\/([a-z0-9-]+)|^id: ([a-z0-9-]+)|"id": "([a-z0-9-]+)"|cli -- admin \S+ ([a-z0-9-]+)(?=\s|$)/gm)].map((m) => m.slice(1).find(Boolean)));
    expect([...ids(curl)]).toEqual(['senate-2026']);
    expect([...ids(terminal)]).toEqual(['parliament-2026']);
    expect([...ids(readme)]).toEqual(['council-2026']);
    for (const block of [curl, terminal, readme]) {
      expect(block).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
      expect(block).toMatch(/\$\((date -u -d|from_now) /);
    }
  });

  it('says plainly that a re-import changed nothing for the voters already on the roll', async () => {
    write('again.csv', ['s1,s1@uni.test', 's2,s2@uni.test', 's3,s3@uni.test', 's4,s4@uni.test'].join('\n'));
    votersAnswer = { registered: 1, alreadyRegistered: ['s1', 's2', 's3'], emailTaken: [] };
    const run = await cli(['admin', 'import-voters', 'hall-2026', 'again.csv']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`4 voters in ${join(home, 'again.csv')}: 1 registered now.\n3 were already on the roll: nothing changed for them, and no mail went to them.\n`);
  });
});
