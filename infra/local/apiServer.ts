import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { jsonLog } from '../../handlers/adapters/jsonLog';
import type { ApiEvent, ApiResponse } from '../../handlers/api/http';
import type { Log } from '../../handlers/ports';
import type { StaticFile } from './webFiles';

/** Lambda refuses payloads over 6 MB, a request before our handler sees it and an answer after; so does this server. */
const LAMBDA_PAYLOAD_LIMIT = 6 * 1024 * 1024;

export interface RunningApi {
  url: string;
  stop(): Promise<void>;
}

/** Stand-ins for AWS deliveries that are not API requests (e.g. CloudWatch Logs to the breach handler), by path. */
export type LocalDeliveries = Record<string, (event: unknown) => Promise<unknown>>;

/** Static files by request path, as CloudFront serves them from S3 in front of the API. */
export type LocalFiles = (path: string) => Promise<StaticFile | undefined>;

/** A local delivery's refusal of what it was sent: answered 400 with the message. */
export class LocalRequestRefused extends Error {}

/** The client closed the connection before its request was whole: there is no one left to answer. */
class ClientWentAway extends Error {}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

/** Serves the API handler over HTTP the way API Gateway's HTTP API does: one v2 event per request. */
export async function serveApi(
  handler: (event: ApiEvent) => Promise<ApiResponse>,
  port: number,
  host = '127.0.0.1',
  { deliveries = {}, files, log = jsonLog() }: { deliveries?: LocalDeliveries; files?: LocalFiles; log?: Log } = {},
): Promise<RunningApi> {
  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = requestUrl(request);
    if (!url) {
      request.resume();
      return refuse(response, 400, 'bad_request', 'the request target is not a valid URL path');
    }
    const file = request.method === 'GET' && files ? await files(url.pathname) : undefined;
    if (file) {
      request.resume();
      response.writeHead(file.status, file.headers);
      if (file.body instanceof Readable) await pipeline(file.body, response);
      else response.end(file.body);
      return;
    }
    const body = await readBody(request);
    if (body === undefined) return refuse(response, 413, 'payload_too_large', 'the request is over 6 MB');
    const delivery = request.method === 'POST' ? deliveries[url.pathname] : undefined;
    if (delivery) {
      const event = parseJson(body);
      if (event === undefined) return refuse(response, 400, 'malformed_json', 'the request body is not valid JSON');
      const result = await delivery(event).catch((error: Error) => {
        if (error instanceof LocalRequestRefused) return refuse(response, 400, 'invalid_request', error.message);
        throw error;
      });
      if (!response.headersSent) response.writeHead(200, JSON_HEADERS).end(JSON.stringify(result));
      return;
    }
    const result = await handler(toApiEvent(request, url, body));
    if (Buffer.byteLength(result.body ?? '') > LAMBDA_PAYLOAD_LIMIT) throw new Error(`the answer is ${Buffer.byteLength(result.body ?? '')} bytes, over Lambda's 6 MB`);
    // A binary answer (the official record's PDF) comes base64-encoded, as API Gateway takes it from Lambda and hands on the bytes.
    response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>).end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
  };

  // Nothing a request does may end the process: every failure is logged and answered, if anyone is left to answer.
  const server: Server = createServer((request, response) => {
    answer(request, response).catch((error: Error) => {
      if (error instanceof ClientWentAway) {
        log.info('client went away mid-request', { method: request.method });
        response.destroy();
        return;
      }
      // Only the error's kind and message: the URL and body may carry tokens and choices.
      log.error('local request failed', { method: request.method, error: error.name, detail: error.message });
      try {
        refuse(response, 500, 'internal_error', 'something went wrong on our side; nothing was changed by this request unless it says so');
      } catch {
        response.destroy(); // the answer had begun, or cannot be written: closing is all that is left
      }
    });
  });
  await new Promise<void>((done, failed) => {
    server.once('error', failed);
    server.listen(port, host, () => done());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${actualPort}`,
    stop: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function refuse(response: ServerResponse, status: number, code: string, message: string): void {
  response.writeHead(status, JSON_HEADERS).end(JSON.stringify({ error: { code, message } }));
}

/** The request target as a URL, or undefined when it is none (e.g. `//[`, which names an invalid host). */
function requestUrl(request: IncomingMessage): URL | undefined {
  try {
    return new URL(request.url ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The whole body, or undefined when it is over the limit; an oversized body is still read to its end, so the connection stays usable. */
async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size <= LAMBDA_PAYLOAD_LIMIT) chunks.push(chunk as Buffer);
    }
  } catch {
    throw new ClientWentAway();
  }
  return size > LAMBDA_PAYLOAD_LIMIT ? undefined : Buffer.concat(chunks);
}

function toApiEvent(request: IncomingMessage, url: URL, body: Buffer): ApiEvent {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: url.search ? Object.fromEntries(url.searchParams) : undefined,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: body.length > 0 ? body.toString('base64') : undefined,
    isBase64Encoded: body.length > 0,
  };
}
