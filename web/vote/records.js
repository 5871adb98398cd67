// @ts-check
/**
 * Records the API keys by what people named (a count sheet's votes, by candidate) are read by their
 * own keys only: a candidate named `toString` or `constructor` reads as the record says, not as the
 * function every object inherits under that name (domain/records.ts does the same on the server).
 */

/**
 * The value the record itself holds under `key`; undefined when it holds none.
 * @template V
 * @param {Readonly<Record<string, V>> | undefined} record
 * @param {string} key
 * @returns {V | undefined}
 */
export const ownValue = (record, key) => (record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined);
