import { sha512 } from '@noble/hashes/sha2.js';
import { ristretto255_hasher } from '@noble/curves/ed25519.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { baseMultiple, challenge, elementFromHex, elementToHex, GENERATOR, independentGenerators, multiple, ORDER, scalar, scalarFromHex, scalarToHex } from '../../../domain/crypto/group';
import { seededRandom } from './seededRandom';

/** RFC 9496 Appendix A.1: the encodings of 0·B to 13·B. */
const MULTIPLES_OF_B = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76',
  '6a493210f7499cd17fecb510ae0cea23a110e8d5b901f8acadd3095c73a3b919',
  '94741f5d5d52755ece4f23f044ee27d5d1ea1e2bd196b462166b16152a9d0259',
  'da80862773358b466ffadfe0b3293ab3d9fd53c5ea6c955358f568322daf6a57',
  'e882b131016b52c1d3337080187cf768423efccbb517bb495ab812c4160ff44e',
  'f64746d3c92b13050ed8d80236a7f0007c3b3f962f5ba793d19a601ebb1df403',
  '44f53520926ec81fbd5a387845beb7df85a96a24ece18738bdcfa6a7822a176d',
  '903293d8f2287ebe10e2374dc1a53e0bc887e592699f02d077d5263cdd55601c',
  '02622ace8f7303a31cafc63f8fc48fdc16e1c8c8d234b2f0d6685282a9076031',
  '20706fd788b2720a1ed2a5dad4952b01f413bcf0e7564de8cdc816689e2db95f',
  'bce83f8ba5dd2fa572864c24ba1810f9522bc6004afe95877ac73241cafdab42',
  'e4549ee16b9aa03099ca208c67adafcafa4c3f3e4e5303de6026e3ca8ff84460',
  'aa52e000df2e16f55fb1032fc33bc42742dad6bd5a8fc0be0167436c5948501f',
];

describe('the group of the sealed box (ristretto255)', () => {
  it('reproduces RFC 9496 A.1: the multiples of the generator', () => {
    MULTIPLES_OF_B.forEach((hex, k) => expect(elementToHex(baseMultiple(BigInt(k)))).toBe(hex));
    MULTIPLES_OF_B.forEach((hex, k) => expect(elementFromHex(hex).equals(multiple(GENERATOR, BigInt(k)))).toBe(true));
  });

  it('reproduces RFC 9496 A.2: an element derived from 64 hashed bytes (§4.3.4)', () => {
    const derived = ristretto255_hasher.deriveToCurve!(sha512(utf8ToBytes('Ristretto is traditionally a short shot of espresso coffee')));
    expect(elementToHex(derived)).toBe('3066f82a1a747d45120d1740f14358531a8f04bbffe6a819f86dfe50f44a0a46');
  });

  it('refuses encodings that are not canonical, negative, or not hex', () => {
    // s ≥ p (non-canonical) and s odd ("negative", RFC 9496 §4.3.1): both refused by the decoder.
    expect(() => elementFromHex('ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f')).toThrow('not the encoding of a ristretto255 element');
    expect(() => elementFromHex('0100000000000000000000000000000000000000000000000000000000000000')).toThrow('not the encoding of a ristretto255 element');
    expect(() => elementFromHex(MULTIPLES_OF_B[1]!.toUpperCase())).toThrow('not 64 lowercase hex digits');
    expect(() => elementFromHex(MULTIPLES_OF_B[1]!.slice(2))).toThrow('not 64 lowercase hex digits');
  });

  it('writes scalars in one encoding and refuses any other', () => {
    const random = seededRandom('scalars');
    for (let i = 0; i < 50; i += 1) {
      const k = scalar.random(random);
      expect(k).toBeLessThan(ORDER);
      expect(scalarFromHex(scalarToHex(k))).toBe(k);
    }
    expect(scalarToHex(1n)).toBe(`01${'00'.repeat(31)}`);
    expect(() => scalarFromHex(scalarToHex(ORDER - 1n).replace(/^../, 'ff'))).toThrow('not below the group order');
    expect(() => scalarFromHex('00')).toThrow('not 64 lowercase hex digits');
  });

  it('does the arithmetic of scalars modulo ℓ', () => {
    const random = seededRandom('arithmetic');
    const [a, b] = [scalar.random(random), scalar.random(random)];
    expect(baseMultiple(scalar.add(a, b)).equals(baseMultiple(a).add(baseMultiple(b)))).toBe(true);
    expect(baseMultiple(scalar.mul(a, b)).equals(multiple(baseMultiple(a), b))).toBe(true);
    expect(scalar.mul(a, scalar.inv(a))).toBe(1n);
    expect(scalar.add(a, scalar.neg(a))).toBe(0n);
    expect(scalar.sub(a, b)).toBe(scalar.add(a, scalar.neg(b)));
  });

  it('gives a challenge that changes with the tag, every part, and the boundaries between parts', () => {
    const base = challenge('tag/v1', ['ab', 'c', 1n, 2, GENERATOR]);
    expect(challenge('tag/v1', ['ab', 'c', 1n, 2, GENERATOR])).toBe(base);
    expect(challenge('tag/v2', ['ab', 'c', 1n, 2, GENERATOR])).not.toBe(base);
    expect(challenge('tag/v1', ['a', 'bc', 1n, 2, GENERATOR])).not.toBe(base);
    expect(challenge('tag/v1', ['ab', 'c', 2n, 2, GENERATOR])).not.toBe(base);
    // The number 2 and the scalar 2 are different parts.
    expect(challenge('tag/v1', ['ab', 'c', 1n, 2n, GENERATOR])).not.toBe(base);
    expect(challenge('tag/v1', ['ab', 'c', 1n, 2, baseMultiple(2n)])).not.toBe(base);
    expect(base).toBeLessThan(ORDER);
  });

  it('derives independent generators, the same for the same tag and different for another', () => {
    const [h0, h1] = independentGenerators('election-1/shuffle', 2);
    expect(h0!.equals(h1!)).toBe(false);
    expect(independentGenerators('election-1/shuffle', 2)[1]!.equals(h1!)).toBe(true);
    expect(independentGenerators('election-2/shuffle', 1)[0]!.equals(h0!)).toBe(false);
    expect(h0!.equals(GENERATOR)).toBe(false);
  });
});
