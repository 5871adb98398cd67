import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { ApiEvent, ApiResponse } from '../../handlers/api/http';
import type { StaticFile } from './voterPageFiles';

/** Lambda refuses payloads over 6 MB before our handler sees them; so does this server. */
const LAMBDA_PAYLOAD_LIMIT = 6 * 1024 * 1024;

export interface RunningApi {
  url: string;
  stop(): Promise<void>;
}

/** Stand-ins for AWS deliveries that are not API requests (e.g. CloudWatch Logs to the breach handler), by path. */
export type LocalDeliveries = Record<string, (event: unknown) => Promise<unknown>>;

/** Static files by request path, as CloudFront serves them from S3 in front of the API. */
export type LocalFiles = (path: string) => Promise<StaticFile | undefined>;

/** Serves the API handler over HTTP the way API Gateway's HTTP API does: one v2 event per request. */
export async function serveApi(
  handler: (event: ApiEvent) => Promise<ApiResponse>,
  port: number,
  host = '127.0.0.1',
  { deliveries = {}, files }: { deliveries?: LocalDeliveries; files?: LocalFiles } = {},
): Promise<RunningApi> {
  const server: Server = createServer(async (request, response) => {
    const file = request.method === 'GET' && files ? await files(new URL(request.url ?? '/', 'http://localhost').pathname) : undefined;
    if (file) {
      request.resume();
      response.writeHead(file.status, file.headers).end(file.body);
      return;
    }
    const body = await readBody(request);
    if (body === undefined) {
      response.writeHead(413, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'payload_too_large', message: 'the request is over 6 MB' } }));
      return;
    }
    const delivery = request.method === 'POST' ? deliveries[request.url ?? ''] : undefined;
    if (delivery) {
      const answer = await delivery(JSON.parse(body.toString('utf8'))).then(
        (result) => ({ status: 200, result }),
        (error: Error) => ({ status: 500, result: { error: error.message } }),
      );
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.result));
      return;
    }
    const result = await handler(toApiEvent(request, body));
    response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>).end(result.body ?? '');
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

/** The whole body, or undefined when it is over the limit; an oversized body is still read to its end, so the connection stays usable. */
async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= LAMBDA_PAYLOAD_LIMIT) chunks.push(chunk as Buffer);
  }
  return size > LAMBDA_PAYLOAD_LIMIT ? undefined : Buffer.concat(chunks);
}

function toApiEvent(request: IncomingMessage, body: Buffer): ApiEvent {
  const url = new URL(request.url ?? '/', 'http://localhost');
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
