import { randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { MAIL_STATUSES, type MailReport, type MailStatus, type VoterMail } from '../../contract/mailReport';
import type { AlertClaims, ClaimedLinkRequest, ClaimedMail, CredentialResend, LinkRequests, MailKey, MailOutbox, MailOutcome, PersonalMail, RemindableVoter, VoterCredentials } from '../ports';
import { erasePartition } from './batchDelete';
import { allShards, keys } from './keys';
import { MAIL_TABLE, type TableNames } from './tableSchema';

const names = { '#status': 'status', '#queue': 'queue' };

/**
 * The outbox on the mail table. An item to send carries `queue` and `due`, which put it on the
 * in-flight index; settling it removes `queue`. Every change is conditional, so a stream record
 * delivered twice, a sweep and a stream batch racing, or a re-issue meanwhile, change nothing twice.
 */
export class DynamoMailQueue implements MailOutbox, LinkRequests, AlertClaims, PersonalMail {
  private readonly db: DynamoDBDocumentClient;
  private readonly table: string;

  constructor(tables: Pick<TableNames, 'mail'>, client: DynamoDBClient = new DynamoDBClient({})) {
    this.table = tables.mail;
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async claim(key: MailKey, now: Date, leaseMs: number): Promise<ClaimedMail | undefined> {
    const item = await this.claimItem(key, now, leaseMs);
    if (!item) return undefined;
    return {
      key,
      electionId: item.electionId,
      kind: item.kind,
      generation: item.generation,
      attempts: item.attempts,
      ...(item.studentId !== undefined && { studentId: item.studentId }),
      ...(item.tokenHash !== undefined && { tokenHash: item.tokenHash }),
      ...(item.correction !== undefined && { correction: item.correction }),
    };
  }

  async claimLinkRequest(key: MailKey, now: Date, leaseMs: number): Promise<ClaimedLinkRequest | undefined> {
    const item = await this.claimItem(key, now, leaseMs);
    return item && { key, electionId: item.electionId, address: item.address, counted: item.counted === true };
  }

  /** The item as it is once claimed, or undefined when it is not due, settled, or someone else holds it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private async claimItem(key: MailKey, now: Date, leaseMs: number): Promise<Record<string, any> | undefined> {
    try {
      const { Attributes: item } = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression: 'SET #status = :sending, leaseUntil = :lease ADD attempts :one',
          ConditionExpression: 'attribute_exists(#queue) AND due <= :now AND (#status = :pending OR (#status = :sending AND leaseUntil < :now))',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':sending': 'sending', ':pending': 'pending', ':now': now.toISOString(), ':lease': new Date(now.getTime() + leaseMs).toISOString(), ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return item;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async queueLinkRequest(electionId: string, address: string, now: Date): Promise<void> {
    const key = keys.linkRequest(electionId, randomBytes(16).toString('base64url'));
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        ConditionExpression: 'attribute_not_exists(pk)',
        Item: { ...key, electionId, kind: 'link-request', address, status: 'pending', attempts: 0, due: now.toISOString(), queue: keys.queue(key.pk) },
      }),
    );
  }

  async resendCredential({ electionId, studentId, generation, now, lastBefore, maxRequests }: CredentialResend): Promise<boolean> {
    const key = keys.voterMail(electionId, studentId);
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key,
          // The credential mail again, of the same generation: the link it carries is the one the voter has.
          UpdateExpression: 'SET kind = :credential, #status = :pending, attempts = :zero, due = :now, #queue = :queue, lastRequestAt = :now REMOVE messageId, reason, leaseUntil ADD requests :one',
          ConditionExpression:
            'generation = :generation AND NOT (#status IN (:pending, :sending, :postal, :held)) AND (attribute_not_exists(lastRequestAt) OR lastRequestAt < :lastBefore) AND (attribute_not_exists(requests) OR requests < :max)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: {
            ':credential': 'credential',
            ':pending': 'pending',
            ':sending': 'sending',
            ':postal': 'postal',
            ':held': 'held',
            ':zero': 0,
            ':one': 1,
            ':now': now.toISOString(),
            ':queue': keys.queue(key.pk),
            ':generation': generation,
            ':lastBefore': lastBefore.toISOString(),
            ':max': maxRequests,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async settleLinkRequest(request: ClaimedLinkRequest): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: request.key,
          UpdateExpression: 'SET #status = :answered REMOVE #queue, leaseUntil, address',
          ConditionExpression: '#status = :sending',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':answered': 'answered', ':sending': 'sending' },
        }),
      );
    } catch (error) {
      // Answered already, by a sender that took the claim over.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async settle(mail: ClaimedMail, outcome: MailOutcome, now: Date): Promise<void> {
    const values: Record<string, unknown> = { ':sending': 'sending', ':generation': mail.generation };
    let update: string;
    switch (outcome.status) {
      case 'sent':
        // Every message id the item was sent under stays on it (`messageIds`), so that its erasure finds each message's item.
        update = `SET #status = :sent, sentAt = :at${outcome.messageId ? ', messageId = :message' : ''}${outcome.tokenHash ? ', tokenHash = :hash' : ''} REMOVE #queue, leaseUntil, reason${outcome.messageId ? ' ADD messageIds :messages' : ''}`;
        Object.assign(values, {
          ':sent': 'sent',
          ':at': now.toISOString(),
          ...(outcome.messageId && { ':message': outcome.messageId, ':messages': new Set([outcome.messageId]) }),
          ...(outcome.tokenHash && { ':hash': outcome.tokenHash }),
        });
        break;
      case 'skipped':
        update = 'SET #status = :sent REMOVE #queue, leaseUntil';
        values[':sent'] = 'sent';
        break;
      case 'undelivered':
        update = 'SET #status = :undelivered, reason = :reason REMOVE #queue, leaseUntil';
        Object.assign(values, { ':undelivered': 'undelivered', ':reason': outcome.reason });
        break;
      case 'retry':
        update = 'SET #status = :pending, reason = :reason, due = :due REMOVE leaseUntil';
        Object.assign(values, { ':pending': 'pending', ':reason': outcome.reason, ':due': outcome.due });
        break;
    }
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: mail.key,
          UpdateExpression: update,
          // Only the claim that is still current: a re-issue meanwhile queued a newer generation.
          ConditionExpression: '#status = :sending AND generation = :generation',
          // DynamoDB refuses a name that the expressions do not use.
          ExpressionAttributeNames: update.includes('#queue') ? names : { '#status': 'status' },
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return;
    }
    if (outcome.status === 'sent' && outcome.messageId) {
      await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keys.sentMessage(outcome.messageId), mailPk: mail.key.pk, mailSk: mail.key.sk } }));
    }
  }

  async due(now: Date, limit: number): Promise<MailKey[]> {
    const found: MailKey[] = [];
    for (const shard of allShards()) {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await this.db.send(
          new QueryCommand({
            TableName: this.table,
            IndexName: MAIL_TABLE.inFlightIndex.name,
            KeyConditionExpression: '#queue = :queue AND due <= :now',
            ExpressionAttributeNames: { '#queue': 'queue' },
            ExpressionAttributeValues: { ':queue': keys.queueShard(shard), ':now': now.toISOString() },
            Limit: limit - found.length,
            ExclusiveStartKey,
          }),
        );
        for (const item of page.Items ?? []) found.push({ pk: item.pk, sk: item.sk });
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey && found.length < limit);
      if (found.length >= limit) break;
    }
    return found;
  }

  async voterMail(electionId: string, studentId: string): Promise<VoterMail | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.voterMail(electionId, studentId), ConsistentRead: true }));
    return Item && toVoterMail(Item);
  }

  async claimBreachAlert(cloudTrailEventId: string, now: Date, leaseMs: number): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.breachAlertClaim(cloudTrailEventId), leaseUntil: new Date(now.getTime() + leaseMs).toISOString() },
          ConditionExpression: 'attribute_not_exists(pk) OR leaseUntil < :now',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async releaseBreachAlert(cloudTrailEventId: string, now: Date, leaseMs: number): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.breachAlertClaim(cloudTrailEventId), leaseUntil: new Date(0).toISOString() },
          ConditionExpression: 'leaseUntil = :ours',
          ExpressionAttributeValues: { ':ours': new Date(now.getTime() + leaseMs).toISOString() },
        }),
      );
    } catch (error) {
      // Someone took the claim over meanwhile: it is theirs to give up.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async recordMailEvent(messageId: string, outcome: 'delivered' | 'bounced' | 'complained', reason?: string): Promise<boolean> {
    const { Item: sent } = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.sentMessage(messageId) }));
    if (!sent) return false;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: sent.mailPk, sk: sent.mailSk },
          UpdateExpression: reason === undefined ? 'SET #status = :outcome' : 'SET #status = :outcome, reason = :reason',
          // A delivery never overrides a bounce or complaint that came first; either overrides a
          // delivery; nothing overrides a postal voter's mark, which keeps them from a new credential.
          ConditionExpression: outcome === 'delivered' ? 'messageId = :message AND #status = :sent' : 'messageId = :message AND #status <> :postal',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':outcome': outcome,
            ':message': messageId,
            ...(reason !== undefined && { ':reason': reason }),
            ...(outcome === 'delivered' ? { ':sent': 'sent' } : { ':postal': 'postal' }),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async *remindable(electionId: string, round: number): AsyncIterable<RemindableVoter[]> {
    const filter = {
      expression: '#status IN (:sent, :delivered) OR reminderRound = :round',
      projection: 'pk, sk, generation, #status, tokenHash, reminderRound',
      values: { ':sent': 'sent', ':delivered': 'delivered', ':round': round },
    };
    for await (const items of this.voterMailPages(electionId, filter)) {
      yield items.map((item) => ({
        key: { pk: item.pk, sk: item.sk },
        generation: item.generation,
        status: item.status,
        ...(item.tokenHash !== undefined && { tokenHash: item.tokenHash }),
        ...(item.reminderRound !== undefined && { reminderRound: item.reminderRound }),
      }));
    }
  }

  async *heldCredentials(electionId: string): AsyncIterable<MailKey[]> {
    for await (const items of this.voterMailPages(electionId, { expression: '#status = :held', projection: 'pk, sk', values: { ':held': 'held' } })) {
      yield items.map((item) => ({ pk: item.pk as string, sk: item.sk as string }));
    }
  }

  async *voterCredentialPages(electionId: string): AsyncIterable<VoterCredentials[]> {
    for await (const items of this.voterMailPages(electionId, { projection: 'studentId, generation' })) {
      yield items.map((item) => ({ studentId: String(item.studentId), generation: Number(item.generation) }));
    }
  }

  /** Shard by shard; each message's item first, found through the mail items' message ids, which go with them. */
  async eraseElectionMail(electionId: string): Promise<number> {
    const messages = { attributes: 'messageId, messageIds', keysOf: keys.sentMessagesOf };
    let erased = 0;
    for (const partition of keys.electionMailPartitions(electionId)) erased += await erasePartition(this.db, this.table, partition, messages);
    return erased;
  }

  /** The election's voter mail items (those that pass `filter.expression`, when given), a page of the table at a time, shard after shard. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private async *voterMailPages(electionId: string, filter: { expression?: string; projection: string; values?: Record<string, unknown> }): AsyncIterable<Record<string, any>[]> {
    for (const shard of allShards()) {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await this.db.send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :voter)',
            ...(filter.expression && { FilterExpression: filter.expression, ExpressionAttributeNames: { '#status': 'status' } }),
            ProjectionExpression: filter.projection,
            ExpressionAttributeValues: { ':pk': keys.mailShard(electionId, shard), ':voter': 'VOTER#', ...filter.values },
            ExclusiveStartKey,
          }),
        );
        if (page.Items?.length) yield page.Items;
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    }
  }

  async releaseCredential(key: MailKey, now: Date): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression: 'SET #status = :pending, attempts = :zero, due = :now, #queue = :queue',
          ConditionExpression: '#status = :held',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':pending': 'pending', ':held': 'held', ':zero': 0, ':now': now.toISOString(), ':queue': keys.queue(key.pk) },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async queueReminder(voter: RemindableVoter, round: number, now: Date): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: voter.key,
          UpdateExpression: 'SET kind = :reminder, #status = :pending, attempts = :zero, due = :now, #queue = :queue, reminderRound = :round REMOVE reason, leaseUntil',
          ConditionExpression: 'generation = :generation AND #status = :seen AND (attribute_not_exists(reminderRound) OR reminderRound <> :round)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: {
            ':reminder': 'reminder',
            ':pending': 'pending',
            ':zero': 0,
            ':now': now.toISOString(),
            ':queue': keys.queue(voter.key.pk),
            ':round': round,
            ':generation': voter.generation,
            ':seen': voter.status,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async report(electionId: string): Promise<MailReport> {
    const counts = Object.fromEntries(MAIL_STATUSES.map((s) => [s, 0])) as Record<MailStatus, number>;
    const problems: VoterMail[] = [];
    await Promise.all(
      allShards().map(async (shard) => {
        let ExclusiveStartKey: Record<string, unknown> | undefined;
        do {
          const page = await this.db.send(
            new QueryCommand({
              TableName: this.table,
              KeyConditionExpression: 'pk = :pk AND begins_with(sk, :voter)',
              ExpressionAttributeValues: { ':pk': keys.mailShard(electionId, shard), ':voter': 'VOTER#' },
              ProjectionExpression: 'studentId, email, kind, generation, #status, reason, correction',
              ExpressionAttributeNames: { '#status': 'status' },
              ExclusiveStartKey,
            }),
          );
          for (const item of page.Items ?? []) {
            const mail = toVoterMail(item);
            counts[mail.status] += 1;
            if (mail.status === 'undelivered' || mail.status === 'bounced' || mail.status === 'complained') problems.push(mail);
          }
          ExclusiveStartKey = page.LastEvaluatedKey;
        } while (ExclusiveStartKey);
      }),
    );
    return { counts, problems: problems.sort((a, b) => (a.studentId < b.studentId ? -1 : 1)) };
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toVoterMail(item: Record<string, any>): VoterMail {
  return {
    studentId: item.studentId,
    email: item.email,
    kind: item.kind,
    generation: item.generation,
    status: item.status,
    ...(item.reason !== undefined && { reason: item.reason }),
    ...(item.correction !== undefined && { correction: item.correction }),
  };
}
