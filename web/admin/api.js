// @ts-check
/**
 * The admin API on the page's own origin. The admin token lives in this module's variable only:
 * never in a URL, storage or a cookie; it is sent as `Authorization: Bearer …` while signed in.
 *
 * `request` resolves with `{ status, body }` for every answer below 500 (2xx and 4xx alike, so a
 * caller can look at a 401 or a 409), and throws an `ApiError` when there is no answer or a 5xx.
 * `ok(answer)` turns a 4xx answer into an `ApiError` too, for callers that only want success.
 */

const TIMEOUT_MS = 30_000;

/** @type {string | undefined} */
let token;

/** @param {string} value the admin token, kept in memory until `signOut` or a reload */
export function signIn(value) {
  token = value.trim() === '' ? undefined : value.trim();
}

export function signOut() {
  token = undefined;
}

/** @returns {boolean} */
export function signedIn() {
  return token !== undefined;
}

/**
 * One problem the API named: `field` is its path (`contests.1.ballot.seats`), absent when the
 * refusal names no field (or names the whole body).
 * @typedef {{ field?: string, message: string }} Problem
 */

/** A field path as the API writes it: `title`, `contests.1.ballot.seats`, `window.closesAt`. */
const FIELD_PATH = /^([A-Za-z_$][\w$]*(?:\.[\w$]+)*): ([\s\S]*)$/;

/**
 * The problems of a refusal's message: `invalid_request` names up to five, `field: message`
 * separated by `; `. A message without a field path is one problem without a field.
 * @param {string} message
 * @returns {Problem[]}
 */
export function problemsOf(message) {
  const parts = message.split(/; (?=[A-Za-z_$][\w$]*(?:\.[\w$]+)*: )/);
  return parts.map((part) => {
    const match = FIELD_PATH.exec(part);
    if (match === null || match[1] === 'body') return { message: part };
    return { field: match[1], message: match[2] ?? '' };
  });
}

/** A refusal (4xx), a server failure (5xx) or no answer at all (`status` 0, `code` `unreachable`). */
export class ApiError extends Error {
  /**
   * @param {number} status the HTTP status; 0 when the server could not be reached
   * @param {string} code the API's error code (`invalid_request`, `wrong_phase`, `compromised`, …)
   * @param {string} message the API's message, as it came
   */
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    /** @readonly */
    this.status = status;
    /** @readonly */
    this.code = code;
    /** @readonly @type {Problem[]} every problem the message names, each with its field where named */
    this.problems = problemsOf(message);
    /** @readonly @type {string | undefined} the first field the message names, e.g. `contests.1.ballot.seats` */
    this.field = this.problems.find((problem) => problem.field !== undefined)?.field;
  }

  /**
   * From an answer's status and body (`{ error: { code, message } }`; anything else is tolerated).
   * @param {{ status: number, body: any }} answer
   */
  static from(answer) {
    const error = answer.body?.error;
    const code = typeof error?.code === 'string' ? error.code : answer.status >= 500 ? 'server_error' : 'unknown';
    const message = typeof error?.message === 'string' ? error.message : `HTTP ${answer.status}`;
    return new ApiError(answer.status, code, message);
  }
}

/**
 * @param {'GET' | 'POST' | 'PUT' | 'DELETE'} method
 * @param {string} path a same-origin path, e.g. `/elections` or `/elections/x/voters`
 * @param {unknown} [body] sent as JSON when given
 * @returns {Promise<{ status: number, body: any }>} every answer below 500
 * @throws {ApiError} no answer (status 0), or a 5xx
 */
export async function request(method, path, body) {
  /** @type {Record<string, string>} */
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (cause) {
    const error = new ApiError(0, 'unreachable', cause instanceof Error ? cause.message : 'no answer');
    error.cause = cause;
    throw error;
  }
  const text = await response.text().catch(() => '');
  /** @type {any} */
  let parsed;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  const answer = { status: response.status, body: parsed };
  if (response.status >= 500) throw ApiError.from(answer);
  return answer;
}

/**
 * The body of a 2xx answer; any other answer thrown as an `ApiError`.
 * @param {{ status: number, body: any }} answer
 * @returns {any}
 */
export function ok(answer) {
  if (answer.status >= 200 && answer.status < 300) return answer.body;
  throw ApiError.from(answer);
}
