import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ZodType } from 'zod';
import { schemaProblems } from '../../contract/schemaProblems';

export type ApiEvent = APIGatewayProxyEventV2;
export type ApiResponse = APIGatewayProxyStructuredResultV2;

export const MAX_BODY_BYTES = 1024 * 1024;

/** Refuses invalid bytes instead of silently turning them into U+FFFD. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export const json = (statusCode: number, body: unknown): ApiResponse => ({
  statusCode,
  headers: HEADERS,
  body: JSON.stringify(body),
});

/** A request that cannot go on, answered with `{ error: { code, message } }`. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  toResponse(): ApiResponse {
    return json(this.statusCode, { error: { code: this.code, message: this.message } });
  }
}

/**
 * A sealed box's opening file (a mix, a trustee's decryption shares) may be as large as a Lambda
 * request may be (6 MB, less the event's own fields): a contest of some ten thousand papers.
 */
export const MAX_OPENING_BODY_BYTES = 5_500_000;

/** The body as JSON: refused when over `maxBytes` (1 MiB unless a route says otherwise), not JSON, or absent where one is required. */
export function readJsonBody(event: ApiEvent, maxBytes = MAX_BODY_BYTES): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (raw.length > maxBytes) {
    throw new HttpError(400, 'body_too_large', `the request body is ${raw.length} bytes; the limit is ${maxBytes}`);
  }
  let text: string;
  try {
    text = STRICT_UTF8.decode(raw);
  } catch {
    throw new HttpError(400, 'malformed_json', 'the request body is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'malformed_json', 'the request body is not valid JSON');
  }
}

/** Parses with a strict schema; the first problem is named by its field path. */
/** Parses input (the body unless `name` says which path part it is), or throws a 400 that names the field. */
export function parseWith<T>(schema: ZodType<T>, input: unknown, name = 'body'): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new HttpError(400, 'invalid_request', schemaProblems(parsed.error, name));
}
