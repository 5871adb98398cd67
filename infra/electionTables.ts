import { RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IRole } from 'aws-cdk-lib/aws-iam';
import { BALLOTS_TABLE, EVENTS_TABLE, MAIL_TABLE } from '../handlers/adapters/tableSchema';

/** Reading items: one by its key, or a partition's in order. */
type ItemRead = 'GetItem' | 'Query';
/** What a grant may let a function do with items (`dynamodb:` actions). */
type ItemAction = ItemRead | 'PutItem' | 'UpdateItem' | 'ConditionCheckItem' | 'BatchGetItem' | 'BatchWriteItem';
type Reads = [ItemRead, ...ItemRead[]];

/** The partition keys of voters' participation markers, each keyed by the hash of a credential. */
const MARKERS = 'ELECTION#*#VOTED#*';

/**
 * The events table's partitions that name voters (handlers/adapters/keys.ts): the roll, the
 * addresses it claims, corrections, postal marks, undelivered mail, the mailings' plans, the
 * roll's salt, and credentials with their revocations. Never an election's own partition
 * (ELECTION#<id>: its events and projection), nor the markers, opening files or records of effects.
 */
const VOTER_RECORDS = ['ELECTION#*#ROLL', 'ELECTION#*#EMAILS', 'ELECTION#*#ADDRESS', 'ELECTION#*#POSTAL', 'ELECTION#*#UNDELIVERED#*', 'ELECTION#*#MAILPLAN', 'ELECTION#*#SECRET', 'CREDENTIAL#*'];
/** The mail table's partitions of elections (voters' mail, confirmations, link requests) and the items of sent messages. */
const ELECTION_MAIL = ['ELECTION#*#MAIL#*', 'ELECTION#*#LINK-REQUESTS#*', 'MESSAGE#*'];
/** Finding an erasure's items (a partition's keys; which credentials and messages are there) and deleting them, in batches. */
const ERASURE: ItemAction[] = ['Query', 'BatchGetItem', 'BatchWriteItem'];

const dynamodb = (action: string) => `dynamodb:${action}`;

/**
 * The three tables, and a grant method for each thing a function may do with them. None updates
 * an item of the events table or the ballot box, and only the erasure of personal data deletes
 * one, beside the log; puts, condition checks and deletes are held to the partition keys they
 * concern wherever the function's code allows. The roles that read the
 * events table or the box, and those that cast, are kept for the trail, which spares their calls.
 */
export class ElectionTables {
  readonly events: Table;
  readonly ballots: Table;
  readonly mail: Table;
  private readonly readers = { events: [] as IRole[], ballots: [] as IRole[] };
  private readonly castRoles: IRole[] = [];

  constructor(stack: Stack) {
    this.events = recordTable(stack, 'ElectionEvents', EVENTS_TABLE);
    this.ballots = recordTable(stack, 'ElectionBallots', BALLOTS_TABLE);
    this.mail = outboxTable(stack);
  }

  /** The tables' names, as every function is told them. */
  get environment(): Record<string, string> {
    return { TABLE_NAME: this.events.tableName, BALLOTS_TABLE_NAME: this.ballots.tableName, MAIL_TABLE_NAME: this.mail.tableName };
  }

  /** The roles granted reads of the events table (the roll and the log). */
  get eventReaders(): readonly IRole[] {
    return this.readers.events;
  }

  /** The roles granted reads of the ballot box. */
  get ballotReaders(): readonly IRole[] {
    return this.readers.ballots;
  }

  /** The roles that may put markers and ballots: the cast path's. */
  get casters(): readonly IRole[] {
    return this.castRoles;
  }

  /** Reads the log, its projections, the roll and credentials. */
  grantReadEvents(role: IRole, ...reads: Reads): Grant {
    this.readers.events.push(role);
    return allow(role, reads, this.events);
  }

  /** Puts new items in the events table: events with their projection, voters, credentials; anywhere, or under these partition keys only. */
  grantPutEvents(role: IRole, underKeys?: string[]): Grant {
    return allow(role, ['PutItem'], this.events, underKeys);
  }

  /**
   * Appends to an election's log: puts under the election's own partition key, ELECTION#<id> (its
   * events and their projection), and none beside it (ELECTION#<id>#…: the roll, its files, its
   * checks). No one pattern says "no further #", so a second condition excludes them.
   */
  grantAppendEvents(role: IRole): Grant {
    return allow(role, ['PutItem'], this.events, ['ELECTION#*'], ['ELECTION#*#*']);
  }

  /** Checks a credential and its revocation in the cast's transaction, which writes nothing in the events table. */
  grantCheckCredentials(role: IRole): Grant {
    return allow(role, ['ConditionCheckItem'], this.events, ['CREDENTIAL#*']);
  }

  /** Reads the box: the receipt check, turnout, the tally and the audit export. */
  grantReadBallots(role: IRole, ...reads: Reads): Grant {
    this.readers.ballots.push(role);
    return allow(role, reads, this.ballots);
  }

  /** Puts a voter's participation marker and their ballot, in one transaction: the cast. */
  grantCast(role: IRole): Grant {
    this.castRoles.push(role);
    return allow(role, ['PutItem'], this.ballots, [MARKERS, 'ELECTION#*#BALLOTS#*']);
  }

  /** Checks that a voter has not voted, in the transaction that re-issues their credential. */
  grantCheckMarkers(role: IRole): Grant {
    return allow(role, ['ConditionCheckItem'], this.ballots, [MARKERS]);
  }

  /** Reads mail items; with `inFlightIndex`, the sparse index of the mail still to send too. */
  grantReadMail(role: IRole, reads: Reads, { inFlightIndex = false } = {}): Grant {
    const index = `${this.mail.tableArn}/index/${MAIL_TABLE.inFlightIndex.name}`;
    return Grant.addToPrincipal({ grantee: role, actions: reads.map(dynamodb), resourceArns: [this.mail.tableArn, ...(inFlightIndex ? [index] : [])] });
  }

  /** Queues a voter's mail: puts their mail item. */
  grantQueueMail(role: IRole): Grant {
    return this.grantPutMail(role, ['ELECTION#*#MAIL#*']);
  }

  /** Puts new items in the mail table under these partition keys. */
  grantPutMail(role: IRole, underKeys: string[]): Grant {
    return allow(role, ['PutItem'], this.mail, underKeys);
  }

  /** Updates mail items (claims, deliveries, retries): the only table whose items change. */
  grantUpdateMail(role: IRole): Grant {
    return allow(role, ['UpdateItem'], this.mail);
  }

  /**
   * Erases an election's personal data once its retention is over: finds and deletes the items
   * that name its voters, on the events table under their partitions only, so that the log stays
   * immutable, and its mail: the only deletes of the system. Its reads of the events table are its
   * job, and the trail spares them as every reader's; its deletes are in the trail, as every write
   * but a cast's.
   */
  grantErasePersonalData(role: IRole): Grant[] {
    if (!this.readers.events.includes(role)) this.readers.events.push(role);
    return [allow(role, ERASURE, this.events, VOTER_RECORDS), allow(role, ERASURE, this.mail, ELECTION_MAIL)];
  }
}

/** One statement: the actions on the table, for items under these partition keys only when listed, and under none of `notUnderKeys`. */
function allow(role: IRole, actions: ItemAction[], table: Table, underKeys?: string[], notUnderKeys?: string[]): Grant {
  return Grant.addToPrincipal({
    grantee: role,
    actions: actions.map(dynamodb),
    resourceArns: [table.tableArn],
    ...(underKeys && {
      conditions: {
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': underKeys },
        ...(notUnderKeys && { 'ForAllValues:StringNotLike': { 'dynamodb:LeadingKeys': notUnderKeys } }),
      },
    }),
  });
}

/** A table that is part of the election's record: it outlives the stack, recoverable and protected. */
function recordTable(stack: Stack, id: string, schema: typeof EVENTS_TABLE | typeof BALLOTS_TABLE): Table {
  return new Table(stack, id, {
    tableName: schema.defaultName,
    partitionKey: { name: schema.partitionKey.name, type: AttributeType.STRING },
    sortKey: { name: schema.sortKey.name, type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    encryption: TableEncryption.AWS_MANAGED,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
    // Only a pending upload's parts carry the attribute: DynamoDB itself removes them, so no role needs to delete an item.
    ...('expiryAttribute' in schema && { timeToLiveAttribute: schema.expiryAttribute }),
  });
}

/**
 * The outbox: its stream wakes the sender, its sparse index lists what is still to send. Mutable
 * and no part of the record; addresses are read from the roll when a credential is sent.
 */
function outboxTable(stack: Stack): Table {
  const table = new Table(stack, 'ElectionMail', {
    tableName: MAIL_TABLE.defaultName,
    partitionKey: { name: MAIL_TABLE.partitionKey.name, type: AttributeType.STRING },
    sortKey: { name: MAIL_TABLE.sortKey.name, type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    encryption: TableEncryption.AWS_MANAGED,
    stream: StreamViewType.NEW_IMAGE,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const index = MAIL_TABLE.inFlightIndex;
  table.addGlobalSecondaryIndex({
    indexName: index.name,
    partitionKey: { name: index.partitionKey.name, type: AttributeType.STRING },
    sortKey: { name: index.sortKey.name, type: AttributeType.STRING },
    projectionType: ProjectionType.KEYS_ONLY,
  });
  return table;
}
