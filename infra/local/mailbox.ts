import { randomUUID } from 'node:crypto';
import { Agent, createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { DEFAULT_MAX_SEND_RATE, SendRateLimit } from './sesThrottle';

// aws-ses-v2-local is CommonJS with an `exports.default`; require it to get the function itself.
const startSesServer = (createRequire(import.meta.url)('aws-ses-v2-local') as typeof import('aws-ses-v2-local')).default;

export interface RunningMailbox {
  url: string;
  stop(): Promise<void>;
}

export interface MailboxOptions {
  /** SES's MaxSendRate: recipients per second before sends are refused as throttled. */
  maxSendRate?: number;
}

/** The sends SES counts against the sending rate, by request path. */
const SEND_PATHS = new Set(['/v2/email/outbound-emails', '/v2/email/outbound-bulk-emails']);

/**
 * The SES v2 API and a web mailbox (aws-ses-v2-local), on loopback, with SES's limits: a front on
 * `port` answers GetAccount with the configured sending rate and refuses sends above it exactly as
 * SES does; everything else (the mailbox UI, GET /store) passes through to aws-ses-v2-local.
 * GET /local/throttle-stats tells how many recipients were accepted and refused.
 */
export async function startMailbox(port: number, { maxSendRate = DEFAULT_MAX_SEND_RATE }: MailboxOptions = {}): Promise<RunningMailbox> {
  const limit = new SendRateLimit(maxSendRate);
  const ses: Server = await startSesServer({ host: '127.0.0.1', port: 0 });
  const sesPort = (ses.address() as AddressInfo).port;
  const agent = new Agent({ keepAlive: true });

  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://mailbox').pathname;
    const body = await readBody(request);
    if (request.method === 'GET' && path === '/v2/email/account') return sendJson(response, 200, accountWith(limit));
    if (request.method === 'GET' && path === '/local/throttle-stats') return sendJson(response, 200, limit.stats());
    if (request.method === 'POST' && SEND_PATHS.has(path) && !limit.tryTake(recipientsOf(path, body))) return refuseAsThrottled(response);
    // The body goes on whole, so it is framed by its length whatever framing it came in.
    const headers = { ...request.headers, host: `127.0.0.1:${sesPort}`, 'content-length': String(body.length) };
    delete headers['transfer-encoding'];
    const upstream = forward({ host: '127.0.0.1', port: sesPort, path: request.url, method: request.method, agent, headers }, (reply) => {
      response.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(response);
    });
    upstream.once('error', (error) => sendJson(response, 502, { message: `aws-ses-v2-local did not answer: ${error.message}` }));
    upstream.end(body);
  };

  const front = createServer((request, response) => {
    answer(request, response).catch(() => response.destroy());
  });
  try {
    await new Promise<void>((done, failed) => {
      front.once('error', failed);
      front.listen(port, '127.0.0.1', () => done());
    });
  } catch (error) {
    await closeServer(ses);
    throw error;
  }
  return {
    url: `http://127.0.0.1:${(front.address() as AddressInfo).port}`,
    stop: async () => {
      await closeServer(front);
      agent.destroy();
      await closeServer(ses);
    },
  };
}

/** GetAccount as SES answers it for a production account; -1 is SES's word for no daily quota, which is not enforced here. */
function accountWith(limit: SendRateLimit) {
  return {
    DedicatedIpAutoWarmupEnabled: false,
    EnforcementStatus: 'HEALTHY',
    ProductionAccessEnabled: true,
    SendingEnabled: true,
    SendQuota: { Max24HourSend: -1, MaxSendRate: limit.maxSendRate, SentLast24Hours: limit.stats().accepted },
    SuppressionAttributes: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    Details: { MailType: 'TRANSACTIONAL', ContactLanguage: 'EN', ReviewDetails: { Status: 'GRANTED', CaseId: 'local' } },
  };
}

/**
 * SES v2's answer to a send above the rate. The SDK takes the error's name from x-amzn-ErrorType,
 * so callers see the TooManyRequestsException they meet on AWS (and its retries treat it as throttling).
 */
function refuseAsThrottled(response: ServerResponse): void {
  response.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException', 'x-amzn-requestid': randomUUID() });
  response.end(JSON.stringify({ message: 'Maximum sending rate exceeded.' }));
}

interface Destination {
  ToAddresses?: unknown[];
  CcAddresses?: unknown[];
  BccAddresses?: unknown[];
}

/** SES counts recipients, not calls; a request it cannot read counts as one (aws-ses-v2-local then refuses it). */
function recipientsOf(path: string, body: Buffer): number {
  const inDestination = (destination: Destination | undefined) =>
    Math.max(1, (destination?.ToAddresses?.length ?? 0) + (destination?.CcAddresses?.length ?? 0) + (destination?.BccAddresses?.length ?? 0));
  try {
    const request = JSON.parse(body.toString('utf8')) as { Destination?: Destination; BulkEmailEntries?: { Destination?: Destination }[] };
    if (path.endsWith('bulk-emails'))
      return Math.max(
        1,
        (request.BulkEmailEntries ?? []).reduce((sum, entry) => sum + inDestination(entry.Destination), 0),
      );
    return inDestination(request.Destination);
  } catch {
    return 1;
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return void response.destroy();
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}
