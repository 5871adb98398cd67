import type { Ciphertext } from './elgamal';
import { type Element, elementFromHex, scalarFromHex } from './group';

/**
 * Reading what the sealed box's records hold as they come from the log, where anyone may have
 * written anything: each reader takes the parsed JSON as `unknown`, accepts only the one encoding
 * the writers produce (canonical hex: RFC 9496 §4.3.1 for elements, 32 bytes little-endian below
 * ℓ for scalars, as ./group.ts decodes them), and otherwise throws a MalformedField naming the
 * path of the field at fault and why (`proof.responses[2]: not below the group order`), so that a
 * verifier's report says which part of which record is malformed, and the key ceremony names the
 * field of the trustee's message that failed.
 */
export class MalformedField extends RangeError {
  constructor(
    readonly path: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`${path}: ${reason}`, options);
    this.name = 'MalformedField';
  }
}

/** The path of a field of the record at `path`. */
export const at = (path: string, field: string): string => `${path}.${field}`;

/** A JSON object's fields; when `fields` are given, it must have exactly these. */
export function readObject(value: unknown, path: string, fields?: readonly string[]): ReadonlyMap<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MalformedField(path, 'not an object');
  const entries = new Map(Object.entries(value));
  if (fields === undefined) return entries;
  for (const field of fields) if (!entries.has(field)) throw new MalformedField(at(path, field), 'missing');
  for (const field of entries.keys()) if (!fields.includes(field)) throw new MalformedField(at(path, field), 'not a field of this record');
  return entries;
}

/** A JSON array, of exactly `length` entries when it is given. */
export function readArray(value: unknown, path: string, length?: number): readonly unknown[] {
  if (!Array.isArray(value)) throw new MalformedField(path, 'not an array');
  if (length !== undefined && value.length !== length) throw new MalformedField(path, `has ${value.length} entries instead of ${length}`);
  return value;
}

/** A JSON array read entry by entry, each at the path `path[index]`. */
export function readList<T>(value: unknown, path: string, readEntry: (entry: unknown, path: string, index: number) => T, length?: number): T[] {
  return readArray(value, path, length).map((entry, index) => readEntry(entry, `${path}[${index}]`, index));
}

/** Entries `from` to `to` (exclusive) of a JSON array, each at its path in the whole array: how one part of a long record is read without decoding the rest. */
export function readSlice<T>(value: unknown, path: string, from: number, to: number, readEntry: (entry: unknown, path: string) => T): T[] {
  return readArray(value, path)
    .slice(from, to)
    .map((entry, offset) => readEntry(entry, `${path}[${from + offset}]`));
}

export const readElement = (value: unknown, path: string): Element => decoded(value, path, elementFromHex);

export const readScalar = (value: unknown, path: string): bigint => decoded(value, path, scalarFromHex);

/** A ciphertext as elgamal.ts writes it: exactly the elements alpha and beta. */
export function readCiphertext(value: unknown, path: string): Ciphertext {
  const fields = readObject(value, path, ['alpha', 'beta']);
  return { alpha: readElement(fields.get('alpha'), at(path, 'alpha')), beta: readElement(fields.get('beta'), at(path, 'beta')) };
}

/** Lowercase hex of exactly `bytes` bytes, or of any non-zero length when `bytes` is omitted. */
export function readHex(value: unknown, path: string, bytes?: number): string {
  if (typeof value !== 'string' || !/^(?:[0-9a-f]{2})+$/.test(value)) throw new MalformedField(path, 'not lowercase hex bytes');
  if (bytes !== undefined && value.length !== 2 * bytes) throw new MalformedField(path, `not ${bytes} bytes`);
  return value;
}

/** Runs a decoder of the group module on a string, naming the path in its RangeError. */
function decoded<T>(value: unknown, path: string, decode: (hex: string) => T): T {
  if (typeof value !== 'string') throw new MalformedField(path, 'not a string');
  try {
    return decode(value);
  } catch (error) {
    throw new MalformedField(path, (error as Error).message, { cause: error });
  }
}
