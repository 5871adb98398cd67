import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, setUpElection, startTestApp, type TestApp } from '../support/harness';
import { firstTokenOf } from '../support/memberTokens';

const exec = promisify(execFile);
const DAY_MS = 86_400_000;

/** `members …` and `tokens …` as the committee types them, against the real API on DynamoDB Local. */
describe('the command line for members and personal API tokens', () => {
  let app: TestApp;

  /** The CLI as its own process, with the admin token unless another bearer is given. */
  const cli = async (args: string[], token = ADMIN_TOKEN) => {
    try {
      const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { env: { ...process.env, ELECTION_API: app.url, ADMIN_TOKEN: token } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
  /** A token of Cleo, the committee member the first test invites (invited here when that test did not run). */
  const chairToken = async () => {
    const cleo = (await app.deps.directory.members()).find((m) => m.email === 'cleo@uni.test') ?? (await app.deps.directory.invite({ email: 'cleo@uni.test', name: 'Cleo Chair', role: 'committee' }));
    return firstTokenOf(app.deps, cleo);
  };
  const members = async () => (await app.deps.directory.members()).map(({ name, role }) => `${name} ${role}`);

  beforeAll(async () => {
    app = await startTestApp();
    await setUpElection(app, { id: 'council', voters: 1, closesInMs: 10 * DAY_MS });
  });
  afterAll(() => app.stop());

  it('invites members, lists them, changes a role and removes a member, saying what each election recorded', async () => {
    expect(await cli(['members', 'list'])).toMatchObject({ code: 0, stdout: 'No members yet: `members add <email> --name <name> --role committee` invites the first.\n' });

    const added = await cli(['members', 'add', 'Hal@Uni.test', '--name', 'Hal Desk', '--role', 'helpdesk']);
    expect(added).toMatchObject({ code: 0, stdout: 'Invited Hal Desk <hal@uni.test> as helpdesk: the sign-in is mailed to them.\n  election council: recorded in its log\n' });
    expect((await cli(['members', 'add', 'cleo@uni.test', '--name', 'Cleo Chair', '--role', 'committee'])).code).toBe(0);

    const listed = await cli(['members', 'list']);
    const [cleo, hal] = await app.deps.directory.members();
    expect(listed.stdout).toBe(`committee  Cleo Chair <cleo@uni.test>  (${cleo!.id})\nhelpdesk   Hal Desk <hal@uni.test>  (${hal!.id})\n`);

    const role = await cli(['members', 'role', 'hal@uni.test', 'observer']);
    expect(role).toMatchObject({ code: 0, stdout: 'Hal Desk <hal@uni.test> is now observer; their sessions and tokens act with it within a minute.\n  election council: recorded in its log\n' });
    const removed = await cli(['members', 'remove', 'HAL@uni.test']);
    expect(removed).toMatchObject({ code: 0, stdout: 'Removed Hal Desk <hal@uni.test>: their sessions and tokens stop working within a minute.\n  election council: recorded in its log\n' });
    expect(await members()).toEqual(['Cleo Chair committee']);
    expect((await app.store.readEvents('council')).at(-1)).toMatchObject({ type: 'MemberRemoved', data: { id: hal!.id } });

    // The API's refusal, as it words it: the last committee member stays.
    const last = await cli(['members', 'role', 'cleo@uni.test', 'helpdesk']);
    expect(last.code).toBe(1);
    expect(last.stderr).toContain('409 conflict: role: Cleo Chair is the only member with the committee role: give someone else the role first');
  });

  it('refuses a role it does not know, a missing name and an unknown address before changing anything', async () => {
    const before = await members();
    const badRole = await cli(['members', 'add', 'x@uni.test', '--name', 'X', '--role', 'chair']);
    expect(badRole).toMatchObject({ code: 1, stderr: expect.stringContaining('--role takes one of committee, helpdesk, observer, not "chair"') });
    expect((await cli(['members', 'add', 'x@uni.test', '--role', 'observer'])).stderr).toContain('--name is required');
    expect((await cli(['members', 'role', 'x@uni.test', 'boss'])).stderr).toContain('<role> takes one of committee, helpdesk, observer, not "boss"');
    const unknown = await cli(['members', 'remove', 'nobody@uni.test']);
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('no member has the address nobody@uni.test: `members list` shows who does') });
    expect((await cli(['members', 'remove'])).code).toBe(2);
    expect(await members()).toEqual(before);
  });

  it('makes a token once, lists it and revokes it; the token works until then', async () => {
    const chair = await chairToken();
    const made = await cli(['tokens', 'create', '--role', 'helpdesk', '--expires', '7', '--label', 'help desk laptop'], chair);
    expect(made.code, made.stderr).toBe(0);
    const [, id, until] = /^Token ([0-9a-f]{16}) \(helpdesk, "help desk laptop"\), valid until (\S+):$/m.exec(made.stdout)!;
    expect(Date.parse(until!) - app.clock.now().getTime()).toBeGreaterThan(7 * DAY_MS - 60_000);
    const token = /^ {2}(elect_[A-Za-z0-9_-]{43})$/m.exec(made.stdout)![1]!;
    expect(made.stdout).toContain(
      `It is shown only now: keep it where your scripts read it (ADMIN_TOKEN for this command line). If it is lost, revoke it with \`tokens revoke ${id}\` and make another.`,
    );
    expect((await cli(['members', 'list'], token)).code).toBe(1);
    expect((await cli(['tokens', 'list'], token)).code).toBe(0);

    const listed = await cli(['tokens', 'list'], chair);
    expect(listed.stdout).toContain(`${id}  active   helpdesk   until ${until}  help desk laptop\n`);
    expect(listed.stdout).not.toContain(token);

    expect(await cli(['tokens', 'revoke', id!], chair)).toMatchObject({ code: 0, stdout: `Token ${id} is revoked: it no longer works.\n` });
    expect((await cli(['tokens', 'list'], chair)).stdout).toMatch(new RegExp(`^${id} {2}revoked {2}helpdesk {3}revoked \\S+ {2}help desk laptop$`, 'm'));
    const refused = await cli(['tokens', 'list'], token);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('GET /tokens → 401: the API at') });
  });

  it("refuses a token above the member's role, too long a one, and one for the admin token, which has no account", async () => {
    const chair = await chairToken();
    const admin = await cli(['tokens', 'create', '--role', 'committee']);
    expect(admin).toMatchObject({ code: 1, stderr: expect.stringContaining('409 conflict: member: Admin token has no account: sign in as a member to make tokens') });
    const tooLong = await cli(['tokens', 'create', '--role', 'observer', '--expires', '400'], chair);
    expect(tooLong).toMatchObject({ code: 1, stderr: expect.stringContaining('--expires takes a whole number of days from 1 to 365, not "400"') });
    const observerToken = (await cli(['tokens', 'create', '--role', 'observer'], chair)).stdout.match(/elect_\S+/)![0];
    const higher = await cli(['tokens', 'create', '--role', 'helpdesk'], observerToken);
    expect(higher).toMatchObject({ code: 1, stderr: expect.stringContaining('403 forbidden: role: a helpdesk token needs the helpdesk role: Cleo Chair is observer') });
  });

  it('lists the commands in its help', async () => {
    const help = await cli(['--help']);
    for (const usage of [
      'members list',
      'members add <email> --name <name> --role committee|helpdesk|observer',
      'members role <email> <role>',
      'members remove <email>',
      'tokens create --role <role> [--expires <days>] [--label <text>]',
      'tokens list',
      'tokens revoke <id>',
    ])
      expect(help.stdout).toContain(usage);
  });
});
