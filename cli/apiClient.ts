import { retry } from '../contract/retry';
/** Talks to the election API over HTTP, retrying what may succeed on a second try. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ApiClientOptions {
  baseUrl: string;
  /** The bearer of admin calls: a token, or how to get one when the first call needs it (a kept sign-in's refresh). */
  adminToken?: string | (() => Promise<string | undefined>);
  attempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);

/** An answer that may succeed on a second try (429, 5xx). */
class Retryable extends Error {
  constructor(readonly response: Response) {
    super(`HTTP ${response.status}`);
  }
}

export class ApiClient {
  private bearer: Promise<string | undefined> | undefined;

  constructor(private readonly options: ApiClientOptions) {}

  /** The admin bearer, asked for once. */
  private adminToken(): Promise<string | undefined> {
    const { adminToken } = this.options;
    this.bearer ??= typeof adminToken === 'function' ? adminToken() : Promise.resolve(adminToken);
    return this.bearer;
  }

  /** `bearer`: this call's own token instead of the admin bearer (the session a sign-in just made). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- callers name the answer's type when they read it
  async request<T = any>(method: string, path: string, body?: unknown, bearer?: string): Promise<T> {
    const token = bearer ?? (await this.adminToken());
    const response = await retry(
      async () => {
        let answer: Response;
        try {
          answer = await fetch(`${this.options.baseUrl.replace(/\/$/, '')}${path}`, {
            method,
            headers: {
              'content-type': 'application/json',
              ...(token && { authorization: `Bearer ${token}` }),
            },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
        } catch (error) {
          throw new ApiError(0, 'unreachable', `cannot reach ${this.options.baseUrl}: ${(error as Error).message}`);
        }
        if (RETRYABLE.has(answer.status)) throw new Retryable(answer);
        return answer;
      },
      {
        attempts: this.options.attempts ?? 5,
        baseDelayMs: 500,
        retryable: (error) => error instanceof Retryable || (error instanceof ApiError && error.code === 'unreachable'),
        ...(this.options.sleep && { sleep: this.options.sleep }),
      },
    ).catch((error: unknown) => {
      // The tries ran out on a 429 or 5xx: its answer is reported like any other.
      if (error instanceof Retryable) return error.response;
      throw error;
    });
    const text = await response.text();
    if (response.ok) return (text ? JSON.parse(text) : undefined) as T;
    if (response.status === 401) throw new ApiError(401, 'unauthorized', `${method} ${path} → 401: ${this.tokenAdvice(token)}`);
    let error = { code: 'http_error', message: text.slice(0, 300) };
    try {
      error = (JSON.parse(text) as { error: typeof error }).error ?? error;
    } catch {
      // not JSON: keep the text
    }
    throw new ApiError(response.status, error.code, `${method} ${path} → ${response.status} ${error.code}: ${error.message}`);
  }

  /** The API's own 401 speaks of an Authorization header; the admin at a terminal sets a variable. */
  private tokenAdvice(token: string | undefined): string {
    const where =
      'sign in with `election login`, or set ADMIN_TOKEN or pass --token: the admin token (npm start prints the local one; on AWS it is in Secrets Manager, see docs/operations.md) or a personal API token of yours (`tokens create`), which may have expired or been revoked';
    return token ? `the API at ${this.options.baseUrl} refused this token: ${where}` : `no token was given: ${where}`;
  }
}
