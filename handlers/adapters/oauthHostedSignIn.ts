import type { HostedSignIn, Session } from '../ports';

/** How long the provider's endpoints may take before the sign-in fails. */
const PROVIDER_TIMEOUT_MS = 5_000;

/**
 * A Cognito user pool's hosted sign-in (`https://<prefix>.auth.<region>.amazoncognito.com`), or
 * cognito-local's (`http://127.0.0.1:<port>`): the authorization code grant with PKCE (RFC 7636,
 * S256) for a public client, whose code is exchanged at `<base>/oauth2/token` (RFC 6749 §4.1.3),
 * as is a refresh token (§6). The console holds its session in memory for its hour and is given
 * the access token only; the command line asks for the refresh token too (`keepSignedIn`).
 */
export class OAuthHostedSignIn implements HostedSignIn {
  readonly authorizeUrl: string;
  private readonly tokenUrl: string;
  private readonly revokeUrl: string;

  constructor(
    base: string,
    readonly clientId: string,
  ) {
    const root = base.replace(/\/+$/, '');
    this.authorizeUrl = `${root}/oauth2/authorize`;
    this.tokenUrl = `${root}/oauth2/token`;
    this.revokeUrl = `${root}/oauth2/revoke`;
  }

  async exchange({ code, codeVerifier, redirectUri, keepSignedIn }: { code: string; codeVerifier: string; redirectUri: string; keepSignedIn?: true }): Promise<Session | undefined> {
    const session = await this.token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: codeVerifier });
    if (!session || keepSignedIn) return session;
    const { refreshToken: _notPassedOn, ...accessOnly } = session;
    return accessOnly;
  }

  async refresh(refreshToken: string): Promise<Session | undefined> {
    const session = await this.token({ grant_type: 'refresh_token', refresh_token: refreshToken });
    // Cognito gives no new refresh token on a refresh (without rotation): the member keeps theirs.
    return session && { accessToken: session.accessToken, expiresIn: session.expiresIn };
  }

  async revoke(refreshToken: string): Promise<boolean> {
    // RFC 7009 §2.1, Cognito's /oauth2/revoke: a token unknown or revoked already is answered 200 too.
    const response = await this.post(this.revokeUrl, { token: refreshToken });
    if (response.status === 404) return false; // cognito-local has no revocation endpoint
    if (!response.ok && response.status !== 400) throw new Error(`the sign-in's revocation endpoint answered ${response.status}`);
    return true;
  }

  private async token(form: Record<string, string>): Promise<Session | undefined> {
    const response = await this.post(this.tokenUrl, form);
    // A refused grant (RFC 6749 §5.2) is the member's to try again; anything else is a fault of the provider.
    if (response.status === 400 || response.status === 401) return undefined;
    if (!response.ok) throw new Error(`the sign-in's token endpoint answered ${response.status}`);
    const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown; refresh_token?: unknown };
    if (typeof body.access_token !== 'string') throw new Error("the sign-in's token endpoint gave no access token");
    return {
      accessToken: body.access_token,
      expiresIn: typeof body.expires_in === 'number' ? body.expires_in : 3600,
      ...(typeof body.refresh_token === 'string' && { refreshToken: body.refresh_token }),
    };
  }

  private post(url: string, form: Record<string, string>): Promise<Response> {
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ client_id: this.clientId, ...form }).toString(),
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    });
  }
}
