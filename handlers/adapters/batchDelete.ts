import { BatchGetCommand, BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { retry } from '../../contract/retry';
import type { ItemKey } from './keys';

/** BatchWriteItem's limit of requests in one call, and BatchGetItem's of keys. */
const WRITES_PER_BATCH = 25;
const READS_PER_BATCH = 100;
/** Tries of one batch while DynamoDB leaves some of it unprocessed (throttled), and the first wait: as DynamoDB asks, with exponential backoff. */
const BATCH_TRIES = { attempts: 8, baseDelayMs: 50 };

/** Part of a batch DynamoDB left unprocessed: the only failure a batch is sent again for (the SDK has retried the rest). */
class UnprocessedBatch extends Error {
  override readonly name = 'UnprocessedBatch';
}

/** Sends `batch` (its part left over, after the first call) until DynamoDB leaves nothing of it unprocessed. */
async function untilProcessed<T>(first: T[], send: (batch: T[]) => Promise<T[]>): Promise<void> {
  let left = first;
  await retry(
    async () => {
      left = await send(left);
      if (left.length > 0) throw new UnprocessedBatch(`${left.length} left unprocessed`);
    },
    { ...BATCH_TRIES, retryable: (error) => error instanceof UnprocessedBatch },
  );
}

/**
 * Deletes these items of the table, 25 to a call. A missing item is no error: deleting it again
 * changes nothing, so that a run cut short is simply run again.
 */
export async function deleteItems(db: DynamoDBDocumentClient, table: string, keys: readonly ItemKey[]): Promise<void> {
  for (let i = 0; i < keys.length; i += WRITES_PER_BATCH) {
    const requests = keys.slice(i, i + WRITES_PER_BATCH).map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } }));
    await untilProcessed(requests, async (batch) => {
      const { UnprocessedItems } = await db.send(new BatchWriteCommand({ RequestItems: { [table]: batch } }));
      return (UnprocessedItems?.[table] ?? []) as typeof batch;
    });
  }
}

/** Which of these items the table holds, 100 keys to a call (a key given twice, once: BatchGetItem refuses a repeat). */
export async function existingKeys(db: DynamoDBDocumentClient, table: string, keys: readonly ItemKey[]): Promise<ItemKey[]> {
  const distinct = [...new Map(keys.map(({ pk, sk }) => [`${pk}\u0000${sk}`, { pk, sk }])).values()];
  const found: ItemKey[] = [];
  for (let i = 0; i < distinct.length; i += READS_PER_BATCH) {
    const wanted = distinct.slice(i, i + READS_PER_BATCH);
    await untilProcessed(wanted, async (batch) => {
      const { Responses, UnprocessedKeys } = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: batch, ProjectionExpression: 'pk, sk', ConsistentRead: true } } }));
      for (const item of Responses?.[table] ?? []) found.push({ pk: String(item.pk), sk: String(item.sk) });
      return (UnprocessedKeys?.[table]?.Keys ?? []) as typeof batch;
    });
  }
  return found;
}

/** Items a partition's items name: `attributes` read with each item's key, `keysOf` the items named. */
export interface Referenced {
  attributes: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  keysOf(item: Record<string, any>): ItemKey[];
}

/**
 * Deletes every item of a partition, a page of keys at a time: a large roll is never held whole.
 * With `referenced`, first the items a page's items name, which nothing else leads to, so that none
 * is left behind. How many items it deleted: what it found, so 0 when run again.
 */
export async function erasePartition(db: DynamoDBDocumentClient, table: string, pk: string, referenced?: Referenced): Promise<number> {
  let erased = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ProjectionExpression: referenced ? `pk, sk, ${referenced.attributes}` : 'pk, sk',
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    const items = page.Items ?? [];
    const named = referenced
      ? await existingKeys(
          db,
          table,
          items.flatMap((item) => referenced.keysOf(item)),
        )
      : [];
    await deleteItems(db, table, named);
    await deleteItems(
      db,
      table,
      items.map((item) => ({ pk: String(item.pk), sk: String(item.sk) })),
    );
    erased += named.length + items.length;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return erased;
}
