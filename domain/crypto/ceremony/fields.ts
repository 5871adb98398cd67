import { type Element, elementFromHex, scalarFromHex } from '../group';

/**
 * Reading the ceremony's messages as they come from the log: any value may be missing, of the
 * wrong type, or not a canonical encoding. Each reader throws a MalformedField naming the field,
 * which the step that reads the message turns into a failure naming the trustee and the step.
 */
export class MalformedField extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'MalformedField';
  }
}

export function readElement(value: unknown, field: string): Element {
  if (typeof value !== 'string') throw new MalformedField(field, 'not a string');
  try {
    return elementFromHex(value);
  } catch (error) {
    throw new MalformedField(field, (error as Error).message);
  }
}

export function readScalar(value: unknown, field: string): bigint {
  if (typeof value !== 'string') throw new MalformedField(field, 'not a string');
  try {
    return scalarFromHex(value);
  } catch (error) {
    throw new MalformedField(field, (error as Error).message);
  }
}

/** Lowercase hex of exactly `bytes` bytes, or of any non-zero length when `bytes` is omitted. */
export function readHex(value: unknown, field: string, bytes?: number): string {
  if (typeof value !== 'string' || !/^(?:[0-9a-f]{2})+$/.test(value)) throw new MalformedField(field, 'not lowercase hex bytes');
  if (bytes !== undefined && value.length !== 2 * bytes) throw new MalformedField(field, `not ${bytes} bytes`);
  return value;
}

export function readArray(value: unknown, field: string, length: number): readonly unknown[] {
  if (!Array.isArray(value)) throw new MalformedField(field, 'not a list');
  if (value.length !== length) throw new MalformedField(field, `has ${value.length} entries instead of ${length}`);
  return value;
}

export function readObject(value: unknown, field: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MalformedField(field, 'not an object');
  return value as Record<string, unknown>;
}

/** The trustee index a message says it is from or about; it must be the one its position in the transcript implies. */
export function readIndex(value: unknown, field: string, expected: number): number {
  if (value !== expected) throw new MalformedField(field, `is ${JSON.stringify(value)} where trustee ${expected} was expected`);
  return expected;
}
