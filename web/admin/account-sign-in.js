/**
 * A committee member's sign-in at the identity provider's hosted pages: the authorization code
 * grant with PKCE (RFC 7636, S256). The verifier and the state wait in this tab's session storage
 * while the member is away (they sign nobody in on their own); the session the code is exchanged
 * for is kept in memory only, like a token typed in.
 */

const PENDING_KEY = 'admin.signIn';

/** Where the provider sends the member back: this console, as the pool's client lists it. */
export const returnAddress = () => `${location.origin}/admin`;

/** @param {Uint8Array} bytes */
const base64url = (bytes) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/**
 * Sends the member to the provider's sign-in.
 * @param {{ authorizeUrl: string, clientId: string }} hosted
 */
export async function beginAccountSignIn({ authorizeUrl, clientId }) {
  // RFC 7636 §4.1: 32 random octets, base64url, make a 43-character verifier; §4.2: its SHA-256 is the challenge.
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(authorizeUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: returnAddress(),
    scope: 'openid',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/**
 * What the provider sent the member back with, once: the code and the verifier kept for it, or
 * `refused` (an error, or a state this tab did not send); undefined when the page was not opened
 * from a sign-in. The address is cleaned of the code either way.
 * @returns {{ code: string, codeVerifier: string } | 'refused' | undefined}
 */
export function returnedFromSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return undefined;
  history.replaceState(null, '', location.pathname);
  const kept = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  /** @type {{ verifier?: string, state?: string } | null} */
  const pending = kept ? JSON.parse(kept) : null;
  const code = params.get('code');
  if (!code || !pending?.verifier || pending.state !== params.get('state')) return 'refused';
  return { code, codeVerifier: pending.verifier };
}
