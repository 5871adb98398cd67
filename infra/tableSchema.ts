/**
 * The two tables, shared by the CDK stack and the local stack. Both have the same key schema.
 * The ballot box (participation markers and ballots) has a table of its own so that the trail,
 * which logs writes to the events table, never holds a voter-linked key next to a ballot's key.
 */
const KEY_SCHEMA = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
} as const;

export const EVENTS_TABLE = { defaultName: 'election-events', ...KEY_SCHEMA } as const;
export const BALLOTS_TABLE = { defaultName: 'election-ballots', ...KEY_SCHEMA } as const;

/** The names of the tables one deployment (or one test) uses. */
export interface TableNames {
  events: string;
  ballots: string;
}

export const DEFAULT_TABLES: TableNames = { events: EVENTS_TABLE.defaultName, ballots: BALLOTS_TABLE.defaultName };
