import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, type CreateTableCommandInput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EVENTS_TABLE, MAIL_TABLE, type TableNames } from '../../handlers/adapters/tableSchema';

/** Creates the three tables as the CDK stack declares them (keys, the mail table's stream and index), each unless it exists. */
export async function ensureTables(client: DynamoDBClient, tables: TableNames): Promise<void> {
  await Promise.all([ensureTable(client, tables.events), ensureTable(client, tables.ballots), ensureMailTable(client, tables.mail)]);
}

const { partitionKey, sortKey } = EVENTS_TABLE;
const keyed = (tableName: string): CreateTableCommandInput => ({
  TableName: tableName,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: partitionKey.name, AttributeType: partitionKey.type },
    { AttributeName: sortKey.name, AttributeType: sortKey.type },
  ],
  KeySchema: [
    { AttributeName: partitionKey.name, KeyType: 'HASH' },
    { AttributeName: sortKey.name, KeyType: 'RANGE' },
  ],
});

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await createUnlessExists(client, keyed(tableName));
}

export async function ensureMailTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const base = keyed(tableName);
  const index = MAIL_TABLE.inFlightIndex;
  await createUnlessExists(client, {
    ...base,
    AttributeDefinitions: [
      ...base.AttributeDefinitions!,
      { AttributeName: index.partitionKey.name, AttributeType: index.partitionKey.type },
      { AttributeName: index.sortKey.name, AttributeType: index.sortKey.type },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    GlobalSecondaryIndexes: [
      {
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ],
  });
}

async function createUnlessExists(client: DynamoDBClient, input: CreateTableCommandInput): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: input.TableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(new CreateTableCommand(input));
}
