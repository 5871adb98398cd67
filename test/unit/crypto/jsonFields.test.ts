import { describe, expect, it } from 'vitest';
import { baseMultiple, elementToHex, scalarToHex } from '../../../domain/crypto/group';
import { MalformedField, readArray, readCiphertext, readElement, readHex, readList, readObject, readScalar } from '../../../domain/crypto/jsonFields';

describe('the readers of fields from the log', () => {
  const element = elementToHex(baseMultiple(5n));
  const notOnCurve = `01${'00'.repeat(31)}`;

  it('throw a RangeError that names the path and the reason apart, and together in its message', () => {
    const error = new MalformedField('shares[1].factor', 'not a string');
    expect(error).toBeInstanceOf(RangeError);
    expect([error.path, error.reason, error.message]).toEqual(['shares[1].factor', 'not a string', 'shares[1].factor: not a string']);
  });

  it('read an object, with exactly the fields asked for when they are given', () => {
    for (const value of [null, [], 'record', 7]) expect(() => readObject(value, 'record')).toThrow(new MalformedField('record', 'not an object'));
    expect([...readObject({ a: 1, b: 2 }, 'record').entries()]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(() => readObject({ a: 1 }, 'record', ['a', 'b'])).toThrow(new MalformedField('record.b', 'missing'));
    expect(() => readObject({ a: 1, b: 2, c: 3 }, 'record', ['a', 'b'])).toThrow(new MalformedField('record.c', 'not a field of this record'));
    // A field named like a property of every object is only a field if the record has it.
    expect(() => readObject({}, 'record', ['constructor'])).toThrow(new MalformedField('record.constructor', 'missing'));
  });

  it('read an array, of a given length when it is given, and a list entry by entry naming the index', () => {
    expect(() => readArray({ 0: 'a' }, 'list')).toThrow(new MalformedField('list', 'not an array'));
    expect(() => readArray([1, 2], 'list', 3)).toThrow(new MalformedField('list', 'has 2 entries instead of 3'));
    expect(readList([scalarToHex(1n), scalarToHex(2n)], 'list', readScalar, 2)).toEqual([1n, 2n]);
    expect(() => readList([scalarToHex(1n), 'ff'.repeat(32)], 'list', readScalar)).toThrow(new MalformedField('list[1]', 'not below the group order'));
  });

  it('read elements, scalars and ciphertexts only in their canonical encoding', () => {
    expect(readElement(element, 'key').equals(baseMultiple(5n))).toBe(true);
    expect(() => readElement(5, 'key')).toThrow(new MalformedField('key', 'not a string'));
    expect(() => readElement(element.toUpperCase(), 'key')).toThrow(new MalformedField('key', 'not 64 lowercase hex digits'));
    expect(() => readElement(notOnCurve, 'key')).toThrow(new MalformedField('key', 'not the encoding of a ristretto255 element'));
    expect(() => readScalar(null, 'response')).toThrow(new MalformedField('response', 'not a string'));
    expect(() => readScalar('ff'.repeat(32), 'response')).toThrow(new MalformedField('response', 'not below the group order'));
    expect(readCiphertext({ alpha: element, beta: element }, 'c').beta.equals(baseMultiple(5n))).toBe(true);
    expect(() => readCiphertext({ alpha: element }, 'c')).toThrow(new MalformedField('c.beta', 'missing'));
    expect(() => readCiphertext({ alpha: element, beta: notOnCurve }, 'c')).toThrow(new MalformedField('c.beta', 'not the encoding of a ristretto255 element'));
  });

  it('read hex bytes, of a given length when it is given', () => {
    expect(readHex('00ff', 'nonce', 2)).toBe('00ff');
    for (const value of ['', '0', '00FF', 'zz', 12]) expect(() => readHex(value, 'nonce')).toThrow(new MalformedField('nonce', 'not lowercase hex bytes'));
    expect(() => readHex('00ff', 'nonce', 24)).toThrow(new MalformedField('nonce', 'not 24 bytes'));
  });
});
