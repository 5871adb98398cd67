import { randomUUID } from 'node:crypto';
import { BatchWriteItemCommand, CreateTableCommand, DescribeTableCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as SdkStreamRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { queuedKeys } from '../../handlers/mail/mailStream';
import { startStreamPoller, type StreamPoller, type StreamPollerOptions } from '../../infra/local/streamPoller';
import { RecordingLog } from '../support/harness';
import { waitFor } from '../support/waitFor';

const local = { endpoint: inject('dynamoDbEndpoint'), region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const client = new DynamoDBClient(local);

async function tableWithStream(stream = true): Promise<string> {
  const TableName = `stream-${randomUUID()}`;
  await client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      ...(stream && { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } }),
    }),
  );
  return TableName;
}

const put = (TableName: string, pk: string, more: Record<string, any> = {}) => client.send(new PutItemCommand({ TableName, Item: { pk: { S: pk }, ...more } }));

async function putMany(TableName: string, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 25) {
    const RequestItems = { [TableName]: keys.slice(i, i + 25).map((pk) => ({ PutRequest: { Item: { pk: { S: pk }, email: { S: `${pk}@uni.test` } } } })) };
    await client.send(new BatchWriteItemCommand({ RequestItems }));
  }
}

/** Every batch the handler was given, and what it did with it. */
class RecordingHandler {
  readonly calls: { records: DynamoDBRecord[]; failed: boolean }[] = [];
  inFlight = 0;
  mostInFlight = 0;
  constructor(private readonly behave: (call: number) => Promise<void> = async () => undefined) {}
  handle = async (event: DynamoDBStreamEvent): Promise<void> => {
    this.inFlight += 1;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    const call = this.calls.push({ records: event.Records, failed: false });
    try {
      await this.behave(call);
    } catch (error) {
      this.calls[call - 1]!.failed = true;
      throw error;
    } finally {
      this.inFlight -= 1;
    }
  };
  /** The records of the batches the handler took, in the order it took them. */
  handled(): DynamoDBRecord[] {
    return this.calls.filter((c) => !c.failed).flatMap((c) => c.records);
  }
  handledKeys(): string[] {
    return this.handled().map((r) => r.dynamodb!.Keys!.pk!.S!);
  }
}

const pollers: StreamPoller[] = [];
function poll(tableName: string, handler: RecordingHandler, more: Partial<StreamPollerOptions> = {}): StreamPoller {
  const poller = startStreamPoller({ client, tableName, handler: handler.handle, log: new RecordingLog(), idleMs: 20, ...more });
  pollers.push(poller);
  return poller;
}
afterEach(async () => {
  await Promise.all(pollers.splice(0).map((p) => p.stop()));
});

describe('the local stream poller hands the mail table stream to the sender as Lambda would', () => {
  it('delivers inserts and modifies in order, with keys and new image as a Lambda handler receives them', async () => {
    const table = await tableWithStream();
    const handler = new RecordingHandler();
    const poller = poll(table, handler);
    await put(table, 'a', { status: { S: 'pending' }, sk: { S: 'MAIL' }, blob: { B: Buffer.from('hi') }, tags: { L: [{ M: { raw: { BS: [Buffer.from([1, 2])] } } }] } });
    await put(table, 'b', { status: { S: 'pending' }, sk: { S: 'MAIL' } });
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: { pk: { S: 'a' } },
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': { S: 'sent' } },
      }),
    );
    await poller.drained();

    const records = handler.handled();
    expect(records.map((r) => [r.eventName, r.dynamodb!.Keys])).toEqual([
      ['INSERT', { pk: { S: 'a' } }],
      ['INSERT', { pk: { S: 'b' } }],
      ['MODIFY', { pk: { S: 'a' } }],
    ]);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
    const [first, , modified] = records;
    expect(first).toMatchObject({ eventSource: 'aws:dynamodb', eventSourceARN: Table!.LatestStreamArn, eventID: expect.any(String) });
    // Lambda's event is JSON: binary is base64, at any depth.
    expect(first!.dynamodb!.NewImage).toEqual({
      pk: { S: 'a' },
      sk: { S: 'MAIL' },
      status: { S: 'pending' },
      blob: { B: Buffer.from('hi').toString('base64') },
      tags: { L: [{ M: { raw: { BS: ['AQI='] } } }] },
    });
    expect(modified!.dynamodb!.NewImage!.status).toEqual({ S: 'sent' });
    expect(first!.dynamodb).not.toHaveProperty('OldImage');
    expect(Number.isInteger(first!.dynamodb!.ApproximateCreationDateTime)).toBe(true);
    expect(String(first!.dynamodb!.ApproximateCreationDateTime)).toHaveLength(10); // seconds, not milliseconds
    const sequence = records.map((r) => BigInt(r.dynamodb!.SequenceNumber!));
    expect(sequence).toEqual([...sequence].sort((x, y) => (x < y ? -1 : 1)));
    // The sender's own reading of a batch finds what is still to send.
    expect(queuedKeys({ Records: records })).toEqual([
      { pk: 'a', sk: 'MAIL' },
      { pk: 'b', sk: 'MAIL' },
    ]);
  });

  it('gives a failing handler the same batch again until it takes it, skipping nothing, and logs no record contents', async () => {
    const table = await tableWithStream();
    const handler = new RecordingHandler(async (call) => {
      if (call <= 2) throw new Error('Email address is not verified: k1@uni.test');
    });
    const log = new RecordingLog();
    const poller = poll(table, handler, { batchSize: 2, log });
    await putMany(table, ['k1', 'k2', 'k3', 'k4', 'k5']);
    await poller.drained();

    const ids = (i: number) => handler.calls[i]!.records.map((r) => r.eventID);
    expect(handler.calls.slice(0, 3).map((c) => c.failed)).toEqual([true, true, false]);
    expect(ids(1)).toEqual(ids(0));
    expect(ids(2)).toEqual(ids(0));
    expect(handler.handledKeys()).toEqual(['k1', 'k2', 'k3', 'k4', 'k5']);
    expect(handler.calls.every((c) => c.records.length <= 2)).toBe(true);
    const failures = log.lines.filter((line) => line.includes('stream batch failed'));
    expect(failures).toHaveLength(2);
    expect(log.lines.join('\n')).not.toMatch(/uni\.test|k1/);
  });

  it('never calls the handler twice at once, and hands over 2,000 records complete, in order, in batches of at most 100', async () => {
    const table = await tableWithStream();
    const handler = new RecordingHandler(() => new Promise((resolve) => setImmediate(resolve)));
    const poller = poll(table, handler);
    const keys = Array.from({ length: 2000 }, (_, i) => `v${String(i).padStart(4, '0')}`);
    await Promise.all([putMany(table, keys.slice(0, 1000)), putMany(table, keys.slice(1000))]);
    await Promise.all([poller.drained(), poller.drained()]);

    expect(handler.mostInFlight).toBe(1);
    expect(handler.handledKeys().sort()).toEqual(keys);
    expect(new Set(handler.handled().map((r) => r.eventID)).size).toBe(2000);
    expect(handler.calls.every((c) => c.records.length <= 100)).toBe(true);
    const sequence = handler.handled().map((r) => BigInt(r.dynamodb!.SequenceNumber!));
    expect(sequence.every((s, i) => i === 0 || s > sequence[i - 1]!)).toBe(true);
  });

  it('drained() waits for records written before it, also when they arrive after an idle spell', async () => {
    const table = await tableWithStream();
    const handler = new RecordingHandler();
    const poller = poll(table, handler, { idleMs: 60_000 });
    await poller.drained();
    expect(handler.calls).toHaveLength(0);
    await putMany(table, ['x1', 'x2', 'x3']);
    await poller.drained();
    expect(handler.handledKeys()).toEqual(['x1', 'x2', 'x3']);
  });

  it('reads a table that stayed empty while other tables were written, as the mail table waits while the roll is imported', async () => {
    const table = await tableWithStream();
    const busy = await tableWithStream();
    const handler = new RecordingHandler();
    const poller = poll(table, handler);
    // DynamoDB Local refuses an iterator into an empty shard once any other table has written since it was made.
    let writing = true;
    const writers = Array.from({ length: 4 }, async (_, writer) => {
      for (let round = 0; writing; round += 1) await putMany(busy, [`w${writer}-${round}`]);
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await putMany(table, ['m1', 'm2', 'm3']);
    await poller.drained();
    writing = false;
    await Promise.all(writers);
    expect(handler.handledKeys()).toEqual(['m1', 'm2', 'm3']);
  });

  it('stop() waits for the handler call in flight, then ends the loop', async () => {
    const table = await tableWithStream();
    const order: string[] = [];
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const handler = new RecordingHandler(async () => {
      entered();
      await released;
      order.push('handler returned');
    });
    const poller = poll(table, handler);
    await put(table, 'slow');
    await inHandler;
    const stopped = poller.stop().then(() => order.push('stopped'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    release();
    await stopped;
    expect(order).toEqual(['handler returned', 'stopped']);
    await expect(poller.drained()).rejects.toThrow(/stopped/);
  });

  it('stop() ends the loop while a batch keeps failing, and a pending drained() is told', async () => {
    const table = await tableWithStream();
    const handler = new RecordingHandler(async () => {
      throw new Error('down');
    });
    const poller = poll(table, handler);
    await put(table, 'never');
    const waiting = poller.drained();
    waiting.catch(() => undefined);
    await waitFor(async () => handler.calls.length >= 2, { intervalMs: 10 });
    await poller.stop();
    await expect(waiting).rejects.toThrow(/stopped/);
    expect(handler.inFlight).toBe(0);
  });

  it('takes up an expired iterator after the last record handled: nothing skipped, nothing twice', async () => {
    const table = await tableWithStream();
    const streamsClient = new DynamoDBStreamsClient(local);
    let expireNextRead = false;
    streamsClient.middlewareStack.add(
      (next, context) => async (args) => {
        if (expireNextRead && context.commandName === 'GetRecordsCommand') {
          expireNextRead = false;
          throw new ExpiredIteratorException({ message: 'Iterator expired', $metadata: {} });
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    const handler = new RecordingHandler(async (call) => {
      if (call === 1) expireNextRead = true;
    });
    const poller = poll(table, handler, { streamsClient, batchSize: 3 });
    await putMany(table, ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']);
    await poller.drained();
    expect(expireNextRead).toBe(false);
    expect(handler.handledKeys()).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']);
    streamsClient.destroy();
  });

  it('refuses a table without a stream with a clear error', async () => {
    const table = await tableWithStream(false);
    const log = new RecordingLog();
    const poller = poll(table, new RecordingHandler(), { log });
    await expect(poller.drained()).rejects.toThrow(`table ${table} has no stream`);
    expect(log.lines.some((line) => line.includes('"level":"error"') && line.includes('has no stream'))).toBe(true);
    await poller.stop();
  });
});

describe('shards: parents before children, new shards followed, closed shards read to their end', () => {
  /** A stream whose shards split, which DynamoDB Local does not do within a test's time: served from memory. */
  class SplittingStream {
    readonly shards: (Shard & { records: SdkStreamRecord[] })[] = [];
    private sequence = 0;
    add(ShardId: string, ParentShardId?: string) {
      this.shards.push({ ShardId, ParentShardId, SequenceNumberRange: { StartingSequenceNumber: '0' }, records: [] });
    }
    write(shardId: string, pk: string) {
      this.sequence += 1;
      const SequenceNumber = String(this.sequence).padStart(21, '0');
      this.shardOf(shardId).records.push({ eventID: pk, eventName: 'INSERT', dynamodb: { Keys: { pk: { S: pk } }, NewImage: { pk: { S: pk } }, SequenceNumber } });
    }
    close(shardId: string) {
      this.shardOf(shardId).SequenceNumberRange!.EndingSequenceNumber = String(this.sequence).padStart(21, '0');
    }
    shardOf(shardId: string) {
      return this.shards.find((s) => s.ShardId === shardId)!;
    }
    client(): DynamoDBStreamsClient {
      const streams = new DynamoDBStreamsClient(local);
      const mock = mockClient(streams);
      // One shard per page, listed newest first, so paging and ordering both matter.
      mock.on(DescribeStreamCommand).callsFake(({ ExclusiveStartShardId }) => {
        const listed = [...this.shards].reverse();
        const at = ExclusiveStartShardId ? listed.findIndex((s) => s.ShardId === ExclusiveStartShardId) + 1 : 0;
        const shard = listed[at];
        const { records: _, ...description } = shard ?? { records: [] };
        return { StreamDescription: { Shards: shard ? [description] : [], LastEvaluatedShardId: at + 1 < listed.length ? shard!.ShardId : undefined } };
      });
      mock.on(GetShardIteratorCommand).callsFake(({ ShardId, ShardIteratorType, SequenceNumber }) => {
        const records = this.shardOf(ShardId).records;
        const position = ShardIteratorType === 'TRIM_HORIZON' ? 0 : records.findIndex((r) => r.dynamodb!.SequenceNumber === SequenceNumber) + 1;
        return { ShardIterator: `${ShardId}|${position}` };
      });
      mock.on(GetRecordsCommand).callsFake(({ ShardIterator, Limit }) => {
        const [shardId, position] = ShardIterator.split('|');
        const shard = this.shardOf(shardId);
        const records = shard.records.slice(Number(position), Number(position) + Limit);
        const next = Number(position) + records.length;
        const atEnd = shard.SequenceNumberRange!.EndingSequenceNumber !== undefined && next === shard.records.length;
        return { Records: records, NextShardIterator: atEnd ? undefined : `${shardId}|${next}` };
      });
      return streams;
    }
  }

  it('reads a parent to its end before its child and follows shards that appear later', async () => {
    const table = await tableWithStream();
    const stream = new SplittingStream();
    // Its own parent was trimmed from the stream long ago: nothing to wait for.
    stream.add('parent', 'trimmed');
    ['p1', 'p2', 'p3'].forEach((pk) => stream.write('parent', pk));
    const handler = new RecordingHandler();
    const poller = poll(table, handler, { streamsClient: stream.client(), batchSize: 2 });
    await poller.drained();
    expect(handler.handledKeys()).toEqual(['p1', 'p2', 'p3']);

    // The parent closes with nothing more in it; its child, listed first, is only readable once the parent is seen to end.
    stream.close('parent');
    stream.add('child', 'parent');
    ['c1', 'c2'].forEach((pk) => stream.write('child', pk));
    await poller.drained();
    expect(handler.handledKeys()).toEqual(['p1', 'p2', 'p3', 'c1', 'c2']);

    stream.write('child', 'c3');
    stream.close('child');
    stream.add('grandchild', 'child');
    stream.add('sibling', 'child');
    stream.write('grandchild', 'g1');
    stream.write('sibling', 's1');
    await poller.drained();
    // Two children of one parent are independent of each other; each follows everything before the split.
    expect(handler.handledKeys().slice(0, 6)).toEqual(['p1', 'p2', 'p3', 'c1', 'c2', 'c3']);
    expect(handler.handledKeys().slice(6).sort()).toEqual(['g1', 's1']);
    expect(handler.mostInFlight).toBe(1);
  });
});
