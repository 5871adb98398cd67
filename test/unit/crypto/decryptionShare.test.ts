import { utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { encrypt } from '../../../domain/crypto/elgamal';
import { baseMultiple, elementToHex, ORDER, scalar, scalarToHex } from '../../../domain/crypto/group';
import { decodeMessage, encodeMessage } from '../../../domain/crypto/messageEncoding';
import {
  type DecryptionShare,
  decryptionShareFromJson,
  decryptionSharesFromJson,
  decryptionShareToJson,
  partialDecryption,
  partialDecryptions,
  verifyPartialDecryption,
  verifyPartialDecryptions,
} from '../../../domain/crypto/proofs/decryptionShare';
import { seededRandom } from './seededRandom';

describe("a trustee's share of a decryption, with its Chaum–Pedersen proof", () => {
  const random = seededRandom('decryption share');
  const secretShare = scalar.random(random);
  const verificationKey = baseMultiple(secretShare);
  const context = 'election-2027-board/chair/decryption';
  const papers = ['1|3,1,2', '2|1', ''].map(utf8ToBytes);
  const ciphertexts = papers.map((paper) => encrypt(verificationKey, encodeMessage(paper), scalar.random(random)));
  const shares = partialDecryptions(secretShare, ciphertexts, context, random);
  const [ciphertext, share] = [ciphertexts[0]!, shares[0]!];
  const other = () => baseMultiple(scalar.random(random));
  const refused = { ok: false, failed: 'proof.challenge' };

  it('decrypts with a single key: β − D is the paper, and every share verifies, also as read back from its JSON', () => {
    expect(verifyPartialDecryptions(verificationKey, ciphertexts, shares, context)).toEqual({ ok: true });
    ciphertexts.forEach((c, k) => expect(decodeMessage(c.beta.subtract(shares[k]!.factor))).toEqual(papers[k]));
    const readBack = decryptionSharesFromJson(JSON.parse(JSON.stringify(shares.map(decryptionShareToJson))));
    expect(verifyPartialDecryptions(verificationKey, ciphertexts, readBack, context)).toEqual({ ok: true });
    expect(verifyPartialDecryption(verificationKey, ciphertext, partialDecryption(secretShare, ciphertext, context, random), context)).toEqual({ ok: true });
  });

  it('refuses a changed factor, challenge or response', () => {
    expect(verifyPartialDecryption(verificationKey, ciphertext, { ...share, factor: share.factor.add(baseMultiple(1n)) }, context)).toEqual(refused);
    expect(verifyPartialDecryption(verificationKey, ciphertext, { ...share, proof: { ...share.proof, challenge: scalar.add(share.proof.challenge, 1n) } }, context)).toEqual(refused);
    expect(verifyPartialDecryption(verificationKey, ciphertext, { ...share, proof: { ...share.proof, response: scalar.add(share.proof.response, 1n) } }, context)).toEqual(refused);
  });

  it("refuses the share under another trustee's key, for another α, or in another context", () => {
    expect(verifyPartialDecryption(other(), ciphertext, share, context)).toEqual(refused);
    expect(verifyPartialDecryption(verificationKey, { ...ciphertext, alpha: other() }, share, context)).toEqual(refused);
    expect(verifyPartialDecryption(verificationKey, ciphertext, share, 'election-2027-board/treasurer/decryption')).toEqual(refused);
    expect(verifyPartialDecryption(verificationKey, ciphertext, share, 'election-2027-council/chair/decryption')).toEqual(refused);
  });

  it('is about α alone: the share stays valid for a ciphertext with another β (which ciphertexts are decrypted is for the log to fix)', () => {
    expect(verifyPartialDecryption(verificationKey, { ...ciphertext, beta: other() }, share, context)).toEqual({ ok: true });
  });

  it('refuses a factor from a wrong share, even with a proof made honestly for that wrong share', () => {
    const wrongShare = partialDecryption(scalar.add(secretShare, 1n), ciphertext, context, random);
    expect(verifyPartialDecryption(verificationKey, ciphertext, wrongShare, context)).toEqual(refused);
  });

  it('names the index of the first share refused in a list, and refuses a list of another length', () => {
    const swapped = [shares[0]!, shares[2]!, shares[1]!];
    expect(verifyPartialDecryptions(verificationKey, ciphertexts, swapped, context)).toEqual({ ok: false, index: 1, failed: 'proof.challenge' });
    const lastChanged = shares.map((s, k): DecryptionShare => (k === 2 ? { ...s, factor: other() } : s));
    expect(verifyPartialDecryptions(verificationKey, ciphertexts, lastChanged, context)).toEqual({ ok: false, index: 2, failed: 'proof.challenge' });
    const outOfRange = shares.map((s, k): DecryptionShare => (k === 1 ? { ...s, proof: { ...s.proof, response: s.proof.response + ORDER } } : s));
    expect(verifyPartialDecryptions(verificationKey, ciphertexts, outOfRange, context)).toEqual({ ok: false, index: 1, failed: 'proof.response' });
    expect(verifyPartialDecryptions(verificationKey, ciphertexts, shares.slice(1), context)).toEqual({ ok: false, failed: 'shares' });
    expect(verifyPartialDecryptions(verificationKey, [], [], context)).toEqual({ ok: true });
  });

  it('refuses a challenge out of range, and will not decrypt with a secret share out of range', () => {
    expect(verifyPartialDecryption(verificationKey, ciphertext, { ...share, proof: { ...share.proof, challenge: share.proof.challenge + ORDER } }, context)).toEqual(refused);
    expect(() => partialDecryption(ORDER, ciphertext, context, random)).toThrow('secretShare: not a scalar below the group order');
  });

  it('reads only the JSON it writes, naming the share and the field at fault', () => {
    const json = decryptionShareToJson(share);
    expect(json).toEqual({ factor: elementToHex(share.factor), proof: { challenge: scalarToHex(share.proof.challenge), response: scalarToHex(share.proof.response) } });
    const list = shares.map(decryptionShareToJson);
    expect(() => decryptionShareFromJson('share')).toThrow('share: not an object');
    expect(() => decryptionShareFromJson({ factor: json.factor })).toThrow('share.proof: missing');
    expect(() => decryptionShareFromJson({ ...json, index: 1 })).toThrow('share.index: not a field of this record');
    expect(() => decryptionShareFromJson({ ...json, proof: { challenge: json.proof.challenge } })).toThrow('share.proof.response: missing');
    expect(() => decryptionShareFromJson({ ...json, proof: { ...json.proof, response: scalarToHex(ORDER - 1n).replace(/^../, 'ff') } })).toThrow('share.proof.response: not below the group order');
    expect(() => decryptionSharesFromJson(json)).toThrow('shares: not an array');
    expect(() => decryptionSharesFromJson([list[0], { ...list[1], factor: `01${'00'.repeat(31)}` }])).toThrow('shares[1].factor: not the encoding of a ristretto255 element');
    expect(() => decryptionSharesFromJson([list[0], list[1], { ...list[2], proof: { ...list[2]!.proof, challenge: null } }])).toThrow('shares[2].proof.challenge: not a string');
  });
});
