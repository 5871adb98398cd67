// @ts-check
/**
 * The public reads the observers' view makes, on the page's own origin: no token, no cookie, no
 * referrer. Every answer says whether it came, so a failed refresh keeps what is shown.
 */

/**
 * @typedef {{ kind: 'ok', body: any } | { kind: 'missing' } | { kind: 'failed', status?: number }} Answer
 */

const TIMEOUT_MS = 20_000;

/**
 * @param {string} path
 * @returns {Promise<Answer>}
 */
async function get(path) {
  let response;
  try {
    response = await fetch(path, { cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    return { kind: 'failed' };
  }
  if (response.status === 404) return { kind: 'missing' };
  const body = await response.json().catch(() => undefined);
  return response.ok && body !== undefined ? { kind: 'ok', body } : { kind: 'failed', status: response.status };
}

const election = (/** @type {string} */ id) => `/elections/${encodeURIComponent(id)}`;

export const api = {
  election: (/** @type {string} */ id) => get(election(id)),
  turnout: (/** @type {string} */ id) => get(`${election(id)}/turnout`),
  /** One page of the log after event `after`; `more` says there is another. */
  events: (/** @type {string} */ id, /** @type {number} */ after) => get(`${election(id)}/events?after=${after}`),
  /** The published export: a redirect to a same-origin `.ndjson.gz`, unpacked by the browser (Content-Encoding gzip). */
  auditLog: (/** @type {string} */ id) => fetch(`${election(id)}/audit-log`, { cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' }),
};
