import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { type Element, elementFromHex, elementToHex } from './group';

/**
 * A ballot paper, packed into bytes, as a group element that ElGamal can encrypt, and back after
 * decryption: an injective, deterministic map from byte strings of at most MESSAGE_CAPACITY bytes
 * into ristretto255, with its inverse on the image and a refusal everywhere else.
 *
 * The method is Koblitz's try-and-increment (Koblitz 1987, "Elliptic curve cryptosystems", Math.
 * Comp. 48), as Belenios embeds small integers in Ed25519 (Belenios specification v4.0, "Groups",
 * of_ints / to_ints: the message shifted left by a 14-bit padding, the padding counted up until
 * the string is a point). Here the string is ristretto255's own encoding s of an element (RFC 9496 §4.3.2),
 * 32 bytes little-endian, laid out as:
 *
 *   byte 0        the message's length ℓ (0 to 29) shifted left by one: bit 0 is s's low bit,
 *                 which must be 0 (§4.3.1 refuses an odd, "negative", s); bits 6 and 7 are 0
 *   bytes 1–29    the message, then zeros
 *   byte 30       the counter's low 8 bits
 *   byte 31       the counter's high 6 bits; bits 6 and 7 are 0, so that s < 2^254 < p and s is
 *                 a canonical field element whatever the message
 *
 * and the encoding is the element this string decodes to (§4.3.1) for the smallest counter at
 * which it decodes. Since an element has exactly one encoding (§4.3.2), the element's encoding
 * is that string again, and the message is read back from it.
 *
 * Why a counter is found at once: ristretto255 has ℓ ≈ 2^252 elements and each has exactly one
 * encoding, among the ≈ 2^254 even s below 2^255 − 19; so about one even s in four decodes (the
 * decoder needs a square root to exist, about one in two, and then x·y non-negative, again about
 * one in two; a count of 20 000 random even s below 2^254 found 24.9 %). Treating the strings for
 * successive counters as independent tries, the first counter that works is on average the
 * fourth, and the chance that none of the 2^14 works is (3/4)^16384 ≈ 2^-6800 for a message,
 * below 2^-6500 summed over all the fewer than 2^233 messages. `encodeMessage` throws, rather than
 * loops, if that ever happens.
 *
 * Decoding is strict: the reserved bits must be 0, the length at most 29, the bytes past it 0,
 * and no smaller counter may decode. Otherwise a voter could mark a paper (an unused byte, a later
 * counter) and prove to a coercer, when the decrypted papers are published, which paper was
 * theirs; and a mixer's output that is not an encoded paper at all decrypts to a refusal here.
 */

/** The most bytes a message can have. */
export const MESSAGE_CAPACITY = 29;

const LENGTH_BYTE = 0;
const FIRST_MESSAGE_BYTE = 1;
const COUNTER_LOW_BYTE = 30;
const COUNTER_HIGH_BYTE = 31;
/** The counter has 14 bits: byte 30 and the low 6 bits of byte 31. */
const COUNTER_LIMIT = 1 << 14;

/** A group element that is not the encoding of any message: the count treats the paper it was decrypted from as invalid. */
export class UndecodableMessageError extends RangeError {
  override name = 'UndecodableMessageError';
}

/** The message's encoding: the element decoded from the layout above at the smallest counter that decodes. Throws a RangeError for a message longer than MESSAGE_CAPACITY. */
export function encodeMessage(message: Uint8Array): Element {
  if (message.length > MESSAGE_CAPACITY) throw new RangeError(`a message has at most ${MESSAGE_CAPACITY} bytes, this one has ${message.length}`);
  const candidate = layout(message);
  for (let counter = 0; counter < COUNTER_LIMIT; counter += 1) {
    const decoded = decodeCandidate(candidate, counter);
    if (decoded !== undefined) return decoded;
  }
  throw new RangeError(`no counter below ${COUNTER_LIMIT} encodes this message`);
}

/** The message an element encodes; throws an UndecodableMessageError, saying why, for an element that encodes none. */
export function decodeMessage(element: Element): Uint8Array {
  const s = hexToBytes(elementToHex(element));
  const lengthByte = s[LENGTH_BYTE]!;
  const length = lengthByte >> 1;
  // Bit 0 of a canonical encoding is always 0: §4.3.2 writes |s|.
  if (lengthByte > MESSAGE_CAPACITY << 1) throw new UndecodableMessageError(`not the encoding of a message: its length byte is ${lengthByte}, not a length of at most ${MESSAGE_CAPACITY} bytes`);
  if (s[COUNTER_HIGH_BYTE]! >= 1 << 6) throw new UndecodableMessageError('not the encoding of a message: the two highest bits of its last byte are not 0');
  const padding = s.subarray(FIRST_MESSAGE_BYTE + length, COUNTER_LOW_BYTE);
  if (padding.some((byte) => byte !== 0)) throw new UndecodableMessageError(`not the encoding of a message: the bytes after its ${length} bytes are not 0`);
  const message = s.slice(FIRST_MESSAGE_BYTE, FIRST_MESSAGE_BYTE + length);
  const counter = s[COUNTER_LOW_BYTE]! | (s[COUNTER_HIGH_BYTE]! << 8);
  const candidate = layout(message);
  for (let smaller = 0; smaller < counter; smaller += 1) {
    if (decodeCandidate(candidate, smaller) !== undefined)
      throw new UndecodableMessageError(`not the encoding of a message: counter ${counter} is used, but counter ${smaller} already encodes its bytes`);
  }
  return message;
}

/** The encoding string s with the length and the message in place and the counter's bytes still 0. */
function layout(message: Uint8Array): Uint8Array {
  const s = new Uint8Array(32);
  s[LENGTH_BYTE] = message.length << 1;
  s.set(message, FIRST_MESSAGE_BYTE);
  return s;
}

/** The element s decodes to with this counter in its counter bytes (RFC 9496 §4.3.1), or undefined where the decoder refuses it. */
function decodeCandidate(candidate: Uint8Array, counter: number): Element | undefined {
  candidate[COUNTER_LOW_BYTE] = counter & 0xff;
  candidate[COUNTER_HIGH_BYTE] = counter >> 8;
  try {
    return elementFromHex(bytesToHex(candidate));
  } catch {
    return undefined;
  }
}
