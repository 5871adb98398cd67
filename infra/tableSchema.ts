/** The one key schema of the election-events table, shared by the CDK stack and the local stack. */
export const EVENTS_TABLE = {
  defaultName: 'election-events',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
} as const;
