import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { COMMAND_LINE_SIGN_IN_PORT, commandLineRedirectUri } from '../contract/commandLineSignIn';
import { ApiError, type ApiClient } from './apiClient';
import type { SavedSignIns } from './savedSignIn';

/** How long `election login` waits for the member to come back from the provider's sign-in. */
const WAIT_FOR_SIGN_IN_MS = 5 * 60_000;

interface Session {
  accessToken: string;
  expiresIn: number;
  refreshToken?: string;
}
interface Member {
  id: string;
  name: string;
  role: string;
  via: 'session' | 'token';
}

export interface LoginOptions {
  /** The API's address, the key the sign-in is kept under. */
  apiUrl: string;
  saved: SavedSignIns;
  /** `--port`: where a deployment registered another loopback address than the default. */
  port?: string;
  now?: () => Date;
}

/**
 * `election login`: the authorization code grant with PKCE (RFC 7636, S256) through the provider's
 * hosted sign-in, for a native app (RFC 8252): the member opens the printed address in a browser on
 * this machine, signs in there (with their authenticator on AWS), and the provider sends the
 * browser back to this command line's loopback server with the code. The API exchanges it for the
 * member's session and its refresh token, which is kept (savedSignIn.ts) so that later commands
 * sign in without the browser until the sign-in expires or `election logout` ends it.
 */
export async function login(api: ApiClient, options: LoginOptions, out: (line: string) => void): Promise<number> {
  const port = loopbackPort(options.port);
  const hosted = await api.request<{ authorizeUrl: string; clientId: string }>('GET', '/sign-in').catch((error: unknown) => {
    if (error instanceof ApiError && error.code === 'no_sign_in')
      throw new Error(`${options.apiUrl} has no sign-in with an account: use a personal API token (ADMIN_TOKEN=… or --token), which a member makes in the console or with \`tokens create\``, {
        cause: error,
      });
    throw error;
  });
  const redirectUri = commandLineRedirectUri(port);
  const codeVerifier = randomBytes(32).toString('base64url'); // RFC 7636 §4.1: 43 characters
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(hosted.authorizeUrl);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: hosted.clientId,
    redirect_uri: redirectUri,
    scope: 'openid',
    state,
    code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'), // §4.2, S256
    code_challenge_method: 'S256',
  }).toString();

  const returned = await waitForReturn(port, state, () => {
    out(`Open this address in a browser on this machine and sign in:\n\n  ${authorize.toString()}\n`);
    out(`Waiting for the sign-in to come back to ${redirectUri} (for ${WAIT_FOR_SIGN_IN_MS / 60_000} minutes; Ctrl-C stops)…`);
  });
  const session = await api.request<Session>('POST', '/sign-in/token', { code: returned, codeVerifier, redirectUri, keepSignedIn: true });
  if (!session.refreshToken) throw new Error('the sign-in gave no refresh token: the command line cannot stay signed in (is the app client allowed to refresh?)');
  const member = await api.request<Member>('GET', '/me', undefined, session.accessToken);
  await options.saved.save({ api: options.apiUrl, refreshToken: session.refreshToken, name: member.name, role: member.role, signedInAt: (options.now?.() ?? new Date()).toISOString() });
  out(`Signed in to ${options.apiUrl} as ${member.name} (${member.role}).`);
  out('Commands without --token or ADMIN_TOKEN now act as you, until the sign-in expires (12 hours on AWS) or `election logout` ends it.');
  return 0;
}

/** `election logout`: the provider revokes the kept sign-in where it can, and this machine forgets it either way. */
export async function logout(api: ApiClient, options: Pick<LoginOptions, 'apiUrl' | 'saved'>, out: (line: string) => void): Promise<number> {
  const kept = await options.saved.find(options.apiUrl);
  if (!kept) {
    out(`Not signed in to ${options.apiUrl} on this machine: nothing to end.`);
    return 0;
  }
  let revoked: boolean | 'unreachable';
  try {
    revoked = (await api.request<{ revoked: boolean }>('POST', '/sign-out', { refreshToken: kept.refreshToken })).revoked;
  } catch (error) {
    // Forgotten here even so: a sign-in the member wants ended must not stay on the disk because the API is down.
    if (!(error instanceof ApiError)) throw error;
    revoked = 'unreachable';
  }
  await options.saved.forget(options.apiUrl);
  const ended =
    revoked === true
      ? 'the provider has ended the sign-in'
      : revoked === false
        ? 'this provider cannot end a sign-in early (cognito-local): it would expire on its own'
        : 'the API could not be reached to end it at the provider: it expires on its own (12 hours on AWS)';
  out(`Signed out of ${options.apiUrl} as ${kept.name}: the sign-in is removed from this machine, and ${ended}.`);
  return 0;
}

/** `election whoami`: who the command line acts as, and how it signs in. */
export async function whoami(api: ApiClient, how: string, out: (line: string) => void): Promise<number> {
  const member = await api.request<Member>('GET', '/me');
  out(`${member.name} (${member.role}), ${how}`);
  return 0;
}

/**
 * The bearer of a kept sign-in: a fresh access token for its refresh token, or undefined when this
 * machine keeps none for the API. A sign-in the provider no longer honours is forgotten.
 */
export async function signedInBearer(api: ApiClient, options: Pick<LoginOptions, 'apiUrl' | 'saved'>): Promise<string | undefined> {
  const kept = await options.saved.find(options.apiUrl);
  if (!kept) return undefined;
  try {
    return (await api.request<Session>('POST', '/sign-in/refresh', { refreshToken: kept.refreshToken })).accessToken;
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'invalid_grant')) throw error;
    await options.saved.forget(options.apiUrl);
    throw new ApiError(401, 'unauthorized', `your sign-in to ${options.apiUrl} as ${kept.name} has expired or was ended: sign in again with \`election login\``);
  }
}

function loopbackPort(option: string | undefined): number {
  if (option === undefined) return COMMAND_LINE_SIGN_IN_PORT;
  const port = Number(option);
  if (!/^[1-9][0-9]*$/.test(option) || port > 65_535)
    throw new Error(`--port takes the port of the loopback address the deployment registered (by default ${COMMAND_LINE_SIGN_IN_PORT}), not "${option}"`);
  return port;
}

const PAGE = (title: string, text: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif;max-width:36em;margin:3em auto"><h1>${title}</h1><p>${text}</p></body></html>`;

/**
 * Listens on the loopback address (IPv4 and, where the machine has it, IPv6: a browser may resolve
 * `localhost` to either) until the provider sends the browser back: the code, once its state is
 * the one sent. Anything else that arrives is answered and ends the wait with its reason.
 */
async function waitForReturn(port: number, state: string, ready: () => void): Promise<string> {
  let settle!: { resolve: (code: string) => void; reject: (error: Error) => void };
  const returned = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/signed-in') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const send = (status: number, title: string, text: string) => response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE(title, text));
    const code = url.searchParams.get('code');
    if (url.searchParams.get('state') !== state) {
      send(400, 'Not signed in / Nicht angemeldet', 'This sign-in was not started by the waiting command line. / Diese Anmeldung hat nicht die wartende Kommandozeile begonnen.');
      settle.reject(new Error('the sign-in came back with another state than this `election login` sent: nobody was signed in; run it again'));
    } else if (!code) {
      const reason = url.searchParams.get('error_description') ?? url.searchParams.get('error') ?? 'no code';
      send(400, 'Not signed in / Nicht angemeldet', `The sign-in was refused: ${escapeHtml(reason)}. / Die Anmeldung wurde abgelehnt.`);
      settle.reject(new Error(`the sign-in was refused: ${reason}`));
    } else {
      send(200, 'Signed in / Angemeldet', 'You may close this tab and go back to the command line. / Sie können diesen Tab schließen und zur Kommandozeile zurückkehren.');
      settle.resolve(code);
    }
  };
  const servers = await listenOnLoopback(port, answer);
  const timer = setTimeout(() => settle.reject(new Error(`nobody came back from the sign-in within ${WAIT_FOR_SIGN_IN_MS / 60_000} minutes: run \`election login\` again`)), WAIT_FOR_SIGN_IN_MS);
  try {
    ready();
    return await returned;
  } finally {
    clearTimeout(timer);
    await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  }
}

async function listenOnLoopback(port: number, answer: (request: IncomingMessage, response: ServerResponse) => void): Promise<Server[]> {
  const listen = (host: string) =>
    new Promise<Server>((resolve, reject) => {
      const server = createServer(answer);
      server.once('error', reject);
      server.listen(port, host, () => resolve(server));
    });
  let ipv4: Server;
  try {
    ipv4 = await listen('127.0.0.1');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(`port ${port} is in use, and the sign-in comes back there: end what holds it (another \`election login\`?) and try again`, { cause: error });
    throw error;
  }
  // A machine without IPv6 has no ::1; the IPv4 server alone then answers localhost.
  const ipv6 = await listen('::1').catch(() => undefined);
  return ipv6 ? [ipv4, ipv6] : [ipv4];
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
