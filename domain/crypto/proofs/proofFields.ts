import { type Element, elementFromHex, ORDER, scalarFromHex } from '../group';

/**
 * Reading a proof from the log, where anyone may have written anything: each reader takes the
 * parsed JSON as `unknown`, accepts only the one encoding the writers produce (exact fields,
 * canonical hex), and otherwise throws a RangeError that starts with the path of the field at
 * fault (`proof.responses[2]: not below the group order`), so that a verifier's report says which part
 * of which record is malformed.
 */

/** Whether a value is a scalar as the proofs use them: an integer in [0, ℓ). A proof built in code, not read from JSON, may hold anything. */
export const isScalar = (value: unknown): value is bigint => typeof value === 'bigint' && value >= 0n && value < ORDER;

/** The fields of a JSON object that has exactly these fields. */
export function objectAt(path: string, value: unknown, fields: readonly string[]): Map<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RangeError(`${path}: not an object`);
  const entries = new Map(Object.entries(value));
  for (const field of fields) if (!entries.has(field)) throw new RangeError(`${at(path, field)}: missing`);
  for (const field of entries.keys()) if (!fields.includes(field)) throw new RangeError(`${at(path, field)}: not a field of this record`);
  return entries;
}

export function arrayAt(path: string, value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) throw new RangeError(`${path}: not an array`);
  return value;
}

export const scalarAt = (path: string, value: unknown): bigint => decodeAt(path, value, scalarFromHex);

export const elementAt = (path: string, value: unknown): Element => decodeAt(path, value, elementFromHex);

/** The path of a field of the record at `path`. */
export const at = (path: string, field: string): string => `${path}.${field}`;

function decodeAt<T>(path: string, value: unknown, decode: (hex: string) => T): T {
  if (typeof value !== 'string') throw new RangeError(`${path}: not a string`);
  try {
    return decode(value);
  } catch (error) {
    throw new RangeError(`${path}: ${(error as Error).message}`, { cause: error });
  }
}
