/** The first items whose JSON stays within `limit` bytes, and always the first: one event alone is at most DynamoDB's 400 KB. */
export function withinBytes<T>(items: T[], limit: number): T[] {
  let bytes = 0;
  const taken = items.findIndex((item, i) => (bytes += Buffer.byteLength(JSON.stringify(item))) > limit && i > 0);
  return taken === -1 ? items : items.slice(0, taken);
}
