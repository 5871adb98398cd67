import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The group of the sealed ballot box: ristretto255 (RFC 9496), a group of prime order ℓ built on
 * Curve25519, from @noble/curves. Written additively: an element is a point, `k·P` a scalar
 * multiple. Every protocol of the box (ElGamal, its proofs, the key ceremony, the shuffle) works
 * in this group and reads and writes elements and scalars only through this module, so that each
 * has one canonical encoding in the log (RFC 9496 §4.3.2 for elements; 32-byte little-endian
 * integers below ℓ for scalars) and every decoder refuses anything else.
 *
 * Pure: randomness comes in as a function the caller injects (`RandomBytes`).
 */
export type Element = InstanceType<typeof ristretto255.Point>;

const Point = ristretto255.Point;
const Fn = Point.Fn;

/** ℓ = 2^252 + 27742317777372353535851937790883648493, the order of the group (RFC 9496 §4). */
export const ORDER: bigint = Fn.ORDER;
/** The standard generator B (RFC 9496 §4.4), and the identity. */
export const GENERATOR: Element = Point.BASE;
export const IDENTITY: Element = Point.ZERO;

/** `n` bytes from a cryptographically secure source: crypto.getRandomValues in the browser, node:crypto in the CLI; tests inject a seeded stream. */
export type RandomBytes = (n: number) => Uint8Array;

/** Scalars: integers modulo ℓ. */
export const scalar = {
  add: (a: bigint, b: bigint): bigint => Fn.add(a, b),
  sub: (a: bigint, b: bigint): bigint => Fn.sub(a, b),
  mul: (a: bigint, b: bigint): bigint => Fn.mul(a, b),
  neg: (a: bigint): bigint => Fn.neg(a),
  /** The inverse of a non-zero scalar. */
  inv: (a: bigint): bigint => Fn.inv(a),
  /** A uniform scalar: 64 random bytes reduced modulo ℓ, whose bias is below 2^-250 (as RFC 9496 §4.3.4 derives elements from 64 bytes). */
  random: (random: RandomBytes): bigint => reduceWide(random(64)),
};

/** Whether a value is a scalar in its one form: an integer in [0, ℓ). A decoded proof holds only such; one built in memory may hold anything. */
export const isScalar = (value: unknown): value is bigint => typeof value === 'bigint' && value >= 0n && value < ORDER;

/** A 64-byte string as an integer modulo ℓ (little-endian, as RFC 9496 reads scalars). */
function reduceWide(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i -= 1) value = (value << 8n) | BigInt(bytes[i]!);
  return Fn.create(value);
}

/** `k·B`, by the generator's precomputed table. */
export const baseMultiple = (k: bigint): Element => (k === 0n ? IDENTITY : GENERATOR.multiply(k));

/** `k·P` for any scalar, zero included (noble refuses 0 in `multiply`). */
export const multiple = (point: Element, k: bigint): Element => (k === 0n ? IDENTITY : point.multiply(k));

/** An element's canonical encoding: 32 bytes as 64 lowercase hex digits (RFC 9496 §4.3.2). */
export const elementToHex = (element: Element): string => bytesToHex(element.toBytes());

/** Decodes an element; throws a RangeError for any string that is not a canonical encoding (RFC 9496 §4.3.1 refuses non-canonical ones). */
export function elementFromHex(hex: string): Element {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new RangeError('not 64 lowercase hex digits');
  try {
    return Point.fromBytes(hexToBytes(hex));
  } catch {
    throw new RangeError('not the encoding of a ristretto255 element');
  }
}

/** A scalar as 32 bytes little-endian, in 64 lowercase hex digits. */
export function scalarToHex(k: bigint): string {
  const bytes = new Uint8Array(32);
  let rest = Fn.create(k);
  for (let i = 0; i < 32; i += 1) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return bytesToHex(bytes);
}

/** Decodes a scalar; throws a RangeError unless it is 32 bytes little-endian below ℓ, the one encoding scalarToHex writes. */
export function scalarFromHex(hex: string): bigint {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new RangeError('not 64 lowercase hex digits');
  const bytes = hexToBytes(hex);
  let value = 0n;
  for (let i = 31; i >= 0; i -= 1) value = (value << 8n) | BigInt(bytes[i]!);
  if (value >= ORDER) throw new RangeError('not below the group order');
  return value;
}

/** What a challenge is hashed from: elements, scalars, whole numbers and texts, each encoded without ambiguity. */
export type Transcript = readonly (Element | bigint | number | string)[];

/**
 * The Fiat–Shamir challenge of a proof: SHA-512 over the domain separation tag and every part,
 * each tagged with its kind and length-prefixed, reduced modulo ℓ. The tag names the protocol and
 * its version; the transcript binds the proof to the election, the contest and every statement
 * it is about, so that a proof made for one statement never verifies for another.
 */
export function challenge(tag: string, transcript: Transcript): bigint {
  const hash = sha512.create();
  const absorb = (kind: number, bytes: Uint8Array) => {
    const length = new Uint8Array(5);
    length[0] = kind;
    new DataView(length.buffer).setUint32(1, bytes.length, false);
    hash.update(length).update(bytes);
  };
  absorb(0, utf8ToBytes(tag));
  for (const part of transcript) {
    if (typeof part === 'string') absorb(1, utf8ToBytes(part));
    else if (typeof part === 'number') absorb(2, utf8ToBytes(String(part)));
    else if (typeof part === 'bigint') absorb(3, hexToBytes(scalarToHex(part)));
    else absorb(4, part.toBytes());
  }
  return reduceWide(hash.digest());
}

/**
 * `count` elements nobody knows a discrete logarithm of, relative to B or to each other: each
 * hashed to the group from the tag and its index by hash_to_ristretto255 (RFC 9380 Appendix B,
 * expand_message_xmd with SHA-512). The shuffle proof's commitments need them. `first` is the
 * index of the first: a verifier that checks a proof in parts makes only the generators of its part.
 */
export function independentGenerators(tag: string, count: number, first = 0): Element[] {
  return Array.from({ length: count }, (_, i) => ristretto255_hasher.hashToCurve(utf8ToBytes(`${first + i}`), { DST: utf8ToBytes(tag) }));
}
