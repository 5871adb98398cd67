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
  adminToken?: string;
  attempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);

export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  async request<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const attempts = this.options.attempts ?? 5;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    for (let attempt = 1; ; attempt += 1) {
      let response: Response;
      try {
        response = await fetch(`${this.options.baseUrl.replace(/\/$/, '')}${path}`, {
          method,
          headers: {
            'content-type': 'application/json',
            ...(this.options.adminToken && { authorization: `Bearer ${this.options.adminToken}` }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (error) {
        if (attempt >= attempts) throw new ApiError(0, 'unreachable', `cannot reach ${this.options.baseUrl}: ${(error as Error).message}`);
        await sleep(250 * 2 ** attempt);
        continue;
      }
      const text = await response.text();
      if (response.ok) return (text ? JSON.parse(text) : undefined) as T;
      if (RETRYABLE.has(response.status) && attempt < attempts) {
        await sleep(250 * 2 ** attempt);
        continue;
      }
      let error = { code: 'http_error', message: text.slice(0, 300) };
      try {
        error = (JSON.parse(text) as { error: typeof error }).error ?? error;
      } catch {
        // not JSON: keep the text
      }
      throw new ApiError(response.status, error.code, `${method} ${path} → ${response.status} ${error.code}: ${error.message}`);
    }
  }
}
