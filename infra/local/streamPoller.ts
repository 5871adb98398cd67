import { DescribeTableCommand, ResourceNotFoundException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record as SdkStreamRecord,
  type AttributeValue as SdkAttributeValue,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Log } from '../../handlers/ports';

export interface StreamPollerOptions {
  /** Finds the table's stream. */
  client: DynamoDBClient;
  /** Reads the stream; by default a client for the same endpoint, region and credentials as `client`. */
  streamsClient?: DynamoDBStreamsClient;
  tableName: string;
  handler: (event: DynamoDBStreamEvent) => Promise<void>;
  log: Log;
  /** Most records per handler call, like the event source mapping's BatchSize. */
  batchSize?: number;
  /** How long to wait before looking again once the stream has nothing new. */
  idleMs?: number;
}

export interface StreamPoller {
  /** Resolves once every record in the stream at the time of the call has been handled; rejects if the poller ends first. */
  drained(): Promise<void>;
  /** Ends the loop, even while a batch is being retried; resolves once no handler call is in flight. */
  stop(): Promise<void>;
}

/** Retries back off up to this: a failing handler is retried for as long as it fails, as on Lambda. */
const MAX_BACKOFF_MS = 3_000;
/** Pages read from one shard before the next shard gets its turn. */
const PAGES_PER_TURN = 10;

interface ShardCursor {
  iterator?: string;
  /** The last record handled, where an expired iterator is taken up again. */
  lastSequence?: string;
  /** Closed and read to its end. */
  finished: boolean;
}

interface DrainWaiter {
  resolve(): void;
  reject(error: Error): void;
  /** The number of the pass under way when drained() was called: it may have read a shard before the caller's writes. */
  duringPass: number;
}

/** The table cannot be read this way at all, so retrying would not help. */
class StreamUnavailable extends Error {}

/**
 * What Lambda's event source mapping does for a DynamoDB stream, over DynamoDB Local's Streams
 * API: every shard read from its start, parents before children, batches handed to the handler
 * one at a time (the sender's reserved concurrency of 1), a failed batch retried with backoff
 * until it goes through, so no record is skipped.
 */
export function startStreamPoller(options: StreamPollerOptions): StreamPoller {
  const { client, tableName, handler, log, batchSize = 100, idleMs = 200 } = options;
  const streams = options.streamsClient ?? new DynamoDBStreamsClient({ region: client.config.region, endpoint: client.config.endpoint, credentials: client.config.credentials });
  const cursors = new Map<string, ShardCursor>();
  let waiters: DrainWaiter[] = [];
  let passes = 0;
  let stopped = false;
  let ended: Error | undefined;

  let wake: (() => void) | undefined;
  let idling = false;
  const pause = (ms: number, idle = false) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wake = undefined;
        idling = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      wake = done;
      idling = idle;
    });
  const backoff = (attempt: number) => Math.min(MAX_BACKOFF_MS, 100 * 2 ** (attempt - 1));
  const cursorOf = (shardId: string) => {
    if (!cursors.has(shardId)) cursors.set(shardId, { finished: false });
    return cursors.get(shardId)!;
  };

  async function streamArn(): Promise<string> {
    let table;
    try {
      ({ Table: table } = await client.send(new DescribeTableCommand({ TableName: tableName })));
    } catch (error) {
      if (error instanceof ResourceNotFoundException) throw new StreamUnavailable(`table ${tableName} does not exist`);
      throw error;
    }
    if (!table?.StreamSpecification?.StreamEnabled || !table.LatestStreamArn) {
      throw new StreamUnavailable(`table ${tableName} has no stream: create it with StreamSpecification { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' }`);
    }
    return table.LatestStreamArn;
  }

  async function describeShards(arn: string): Promise<Shard[]> {
    const shards: Shard[] = [];
    let after: string | undefined;
    do {
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: after }));
      shards.push(...(StreamDescription?.Shards ?? []));
      after = StreamDescription?.LastEvaluatedShardId;
    } while (after);
    return shards;
  }

  async function iteratorFor(arn: string, shardId: string, cursor: ShardCursor): Promise<string | undefined> {
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand(
        cursor.lastSequence
          ? { StreamArn: arn, ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: cursor.lastSequence }
          : { StreamArn: arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' },
      ),
    );
    return ShardIterator;
  }

  /** Hands a batch to the handler until it takes it; false if the poller stopped first. */
  async function deliver(arn: string, records: SdkStreamRecord[]): Promise<boolean> {
    const event: DynamoDBStreamEvent = { Records: records.map((record) => toLambdaRecord(arn, record)) };
    for (let attempt = 1; !stopped; attempt += 1) {
      try {
        await handler(event);
        return true;
      } catch (error) {
        // The error's name only: the records, and messages about them, hold e-mail addresses.
        log.warn('stream batch failed; retrying it', { table: tableName, records: records.length, attempt, error: errorName(error) });
        await pause(backoff(attempt));
      }
    }
    return false;
  }

  /** Reads one shard as far as it goes now (a few pages at most); how many records it handed over. */
  async function readShard(arn: string, shardId: string, cursor: ShardCursor): Promise<number> {
    let handed = 0;
    // Whether the iterator in hand was made during this turn, after the pass began.
    let madeThisTurn = false;
    for (let page = 0; page < PAGES_PER_TURN && !stopped; page += 1) {
      let read;
      try {
        if (!cursor.iterator) {
          cursor.iterator = await iteratorFor(arn, shardId, cursor);
          madeThisTurn = true;
        }
        if (!cursor.iterator) {
          cursor.finished = true;
          break;
        }
        read = await streams.send(new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: batchSize }));
      } catch (error) {
        if (error instanceof ExpiredIteratorException) {
          cursor.iterator = undefined;
          continue;
        }
        // DynamoDB Local answers this, though nothing was trimmed, for an iterator made while the
        // shard held no records once any other table has written since (the tables share sequence
        // numbers); an iterator into a shard with records reads on. So an older iterator is made
        // afresh, and a fresh one refused means the shard was empty when this pass began.
        if (error instanceof TrimmedDataAccessException) {
          cursor.iterator = undefined;
          if (madeThisTurn) break;
          continue;
        }
        throw error;
      }
      const records = read.Records ?? [];
      if (records.length > 0) {
        if (!(await deliver(arn, records))) break;
        handed += records.length;
        cursor.lastSequence = records.at(-1)!.dynamodb!.SequenceNumber;
      }
      cursor.iterator = read.NextShardIterator;
      cursor.finished = !read.NextShardIterator;
      if (records.length === 0 || cursor.finished) break;
    }
    return handed;
  }

  /** One turn at every shard; true when the stream had nothing new anywhere. */
  async function pass(arn: string): Promise<boolean> {
    const shards = await describeShards(arn);
    const described = new Set(shards.map((shard) => shard.ShardId!));
    let quiet = true;
    for (const shard of shards) {
      if (stopped) return false;
      const cursor = cursorOf(shard.ShardId!);
      // A child's records come after its parent's: it waits (this pass) until the parent is read to its end.
      const parent = shard.ParentShardId;
      const parentUnread = parent !== undefined && described.has(parent) && !cursorOf(parent).finished;
      if (cursor.finished || parentUnread) continue;
      if ((await readShard(arn, shard.ShardId!, cursor)) > 0) quiet = false;
      // Its children, perhaps passed over above, can be read now.
      if (cursor.finished) quiet = false;
    }
    return quiet;
  }

  const loop = (async () => {
    let arn: string | undefined;
    for (let failures = 0; !stopped;) {
      // A write's stream record can be read as soon as the write returns, so a quiet pass begun
      // after drained() was called has seen everything written before the call.
      passes += 1;
      const asked = waiters.filter((waiter) => waiter.duringPass < passes);
      waiters = waiters.filter((waiter) => !asked.includes(waiter));
      try {
        arn ??= await streamArn();
        const quiet = await pass(arn);
        failures = 0;
        if (quiet) {
          for (const waiter of asked) waiter.resolve();
          // Waiters that came during this pass are answered by the next one, at once.
          if (waiters.length === 0) await pause(idleMs, true);
        } else {
          waiters.unshift(...asked);
        }
      } catch (error) {
        waiters.unshift(...asked);
        if (error instanceof StreamUnavailable) {
          log.error('stream poller cannot read the stream', { table: tableName, detail: error.message });
          ended = error;
          break;
        }
        failures += 1;
        log.warn('stream poll failed; trying again', { table: tableName, error: errorName(error), detail: (error as Error).message });
        await pause(backoff(failures));
      }
    }
    ended ??= new Error(`stream poller for ${tableName} stopped`);
    for (const waiter of waiters) waiter.reject(ended);
    waiters = [];
    if (!options.streamsClient) streams.destroy();
  })();

  return {
    drained() {
      if (ended) return Promise.reject(ended);
      return new Promise<void>((resolve, reject) => {
        waiters.push({ resolve, reject, duringPass: passes });
        if (idling) wake?.();
      });
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/** An SDK stream record as Lambda hands it to a DynamoDB stream handler. */
function toLambdaRecord(eventSourceARN: string, record: SdkStreamRecord): DynamoDBRecord {
  const data = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource,
    awsRegion: record.awsRegion,
    eventSourceARN,
    ...(record.userIdentity && { userIdentity: { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId } }),
    dynamodb: {
      ...(data.ApproximateCreationDateTime && { ApproximateCreationDateTime: Math.floor(data.ApproximateCreationDateTime.getTime() / 1000) }),
      ...(data.Keys && { Keys: toLambdaImage(data.Keys) }),
      ...(data.NewImage && { NewImage: toLambdaImage(data.NewImage) }),
      ...(data.OldImage && { OldImage: toLambdaImage(data.OldImage) }),
      SequenceNumber: data.SequenceNumber,
      SizeBytes: data.SizeBytes,
      StreamViewType: data.StreamViewType,
    },
  };
}

function toLambdaImage(image: Record<string, SdkAttributeValue>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toLambdaAttribute(value)]));
}

/** Lambda's event is JSON, so binary arrives base64-encoded where the SDK hands over bytes. */
function toLambdaAttribute(value: SdkAttributeValue): AttributeValue {
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.L !== undefined) return { L: value.L.map(toLambdaAttribute) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M) };
  return value as AttributeValue;
}
