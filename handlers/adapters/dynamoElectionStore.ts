import { randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException, DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { byBallotId, EMPTY_HEAD, fromStoredState, type ChainHead, type ElectionState, type RecordedEvent, type SealedBallot } from '../../domain';
import {
  OPENING_FILE_PART_CHARACTERS,
  openingFileParts,
  PostalConflict,
  RollConflict,
  StreamConflict,
  type BallotBox,
  type CastOutcome,
  type CastWrite,
  type CommitteeWait,
  type Credential,
  type Credentials,
  type EffectsLedger,
  type ErasedCounts,
  type EventStream,
  type LinkRequestCounts,
  type LoadedElection,
  type MailKey,
  type MailPage,
  type NewVoter,
  type OnceOnly,
  type PendingUpload,
  type PendingUploads,
  type PersonalRecords,
  type OpeningCheckRecord,
  type OpeningChecks,
  type PostalVoter,
  type ReadOptions,
  type Reissue,
  type ReissueOutcome,
  type Roll,
  type RollEntry,
  type UploadPart,
  type Voter,
} from '../ports';
import { deleteItems, erasePartition, existingKeys } from './batchDelete';
import { credentialSendState } from './credentialSendState';
import { fromStoredEvent, toStoredEvent, type StoredEvent } from './eventItems';
import { allShards, keys } from './keys';
import { EVENTS_TABLE, type TableNames } from './tableSchema';

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

const IS_NEW = 'attribute_not_exists(pk)';
/** The highest event number an event key can hold (ten digits). */
const LAST_SEQ = 9_999_999_999;

/**
 * The event store on two DynamoDB tables: the events table (stream, projection, roll, credentials,
 * records of side effects) and the ballot box (participation markers and ballots), whose writes by
 * the cast path the trail does not log. Every write is a conditional put of a new item, except the
 * state projection, which is replaced only when its version is the one that was read.
 */
/** How this store cuts what it keeps in parts; tests choose small parts to cut a small file in many. */
export interface StoreOptions {
  /** Characters of an opening file's part, and of a pending upload's chunk: one item each, under DynamoDB's 400 KB. */
  openingFilePartCharacters?: number;
}

export class DynamoElectionStore implements EventStream, Roll, Credentials, BallotBox, EffectsLedger, LinkRequestCounts, PendingUploads, OpeningChecks, PersonalRecords {
  private readonly db: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly ballotTable: string;
  private readonly mailTable: string;
  private readonly partCharacters: number;

  constructor(tables: TableNames, client: DynamoDBClient = new DynamoDBClient({}), { openingFilePartCharacters = OPENING_FILE_PART_CHARACTERS }: StoreOptions = {}) {
    this.partCharacters = openingFilePartCharacters;
    this.tableName = tables.events;
    this.ballotTable = tables.ballots;
    this.mailTable = tables.mail;
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async load(electionId: string, { consistent = true }: ReadOptions = {}): Promise<LoadedElection> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.state(electionId), ConsistentRead: consistent }));
    if (!Item) return { state: { phase: 'none' }, head: EMPTY_HEAD };
    return { state: fromStoredState(JSON.parse(Item.state as string)), head: { seq: Item.version, hash: Item.hash } };
  }

  async append(electionId: string, head: ChainHead, events: RecordedEvent[], state: ElectionState): Promise<void> {
    await this.appendWithVoters(electionId, head, events, state, []);
  }

  async appendWithVoters(electionId: string, head: ChainHead, events: RecordedEvent[], state: ElectionState, voters: NewVoter[]): Promise<void> {
    const streamItems = this.streamItems(electionId, head, events, state);
    const queuedAt = events.at(-1)!.at;
    // Each voter's items in a fixed order (roll entry, mail, e-mail claim), so a cancellation reason can be traced back to its voter and item.
    const perVoter = voters.map((v) => {
      const mail = keys.voterMail(electionId, v.studentId);
      const items: TransactItem[] = [
        {
          Put: {
            TableName: this.tableName,
            ConditionExpression: IS_NEW,
            Item: { ...keys.rollEntry(electionId, v.studentId), studentId: v.studentId, email: v.email, ...(v.groups?.length && { groups: v.groups }), ...(v.language && { language: v.language }) },
          },
        },
        {
          Put: {
            TableName: this.mailTable,
            ConditionExpression: IS_NEW,
            Item: { ...mail, electionId, studentId: v.studentId, email: v.email, kind: 'credential', generation: 1, attempts: 0, ...credentialSendState(state, mail.pk, queuedAt) },
          },
        },
      ];
      if (v.claimEmail) {
        items.push({ Put: { TableName: this.tableName, ConditionExpression: IS_NEW, Item: { ...keys.rollEmail(electionId, v.email), studentId: v.studentId } } });
      }
      return items;
    });
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: [...streamItems, ...perVoter.flat()] }));
    } catch (error) {
      const reasons = cancellationCodes(error);
      if (!reasons) throw error;
      if (reasons.slice(0, streamItems.length).some((code) => code !== 'None')) throw new StreamConflict(electionId);
      let at = streamItems.length;
      const failed = voters.map((voter, i) => {
        const codes = reasons.slice(at, at + perVoter[i]!.length);
        at += perVoter[i]!.length;
        return { voter, rollTaken: codes[0] === 'ConditionalCheckFailed', emailTaken: codes[2] === 'ConditionalCheckFailed' };
      });
      const alreadyRegistered = failed.filter((f) => f.rollTaken).map((f) => f.voter.studentId);
      const emailTaken = await Promise.all(
        failed
          .filter((f) => f.emailTaken && !f.rollTaken)
          .map(async ({ voter }) => ({ studentId: voter.studentId, registeredAs: (await this.findVoterByEmail(electionId, voter.email)) ?? 'unknown' })),
      );
      if (alreadyRegistered.length > 0 || emailTaken.length > 0) throw new RollConflict(alreadyRegistered, emailTaken);
      throw error;
    }
  }

  private streamItems(electionId: string, head: ChainHead, events: RecordedEvent[], state: ElectionState): TransactItem[] {
    const last = events.at(-1);
    if (!last) throw new Error('nothing to append');
    const eventItems = events.map((e): TransactItem => ({
      Put: {
        TableName: this.tableName,
        ConditionExpression: IS_NEW,
        Item: { ...keys.event(electionId, e.seq), ...toStoredEvent(electionId, e) },
      },
    }));
    const projection: TransactItem = {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.state(electionId), version: last.seq, hash: last.hash, phase: state.phase, state: JSON.stringify(state) },
        ...(head.seq === 0 ? { ConditionExpression: IS_NEW } : { ConditionExpression: 'version = :seen', ExpressionAttributeValues: { ':seen': head.seq } }),
      },
    };
    // A new election joins the registry, and gets the secret salt of its exported roll, in the transaction that creates it.
    const registry: TransactItem[] = events.some((e) => e.type === 'ElectionCreated')
      ? [
          { Put: { TableName: this.tableName, ConditionExpression: IS_NEW, Item: keys.registeredElection(electionId) } },
          { Put: { TableName: this.tableName, ConditionExpression: IS_NEW, Item: { ...keys.rollSalt(electionId), salt: randomBytes(32).toString('hex') } } },
        ]
      : [];
    return [...eventItems, projection, ...registry];
  }

  async readEvents(electionId: string): Promise<RecordedEvent[]> {
    const items = await this.queryAll(this.streamQuery(electionId));
    return items.map(eventOf);
  }

  async readEventsSince(electionId: string, type: RecordedEvent['type']): Promise<RecordedEvent[]> {
    // Newest first, a page at a time: what is looked for is near the end of a stream that may hold
    // tens of thousands of registrations.
    const newestFirst: RecordedEvent[] = [];
    for await (const page of this.pages({ ...this.streamQuery(electionId), ScanIndexForward: false, Limit: 25 }, this.tableName)) {
      for (const item of page.Items ?? []) {
        newestFirst.push(eventOf(item));
        if (item.type === type) return newestFirst.reverse();
      }
    }
    return [];
  }

  async readEventPage(electionId: string, afterSeq: number, limit: number): Promise<RecordedEvent[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :after AND :last',
        ExpressionAttributeValues: { ':pk': keys.stream(electionId), ':after': keys.event(electionId, afterSeq + 1).sk, ':last': keys.event(electionId, LAST_SEQ).sk },
        Limit: limit,
      }),
    );
    return Items.map(eventOf);
  }

  private streamQuery(electionId: string) {
    return {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.stream(electionId), ':prefix': keys.eventPrefix },
    };
  }

  async findCredential(tokenHash: string): Promise<Credential | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.credential(tokenHash), ConsistentRead: true }));
    return Item
      ? { electionId: Item.electionId, studentId: Item.studentId, email: Item.email, ...(Item.groups && { groups: Item.groups }), ...(Item.language && { language: Item.language }) }
      : undefined;
  }

  async hasVoted(electionId: string, tokenHash: string): Promise<boolean> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.ballotTable, Key: keys.marker(electionId, tokenHash), ConsistentRead: true }));
    return Item !== undefined;
  }

  async issueCredential(tokenHash: string, credential: Credential & { generation: number }): Promise<void> {
    await this.putOnce({ ...keys.credential(tokenHash), ...credential });
  }

  async castBallot(electionId: string, { tokenHash, papers, eligibility, studentId, queuedAt }: CastWrite): Promise<CastOutcome> {
    const confirmation = keys.confirmationMail(electionId, tokenHash);
    const values: Record<string, string> = { ':election': electionId, ...(studentId !== undefined && { ':student': studentId }) };
    const conditions = ['attribute_exists(pk)', 'electionId = :election', ...(studentId === undefined ? [] : ['studentId = :student'])];
    // One condition per contest open to some groups only: the voter is in one of its groups.
    eligibility.forEach((groups, i) => {
      conditions.push(`(${groups.map((group, j) => `contains(#groups, :g${i}_${j})`).join(' OR ')})`);
      groups.forEach((group, j) => (values[`:g${i}_${j}`] = group));
    });
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.ballotTable, ConditionExpression: IS_NEW, Item: keys.marker(electionId, tokenHash) } },
            {
              ConditionCheck: {
                TableName: this.tableName,
                Key: keys.credential(tokenHash),
                ConditionExpression: conditions.join(' AND '),
                ExpressionAttributeValues: values,
                ...(eligibility.length > 0 && { ExpressionAttributeNames: { '#groups': 'groups' } }),
              },
            },
            { ConditionCheck: { TableName: this.tableName, Key: keys.revocation(tokenHash), ConditionExpression: IS_NEW } },
            {
              Put: {
                TableName: this.mailTable,
                ConditionExpression: IS_NEW,
                Item: { ...confirmation, electionId, tokenHash, kind: 'confirmation', generation: 0, status: 'pending', attempts: 0, due: queuedAt, queue: keys.queue(confirmation.pk) },
              },
            },
            ...papers.map(({ box, ballot }): TransactItem => ({
              Put: { TableName: this.ballotTable, ConditionExpression: IS_NEW, Item: { ...keys.ballot(box, ballot.ballotId), ...ballotAttributes(ballot) } },
            })),
          ],
        }),
      );
      return 'accepted';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      const [marker, credential, revocation] = codes;
      if (revocation === 'ConditionalCheckFailed') return 'invalid_token';
      if (credential === 'ConditionalCheckFailed') return eligibility.length > 0 && (await this.isOwnCredential(tokenHash, electionId, studentId)) ? 'not_eligible' : 'invalid_token';
      if (marker === 'ConditionalCheckFailed') return 'already_voted';
      // A paper's id taken: a random receipt's never is, a sealed paper's tracker is when its ciphertexts are a copy.
      if (codes.slice(PAPERS_FROM).includes('ConditionalCheckFailed')) return 'duplicate_paper';
      if (codes.includes('TransactionConflict')) return 'contended';
      throw error;
    }
  }

  /** Whether the credential is this election's (and the claimed voter's): then only a contest's groups can have failed the cast. */
  private async isOwnCredential(tokenHash: string, electionId: string, studentId: string | undefined): Promise<boolean> {
    const credential = await this.findCredential(tokenHash);
    return credential !== undefined && credential.electionId === electionId && (studentId === undefined || credential.studentId === studentId);
  }

  async appendWithReissue(electionId: string, head: ChainHead, events: RecordedEvent[], state: ElectionState, reissue: Reissue): Promise<ReissueOutcome> {
    const streamItems = this.streamItems(electionId, head, events, state);
    const mail = keys.voterMail(electionId, reissue.studentId);
    const { newAddress } = reissue;
    // Held until voting opens, the new generation waits as the old one did; a release meanwhile fails the condition.
    const sendState = credentialSendState(state, mail.pk, reissue.queuedAt);
    const queued = sendState.status === 'pending';
    const mailUpdate: TransactItem = {
      Update: {
        TableName: this.mailTable,
        Key: mail,
        UpdateExpression: `SET generation = :next, #status = :status, kind = :credential, attempts = :zero${queued ? ', due = :due, #queue = :queue' : ''}${newAddress ? ', email = :email, correction = :correction' : ''} REMOVE messageId, tokenHash, reason, leaseUntil`,
        ConditionExpression: queued ? 'generation = :current AND #status <> :postal AND #status <> :held' : 'generation = :current AND #status = :held',
        ExpressionAttributeNames: { '#status': 'status', ...(queued && { '#queue': 'queue' }) },
        ExpressionAttributeValues: {
          ':next': reissue.generation + 1,
          ':current': reissue.generation,
          ':status': sendState.status,
          ':held': 'held',
          ...(queued && { ':postal': 'postal', ':due': sendState.due, ':queue': sendState.queue }),
          ':credential': 'credential',
          ':zero': 0,
          ...(newAddress && { ':email': newAddress.email, ':correction': newAddress.correction }),
        },
      },
    };
    // A correction: the new address beside the roll entry, and (unless shared) claimed for this voter.
    const addressItems: TransactItem[] = newAddress
      ? [
          {
            Put: {
              TableName: this.tableName,
              ConditionExpression: IS_NEW,
              Item: { ...keys.addressCorrection(electionId, reissue.studentId, newAddress.correction), studentId: reissue.studentId, email: newAddress.email },
            },
          },
          ...(newAddress.claim ? [{ Put: { TableName: this.tableName, ConditionExpression: IS_NEW, Item: { ...keys.rollEmail(electionId, newAddress.email), studentId: reissue.studentId } } }] : []),
        ]
      : [];
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            ...streamItems,
            { Put: { TableName: this.tableName, ConditionExpression: IS_NEW, Item: { ...keys.revocation(reissue.revokedTokenHash), electionId } } },
            { ConditionCheck: { TableName: this.ballotTable, Key: keys.marker(electionId, reissue.revokedTokenHash), ConditionExpression: IS_NEW } },
            mailUpdate,
            ...addressItems,
          ],
        }),
      );
      return 'reissued';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      const [revocation, marker, mailCheck, correction, claim] = codes.slice(streamItems.length);
      if (marker === 'ConditionalCheckFailed') return 'already_voted';
      if (claim === 'ConditionalCheckFailed') return 'email_taken';
      if (correction === 'ConditionalCheckFailed') return 'moved';
      if (revocation === 'ConditionalCheckFailed' || mailCheck === 'ConditionalCheckFailed') return 'moved';
      if (codes.slice(0, streamItems.length).some((code) => code !== 'None')) throw new StreamConflict(electionId);
      throw error;
    }
  }

  async appendWithCountedLinkRequests(electionId: string, head: ChainHead, events: RecordedEvent[], state: ElectionState, requests: MailKey[]): Promise<void> {
    const streamItems = this.streamItems(electionId, head, events, state);
    // Only a request still claimed and not counted yet: a sender that took one over after a crash cannot count it twice.
    const marks = requests.map((key): TransactItem => ({
      Update: {
        TableName: this.mailTable,
        Key: key,
        UpdateExpression: 'SET counted = :yes',
        ConditionExpression: '#status = :sending AND attribute_not_exists(counted)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':yes': true, ':sending': 'sending' },
      },
    }));
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: [...streamItems, ...marks] }));
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes?.slice(0, streamItems.length).some((code) => code !== 'None')) throw new StreamConflict(electionId);
      throw error;
    }
  }

  async appendWithPostalVoters(electionId: string, head: ChainHead, events: RecordedEvent[], state: ElectionState, voters: PostalVoter[]): Promise<void> {
    const streamItems = this.streamItems(electionId, head, events, state);
    // Each voter's items in a fixed order (mark, revocation, mail item), so a cancellation reason names its voter.
    const perVoter = voters.map((v): TransactItem[] => [
      { Put: { TableName: this.tableName, ConditionExpression: IS_NEW, Item: { ...keys.postalVoter(electionId, v.studentId), studentId: v.studentId } } },
      { Put: { TableName: this.tableName, ConditionExpression: IS_NEW, Item: { ...keys.revocation(v.revokedTokenHash), electionId } } },
      {
        Update: {
          TableName: this.mailTable,
          Key: keys.voterMail(electionId, v.studentId),
          // Out of the outbox: the sender, the reminders and a resend pass a postal voter by.
          UpdateExpression: 'SET #status = :postal REMOVE #queue, leaseUntil',
          ConditionExpression: 'generation = :generation AND #status <> :postal',
          ExpressionAttributeNames: { '#status': 'status', '#queue': 'queue' },
          ExpressionAttributeValues: { ':postal': 'postal', ':generation': v.generation },
        },
      },
    ]);
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: [...streamItems, ...perVoter.flat()] }));
    } catch (error) {
      const reasons = cancellationCodes(error);
      if (!reasons) throw error;
      if (reasons.slice(0, streamItems.length).some((code) => code !== 'None')) throw new StreamConflict(electionId);
      const failed = (at: number) => voters.filter((_, i) => reasons[streamItems.length + 3 * i + at] === 'ConditionalCheckFailed').map((v) => v.studentId);
      const alreadyPostal = failed(0);
      const moved = [...failed(1), ...failed(2)].filter((id) => !alreadyPostal.includes(id));
      if (alreadyPostal.length > 0 || moved.length > 0) throw new PostalConflict(alreadyPostal, [...new Set(moved)]);
      throw error;
    }
  }

  async findVoterByEmail(electionId: string, email: string): Promise<string | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.rollEmail(electionId, email), ConsistentRead: true }));
    return Item ? String(Item.studentId) : undefined;
  }

  async findVoter(electionId: string, studentId: string, correction?: number): Promise<Voter | undefined> {
    // A correction holds the new address; the groups and the language stay on the roll entry, which never changes.
    const [entry, corrected] = await Promise.all([
      this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.rollEntry(electionId, studentId), ConsistentRead: true })),
      correction ? this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.addressCorrection(electionId, studentId, correction), ConsistentRead: true })) : undefined,
    ]);
    const item = correction ? corrected?.Item : entry.Item;
    return item ? toVoter({ ...entry.Item, ...item }) : undefined;
  }

  async readBallots(box: string): Promise<SealedBallot[]> {
    const shards = await Promise.all(
      allShards().map((shard) => this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.ballotShard(box, shard) } }, this.ballotTable)),
    );
    return shards.flat().map(ballotOf);
  }

  async ballotsAfter(box: string, after: string | undefined, limit: number): Promise<SealedBallot[]> {
    const shards = await Promise.all(
      allShards().map(async (shard) => {
        const { Items } = await this.db.send(
          new QueryCommand({
            TableName: this.ballotTable,
            KeyConditionExpression: after === undefined ? 'pk = :pk' : 'pk = :pk AND sk > :after',
            ExpressionAttributeValues: { ':pk': keys.ballotShard(box, shard), ...(after !== undefined && { ':after': after }) },
            Limit: limit,
          }),
        );
        return (Items ?? []).map(ballotOf);
      }),
    );
    return shards.flat().sort(byBallotId).slice(0, limit);
  }

  async findBallot(box: string, ballotId: string): Promise<SealedBallot | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.ballotTable, Key: keys.ballot(box, ballotId) }));
    return Item ? ballotOf(Item) : undefined;
  }

  countBallots(box: string, options: ReadOptions = {}): Promise<number> {
    return this.countShards((shard) => keys.ballotShard(box, shard), options);
  }

  countParticipation(electionId: string, options: ReadOptions = {}): Promise<number> {
    return this.countShards((shard) => keys.markerShard(electionId, shard), options);
  }

  async listVoters(electionId: string): Promise<Voter[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.roll(electionId) },
    });
    return items.map(toVoter);
  }

  async listVoterRange(electionId: string, first: string, last: string): Promise<Voter[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
      ExpressionAttributeValues: {
        ':pk': keys.roll(electionId),
        ':first': keys.rollEntry(electionId, first).sk,
        ':last': keys.rollEntry(electionId, last).sk,
      },
    });
    return items.map(toVoter);
  }

  async *rollPages(electionId: string): AsyncIterable<RollEntry[]> {
    const input = {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.roll(electionId) },
      ProjectionExpression: 'studentId, #groups',
      ExpressionAttributeNames: { '#groups': 'groups' },
    };
    for await (const page of this.pages(input, this.tableName)) {
      yield (page.Items ?? []).map((item) => ({ studentId: String(item.studentId), ...(item.groups && { groups: item.groups as string[] }) }));
    }
  }

  async planMailPage(electionId: string, mailing: string, page: number, { first, last }: MailPage): Promise<void> {
    await this.putOnce({ ...keys.mailPlanPage(electionId, mailing, page), first, last });
  }

  async readMailPage(electionId: string, mailing: string, page: number): Promise<MailPage | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.mailPlanPage(electionId, mailing, page), ConsistentRead: true }));
    return Item ? { first: String(Item.first), last: String(Item.last) } : undefined;
  }

  async isDone(effect: OnceOnly): Promise<boolean> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.done(effect), ConsistentRead: true }));
    return Item !== undefined;
  }

  async markDone(effect: OnceOnly): Promise<void> {
    await this.putOnce({ ...keys.done(effect) });
  }

  /** The first failure is kept; a repeat (a retried lifecycle step) finds it there and adds nothing. */
  async recordUndeliveredMail(electionId: string, studentId: string, purpose: string, reason: string): Promise<void> {
    await this.putOnce({ ...keys.undeliveredMail(electionId, studentId, purpose), studentId, purpose, reason });
  }

  /** Writes a new item; if it exists already, the earlier one stands and nothing changes. */
  async putOpeningFile(electionId: string, digest: string, content: string): Promise<void> {
    // Part by part, each put once: a retried upload of the same file finds its parts there and leaves them.
    for (const [i, part] of openingFileParts(content, this.partCharacters).entries()) await this.putOnce({ ...keys.openingFilePart(electionId, digest, i), part });
  }

  async getOpeningFile(electionId: string, digest: string): Promise<string | undefined> {
    const parts = await this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.openingFile(electionId, digest) }, ConsistentRead: true });
    return parts.length === 0 ? undefined : parts.map((item) => item.part as string).join('');
  }

  /** The last part's number, plus one: the parts are numbered from 0 without a gap. */
  async countOpeningFileParts(electionId: string, digest: string): Promise<number> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.openingFile(electionId, digest) },
        ScanIndexForward: false,
        Limit: 1,
        ProjectionExpression: 'sk',
        ConsistentRead: true,
      }),
    );
    const last = Items?.[0]?.sk as string | undefined;
    return last === undefined ? 0 : Number(last.slice('PART#'.length)) + 1;
  }

  async readOpeningFileParts(electionId: string, digest: string, first: number, count: number): Promise<string> {
    const parts = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
      ExpressionAttributeValues: {
        ':pk': keys.openingFile(electionId, digest),
        ':first': keys.openingFilePart(electionId, digest, first).sk,
        ':last': keys.openingFilePart(electionId, digest, first + count - 1).sk,
      },
    });
    return parts.map((item) => item.part as string).join('');
  }

  /** The count first (put once, then read: two parts racing with different counts meet one count), then the part's chunks, each put once. */
  async putUploadPart(electionId: string, digest: string, { index, parts, text }: UploadPart, expiresAt: Date): Promise<{ parts: number }> {
    const expiry = { [EVENTS_TABLE.expiryAttribute]: epochSeconds(expiresAt) };
    await this.putOnce({ ...keys.pendingUploadCount(electionId, digest), parts, ...expiry });
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.pendingUploadCount(electionId, digest), ConsistentRead: true }));
    const begun = Number(Item?.parts ?? parts);
    if (begun !== parts) return { parts: begun };
    const chunks = openingFileParts(text, this.partCharacters);
    for (const [i, chunk] of chunks.entries()) await this.putOnce({ ...keys.pendingUploadChunk(electionId, digest, index, i), text: chunk, chunks: chunks.length, ...expiry });
    return { parts };
  }

  /** A part has arrived whole when every chunk it was cut into is there (a put cut short leaves some out). */
  async readUpload(electionId: string, digest: string): Promise<PendingUpload | undefined> {
    const items = await this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.pendingUpload(electionId, digest) } });
    const count = items.find((item) => item.sk === keys.pendingUploadCount(electionId, digest).sk);
    if (count === undefined) return undefined;
    const chunksOf = new Map<number, { chunks: number; texts: string[] }>();
    for (const item of items) {
      if (item.sk === count.sk) continue;
      const index = Number(String(item.sk).split('#')[1]);
      const part = chunksOf.get(index) ?? { chunks: Number(item.chunks), texts: [] };
      part.texts.push(item.text as string);
      chunksOf.set(index, part);
    }
    const arrived = new Map([...chunksOf].filter(([, part]) => part.texts.length === part.chunks).map(([index, part]) => [index, part.texts.join('')]));
    return { parts: Number(count.parts), arrived };
  }

  async putOpeningCheck(electionId: string, upload: string, record: OpeningCheckRecord, expiresAt: Date): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.openingCheck(electionId, upload), ...record, [EVENTS_TABLE.expiryAttribute]: epochSeconds(expiresAt) } }));
  }

  async readOpeningCheck(electionId: string, upload: string): Promise<(OpeningCheckRecord & { checked: number }) | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.openingCheck(electionId, upload), ConsistentRead: true }));
    if (Item === undefined) return undefined;
    const { contest, kind, run, state, parts, error } = Item as OpeningCheckRecord;
    const prefix = keys.openingCheckParts(electionId, upload, run);
    let checked = 0;
    for await (const page of this.pages(
      { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :run)', ExpressionAttributeValues: { ':pk': prefix.pk, ':run': prefix.sk }, Select: 'COUNT' },
      this.tableName,
    ))
      checked += page.Count ?? 0;
    return { contest, kind, run, state, ...(parts !== undefined && { parts: Number(parts) }), ...(error !== undefined && { error }), checked };
  }

  async putOpeningCheckPart(electionId: string, upload: string, run: string, index: number, verdict: string, expiresAt: Date): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.tableName, Item: { ...keys.openingCheckPart(electionId, upload, run, index), index, verdict, [EVENTS_TABLE.expiryAttribute]: epochSeconds(expiresAt) } }),
    );
  }

  async readOpeningCheckParts(electionId: string, upload: string, run: string): Promise<Map<number, string>> {
    const prefix = keys.openingCheckParts(electionId, upload, run);
    const items = await this.queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :run)', ExpressionAttributeValues: { ':pk': prefix.pk, ':run': prefix.sk }, ConsistentRead: true });
    return new Map(items.map((item) => [Number(item.index), item.verdict as string]));
  }

  async recordWait(electionId: string, wait: CommitteeWait, taskToken: string): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.committeeWait(electionId, wait), taskToken } }));
  }

  async waitToken(electionId: string, wait: CommitteeWait): Promise<string | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.committeeWait(electionId, wait), ConsistentRead: true }));
    return Item?.taskToken;
  }

  private async putOnce(item: Record<string, unknown>): Promise<void> {
    try {
      await this.db.send(new PutCommand({ TableName: this.tableName, ConditionExpression: IS_NEW, Item: item }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async rollSalt(electionId: string): Promise<string> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.rollSalt(electionId), ConsistentRead: true }));
    if (typeof Item?.salt !== 'string') throw new Error(`election ${electionId} has no roll salt`);
    return Item.salt;
  }

  /** Found first, so that the count is what this run deleted; a revocation goes with its credential, or alone where a re-issue or a postal mark left it. */
  async eraseCredentials(tokenHashes: readonly string[]): Promise<number> {
    const [credentials, revocations] = await Promise.all([
      existingKeys(this.db, this.tableName, tokenHashes.map(keys.credential)),
      existingKeys(this.db, this.tableName, tokenHashes.map(keys.revocation)),
    ]);
    await deleteItems(this.db, this.tableName, [...credentials, ...revocations]);
    return credentials.length;
  }

  /**
   * Partition by partition, the salt last, so that an election without its salt has nothing left
   * that names a voter: an erasure cut short before it still finds the salt. Left alone: the log and its
   * projection, the ballot box, the records of side effects and the committee's waits (no voter in
   * them); a pending upload and an opening check (a trustee's mix or shares, never a voter's data),
   * which DynamoDB's TTL removes within a day anyway.
   */
  async eraseVoterRecords(electionId: string): Promise<ErasedCounts> {
    const rollEntries = await erasePartition(this.db, this.tableName, keys.roll(electionId));
    let otherItems = 0;
    for (const partition of keys.voterRecordPartitions(electionId)) otherItems += await erasePartition(this.db, this.tableName, partition);
    otherItems += await erasePartition(this.db, this.tableName, keys.rollSalt(electionId).pk);
    return { rollEntries, otherItems };
  }

  async listElectionIds(): Promise<string[]> {
    const items = await this.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.electionRegistry } });
    return items.map((item) => String(item.sk));
  }

  private async countShards(partitionKey: (shard: number) => string, { consistent = true }: ReadOptions = {}): Promise<number> {
    const counts = await Promise.all(
      allShards().map(async (shard) => {
        let total = 0;
        const input = { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': partitionKey(shard) }, ConsistentRead: consistent };
        for await (const page of this.pages({ ...input, Select: 'COUNT' }, this.ballotTable)) total += page.Count ?? 0;
        return total;
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>, table = this.tableName): Promise<Record<string, any>[]> {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const items: Record<string, any>[] = [];
    for await (const page of this.pages(input, table)) items.push(...(page.Items ?? []));
    return items;
  }

  private async *pages(input: Omit<QueryCommandInput, 'TableName'>, table: string) {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({ ConsistentRead: true, ...input, TableName: table, ExclusiveStartKey }));
      yield page;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }

  ballotsByShard(box: string): AsyncIterable<SealedBallot[]>[] {
    return allShards().map((shard) => this.ballotPages(keys.ballotShard(box, shard)));
  }

  /**
   * DynamoDB returns a partition's items in sort-key order, and a ballot's sort key is its id.
   * Pages are capped under DynamoDB's 1 MB so that sixteen shards' worth, each with one page read
   * ahead, stay around ten megabytes.
   */
  private async *ballotPages(partition: string): AsyncIterable<SealedBallot[]> {
    const input = { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': partition }, Limit: 3000 };
    for await (const page of this.pages(input, this.ballotTable)) {
      yield (page.Items ?? []).map(ballotOf);
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toVoter(item: Record<string, any>): Voter {
  return { studentId: item.studentId, email: item.email, ...(item.groups && { groups: item.groups }), ...(item.language && { language: item.language }) };
}

/** An item of the events table, as DynamoDB gives it back, as the event it holds. */
const eventOf = (item: Record<string, unknown>) => fromStoredEvent(item as unknown as StoredEvent);

/** The per-item reasons of a cancelled transaction, or undefined for any other error. */
function cancellationCodes(error: unknown): string[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
}

/** Where a cast's papers begin among its transaction's items: after the marker, the credential, the revocation and the confirmation. */
const PAPERS_FROM = 4;

/** A ballot's stored content: its choices, or a sealed paper's ciphertexts and proof. */
const ballotAttributes = (ballot: SealedBallot): Record<string, string> => (ballot.sealed ? { sealed: JSON.stringify(ballot.sealed) } : { choices: JSON.stringify(ballot.choices) });

/** A ballot from its item: a sealed paper has no choices until its box is opened. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function ballotOf(item: Record<string, any>): SealedBallot {
  return typeof item.sealed === 'string' ? { ballotId: item.sk, choices: [], sealed: JSON.parse(item.sealed) } : { ballotId: item.sk, choices: JSON.parse(item.choices) };
}

/** DynamoDB's TTL reads whole seconds since the epoch. */
const epochSeconds = (at: Date) => Math.ceil(at.getTime() / 1000);
