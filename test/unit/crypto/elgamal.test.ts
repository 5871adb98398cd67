import { describe, expect, it } from 'vitest';
import { ciphertextEquals, ciphertextToJson, decrypt, encrypt, reEncrypt } from '../../../domain/crypto/elgamal';
import { readCiphertext } from '../../../domain/crypto/jsonFields';
import { baseMultiple, scalar } from '../../../domain/crypto/group';
import { seededRandom } from './seededRandom';

describe('ElGamal in the sealed box', () => {
  const random = seededRandom('elgamal');
  const secretKey = scalar.random(random);
  const publicKey = baseMultiple(secretKey);
  const message = baseMultiple(scalar.random(random));

  it('decrypts what it encrypts, and a re-encryption to the same message under a different ciphertext', () => {
    const c = encrypt(publicKey, message, scalar.random(random));
    expect(decrypt(secretKey, c).equals(message)).toBe(true);
    const again = reEncrypt(publicKey, c, scalar.random(random));
    expect(ciphertextEquals(again, c)).toBe(false);
    expect(decrypt(secretKey, again).equals(message)).toBe(true);
  });

  it('does not decrypt under another key', () => {
    const c = encrypt(publicKey, message, scalar.random(random));
    expect(decrypt(scalar.add(secretKey, 1n), c).equals(message)).toBe(false);
  });

  it('reads back what it writes, and names the element that is not an encoding', () => {
    const c = encrypt(publicKey, message, scalar.random(random));
    const json = ciphertextToJson(c);
    expect(ciphertextEquals(readCiphertext(json, 'c'), c)).toBe(true);
    expect(() => readCiphertext({ ...json, beta: `01${'00'.repeat(31)}` }, 'c')).toThrow('c.beta: not the encoding of a ristretto255 element');
    expect(() => readCiphertext({ ...json, alpha: 'zz' }, 'c')).toThrow('c.alpha: not 64 lowercase hex digits');
  });
});
