import type { HostedSignIn } from '../ports';

/** How long the provider's token endpoint may take before the sign-in fails. */
const EXCHANGE_TIMEOUT_MS = 5_000;

/**
 * A Cognito user pool's hosted sign-in (`https://<prefix>.auth.<region>.amazoncognito.com`), or
 * cognito-local's (`http://127.0.0.1:<port>`): the authorization code grant with PKCE (RFC 7636,
 * S256) for a public client, whose code is exchanged at `<base>/oauth2/token` (RFC 6749 §4.1.3).
 * Only the access token is kept: the console holds the session in memory for its hour, and the
 * refresh and ID tokens are not passed on.
 */
export class OAuthHostedSignIn implements HostedSignIn {
  readonly authorizeUrl: string;
  private readonly tokenUrl: string;

  constructor(
    base: string,
    readonly clientId: string,
  ) {
    const root = base.replace(/\/+$/, '');
    this.authorizeUrl = `${root}/oauth2/authorize`;
    this.tokenUrl = `${root}/oauth2/token`;
  }

  async exchange({ code, codeVerifier, redirectUri }: { code: string; codeVerifier: string; redirectUri: string }): Promise<{ accessToken: string; expiresIn: number } | undefined> {
    const response = await fetch(this.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: this.clientId, code, redirect_uri: redirectUri, code_verifier: codeVerifier }).toString(),
      signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS),
    });
    // A refused grant (RFC 6749 §5.2) is the member's to try again; anything else is a fault of the provider.
    if (response.status === 400 || response.status === 401) return undefined;
    if (!response.ok) throw new Error(`the sign-in's token endpoint answered ${response.status}`);
    const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string') throw new Error("the sign-in's token endpoint gave no access token");
    return { accessToken: body.access_token, expiresIn: typeof body.expires_in === 'number' ? body.expires_in : 3600 };
  }
}
