import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OAuthHostedSignIn } from '../../handlers/adapters/oauthHostedSignIn';

/**
 * The hosted sign-in's revocation and refresh as Cognito's endpoints answer them, which
 * cognito-local lacks (it has no /oauth2/revoke): a loopback server plays the provider.
 */
describe("the hosted sign-in's refresh and revocation", () => {
  let server: Server | undefined;
  afterEach(() => new Promise((done) => (server ? server.close(done) : done(undefined))));

  /** The provider answering every request with `status` and `body`, recording the forms it was sent. */
  async function provider(status: number, body = '') {
    const forms: Array<{ path: string; form: Record<string, string> }> = [];
    server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        forms.push({ path: request.url ?? '', form: Object.fromEntries(new URLSearchParams(text)) });
        response.writeHead(status, { 'content-type': 'application/json' }).end(body);
      });
    });
    await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
    const signIn = new OAuthHostedSignIn(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, 'console-client');
    return { signIn, forms };
  }

  it('revokes at /oauth2/revoke with the client (RFC 7009 §2.1), and says when the provider cannot', async () => {
    const { signIn, forms } = await provider(200);
    expect(await signIn.revoke('the-refresh-token')).toBe(true);
    expect(forms).toEqual([{ path: '/oauth2/revoke', form: { client_id: 'console-client', token: 'the-refresh-token' } }]);
    server!.close();
    expect(await (await provider(404)).signIn.revoke('t')).toBe(false);
    server!.close();
    await expect((await provider(503)).signIn.revoke('t')).rejects.toThrow("the sign-in's revocation endpoint answered 503");
  });

  it('refreshes with the refresh token grant and passes on only the access token', async () => {
    const { signIn, forms } = await provider(200, JSON.stringify({ access_token: 'a.b.c', id_token: 'i.d.t', refresh_token: 'rotated', expires_in: 900 }));
    expect(await signIn.refresh('kept')).toEqual({ accessToken: 'a.b.c', expiresIn: 900 });
    expect(forms[0]).toEqual({ path: '/oauth2/token', form: { client_id: 'console-client', grant_type: 'refresh_token', refresh_token: 'kept' } });
    server!.close();
    expect(await (await provider(400, '{"error":"invalid_grant"}')).signIn.refresh('expired')).toBeUndefined();
  });
});
