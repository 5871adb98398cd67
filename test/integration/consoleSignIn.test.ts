import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCognitoLocal } from '../../infra/local/cognitoLocal';
import { freePort } from '../support/freePort';
import { startTestApp, type TestApp } from '../support/harness';
import { MEMBER_PASSWORD as PASSWORD, startHostedSignInApp } from '../support/hostedSignInApp';

/**
 * The console's sign-in through the provider's hosted pages, on cognito-local and DynamoDB Local:
 * a member sent to the authorize endpoint with a PKCE challenge signs in there, comes back with a
 * code, and the API exchanges it (with the verifier and the address) for the member's session,
 * which then signs them in to the admin routes. A wrong verifier, a used code and another
 * address are refused.
 */
describe("the console's sign-in with an account", () => {
  let local: RunningCognitoLocal;
  let app: TestApp;
  let stop: () => Promise<void>;
  let consoleUrl: string;

  beforeAll(async () => {
    consoleUrl = `http://127.0.0.1:${await freePort()}/admin`;
    ({ app, local, stop } = await startHostedSignInApp([consoleUrl]));
  });
  afterAll(() => stop?.());

  /** What the member does at the hosted sign-in, as its form posts it: the code it sends them back with. */
  async function codeFromSignIn(verifier: string, redirectUri = consoleUrl) {
    const { authorizeUrl, clientId } = (await app.call('GET', '/sign-in', undefined, { authorization: '' })).body;
    const form = new URLSearchParams({
      client_id: clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      scope: 'openid',
      state: 'kept-by-the-console',
      username: 'ada@union.test',
      password: PASSWORD,
    });
    const answer = await fetch(authorizeUrl, { method: 'POST', body: form, redirect: 'manual' });
    const back = new URL(answer.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('kept-by-the-console');
    return back.searchParams.get('code')!;
  }
  const verifier = () => randomBytes(32).toString('base64url');
  const exchange = (body: unknown) => app.call('POST', '/sign-in/token', body, { authorization: '' });

  it('tells the console where to send a member: the provider’s authorize endpoint and the console’s client', async () => {
    expect(await app.call('GET', '/sign-in', undefined, { authorization: '' })).toMatchObject({ status: 200, body: { authorizeUrl: `${local.endpoint}/oauth2/authorize`, clientId: local.clientId } });
  });

  it('exchanges the code for the member’s session, which signs them in as themselves with their role', async () => {
    const codeVerifier = verifier();
    const code = await codeFromSignIn(codeVerifier);
    const session = await exchange({ code, codeVerifier, redirectUri: consoleUrl });
    expect(session.status).toBe(200);
    expect(session.body).toEqual({ accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), expiresIn: 3600 });
    const me = await app.call('GET', '/me', undefined, { authorization: `Bearer ${session.body.accessToken}` });
    expect(me.body).toMatchObject({ name: 'Ada Lovelace', role: 'committee', via: 'session' });
  });

  it('refuses a wrong verifier, a code used already, and another address, naming the code', async () => {
    const codeVerifier = verifier();
    const code = await codeFromSignIn(codeVerifier);
    expect(await exchange({ code, codeVerifier: verifier(), redirectUri: consoleUrl })).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_grant', message: expect.stringMatching(/^code: /) } },
    });
    // cognito-local, like Cognito, spends a code on its first exchange, refused or not.
    expect((await exchange({ code, codeVerifier, redirectUri: consoleUrl })).status).toBe(400);
    const another = await codeFromSignIn(codeVerifier);
    expect((await exchange({ code: another, codeVerifier, redirectUri: 'http://127.0.0.1:1/admin' })).status).toBe(400);
    expect(await exchange({ code: 'x', codeVerifier: 'short', redirectUri: consoleUrl })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('codeVerifier') } } });
  });

  it('gives the refresh token only when asked to keep the member signed in, and signs in again with it', async () => {
    const codeVerifier = verifier();
    const kept = await exchange({ code: await codeFromSignIn(codeVerifier), codeVerifier, redirectUri: consoleUrl, keepSignedIn: true });
    expect(kept.body).toEqual({ accessToken: expect.any(String), expiresIn: 3600, refreshToken: expect.any(String) });
    const again = await app.call('POST', '/sign-in/refresh', { refreshToken: kept.body.refreshToken }, { authorization: '' });
    expect(again.body).toEqual({ accessToken: expect.any(String), expiresIn: 3600 });
    expect((await app.call('GET', '/me', undefined, { authorization: `Bearer ${again.body.accessToken}` })).body).toMatchObject({ name: 'Ada Lovelace', via: 'session' });

    expect(await app.call('POST', '/sign-in/refresh', { refreshToken: 'not-a-sign-in' }, { authorization: '' })).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_grant', message: expect.stringMatching(/^refreshToken: the sign-in has expired or was ended/) } },
    });
    expect((await app.call('POST', '/sign-in/refresh', { refreshToken: 'a b' }, { authorization: '' })).body.error.message).toContain('refreshToken');
    // cognito-local has no revocation endpoint: the answer says so rather than pretend.
    expect(await app.call('POST', '/sign-out', { refreshToken: kept.body.refreshToken }, { authorization: '' })).toMatchObject({ status: 200, body: { revoked: false } });
  });

  it('answers 404 where the deployment has no hosted sign-in', async () => {
    const bare = await startTestApp();
    try {
      expect(await bare.call('GET', '/sign-in', undefined, { authorization: '' })).toMatchObject({ status: 404, body: { error: { code: 'no_sign_in' } } });
    } finally {
      await bare.stop();
    }
  });
});
