import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import { keys } from '../handlers/adapters/keys';
import { tally } from '../domain';
import { startBenchStack } from './benchStack';

/** 100,000 ballots read from DynamoDB Local's 16 shards (in parallel, as the tally step does) and counted. */
export async function benchTallyFromStore(count = 100_000): Promise<{ ballots: number; readSeconds: number; tallySeconds: number }> {
  const stack = await startBenchStack();
  try {
    const names = ['Ada', 'Grace', 'Alan'];
    // Seeding only: the system itself never batch-writes.
    for (let i = 0; i < count; i += 25) {
      const items = Array.from({ length: Math.min(25, count - i) }, (_, k) => {
        const key = keys.ballot('tally', randomBytes(16).toString('base64url'));
        return { PutRequest: { Item: { pk: { S: key.pk }, sk: { S: key.sk }, choices: { S: JSON.stringify([names[(i + k) % 3]]) } } } };
      });
      await stack.client.send(new BatchWriteItemCommand({ RequestItems: { [stack.tables.ballots]: items } }));
    }
    const read = performance.now();
    const ballots = await stack.deps.store.readBallots('tally');
    const readSeconds = (performance.now() - read) / 1000;
    const counted = performance.now();
    const result = tally(
      { kind: 'single' },
      names.map((name) => ({ name, email: 'x@bench.test', pageLink: 'https://bench.test' })),
      ballots,
    );
    if (result.ballots !== count) throw new Error(`read ${result.ballots} of ${count} ballots`);
    return { ballots: count, readSeconds, tallySeconds: (performance.now() - counted) / 1000 };
  } finally {
    await stack.stop();
  }
}
