import { randomBytes } from 'node:crypto';
import { TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { createApiHandler } from '../handlers/api/router';
import { runCommand } from '../handlers/runCommand';
import { registerVoters } from '../handlers/usecases/registerVoters';
import { startVoting } from '../handlers/usecases/startVoting';
import { serveApi } from '../infra/local/apiServer';
import { startBenchStack } from './benchStack';
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
  ourOverRaw: number;
}

/**
 * Voters casting once each over HTTP through the API handler and DynamoDB Local, at each
 * concurrency; beside it the raw floor: the same two-item TransactWriteItems sent straight to
 * DynamoDB Local at the same concurrency. Each level casts 2,000 ballots, after an unmeasured
 * warm-up, so that a run lasts seconds rather than the JIT's first hundred milliseconds.
 */
export async function benchCastPath(levels = [1, 8, 32, 64], castsPerLevel = 2000, warmUpCasts = 1000): Promise<CastLevel[]> {
  const stack = await startBenchStack();
  const api = await serveApi(createApiHandler(stack.deps), 0);
  try {
    const id = 'cast';
    const candidates = ['Ada', 'Grace', 'Alan'].map((name) => ({ name, email: `${name}@bench.test`, pageLink: 'https://bench.test' }));
    await runCommand(stack.deps, id, { type: 'CreateElection', electionId: id, title: 'Cast path', ballot: { kind: 'single' }, candidates, window: { closesAt: new Date(Date.now() + 3_600_000).toISOString() }, now: new Date() });
    const voters = Array.from({ length: castsPerLevel * levels.length + warmUpCasts }, (_, i) => ({ studentId: `c${i}`, email: `c${i}@bench.test` }));
    for (let i = 0; i < voters.length; i += 5000) await registerVoters(stack.deps, id, voters.slice(i, i + 5000));
    await stack.drainMail();
    await runCommand(stack.deps, id, { type: 'Lock' });
    await startVoting(stack.deps, id);
    const tokens = voters.map((v) => stack.mailer.tokens.get(v.email)!);

    const post = jsonPoster(api.url, Math.max(...levels));
    const castOnce = async (token: string) => (await post(`/elections/${id}/ballots`, { token, choices: ['Ada'] })) === 201;
    const rawOnce = async () => {
      const key = randomBytes(16).toString('base64url');
      await stack.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: stack.tables.ballots, ConditionExpression: 'attribute_not_exists(pk)', Item: { pk: { S: `RAW#VOTED#${key.slice(0, 1)}` }, sk: { S: key } } } },
            { Put: { TableName: stack.tables.ballots, ConditionExpression: 'attribute_not_exists(pk)', Item: { pk: { S: `RAW#BALLOTS#${key.slice(1, 2)}` }, sk: { S: key }, choices: { S: '["Ada"]' } } } },
          ],
        }),
      );
    };

    // Both JITs (V8 and DynamoDB Local's JVM) warm up on a first round that is not measured;
    // otherwise whichever side runs first pays for it.
    const warmUp = tokens.slice(-warmUpCasts);
    await timedPool(warmUp, Math.max(...levels), async (token) => void (await castOnce(token)));
    await timedPool(warmUp, Math.max(...levels), rawOnce);

    const results: CastLevel[] = [];
    for (const [level, concurrency] of levels.entries()) {
      const batch = tokens.slice(level * castsPerLevel, (level + 1) * castsPerLevel);
      let accepted = 0;
      const ours = await timedPool(batch, concurrency, async (token) => {
        if (await castOnce(token)) accepted += 1;
      });
      if (accepted !== batch.length) throw new Error(`only ${accepted} of ${batch.length} casts were accepted at concurrency ${concurrency}`);
      const raw = await timedPool(batch, concurrency, rawOnce);
      const ballotsPerSecond = batch.length / ours.seconds;
      const rawPerSecond = batch.length / raw.seconds;
      results.push({
        concurrency,
        casts: batch.length,
        ballotsPerSecond,
        p50Ms: percentile(ours.latencies, 50),
        p99Ms: percentile(ours.latencies, 99),
        rawPerSecond,
        rawP50Ms: percentile(raw.latencies, 50),
        rawP99Ms: percentile(raw.latencies, 99),
        ourOverRaw: ballotsPerSecond / rawPerSecond,
      });
    }
    const stored = await stack.deps.store.countBallots(id);
    const expected = castsPerLevel * levels.length + warmUpCasts;
    if (stored !== expected) throw new Error(`${stored} ballots stored for ${expected} accepted casts`);
    return results;
  } finally {
    await api.stop();
    await stack.stop();
  }
}
