import { DynamoDBClient, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialToken, spawnLocalStack, type LocalStackProcess } from '../support/localStackProcess';

/**
 * The running local stack keeps to its own OpenAPI document: every route the document lists is
 * driven with requests generated from its schemas, valid ones and ones broken on purpose. Every
 * answer must be one the document lists for the route and never a 5xx; every broken body a 4xx
 * whose message names the broken field; and a refused request leaves the event log and the
 * ballot box as they were.
 */
const ADMIN = 'contract-admin-token-5d1e9b';
const DRAFT = 'contract-draft';
const OPEN = 'contract-open';
const CANDIDATES = ['Ada Lovelace', 'Grace Hopper'];
const ROLL = ['s1', 's2', 'o1', 'o2', 'o3'];
/** Times far enough ahead that no lifecycle step of an election the test starts runs meanwhile. */
const FUTURE = { min: new Date('2031-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true };

type Schema = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  admin: boolean;
  statuses: Set<number>;
  body?: Schema;
}
interface Request {
  operation: Operation;
  path: string;
  /** The election whose log the request may touch. */
  electionId?: string;
  body?: string;
  authorized: boolean;
}

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);
const name = fc.stringMatching(/^[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?$/);

/** Values of one JSON Schema: requests the document allows, with known-good values mixed in by field name. */
function valueOf(schema: Schema, hints: Record<string, fc.Arbitrary<unknown>>, field = ''): fc.Arbitrary<unknown> {
  const generated = generate(schema, hints);
  return hints[field] ? fc.oneof(hints[field]!, generated) : generated;
}

function generate(schema: Schema, hints: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  // Any value (a proof, which the domain's readers check field by field): an empty object stands for it.
  if (Object.keys(schema).length === 0) return fc.constant({});
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.oneOf ?? schema.anyOf) return fc.oneof(...(schema.oneOf ?? schema.anyOf).map((s: Schema) => generate(s, hints)));
  switch (schema.type) {
    case 'object': {
      if (!schema.properties) return fc.dictionary(fc.constant('main'), generate(schema.additionalProperties, hints), { maxKeys: 1 });
      const shape = Object.fromEntries(Object.entries(schema.properties).map(([key, s]) => [key, valueOf(s as Schema, hints, key)]));
      return fc.record(shape, { requiredKeys: schema.required ?? [] });
    }
    case 'array': {
      const minLength = schema.minItems ?? 0;
      return fc.array(generate(schema.items, hints), { minLength, maxLength: Math.min(schema.maxItems ?? 3, minLength + 2) });
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 1000, (schema.minimum ?? 0) + 5) });
    case 'boolean':
      return fc.boolean();
    case 'string':
      return stringOf(schema);
    default:
      throw new Error(`no generator for ${JSON.stringify(schema)}`);
  }
}

function stringOf(schema: Schema): fc.Arbitrary<string> {
  if (schema.format === 'email') return fc.tuple(word, word).map(([local, domain]) => `${local}@${domain}.test`);
  if (schema.format === 'uri') return word.map((page) => `https://uni.test/${page}`);
  if (schema.format === 'date-time') return fc.date(FUTURE).map((d) => d.toISOString());
  // Short strings keep the requests small, but never shorter than the schema asks (a PKCE verifier has 43 characters at least).
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, 40));
  // A token's shape, `^[…]+$` with its lengths: drawn character by character.
  const oneClass = schema.pattern && /^\^\[([^\]]+)\]\+\$$/.exec(schema.pattern);
  if (oneClass) {
    const characters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'].filter((c) => new RegExp(`[${oneClass[1]}]`).test(c));
    return fc.string({ unit: fc.constantFrom(...characters), minLength, maxLength });
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
  return name.filter((s) => s.length >= minLength && s.length <= maxLength);
}

/** The JSON types a schema accepts, so that a broken value can be of none of them. */
function typesOf(schema: Schema): Set<string> {
  if (schema.oneOf ?? schema.anyOf) return new Set((schema.oneOf ?? schema.anyOf).flatMap((s: Schema) => [...typesOf(s)]));
  if (schema.type === 'integer') return new Set(['integer', 'number']);
  return new Set(schema.type ? [schema.type] : ['string', 'number', 'integer', 'boolean', 'array', 'object']);
}
const OF_TYPE: Record<string, unknown> = { string: 'not this', number: 1.5, boolean: true, array: ['x'], object: { x: 1 } };

/** One way to break a body object, and the field its refusal must name. */
type Break = { kind: 'missing' | 'unknown' | 'wrongType'; field: string };
function breaksOf(schema: Schema): Break[] {
  const properties = Object.entries(schema.properties ?? {}) as [string, Schema][];
  return [
    ...(schema.required ?? []).map((field: string) => ({ kind: 'missing', field }) as Break),
    ...(schema.additionalProperties === false ? [{ kind: 'unknown', field: 'unexpectedField' } as Break] : []),
    ...properties.filter(([, s]) => typesOf(s).size < 6).map(([field]) => ({ kind: 'wrongType', field }) as Break),
  ];
}
function applyBreak(body: Record<string, unknown>, broken: Break, schema: Schema): Record<string, unknown> {
  const copy = { ...body };
  if (broken.kind === 'missing') delete copy[broken.field];
  else if (broken.kind === 'unknown') copy[broken.field] = 'surprise';
  else {
    const accepted = typesOf(schema.properties[broken.field]);
    copy[broken.field] = OF_TYPE[Object.keys(OF_TYPE).find((t) => !accepted.has(t))!];
  }
  return copy;
}

describe('the API keeps to its OpenAPI document', () => {
  let stack: LocalStackProcess;
  let operations: Operation[];
  let dynamo: DynamoDBClient;
  let tokens: string[];

  const call = async (method: string, path: string, body?: unknown, authorized = true) => {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...(authorized && { authorization: `Bearer ${ADMIN}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as any) : undefined };
  };

  /** What a refused request must not change: the election's events, and the whole ballot box. */
  const record = async (electionId: string | undefined) => {
    const ballots = await dynamo.send(new ScanCommand({ TableName: 'election-ballots', Select: 'COUNT', ConsistentRead: true }));
    if (!electionId) return { ballots: ballots.Count };
    const events = await dynamo.send(
      new QueryCommand({
        TableName: 'election-events',
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
        // The mail sender counts voters' requests for their link in the log on its own time, not the request's.
        FilterExpression: '#type <> :counted',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':pk': { S: `ELECTION#${electionId}` }, ':events': { S: 'EVENT#' }, ':counted': { S: 'LinkRequestsCounted' } },
        Select: 'COUNT',
        ConsistentRead: true,
      }),
    );
    return { ballots: ballots.Count, events: events.Count };
  };

  beforeAll(async () => {
    stack = await spawnLocalStack({ ADMIN_TOKEN: ADMIN });
    dynamo = new DynamoDBClient({ endpoint: `http://127.0.0.1:${stack.dynamoDbPort}`, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const document = (await call('GET', '/openapi.json')).body;
    operations = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        admin: operation.security.length > 0,
        statuses: new Set(Object.keys(operation.responses).map(Number)),
        body: operation.requestBody?.content['application/json'].schema,
      })),
    );

    const candidates = CANDIDATES.map((n, i) => ({ name: n, email: `c${i}@uni.test`, pageLink: `https://uni.test/c${i}` }));
    const closesAt = '2090-06-01T12:00:00Z';
    expect((await call('POST', '/elections', { id: DRAFT, title: 'Draft council', candidates, closesAt })).status).toBe(201);
    expect((await call('POST', `/elections/${DRAFT}/voters`, { voters: ['s1', 's2'].map((s) => ({ studentId: s, email: `${s}@uni.test` })) })).status).toBe(200);
    expect((await call('POST', '/elections', { id: OPEN, title: 'Open council', candidates, closesAt })).status).toBe(201);
    expect((await call('POST', `/elections/${OPEN}/voters`, { voters: ['o1', 'o2', 'o3'].map((s) => ({ studentId: s, email: `${s}@uni.test` })) })).status).toBe(200);
    expect((await call('POST', `/elections/${OPEN}/lock`)).status).toBe(200);
    expect((await call('POST', `/elections/${OPEN}/start`)).status).toBe(200);
    // The 2019 election exists from the first admin command on; created here, so that no refused command creates it.
    expect((await call('POST', '/commands', { command: 'set_deadline', administrator_token: ADMIN, deadline: closesAt })).status).toBe(200);
    tokens = await Promise.all(['o1', 'o2', 'o3'].map((s) => credentialToken(stack.mailboxUrl, `${s}@uni.test`)));
  });
  afterAll(async () => {
    dynamo?.destroy();
    await stack?.stop();
  });

  /** Known-good values by field name, so that valid requests reach the elections and do not all end at a 404 or 403. */
  const hints = () => ({
    token: fc.constantFrom(...tokens),
    voter_token: fc.constantFrom(...tokens),
    administrator_token: fc.constant(ADMIN),
    studentId: fc.constantFrom(...ROLL),
    choices: fc.constantFrom(...CANDIDATES.map((c) => [c])),
    candidate_full_name: fc.constantFrom(...CANDIDATES),
  });

  const electionIds = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(DRAFT, OPEN) }, { weight: 1, arbitrary: word }, { weight: 1, arbitrary: fc.constantFrom('Not-An-Id', '-dash', 'x'.repeat(64)) });
  const studentIds = fc.oneof(fc.constantFrom(...ROLL), word);

  /** The path with its parameters filled in, and which election's log it may touch. */
  const pathOf = (operation: Operation, ids = electionIds) =>
    fc.record({ id: ids, studentId: studentIds }).map(({ id, studentId }) => ({
      path: operation.path.replace('{id}', encodeURIComponent(id)).replace('{studentId}', encodeURIComponent(studentId)),
      electionId: operation.path === '/commands' ? 'default' : operation.path.includes('{id}') && /^[a-z0-9][a-z0-9-]{0,62}$/.test(id) ? id : undefined,
    }));

  const validRequest = (operation: Operation): fc.Arbitrary<Request> =>
    fc
      .record({
        at: pathOf(operation),
        body: operation.body ? fc.option(generate(operation.body, hints()), { nil: undefined, freq: 10 }) : fc.constant(undefined),
        authorized: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      })
      .map(({ at, body, authorized }) => ({ operation, ...at, body: body === undefined ? undefined : JSON.stringify(body), authorized }));

  /** The path's other parameters as a valid request has them: a registered voter, an upload's SHA-256 and its first part. */
  const validPathParts = (path: string) =>
    path
      .replace(/\/voters\/[^/]+\//, '/voters/s1/')
      .replace('{upload}', 'ab'.repeat(32))
      .replace('{index}', '1');

  /** A body broken in one field (or not a JSON object at all), on an election that exists, with the admin token: only the body is wrong. */
  const invalidRequest = (): fc.Arbitrary<Request & { field: string }> => {
    const withBody = operations.filter((o) => o.body);
    return fc.constantFrom(...withBody).chain((operation) => {
      // A union of objects (the 2019 commands): pick a branch, then break it.
      const branches: Schema[] = operation.body!.oneOf ?? [operation.body!];
      return fc
        .record({ at: pathOf(operation, fc.constantFrom(DRAFT, OPEN)).map((at) => ({ ...at, path: validPathParts(at.path) })), branch: fc.constantFrom(...branches) })
        .chain(({ at, branch }) => {
          const broken = breaksOf(branch);
          const notAnObject = fc.constantFrom({ body: '{"unterminated', field: 'body' }, { body: '[]', field: operation.path === '/commands' ? 'command' : 'body' });
          // A body of any fields (a trustee's ceremony message, read field by field by the domain) can only be broken as a whole.
          if (broken.length === 0) return notAnObject.map((b) => ({ operation, ...at, ...b, authorized: true }));
          const brokenField = fc
            .tuple(generate(branch, hints()) as fc.Arbitrary<Record<string, unknown>>, fc.constantFrom(...broken))
            .map(([body, b]) => ({ body: JSON.stringify(applyBreak(body, b, branch)), field: b.field }));
          return fc.oneof({ weight: 4, arbitrary: brokenField }, { weight: 1, arbitrary: notAnObject }).map((b) => ({ operation, ...at, ...b, authorized: true }));
        });
    });
  };

  /** Sends one request and checks what every answer must be; returns the answer. */
  const checked = async (request: Request) => {
    const before = await record(request.electionId);
    const answer = await call(request.operation.method, request.path, request.body, request.authorized);
    const route = `${request.operation.method} ${request.path} ${request.body ?? ''}`;
    expect(answer.status, `${route} → ${JSON.stringify(answer.body)}`).toBeLessThan(500);
    expect([...request.operation.statuses], `${route} answered ${answer.status}, which the document does not list`).toContain(answer.status);
    if (answer.status >= 400) {
      expect(answer.body, route).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
      expect(await record(request.electionId), `${route} was refused but changed the log`).toEqual(before);
    }
    return answer;
  };

  it('answers generated valid requests to every route only as documented, never 5xx, and refusals change nothing', async () => {
    const accepted = new Set<string>();
    // Route by route, so that every route is tried in every run (drawing routes at random left one out now and then).
    for (const operation of operations) {
      await fc.assert(
        fc.asyncProperty(validRequest(operation), async (request) => {
          if ((await checked(request)).status < 300) accepted.add(`${operation.method} ${operation.path}`);
        }),
        { numRuns: 6, endOnFailure: true },
      );
    }
    // The generated requests are valid enough to be carried out, not only refused (about 12 routes in a run).
    expect(accepted.size).toBeGreaterThanOrEqual(6);
  });

  it('refuses every broken body with a 4xx that names the field, and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(invalidRequest(), async (request) => {
        const answer = await checked(request);
        expect(answer.status, request.body).toBeGreaterThanOrEqual(400);
        expect(answer.body.error.message, request.body).toContain(request.field);
      }),
      { numRuns: 200, endOnFailure: true },
    );
  });
});
