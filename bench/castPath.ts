import { randomBytes } from 'node:crypto';
import { BatchWriteItemCommand, TransactWriteItemsCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { keys } from '../handlers/adapters/keys';
import type { ApiEvent } from '../handlers/api/http';
import { createApiHandler } from '../handlers/api/router';
import { runCommand } from '../handlers/runCommand';
import { registerVoters } from '../handlers/usecases/registerVoters';
import { startVoting } from '../handlers/usecases/startVoting';
import { serveApi } from '../infra/local/apiServer';
import { startBenchStack, type BenchStack } from './benchStack';
import { jsonPoster } from './loadClient';
import { percentile, timedPool } from './pool';

export interface CastLevel {
  concurrency: number;
  casts: number;
  ballotsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  rawPerSecond: number;
  rawP50Ms: number;
  rawP99Ms: number;
  /** Over HTTP through the local stack's server, which on AWS is API Gateway's work, not ours. */
  ourOverRaw: number;
  /** The cast Lambda's handler invoked with the API Gateway event, as Lambda runs it: what our code costs. */
  handlerPerSecond: number;
  handlerP50Ms: number;
  handlerP99Ms: number;
  handlerOverRaw: number;
}

/** The raw floor's election: its keys have the shapes and lengths of the cast election's. */
const RAW = 'bare';

/**
 * Voters casting once each at each concurrency, two ways: over HTTP through the local stack's
 * server, and by invoking the API handler with the event API Gateway gives the cast Lambda (on
 * AWS the HTTP work is API Gateway's, not our function's). Beside them the raw floor: the
 * transaction our cast sends (marker and ballot puts, the credential and revocation checks, the
 * queued confirmation), built by hand with fresh keys against credentials seeded for it, sent
 * straight to DynamoDB Local at the same concurrency. So handler/raw is what our code costs, and
 * HTTP/raw adds the local server. Each run casts 2,000 ballots, after an unmeasured warm-up, so
 * that a run lasts seconds rather than the JIT's first hundred milliseconds.
 */
export async function benchCastPath(levels = [1, 8, 32, 64], castsPerLevel = 2000, warmUpCasts = 1000): Promise<CastLevel[]> {
  const stack = await startBenchStack();
  const handler = createApiHandler(stack.deps);
  const api = await serveApi(handler, 0);
  try {
    const id = 'cast';
    const candidates = ['Ada', 'Grace', 'Alan'].map((name) => ({ name, email: `${name}@bench.test`, pageLink: 'https://bench.test' }));
    await runCommand(stack.deps, id, { type: 'CreateElection', electionId: id, title: 'Cast path', ballot: { kind: 'single' }, candidates, window: { closesAt: new Date(Date.now() + 3_600_000).toISOString() }, now: new Date() });
    const voters = Array.from({ length: 2 * castsPerLevel * levels.length + warmUpCasts }, (_, i) => ({ studentId: `c${i}`, email: `c${i}@bench.test` }));
    for (let i = 0; i < voters.length; i += 5000) await registerVoters(stack.deps, id, voters.slice(i, i + 5000));
    await stack.drainMail();
    await runCommand(stack.deps, id, { type: 'Lock' });
    await startVoting(stack.deps, id);
    const tokens = voters.map((v) => stack.mailer.tokens.get(v.email)!);

    const post = jsonPoster(api.url, Math.max(...levels));
    const castOnce = async (token: string) => (await post(`/elections/${id}/ballots`, { token, choices: ['Ada'] })) === 201;
    const invokeOnce = async (token: string) => (await handler(castEvent(`/elections/${id}/ballots`, { token, choices: ['Ada'] }))).statusCode === 201;
    const rawCredentials = await seedRawCredentials(stack, voters.length);
    const rawOnce = async (tokenHash: string) => void (await stack.client.send(new TransactWriteItemsCommand({ TransactItems: rawCast(stack.tables, tokenHash) })));

    // Both JITs (V8 and DynamoDB Local's JVM) warm up on a first round that is not measured;
    // otherwise whichever side runs first pays for it.
    const warmUp = tokens.slice(-warmUpCasts);
    await timedPool(warmUp.slice(0, warmUpCasts / 2), Math.max(...levels), async (token) => void (await castOnce(token)));
    await timedPool(warmUp.slice(warmUpCasts / 2), Math.max(...levels), async (token) => void (await invokeOnce(token)));
    await timedPool(rawCredentials.slice(-warmUpCasts), Math.max(...levels), rawOnce);

    const results: CastLevel[] = [];
    for (const [level, concurrency] of levels.entries()) {
      const batch = tokens.slice(2 * level * castsPerLevel, (2 * level + 1) * castsPerLevel);
      const invoked = tokens.slice((2 * level + 1) * castsPerLevel, (2 * level + 2) * castsPerLevel);
      const ours = await acceptedPool(batch, concurrency, castOnce);
      const direct = await acceptedPool(invoked, concurrency, invokeOnce);
      const raw = await timedPool(rawCredentials.slice(level * castsPerLevel, (level + 1) * castsPerLevel), concurrency, rawOnce);
      const perSecond = (run: { seconds: number }) => castsPerLevel / run.seconds;
      results.push({
        concurrency,
        casts: castsPerLevel,
        ballotsPerSecond: perSecond(ours),
        p50Ms: percentile(ours.latencies, 50),
        p99Ms: percentile(ours.latencies, 99),
        rawPerSecond: perSecond(raw),
        rawP50Ms: percentile(raw.latencies, 50),
        rawP99Ms: percentile(raw.latencies, 99),
        ourOverRaw: perSecond(ours) / perSecond(raw),
        handlerPerSecond: perSecond(direct),
        handlerP50Ms: percentile(direct.latencies, 50),
        handlerP99Ms: percentile(direct.latencies, 99),
        handlerOverRaw: perSecond(direct) / perSecond(raw),
      });
    }
    const stored = await stack.deps.store.countBallots(id);
    const expected = voters.length;
    if (stored !== expected) throw new Error(`${stored} ballots stored for ${expected} accepted casts`);
    return results;
  } finally {
    await api.stop();
    await stack.stop();
  }
}

/** Every cast accepted, or the run says which level lost some. */
async function acceptedPool(tokens: string[], concurrency: number, cast: (token: string) => Promise<boolean>) {
  let accepted = 0;
  const run = await timedPool(tokens, concurrency, async (token) => {
    if (await cast(token)) accepted += 1;
  });
  if (accepted !== tokens.length) throw new Error(`only ${accepted} of ${tokens.length} casts were accepted at concurrency ${concurrency}`);
  return run;
}

/** The event API Gateway hands the cast Lambda for this request. */
function castEvent(path: string, body: unknown): ApiEvent {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: {
      accountId: 'bench',
      apiId: 'bench',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: randomBytes(8).toString('hex'),
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

const text = (value: string): AttributeValue => ({ S: value });
const number = (value: number): AttributeValue => ({ N: String(value) });
const item = (fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, text(value)]));

/** Credentials for the raw floor, one per transaction (as each voter has their own), written as the sender writes ours; their hashes. */
async function seedRawCredentials(stack: BenchStack, count: number): Promise<string[]> {
  const hashes = Array.from({ length: count }, () => randomBytes(32).toString('hex'));
  const batches = Array.from({ length: Math.ceil(count / 25) }, (_, i) => hashes.slice(i * 25, (i + 1) * 25));
  await timedPool(batches, 8, async (batch) => {
    let requests = batch.map((hash, i) => ({
      PutRequest: { Item: { ...item({ ...keys.credential(hash), electionId: RAW, studentId: `c${i}`, email: `c${i}@bench.test` }), generation: number(0) } },
    }));
    while (requests.length > 0) {
      const { UnprocessedItems } = await stack.client.send(new BatchWriteItemCommand({ RequestItems: { [stack.tables.events]: requests } }));
      requests = (UnprocessedItems?.[stack.tables.events] ?? []) as typeof requests;
    }
  });
  return hashes;
}

/** The items of our cast's TransactWriteItems (DynamoElectionStore.castBallot), for a fresh ballot under this credential. */
function rawCast(tables: BenchStack['tables'], tokenHash: string) {
  const isNew = 'attribute_not_exists(pk)';
  const confirmation = keys.confirmationMail(RAW, tokenHash);
  return [
    { Put: { TableName: tables.ballots, ConditionExpression: isNew, Item: item(keys.marker(RAW, tokenHash)) } },
    { Put: { TableName: tables.ballots, ConditionExpression: isNew, Item: item({ ...keys.ballot(RAW, randomBytes(16).toString('base64url')), choices: '["Ada"]' }) } },
    {
      ConditionCheck: {
        TableName: tables.events,
        Key: item(keys.credential(tokenHash)),
        ConditionExpression: 'attribute_exists(pk) AND electionId = :election',
        ExpressionAttributeValues: { ':election': text(RAW) },
      },
    },
    { ConditionCheck: { TableName: tables.events, Key: item(keys.revocation(tokenHash)), ConditionExpression: isNew } },
    {
      Put: {
        TableName: tables.mail,
        ConditionExpression: isNew,
        Item: {
          ...item({ ...confirmation, electionId: RAW, tokenHash, kind: 'confirmation', status: 'pending', due: new Date().toISOString(), queue: keys.queue(confirmation.pk) }),
          generation: number(0),
          attempts: number(0),
        },
      },
    },
  ];
}
