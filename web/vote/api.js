// @ts-check
/**
 * The election API on the page's own origin. Requests carry no cookies and no referrer; the token
 * travels only in a POST body, so it appears in no URL and no log line.
 */

/**
 * @typedef {{ kind: 'ok', body: any }
 *   | { kind: 'refused', status: number, code: string, message: string }
 *   | { kind: 'busy' }
 *   | { kind: 'unreachable' }} Answer
 * `busy`: the server answered 429 or 5xx, so nothing was done; `unreachable`: no answer at all,
 * so a cast may or may not have landed.
 */

const TIMEOUT_MS = 20_000;

/**
 * @param {'GET' | 'POST'} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<Answer>}
 */
async function request(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    return { kind: 'unreachable' };
  }
  const payload = await response.json().catch(() => undefined);
  if (response.ok) return { kind: 'ok', body: payload };
  if (response.status === 429 || response.status >= 500) return { kind: 'busy' };
  return { kind: 'refused', status: response.status, code: payload?.error?.code ?? 'unknown', message: payload?.error?.message ?? response.statusText };
}

const election = (/** @type {string} */ id) => `/elections/${encodeURIComponent(id)}`;

export const api = {
  election: (/** @type {string} */ id) => request('GET', election(id)),
  results: (/** @type {string} */ id) => request('GET', `${election(id)}/results`),
  /**
   * @param {string} id
   * @param {string} token
   * @param {import('./model.js').Choice | { papers: import('./model.js').Papers } | { papers: import('../lib/seal-ballot.js').SealedCast['papers'] }} choice
   *   `papers` in an election of several contests, and sealed in a sealed election
   */
  cast: (id, token, choice) => request('POST', `${election(id)}/ballots`, { token, ...choice }),
  /** The contests the token's holder may vote in, for an election of several. */
  papers: (/** @type {string} */ id, /** @type {string} */ token) => request('POST', `${election(id)}/papers`, { token }),
  checkReceipt: (/** @type {string} */ id, /** @type {string} */ receipt) => request('POST', `${election(id)}/receipts/check`, { receipt }),
  /** Asks for a new voting link to be mailed; the address travels only in the body. */
  newLink: (/** @type {string} */ id, /** @type {string} */ email) => request('POST', `${election(id)}/credentials/resend`, { email }),
};
