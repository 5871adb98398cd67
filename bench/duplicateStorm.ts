import { randomBytes } from 'node:crypto';
import { GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { createApiHandler } from '../handlers/api/router';
import { runCommand } from '../handlers/runCommand';
import { registerVoters } from '../handlers/usecases/registerVoters';
import { startVoting } from '../handlers/usecases/startVoting';
import { serveApi } from '../infra/local/apiServer';
import { ensureTable } from '../infra/local/createTable';
import { startBenchStack } from './benchStack';

export interface StormFigures {
  casts: number;
  tokens: number;
  accepted: number;
  ballotsStored: number;
  thesisVotesStored: number;
  thesisExtraVotes: number;
}

/**
 * 1,000 casts from 10 tokens at once against our cast path, and the same storm against the
 * 2019 algorithm (read the voted flag, mark pending, write the vote, mark voted) on the same
 * DynamoDB Local: how many extra votes the old way lets through.
 */
export async function benchDuplicateStorm(casts = 1000, tokens = 10): Promise<StormFigures> {
  const stack = await startBenchStack();
  const api = await serveApi(createApiHandler(stack.deps), 0);
  try {
    const id = 'storm';
    const candidates = [{ name: 'Ada', email: 'ada@bench.test', pageLink: 'https://bench.test' }];
    await runCommand(stack.deps, id, {
      type: 'CreateElection',
      electionId: id,
      title: 'Storm',
      ballot: { kind: 'single' },
      candidates,
      window: { closesAt: new Date(Date.now() + 3_600_000).toISOString() },
      now: new Date(),
    });
    const voters = Array.from({ length: tokens }, (_, i) => ({ studentId: `d${i}`, email: `d${i}@bench.test` }));
    await registerVoters(stack.deps, id, voters);
    await stack.drainMail();
    await runCommand(stack.deps, id, { type: 'Lock', now: stack.deps.clock.now() });
    await startVoting(stack.deps, id);
    const storm = Array.from({ length: casts }, (_, i) => stack.mailer.tokens.get(voters[i % tokens]!.email)!);
    const answers = await Promise.all(storm.map(async (token) => (await fetch(`${api.url}/elections/${id}/ballots`, { method: 'POST', body: JSON.stringify({ token, choices: ['Ada'] }) })).status));
    const accepted = answers.filter((s) => s === 201).length;
    const ballotsStored = await stack.deps.store.countBallots(id);
    if (accepted !== tokens || ballotsStored !== tokens) throw new Error(`storm: ${accepted} accepted, ${ballotsStored} stored, expected ${tokens}`);

    // The thesis's algorithm, on a table of its own shape: flags set by read-then-write.
    const thesis = 'thesis-voters';
    await ensureTable(stack.client, thesis);
    for (let v = 0; v < tokens; v += 1) await stack.client.send(new PutItemCommand({ TableName: thesis, Item: { pk: { S: `VOTER#${v}` }, sk: { S: 'VOTER' }, voted: { S: 'no' } } }));
    await Promise.all(
      Array.from({ length: casts }, async (_, i) => {
        const key = { pk: { S: `VOTER#${i % tokens}` }, sk: { S: 'VOTER' } };
        const { Item } = await stack.client.send(new GetItemCommand({ TableName: thesis, Key: key }));
        if (Item?.voted?.S !== 'no') return;
        await stack.client.send(new PutItemCommand({ TableName: thesis, Item: { ...key, voted: { S: 'pending' } } }));
        await stack.client.send(new PutItemCommand({ TableName: thesis, Item: { pk: { S: 'VOTES' }, sk: { S: randomBytes(12).toString('hex') }, candidate: { S: 'Ada' } } }));
        await stack.client.send(new PutItemCommand({ TableName: thesis, Item: { ...key, voted: { S: 'yes' } } }));
      }),
    );
    const { Count = 0 } = await stack.client.send(new QueryCommand({ TableName: thesis, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'VOTES' } }, Select: 'COUNT' }));
    return { casts, tokens, accepted, ballotsStored, thesisVotesStored: Count, thesisExtraVotes: Count - tokens };
  } finally {
    await api.stop();
    await stack.stop();
  }
}
