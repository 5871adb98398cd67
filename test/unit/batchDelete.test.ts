import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteItems, existingKeys } from '../../handlers/adapters/batchDelete';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
const dbMock = mockClient(db);
const itemKeys = (count: number, from = 0) => Array.from({ length: count }, (_, i) => ({ pk: `ELECTION#e#ROLL`, sk: `VOTER#s${from + i}` }));

/** What DynamoDB Local never does: leave part of a batch unprocessed, as a throttled table does. */
describe('batch deletes and reads', () => {
  afterEach(() => dbMock.reset());

  it('deletes 25 items a call, and sends again what DynamoDB left unprocessed until none is left', async () => {
    const unprocessed = itemKeys(2).map((Key) => ({ DeleteRequest: { Key } }));
    dbMock
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { events: unprocessed } })
      .resolves({});
    await deleteItems(db, 'events', itemKeys(30));
    const batches = dbMock.commandCalls(BatchWriteCommand).map((call) => call.args[0].input.RequestItems!.events!.map((request) => request.DeleteRequest!.Key!.sk));
    expect(batches).toEqual([itemKeys(25).map((k) => k.sk), ['VOTER#s0', 'VOTER#s1'], itemKeys(5, 25).map((k) => k.sk)]);
  });

  it('reads 100 keys a call, each key once, asking again for those left unprocessed; gives the keys found', async () => {
    const wanted = [...itemKeys(150), ...itemKeys(10)];
    dbMock
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { events: itemKeys(1) }, UnprocessedKeys: { events: { Keys: itemKeys(1, 1) } } })
      .resolvesOnce({ Responses: { events: itemKeys(1, 1) } })
      .resolves({ Responses: { events: itemKeys(1, 149) } });
    expect(await existingKeys(db, 'events', wanted)).toEqual([...itemKeys(2), ...itemKeys(1, 149)]);
    const sizes = dbMock.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems!.events!.Keys!.length);
    expect(sizes).toEqual([100, 1, 50]);
  });
});
