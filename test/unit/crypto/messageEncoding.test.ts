import { fc, test } from '@fast-check/vitest';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt } from '../../../domain/crypto/elgamal';
import { baseMultiple, type Element, elementFromHex, elementToHex, IDENTITY, scalar } from '../../../domain/crypto/group';
import { decodeMessage, encodeMessage, MESSAGE_CAPACITY, UndecodableMessageError } from '../../../domain/crypto/messageEncoding';
import { seededRandom } from './seededRandom';

/** The first element whose encoding is `s` with a counter of at least `from` in bytes 30 and 31: how a hand-made encoding is found. */
function elementWithCounterFrom(s: Uint8Array, from: number): { element: Element; counter: number } {
  for (let counter = from; ; counter += 1) {
    s[30] = counter & 0xff;
    s[31] = counter >> 8;
    try {
      return { element: elementFromHex(bytesToHex(s)), counter };
    } catch {
      // not an encoding: the next counter
    }
  }
}

const filled = (length: number, byte: number) => new Uint8Array(length).fill(byte);

describe('messages as group elements', () => {
  it('holds at least 28 bytes', () => {
    expect(MESSAGE_CAPACITY).toBeGreaterThanOrEqual(28);
  });

  it('reads back every length from 0 to the capacity, all zeros, all 0xff and seeded bytes', () => {
    const random = seededRandom('message lengths');
    for (let length = 0; length <= MESSAGE_CAPACITY; length += 1) {
      for (const message of [filled(length, 0), filled(length, 0xff), random(length)]) {
        expect(decodeMessage(encodeMessage(message))).toEqual(message);
      }
    }
  });

  test.prop([fc.uint8Array({ maxLength: MESSAGE_CAPACITY })], { numRuns: 50 })('reads back what it encodes, and encodes the same bytes to the same element', (message) => {
    const element = encodeMessage(message);
    expect(decodeMessage(element)).toEqual(message);
    expect(encodeMessage(message.slice()).equals(element)).toBe(true);
  });

  it('tells apart messages that differ only in trailing zeros', () => {
    const elements = [0, 1, 2].map((length) => elementToHex(encodeMessage(filled(length, 0))));
    expect(new Set(elements).size).toBe(3);
    // The empty message is s = 0: the identity (RFC 9496 §4.3.2 encodes it as 32 zero bytes).
    expect(encodeMessage(new Uint8Array()).equals(IDENTITY)).toBe(true);
  });

  it('keeps its layout: the encoding of "sealed box" (our own vector, which pins the format)', () => {
    const element = encodeMessage(utf8ToBytes('sealed box'));
    const s = hexToBytes(elementToHex(element));
    expect(s[0]).toBe(20);
    expect(new TextDecoder().decode(s.subarray(1, 11))).toBe('sealed box');
    expect(elementToHex(element)).toBe('147365616c656420626f78000000000000000000000000000000000000000400');
  });

  it('survives encryption and decryption', () => {
    const random = seededRandom('message through ElGamal');
    const secretKey = scalar.random(random);
    const message = utf8ToBytes('3|1,4,2|0');
    const decrypted = decrypt(secretKey, encrypt(baseMultiple(secretKey), encodeMessage(message), scalar.random(random)));
    expect(decodeMessage(decrypted)).toEqual(message);
  });

  it('refuses a message longer than its capacity', () => {
    expect(() => encodeMessage(filled(MESSAGE_CAPACITY + 1, 7))).toThrow(RangeError);
    expect(() => encodeMessage(filled(MESSAGE_CAPACITY + 1, 7))).toThrow(`a message has at most ${MESSAGE_CAPACITY} bytes, this one has ${MESSAGE_CAPACITY + 1}`);
  });

  it('refuses random elements: they are not encodings of messages', () => {
    const random = seededRandom('random elements');
    for (let i = 0; i < 20; i += 1) {
      expect(() => decodeMessage(baseMultiple(scalar.random(random)))).toThrow(UndecodableMessageError);
    }
  });

  it('refuses an element with a later counter than the first that works: a paper could be marked by it', () => {
    const message = utf8ToBytes('marked?');
    const s = hexToBytes(elementToHex(encodeMessage(message)));
    const first = s[30]! | (s[31]! << 8);
    const { element, counter } = elementWithCounterFrom(s, first + 1);
    expect(() => decodeMessage(element)).toThrow(`not the encoding of a message: counter ${counter} is used, but counter ${first} already encodes its bytes`);
  });

  it('refuses an element with bytes set after its length, a length over the capacity, or the high bits of its last byte set', () => {
    const padded = hexToBytes(elementToHex(encodeMessage(utf8ToBytes('abc'))));
    padded[10] = 1;
    expect(() => decodeMessage(elementWithCounterFrom(padded, 0).element)).toThrow('not the encoding of a message: the bytes after its 3 bytes are not 0');

    const tooLong = new Uint8Array(32);
    tooLong[0] = (MESSAGE_CAPACITY + 1) << 1;
    expect(() => decodeMessage(elementWithCounterFrom(tooLong, 0).element)).toThrow(
      `not the encoding of a message: its length byte is ${(MESSAGE_CAPACITY + 1) << 1}, not a length of at most ${MESSAGE_CAPACITY} bytes`,
    );

    const highBits = new Uint8Array(32);
    expect(() => decodeMessage(elementWithCounterFrom(highBits, 1 << 14).element)).toThrow('not the encoding of a message: the two highest bits of its last byte are not 0');
  });
});
