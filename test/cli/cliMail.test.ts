import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const ADMIN = 'cli-mail-admin-token';

type Answer = { status: number; body: unknown };
type Received = { method: string; url: string; authorization?: string; body: string };

const counts = (c: Partial<Record<string, number>>) => ({ pending: 0, sending: 0, sent: 0, delivered: 0, undelivered: 0, bounced: 0, complained: 0, postal: 0, held: 0, ...c });

const ELECTION = {
  id: 'parliament-2026',
  title: 'Student parliament 2026',
  phase: 'open',
  locked: true,
  window: { opensAt: null, closesAt: '2026-12-01T18:00:00Z' },
  reminders: { at: ['2026-12-01T08:00:00Z'], queued: 1 },
  candidates: [{ name: 'Ada Lovelace' }],
  contests: [{ id: 'main', title: 'Student parliament 2026', candidates: [{ name: 'Ada Lovelace' }] }],
};
const MAIL_REPORT = {
  counts: counts({ pending: 1_250, sending: 14, sent: 300, delivered: 98_000, undelivered: 1, bounced: 2, complained: 1 }),
  problems: [
    { studentId: 'a7', email: 'a7@uni.test', kind: 'credential', generation: 0, status: 'bounced', reason: 'Permanent: mailbox does not exist' },
    { studentId: 'b1234567', email: 'long.name@students.uni.test', kind: 'credential', generation: 1, status: 'undelivered', reason: 'MessageRejected (after 5 attempts)' },
    { studentId: 'c3', email: 'c3@uni.test', kind: 'credential', generation: 0, status: 'complained' },
    { studentId: 'd4', email: 'd4@uni.test', kind: 'credential', generation: 0, status: 'bounced', reason: 'full\u001b[2Jmailbox' },
  ],
};

/** Answers like the API's contract for issue 14, and remembers what it was asked. */
describe('the admin command line for credential mail (against a stub API)', () => {
  let server: Server;
  let apiUrl = '';
  let routes: Record<string, Answer> = {};
  let received: Received[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'cli-mail-'));

  const cli = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { env: { ...process.env, ELECTION_API: apiUrl, ADMIN_TOKEN: ADMIN } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ method: request.method!, url: request.url!, authorization: request.headers.authorization, body });
        const answer = routes[`${request.method} ${request.url}`] ?? { status: 404, body: { error: { code: 'not_found', message: `no route ${request.url}` } } };
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    apiUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    received = [];
    routes = {
      'GET /elections/parliament-2026': { status: 200, body: ELECTION },
      'GET /elections/parliament-2026/turnout': { status: 200, body: { voted: 40_000, registered: 99_568 } },
      'GET /elections/parliament-2026/mail': { status: 200, body: MAIL_REPORT },
    };
  });

  it('shows the reminders and the credential mail counts in the status', async () => {
    const status = await cli('admin', 'status', 'parliament-2026');
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('  reminders:  2026-12-01T08:00:00Z (1 sent)\n');
    expect(status.stdout).toContain(
      [
        '  turnout:    40000 of 99568',
        '  mail:       1,250 pending, 14 sending, 300 sent',
        '              98,000 delivered, 1 undelivered, 2 bounced, 1 complained',
        '              `admin mail parliament-2026` lists the 4 voter(s) whose mail did not arrive',
      ].join('\n'),
    );
    expect(received.find((r) => r.url === '/elections/parliament-2026/mail')?.authorization).toBe(`Bearer ${ADMIN}`);
  });

  it('lists every voter whose mail did not arrive, aligned, with how to fix it', async () => {
    const mail = await cli('admin', 'mail', 'parliament-2026');
    expect(mail.code).toBe(0);
    expect(mail.stdout).toBe(
      [
        'parliament-2026: credential mail',
        '  1,250 pending, 14 sending, 300 sent',
        '  98,000 delivered, 1 undelivered, 2 bounced, 1 complained',
        '4 voter(s) whose credential mail did not arrive:',
        '  student id  e-mail                       status       reason',
        '  a7          a7@uni.test                  bounced      Permanent: mailbox does not exist',
        '  b1234567    long.name@students.uni.test  undelivered  MessageRejected (after 5 attempts)',
        '  c3          c3@uni.test                  complained',
        // A remote server's reason cannot move the admin's cursor or clear the screen.
        '  d4          d4@uni.test                  bounced      full?[2Jmailbox',
        'Re-issue after correcting the cause (the new link goes to the address on the roll; the old one stops working):',
        '  npm run cli -- admin reissue parliament-2026 <student id>',
        '',
      ].join('\n'),
    );
  });

  it('says so when every credential mail arrived or is on its way', async () => {
    routes['GET /elections/parliament-2026/mail'] = { status: 200, body: { counts: counts({ pending: 3, delivered: 7 }), problems: [] } };
    const mail = await cli('admin', 'mail', 'parliament-2026');
    expect(mail.stdout).toContain('  3 pending, 0 sending, 0 sent\n  7 delivered, 0 undelivered, 0 bounced, 0 complained\nNo credential mail is undelivered, bounced or complained of.');
    expect(mail.stdout).not.toContain('reissue');
    expect((await cli('admin', 'status', 'parliament-2026')).stdout).not.toContain('admin mail');
  });

  it('says which credentials wait for voting to open, and that a re-issue before then goes out with them', async () => {
    routes['GET /elections/parliament-2026/mail'] = { status: 200, body: { counts: counts({ held: 40, postal: 2 }), problems: [] } };
    const mail = await cli('admin', 'mail', 'parliament-2026');
    expect(mail.stdout).toContain('  40 held: mailed with the voting links, as voting opens or at the time set for them\n  2 voted by post: no online credential\n');
    routes['POST /elections/parliament-2026/voters/A7/reissue'] = { status: 200, body: { studentId: 'a7', mail: 'held' } };
    const reissued = await cli('admin', 'reissue', 'parliament-2026', 'A7');
    expect(reissued.stdout).toBe('A new credential for a7 goes out with the other voting links, as voting opens or at the time set for them; the old one was never mailed and no longer works.\n');
  });

  it('sets when the voting links go out with the window, and says at the start how many go out then', async () => {
    const window = { opensAt: '2099-12-01T08:00:00Z', closesAt: '2099-12-03T18:00:00Z' };
    const credentialsAt = '2099-11-28T08:00:00Z';
    const held = { ...ELECTION, phase: 'draft', window, credentialMail: 'held', credentialsAt, voterCount: 40, postalVoters: 2 };
    routes['PUT /elections/parliament-2026/window'] = { status: 200, body: { ...held, reminders: { at: [], queued: 0 } } };
    const set = await cli('admin', 'set-window', 'parliament-2026', '--opens-at', window.opensAt, '--closes-at', window.closesAt, '--links-at', credentialsAt);
    expect(JSON.parse(received.at(-1)!.body)).toEqual({ ...window, credentialsAt });
    expect(set.stdout).toContain(`  The voting links go out at ${credentialsAt}, before voting opens.\n`);
    expect((await cli('admin', 'set-window', 'parliament-2026', '--closes-at', window.closesAt, '--links-at', 'tomorrow')).stderr).toContain('--links-at "tomorrow" is not a date and time');

    routes['POST /elections/parliament-2026/start'] = { status: 200, body: { ...held, phase: 'scheduled' } };
    const started = await cli('admin', 'start', 'parliament-2026');
    expect(started.stdout).toContain(`  38 voter(s) get their voting link by e-mail at ${credentialsAt}, before voting opens at ${window.opensAt}; the 2 postal voter(s) get none.\n`);
  });

  it('prints the API answer as is with --json', async () => {
    const mail = await cli('admin', 'mail', 'parliament-2026', '--json');
    expect(mail.code).toBe(0);
    expect(JSON.parse(mail.stdout)).toEqual(MAIL_REPORT);
  });

  it('re-issues one voter a credential', async () => {
    routes['POST /elections/parliament-2026/voters/A7/reissue'] = { status: 200, body: { studentId: 'a7', mail: 'pending' } };
    const reissued = await cli('admin', 'reissue', 'parliament-2026', 'A7');
    expect(reissued.code).toBe(0);
    expect(reissued.stdout).toBe('A new credential for a7 is queued; the old link no longer works.\n');
    expect(received).toEqual([{ method: 'POST', url: '/elections/parliament-2026/voters/A7/reissue', authorization: `Bearer ${ADMIN}`, body: '' }]);
  });

  it('fails with the API error when the voter has voted or is not on the roll', async () => {
    routes['POST /elections/parliament-2026/voters/a7/reissue'] = { status: 409, body: { error: { code: 'already_voted', message: 'a7 has voted: their credential is used and stays so' } } };
    routes['POST /elections/parliament-2026/voters/nobody/reissue'] = { status: 404, body: { error: { code: 'voter_not_found', message: 'no voter "nobody" on the roll' } } };
    const voted = await cli('admin', 'reissue', 'parliament-2026', 'a7');
    expect(voted.code).toBe(1);
    expect(voted.stderr).toContain('409 already_voted: a7 has voted: their credential is used and stays so');
    expect(voted.stdout).not.toContain('queued');
    const unknown = await cli('admin', 'reissue', 'parliament-2026', 'nobody');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('404 voter_not_found: no voter "nobody" on the roll');
    expect((await cli('admin', 'reissue', 'parliament-2026')).code).toBe(2);
  });

  it('says after an import that the credential e-mails are queued, and where to follow them', async () => {
    const csv = join(dir, 'voters.csv');
    writeFileSync(csv, ['student_id,email', 's1,s1@uni.test', 's2,s2@uni.test', 's3,s1@uni.test'].join('\n'));
    routes['POST /elections/parliament-2026/voters'] = {
      status: 200,
      body: { registered: 1, alreadyRegistered: ['s2'], emailTaken: [{ studentId: 's3', registeredAs: 's1' }], mail: 'queued' },
    };
    const imported = await cli('admin', 'import-voters', 'parliament-2026', csv);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(
      `3 voters in ${csv}: 1 registered now.\n1 was already on the roll: nothing changed for them, and no mail went to them.\n1 refused: their address is on the roll under another student id.\n`,
    );
    expect(imported.stdout).toContain('  refused: s3 has the address of s1');
    expect(imported.stdout).toContain('Credential e-mails are queued; `admin mail parliament-2026` shows their delivery.');
    expect(imported.stdout).not.toContain('not delivered');

    // An API that still mails inside the request names who it could not reach.
    routes['POST /elections/parliament-2026/voters'] = { status: 200, body: { registered: 3, alreadyRegistered: [], emailTaken: [], undelivered: ['s2'] } };
    expect((await cli('admin', 'import-voters', 'parliament-2026', csv)).stdout).toContain('  not delivered: s2');
  });

  it('lists the new commands in its help', async () => {
    const help = await cli('--help');
    expect(help.stdout).toMatch(/admin mail <election> \[--json\]/);
    expect(help.stdout).toMatch(/admin reissue <election> <student id>/);
  });
});
