import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLineRedirectUri } from '../../contract/commandLineSignIn';
import type { RunningCognitoLocal } from '../../infra/local/cognitoLocal';
import { freePort } from '../support/freePort';
import { startTestApp, type TestApp } from '../support/harness';
import { MEMBER_PASSWORD as PASSWORD, startHostedSignInApp } from '../support/hostedSignInApp';

/**
 * `election login`, `whoami` and `logout` as a committee member types them, against the real API
 * on DynamoDB Local with cognito-local's hosted sign-in: the command line prints the address, the
 * member signs in there (the test posts the provider's form, as the browser would), the provider
 * sends the browser back to the command line's loopback server, and later commands act as the
 * member through the kept refresh token.
 */
describe('the command line signs a member in with their account', () => {
  let local: RunningCognitoLocal;
  let app: TestApp;
  let stop: () => Promise<void>;
  let port: number;
  let configHome: string;

  beforeAll(async () => {
    port = await freePort();
    ({ app, local, stop } = await startHostedSignInApp([commandLineRedirectUri(port)]));
  });
  afterAll(() => stop?.());

  const signInFile = () => join(configHome, 'election', 'sign-in.json');

  /** The CLI as its own process, with no token of its own: it signs in as the member or not at all. */
  function start(args: string[], api = app.url) {
    const { ADMIN_TOKEN: _none, ...environment } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { env: { ...environment, ELECTION_API: api, XDG_CONFIG_HOME: configHome } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const ended = new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => child.once('exit', (code) => done({ code, stdout, stderr })));
    /** The address it asks the member to open, once printed. */
    const address = async () => {
      for (;;) {
        const found = /^ {2}(http\S+)$/m.exec(stdout);
        if (found && stdout.includes('Waiting for the sign-in')) return new URL(found[1]!);
        const exited = await Promise.race([ended, new Promise<undefined>((next) => setTimeout(next, 50, undefined))]);
        if (exited) throw new Error(`the command line ended before asking: ${exited.stderr}`);
      }
    };
    return { ended, address };
  }
  const cli = (args: string[], api?: string) => start(args, api).ended;

  /** What the member's browser does: the provider's form, signed in, and back to where the provider sends it. */
  async function signInAt(address: URL, password = PASSWORD) {
    const page = await fetch(address);
    expect(page.status).toBe(200);
    const form = new URLSearchParams({ ...Object.fromEntries(address.searchParams), username: 'ada@union.test', password });
    const answer = await fetch(`${address.origin}${address.pathname}`, { method: 'POST', body: form, redirect: 'manual' });
    const back = answer.headers.get('location');
    expect(back, 'the provider sends the browser back').toBeTruthy();
    return fetch(back!);
  }

  it('signs in through the browser, keeps the sign-in for the member alone, acts as them, and signs out', async () => {
    configHome = mkdtempSync(join(tmpdir(), 'election-config-'));
    const login = start(['login', '--port', String(port)]);
    const address = await login.address();
    expect(`${address.origin}${address.pathname}`).toBe(`${local.endpoint}/oauth2/authorize`);
    expect(Object.fromEntries(address.searchParams)).toMatchObject({ client_id: local.clientId, redirect_uri: `http://localhost:${port}/signed-in`, code_challenge_method: 'S256' });

    const back = await signInAt(address);
    expect(back.status).toBe(200);
    expect(await back.text()).toContain('You may close this tab');
    const done = await login.ended;
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain(`Signed in to ${app.url} as Ada Lovelace (committee).`);

    // The refresh token is on the disk, readable by the member alone; no access token is kept.
    expect(statSync(signInFile()).mode & 0o777).toBe(0o600);
    const kept = JSON.parse(readFileSync(signInFile(), 'utf8'));
    expect(kept.signIns).toEqual([{ api: app.url, refreshToken: expect.any(String), name: 'Ada Lovelace', role: 'committee', signedInAt: expect.any(String) }]);

    const me = await cli(['whoami']);
    expect(me.code, me.stderr).toBe(0);
    expect(me.stdout).toMatch(/^Ada Lovelace \(committee\), signed in with `election login` since \d{4}-/);
    const listed = await cli(['members', 'list']);
    expect(listed.stdout).toContain('committee  Ada Lovelace <ada@union.test>');

    const out = await cli(['logout']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe(
      `Signed out of ${app.url} as Ada Lovelace: the sign-in is removed from this machine, and this provider cannot end a sign-in early (cognito-local): it would expire on its own.\n`,
    );
    expect(existsSync(signInFile())).toBe(false);
    const after = await cli(['whoami']);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain('no token was given: sign in with `election login`');
  });

  it('refuses a return it did not ask for, and a wrong password keeps the member at the provider', async () => {
    configHome = mkdtempSync(join(tmpdir(), 'election-config-'));
    const login = start(['login', '--port', String(port)]);
    const address = await login.address();
    const wrong = await fetch(`http://localhost:${port}/signed-in?code=abc&state=not-the-one-sent`);
    expect(wrong.status).toBe(400);
    const done = await login.ended;
    expect(done.code).toBe(1);
    expect(done.stderr).toContain('the sign-in came back with another state than this `election login` sent: nobody was signed in');
    expect(existsSync(signInFile())).toBe(false);

    // cognito-local shows its form again; nobody comes back, and the command line would go on waiting.
    const again = start(['login', '--port', String(port)]);
    const form = new URLSearchParams({ ...Object.fromEntries((await again.address()).searchParams), username: 'ada@union.test', password: 'wrong-Password-1' });
    const refused = await fetch(`${address.origin}${address.pathname}`, { method: 'POST', body: form, redirect: 'manual' });
    expect(refused.headers.get('location')).toBeNull();
    const cancelled = await fetch(`http://localhost:${port}/signed-in?error=access_denied&state=${(await again.address()).searchParams.get('state')}`);
    expect(cancelled.status).toBe(400);
    expect((await again.ended).stderr).toContain('the sign-in was refused: access_denied');
  });

  it('forgets a sign-in the provider no longer honours, and says to sign in again', async () => {
    configHome = mkdtempSync(join(tmpdir(), 'election-config-'));
    mkdirSync(join(configHome, 'election'), { recursive: true });
    writeFileSync(signInFile(), JSON.stringify({ signIns: [{ api: app.url, refreshToken: 'revoked-long-ago', name: 'Ada Lovelace', role: 'committee', signedInAt: '2026-01-01T00:00:00.000Z' }] }));
    const me = await cli(['whoami']);
    expect(me.code).toBe(1);
    expect(me.stderr).toContain(`your sign-in to ${app.url} as Ada Lovelace has expired or was ended: sign in again with \`election login\``);
    expect(existsSync(signInFile())).toBe(false);
  });

  it('says when a deployment has no sign-in with an account, and when the loopback port is taken', async () => {
    configHome = mkdtempSync(join(tmpdir(), 'election-config-'));
    const bare = await startTestApp();
    try {
      const none = await cli(['login', '--port', String(port)], bare.url);
      expect(none.code).toBe(1);
      expect(none.stderr).toContain('has no sign-in with an account: use a personal API token');
    } finally {
      await bare.stop();
    }
    const holder = createServer();
    await new Promise<void>((done) => holder.listen(port, '127.0.0.1', done));
    try {
      const taken = await cli(['login', '--port', String(port)]);
      expect(taken.code).toBe(1);
      expect(taken.stderr).toContain(`port ${port} is in use, and the sign-in comes back there`);
    } finally {
      holder.close();
    }
    expect((await cli(['login', '--port', 'eighty'])).stderr).toContain('--port takes the port of the loopback address the deployment registered (by default 7780), not "eighty"');
  });
});
