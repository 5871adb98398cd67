import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { describe, inject } from 'vitest';
import { DynamoApiTokens } from '../../handlers/adapters/dynamoApiTokens';
import { DynamoElectionStore } from '../../handlers/adapters/dynamoElectionStore';
import { DynamoMailQueue } from '../../handlers/adapters/dynamoMailQueue';
import { ensureTables } from '../../infra/local/createTable';
import type { TableNames } from '../../handlers/adapters/tableSchema';
import { apiTokensContract } from './apiTokens.contract';
import { storeContract } from './storeContract';

/** An integration test: the DynamoDB store and mail queue on tables of their own in the shared DynamoDB Local, made once for the file. */
describe('the DynamoDB store and mail queue, on DynamoDB Local', () => {
  const client = new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint'), region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  let tables: Promise<TableNames> | undefined;
  const made = async (): Promise<TableNames> => {
    const names = { events: `events-${randomUUID()}`, ballots: `ballots-${randomUUID()}`, mail: `mail-${randomUUID()}` };
    await ensureTables(client, names);
    return names;
  };
  storeContract(async () => {
    const names = await (tables ??= made());
    return { store: new DynamoElectionStore(names, client), mail: new DynamoMailQueue(names, client), everyItem: () => scanAll(client, Object.values(names)) };
  });
  apiTokensContract(async () => new DynamoApiTokens(await (tables ??= made()), client));
});

/** Every item of these tables, page by page. */
async function scanAll(client: DynamoDBClient, tables: string[]): Promise<unknown[]> {
  const items: unknown[] = [];
  const db = DynamoDBDocumentClient.from(client);
  for (const TableName of tables) for await (const page of paginateScan({ client: db }, { TableName, ConsistentRead: true })) items.push(...(page.Items ?? []));
  return items;
}
