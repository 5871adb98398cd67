import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_GROUPS } from '../../handlers/api/router';
import { BREACH_DELIVERY_PATH } from '../../infra/local/breachDeliveryPath';
import { failedStart, spawnLocalStack, waitUntilClosed, type LocalStackProcess } from '../support/localStackProcess';

const ADMIN = 'resilience-admin-token-5d1c0a';

interface RawAnswer {
  status: number;
  body: string;
}

/** Sends the bytes exactly as given and reads the answer until the server closes the connection. */
function rawRequest(port: number, head: string, body: string | Buffer = ''): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${head.split('\r\n')[0]}`)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const answer = Buffer.concat(chunks);
      const headEnd = answer.indexOf('\r\n\r\n');
      const head = answer.subarray(0, headEnd).toString('latin1');
      const body = answer.subarray(headEnd + 4);
      resolve({
        status: Number(head.match(/^HTTP\/1\.1 (\d{3})/)?.[1] ?? 0),
        body: (/^transfer-encoding: chunked$/im.test(head) ? dechunk(body) : body).toString('utf8'),
      });
    });
    socket.write(head);
    socket.write(body);
  });
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; ;) {
    const lineEnd = body.indexOf('\r\n', at);
    const size = parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
    if (!(size > 0)) return Buffer.concat(parts);
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

const headOf = (method: string, target: string, headers: Record<string, string | number> = {}) =>
  [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');

/** A client that announces 1000 bytes, sends 10 and hangs up. */
function abortMidBody(port: number, method: string, path: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(headOf(method, path, { 'Content-Type': 'application/json', 'Content-Length': 1000 }));
      socket.write('{"title":"', () => setTimeout(() => socket.destroy(), 50));
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
  });
}

/** Every route the API serves, on one real election, and the local breach delivery. */
const TARGETS = [
  ...Object.values(ROUTE_GROUPS)
    .flat()
    .map((route) => ({ method: route.method, path: route.path.replace('{id}', 'resilience') })),
  { method: 'POST', path: BREACH_DELIVERY_PATH },
];

const GARBAGE: { type: string; body: string | Buffer }[] = [
  { type: 'text/plain', body: 'not json at all' },
  { type: 'application/json', body: '{"id": "unterminated' },
  { type: 'application/xml', body: '<election id="x"/>' },
  { type: 'application/x-www-form-urlencoded', body: 'id=x&title=y' },
  { type: 'application/octet-stream', body: Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28]) },
  { type: 'application/json', body: '[1, 2, 3]' },
  { type: 'application/json', body: 'null' },
];

const BAD_TARGETS = ['//[', '//[::1', 'http://[', '/elections/%zz', '/elections/resilience/%E0%A4%A', '*', '/..%2f..%2fetc%2fpasswd'];

/** One request that must not take `npm start` down: it is answered, and the stack keeps serving. */
describe('the local stack under malformed traffic', () => {
  let stack: LocalStackProcess;
  let apiPort: number;
  beforeAll(async () => {
    stack = await spawnLocalStack({ ADMIN_TOKEN: ADMIN });
    apiPort = Number(new URL(stack.apiUrl).port);
  });
  afterAll(async () => {
    try {
      process.kill(-stack.child.pid!, 'SIGKILL'); // whatever a failed test may have left in its process group
    } catch {
      // nothing left
    }
  });

  const candidates = [
    { name: 'Yes', email: 'yes@uni.test', pageLink: 'https://uni.test/yes' },
    { name: 'No', email: 'no@uni.test', pageLink: 'https://uni.test/no' },
  ];
  const closesAt = new Date(Date.now() + 3_600_000).toISOString();

  it('answers bad targets, aborted bodies and garbage to every route with a 4xx, and still serves correct requests', async () => {
    expect((await stack.call('POST', '/elections', { id: 'resilience', title: 'Resilience', candidates, closesAt })).status).toBe(201);

    const invalidUrl = await rawRequest(apiPort, headOf('GET', '//['));
    expect(invalidUrl.status).toBe(400);
    expect(JSON.parse(invalidUrl.body)).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
    for (const target of BAD_TARGETS) {
      for (const method of ['GET', 'POST']) {
        const answer = await rawRequest(apiPort, headOf(method, target, { 'Content-Length': 2 }), '{}');
        expect(answer.status, `${method} ${target}`).toBeGreaterThanOrEqual(400);
        expect(answer.status, `${method} ${target}`).toBeLessThan(500);
      }
    }

    for (const { method, path } of TARGETS) await abortMidBody(apiPort, method, path);

    for (const { method, path } of TARGETS) {
      for (const { type, body } of GARBAGE) {
        const headers = { Authorization: `Bearer ${ADMIN}`, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) };
        const answer = await rawRequest(apiPort, headOf(method, path, headers), body);
        const what = `${method} ${path} with ${type} ${JSON.stringify(body.toString())}`;
        expect(answer.status, what).toBeGreaterThanOrEqual(200);
        expect(answer.status, what).toBeLessThan(500);
        if (answer.status >= 400 && answer.body) {
          expect(JSON.parse(answer.body), what).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
        }
      }
    }

    expect((await stack.call('POST', '/elections', { id: 'afterwards', title: 'Afterwards', candidates, closesAt })).status).toBe(201);
    expect((await stack.call('GET', '/elections/afterwards')).body).toMatchObject({ title: 'Afterwards', phase: 'draft' });
    expect(stack.child.exitCode).toBeNull();
  });

  it('refuses a second start on ports that are taken, naming each variable, and leaves the first one running', async () => {
    const cognitoPort = new URL(stack.cognitoUrl).port;
    const taken = { PORT: String(apiPort), DYNAMODB_PORT: String(stack.dynamoDbPort), COGNITO_PORT: cognitoPort };
    const second = await failedStart(taken);
    expect(second.code).toBe(1);
    expect(second.output).toContain(`PORT ${apiPort} is in use: is an earlier npm start still running? Stop it or set PORT`);
    expect(second.output).toContain(`DYNAMODB_PORT ${stack.dynamoDbPort} is in use: is an earlier npm start still running? Stop it or set DYNAMODB_PORT`);
    expect(second.output).toContain(`COGNITO_PORT ${cognitoPort} is in use: is an earlier npm start still running? Stop it or set COGNITO_PORT`);
    expect((await stack.call('GET', '/elections/afterwards')).status).toBe(200);
  });

  it('takes DynamoDB Local and cognito-local down with it when it is killed with SIGKILL', async () => {
    const exited = new Promise((resolve) => stack.child.once('exit', resolve));
    stack.child.kill('SIGKILL'); // this process only, not its group: DynamoDB Local and cognito-local must stop by themselves
    await exited;
    await waitUntilClosed(stack.dynamoDbPort);
    await waitUntilClosed(Number(new URL(stack.cognitoUrl).port));
  });
});
