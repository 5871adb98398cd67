/**
 * Records keyed by what users name: contest ids, voter groups, candidate and list names. A plain
 * object answers `constructor`, `toString` or `__proto__` from Object.prototype though nobody set
 * them, and assigning to `__proto__` replaces its prototype instead of adding the key. So these
 * records are made without a prototype, and read by their own keys only, which reads a record
 * parsed from JSON (an event, the stored state, an export, an API answer) as safely. Their JSON is
 * that of any object: events and their hashes are what they always were.
 */

/** A record of these entries, later ones replacing earlier ones of the same key. */
export function recordOf<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
  const record = Object.create(null) as Record<string, V>;
  for (const [key, value] of entries) record[key] = value;
  return record;
}

/** The value the record itself holds under `key`; undefined when it holds none, whatever its prototype has. */
export function ownValue<V>(record: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
