import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, paginateQuery, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiTokenRecord, ApiTokens } from '../ports';
import { oldestFirst } from './apiTokenOrder';
import { keys } from './keys';
import type { TableNames } from './tableSchema';

const IS_NEW = 'attribute_not_exists(pk)';

/** A token as its two items keep it. Its end is `validUntil`: `expiresAt` is the table's TTL attribute, and a token outlives its end in the member's list. */
type StoredToken = Omit<ApiTokenRecord, 'expiresAt' | 'revokedAt'> & { validUntil: string };

/**
 * Personal API tokens on the events table, beside the log, written as everything there is: put
 * once, never changed. Each token is kept twice in one transaction, under its hash (how a request
 * finds it) and under its member (how the member lists them); a revocation is a new item beside
 * each.
 */
export class DynamoApiTokens implements ApiTokens {
  private readonly db: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(tables: Pick<TableNames, 'events'>, client: DynamoDBClient = new DynamoDBClient({})) {
    this.tableName = tables.events;
    this.db = DynamoDBDocumentClient.from(client);
  }

  /** A record's `revokedAt` is not kept: a token is revoked by revokeToken alone. */
  async putToken(record: ApiTokenRecord): Promise<void> {
    const token: StoredToken = {
      id: record.id,
      hash: record.hash,
      member: { id: record.member.id, name: record.member.name },
      role: record.role,
      label: record.label,
      createdAt: record.createdAt,
      validUntil: record.expiresAt,
    };
    const put = (key: { pk: string; sk: string }) => ({ Put: { TableName: this.tableName, ConditionExpression: IS_NEW, Item: { ...key, ...token } } });
    await this.db.send(new TransactWriteCommand({ TransactItems: [put(keys.apiToken(record.hash)), put(keys.memberToken(record.member.id, record.id))] }));
  }

  async tokenByHash(hash: string): Promise<ApiTokenRecord | undefined> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.apiToken(hash).pk }, ConsistentRead: true }),
    );
    const token = Items.find((item) => item.sk === keys.apiToken(hash).sk);
    const revocation = Items.find((item) => item.sk === keys.apiTokenRevocation(hash).sk);
    return token && recordOf(token as StoredToken, revocation?.revokedAt);
  }

  async tokensOf(memberId: string): Promise<ApiTokenRecord[]> {
    const tokens: StoredToken[] = [];
    const revokedAt = new Map<string, string>();
    const query = { TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.memberTokens(memberId) }, ConsistentRead: true };
    for await (const page of paginateQuery({ client: this.db }, query)) {
      for (const item of page.Items ?? []) {
        if (item.sk === keys.memberToken(memberId, item.id).sk) tokens.push(item as StoredToken);
        else revokedAt.set(item.id, item.revokedAt);
      }
    }
    return tokens.map((token) => recordOf(token, revokedAt.get(token.id))).sort(oldestFirst);
  }

  async revokeToken(id: string, memberId: string, at: string): Promise<boolean> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.memberToken(memberId, id), ConsistentRead: true }));
    if (!Item) return false;
    const put = (key: { pk: string; sk: string }) => ({ Put: { TableName: this.tableName, ConditionExpression: IS_NEW, Item: { ...key, id, revokedAt: at } } });
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: [put(keys.apiTokenRevocation(Item.hash)), put(keys.memberTokenRevocation(memberId, id))] }));
    } catch (error) {
      // Revoked already: the first revocation stands.
      const revokedBefore = error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed');
      if (!revokedBefore) throw error;
    }
    return true;
  }
}

function recordOf(token: StoredToken, revokedAt: string | undefined): ApiTokenRecord {
  const { id, hash, member, role, label, createdAt, validUntil } = token;
  return { id, hash, member: { id: member.id, name: member.name }, role, label, createdAt, expiresAt: validUntil, ...(revokedAt !== undefined && { revokedAt }) };
}
