/**
 * The three tables, shared by the CDK stack and the local stack. All have the same key schema.
 * The ballot box (participation markers and ballots) has a table of its own so that the trail,
 * which logs writes to the events table, never holds a voter-linked key next to a ballot's key.
 * The mail table is the outbox and each voter's delivery state: the only mutable table, and no
 * part of the election's record.
 */
const KEY_SCHEMA = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
} as const;

/**
 * `expiresAt` (seconds since 1970) is the table's TTL attribute: only a pending upload's parts
 * carry it, so that DynamoDB removes them once they are no longer needed; no event, projection or
 * accepted file ever does.
 */
export const EVENTS_TABLE = { defaultName: 'election-events', ...KEY_SCHEMA, expiryAttribute: 'expiresAt' } as const;
export const BALLOTS_TABLE = { defaultName: 'election-ballots', ...KEY_SCHEMA } as const;
/**
 * Its stream (new images) wakes the sender; the sparse index holds only mail still to send
 * (items with a `queue` attribute), so the sweep that catches what a stream record missed reads
 * nothing else.
 */
export const MAIL_TABLE = {
  defaultName: 'election-mail',
  ...KEY_SCHEMA,
  inFlightIndex: { name: 'in-flight', partitionKey: { name: 'queue', type: 'S' }, sortKey: { name: 'due', type: 'S' } },
} as const;

/** The names of the tables one deployment (or one test) uses. */
export interface TableNames {
  events: string;
  ballots: string;
  mail: string;
}

export const DEFAULT_TABLES: TableNames = { events: EVENTS_TABLE.defaultName, ballots: BALLOTS_TABLE.defaultName, mail: MAIL_TABLE.defaultName };
