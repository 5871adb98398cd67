import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record as StreamRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { Log } from '../../handlers/ports';

export interface StreamPollerOptions {
  client: DynamoDBClient;
  tableName: string;
  handler: (event: DynamoDBStreamEvent) => Promise<void>;
  log: Log;
  batchSize?: number;
  idleMs?: number;
}

export interface StreamPoller {
  stop(): Promise<void>;
}

interface ShardCursor {
  shardId: string;
  iterator?: string;
  lastSequence?: string;
  closed: boolean;
}

/**
 * What Lambda's event source mapping does for a DynamoDB stream, over DynamoDB Local's Streams
 * API: every shard read from its start, parents before children, batches handed to the handler
 * one at a time, a failed batch retried (with backoff) until it goes through.
 */
export function startStreamPoller({ client, tableName, handler, log, batchSize = 100, idleMs = 200 }: StreamPollerOptions): StreamPoller {
  const streams = new DynamoDBStreamsClient({ region: client.config.region, endpoint: client.config.endpoint, credentials: client.config.credentials });
  const cursors = new Map<string, ShardCursor>();
  let stopped = false;
  let wake: (() => void) | undefined;
  const pause = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });

  async function streamArn(): Promise<string> {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (!Table?.LatestStreamArn) throw new Error(`table ${tableName} has no stream`);
    return Table.LatestStreamArn;
  }

  async function shards(arn: string): Promise<Shard[]> {
    const all: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: start }));
      all.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return all;
  }

  async function iteratorFor(arn: string, cursor: ShardCursor): Promise<string | undefined> {
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand(
        cursor.lastSequence
          ? { StreamArn: arn, ShardId: cursor.shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: cursor.lastSequence }
          : { StreamArn: arn, ShardId: cursor.shardId, ShardIteratorType: 'TRIM_HORIZON' },
      ),
    );
    return ShardIterator;
  }

  /** Hands a batch to the handler until it takes it, as the event source mapping retries a failed batch. */
  async function deliver(arn: string, records: StreamRecord[]): Promise<void> {
    const event = { Records: records.map((record) => toLambdaRecord(arn, record)) } as DynamoDBStreamEvent;
    for (let attempt = 1; !stopped; attempt += 1) {
      try {
        await handler(event);
        return;
      } catch (error) {
        // Never the records themselves: they hold addresses.
        log.warn('stream batch failed; retrying', { table: tableName, records: records.length, attempt, error: (error as Error).name });
        await pause(Math.min(5_000, 100 * 2 ** attempt));
      }
    }
  }

  /** Reads one shard as far as it goes now; true when something was handed over. */
  async function readShard(arn: string, cursor: ShardCursor): Promise<boolean> {
    try {
      cursor.iterator ??= await iteratorFor(arn, cursor);
    } catch (error) {
      // DynamoDB Local restarted on its files keeps shards it can no longer read: past them, as
      // past a shard Lambda's mapping has aged out of. What they held is queued still; the sweep sends it.
      if (!(error instanceof TrimmedDataAccessException)) throw error;
      cursor.closed = true;
      return false;
    }
    if (!cursor.iterator) {
      cursor.closed = true;
      return false;
    }
    let page;
    try {
      page = await streams.send(new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: batchSize }));
    } catch (error) {
      if (error instanceof TrimmedDataAccessException) {
        cursor.closed = true;
        return false;
      }
      if (!(error instanceof ExpiredIteratorException)) throw error;
      cursor.iterator = undefined;
      return false;
    }
    const records = page.Records ?? [];
    if (records.length > 0) {
      await deliver(arn, records);
      cursor.lastSequence = records.at(-1)!.dynamodb?.SequenceNumber ?? cursor.lastSequence;
    }
    cursor.iterator = page.NextShardIterator;
    if (!cursor.iterator) cursor.closed = true;
    return records.length > 0;
  }

  const loop = (async () => {
    const arn = await streamArn();
    while (!stopped) {
      let busy = false;
      try {
        for (const shard of await shards(arn)) {
          if (stopped) break;
          const id = shard.ShardId!;
          if (!cursors.has(id)) cursors.set(id, { shardId: id, closed: false });
          const cursor = cursors.get(id)!;
          // A child shard's records come after its parent's: read it only once the parent is done.
          const parent = shard.ParentShardId ? cursors.get(shard.ParentShardId) : undefined;
          if (cursor.closed || (parent && !parent.closed)) continue;
          if (await readShard(arn, cursor)) busy = true;
        }
      } catch (error) {
        log.warn('stream poll failed', { table: tableName, error: (error as Error).name, detail: (error as Error).message });
      }
      if (!busy && !stopped) await pause(idleMs);
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}

/** An SDK stream record in the shape Lambda hands a DynamoDB stream handler. */
function toLambdaRecord(eventSourceARN: string, record: StreamRecord) {
  const data = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion,
    eventSourceARN,
    dynamodb: {
      Keys: data.Keys,
      NewImage: data.NewImage,
      OldImage: data.OldImage,
      SequenceNumber: data.SequenceNumber,
      SizeBytes: data.SizeBytes,
      StreamViewType: data.StreamViewType,
      ApproximateCreationDateTime: data.ApproximateCreationDateTime ? Math.floor(new Date(data.ApproximateCreationDateTime).getTime() / 1000) : undefined,
    },
  };
}
