import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { baseMultiple, scalar } from '../../../domain/crypto/group';
import { DEFAULT_KDF_PARAMETERS, type KdfParameters, openShareFile, sealShareFile, type ShareFileJson, type ShareFileSecret } from '../../../domain/crypto/shareFile';
import { seededRandom } from './seededRandom';

/** 1 MiB instead of 128: the format and its refusals are the same, in milliseconds. */
const CHEAP: KdfParameters = { N: 2 ** 10, r: 8, p: 1 };

describe('the trustee share file', () => {
  const random = seededRandom('share file');
  const secret: ShareFileSecret = {
    electionId: 'election-2026-council',
    publicKey: baseMultiple(scalar.random(random)),
    trustee: 3,
    secretShare: scalar.random(random),
    transportSecret: scalar.random(random),
  };
  const expected = { electionId: secret.electionId, publicKey: secret.publicKey };
  const passphrase = 'correct horse battery staple';
  const sealed = sealShareFile(secret, passphrase, random, CHEAP);

  /** A copy of the file with one change, its checksums recomputed when `recompute` says so, as a deliberate editor would. */
  async function edited(change: (file: ShareFileJson) => void, recompute = false): Promise<string> {
    const file = JSON.parse(await sealed) as ShareFileJson;
    change(file);
    if (recompute) {
      const sum = (parts: unknown[]) => bytesToHex(sha256(utf8ToBytes(JSON.stringify(['sealed-box/trustee-share-file', 1, ...parts]))));
      file.election.checksum = sum(['election', file.election.electionId, file.election.publicKey, file.election.trustee]);
      file.kdf.checksum = sum(['kdf', file.kdf.name, file.kdf.N, file.kdf.r, file.kdf.p, file.kdf.salt]);
    }
    return JSON.stringify(file);
  }

  it('opens with its passphrase to the secret it sealed', async () => {
    const opened = await openShareFile(await sealed, passphrase, expected);
    if (!opened.ok) throw new Error(opened.reason);
    expect(opened.secret.electionId).toBe(secret.electionId);
    expect(opened.secret.trustee).toBe(3);
    expect(opened.secret.publicKey.equals(secret.publicKey)).toBe(true);
    expect(opened.secret.secretShare).toBe(secret.secretShare);
    expect(opened.secret.transportSecret).toBe(secret.transportSecret);
    expect(JSON.parse(await sealed)).toMatchObject({ version: 1, kdf: { name: 'scrypt', N: 1024, r: 8, p: 1 }, cipher: { name: 'xchacha20poly1305' } });
  });

  it('seals by default with the production parameters: scrypt at 128 MiB (N = 2^17, r = 8, p = 1)', () => {
    expect(DEFAULT_KDF_PARAMETERS).toEqual({ N: 131072, r: 8, p: 1 });
  });

  it('opens with the same passphrase typed in another Unicode normal form', async () => {
    const file = await sealShareFile(secret, 'café', random, CHEAP);
    expect(await openShareFile(file, 'cafe\u0301', expected)).toMatchObject({ ok: true });
  });

  it('refuses a wrong passphrase', async () => {
    expect(await openShareFile(await sealed, 'correct horse battery stapler', expected)).toEqual({ ok: false, failed: 'passphrase', reason: 'the passphrase is wrong' });
  });

  it('refuses a sealed share, nonce or header that was changed', async () => {
    const flip = (hex: string) => hex.slice(0, -1) + (hex.endsWith('0') ? '1' : '0');
    for (const change of [(file: ShareFileJson) => (file.cipher.ciphertext = flip(file.cipher.ciphertext)), (file: ShareFileJson) => (file.cipher.nonce = flip(file.cipher.nonce))]) {
      expect(await openShareFile(await edited(change), passphrase, expected)).toMatchObject({ ok: false, failed: 'ciphertext', reason: expect.stringContaining('altered') });
    }
    // The trustee index changed and the checksum recomputed: only the authenticated encryption can tell.
    expect(await openShareFile(await edited((file) => (file.election.trustee = 4), true), passphrase, expected)).toMatchObject({ ok: false, failed: 'ciphertext' });
  });

  it('refuses changed key-derivation parameters, and says which part of the header was changed', async () => {
    expect(await openShareFile(await edited((file) => (file.kdf.N = 2048)), passphrase, expected)).toMatchObject({
      ok: false,
      failed: 'parameters-altered',
      reason: expect.stringContaining('key-derivation parameters'),
    });
    expect(await openShareFile(await edited((file) => (file.kdf.salt = '00'.repeat(16))), passphrase, expected)).toMatchObject({ ok: false, failed: 'parameters-altered' });
    expect(await openShareFile(await edited((file) => (file.election.trustee = 4)), passphrase, expected)).toMatchObject({ ok: false, failed: 'election-altered' });
    expect(await openShareFile(await edited((file) => (file.kdf.N = 2 ** 21), true), passphrase, expected)).toMatchObject({
      ok: false,
      failed: 'parameters',
      reason: "the file's key-derivation parameters are refused: they need more than 1 GiB of memory",
    });
    // Recomputed checksums hide a change of parameters from everything but the passphrase check, which the changed KDF no longer passes.
    expect(await openShareFile(await edited((file) => (file.kdf.N = 2048), true), passphrase, expected)).toMatchObject({ ok: false, failed: 'passphrase' });
  });

  it('refuses a file for another election, or from another key ceremony of this election', async () => {
    expect(await openShareFile(await sealed, passphrase, { ...expected, electionId: 'election-2026-senate' })).toEqual({
      ok: false,
      failed: 'election',
      reason: 'this file holds a share for election "election-2026-council", not "election-2026-senate"',
    });
    expect(await openShareFile(await sealed, passphrase, { ...expected, publicKey: baseMultiple(5n) })).toMatchObject({ ok: false, failed: 'ceremony' });
  });

  it('refuses what is not a share file of this version, naming the malformed field', async () => {
    expect(await openShareFile('not json', passphrase, expected)).toMatchObject({ ok: false, failed: 'format', reason: 'this is not a share file: it is not JSON' });
    expect(await openShareFile('{"format":"something else"}', passphrase, expected)).toMatchObject({ ok: false, failed: 'format', reason: 'this is not a share file' });
    expect(await openShareFile(await edited((file) => ((file as { version: number }).version = 2)), passphrase, expected)).toMatchObject({
      ok: false,
      failed: 'format',
      reason: expect.stringContaining('version 2'),
    });
    expect(await openShareFile(await edited((file) => (file.kdf.salt = 'abc')), passphrase, expected)).toMatchObject({ ok: false, failed: 'format', reason: "the share file's kdf.salt is malformed" });
    expect(await openShareFile(await edited((file) => (file.election.publicKey = 'ff'.repeat(32))), passphrase, expected)).toMatchObject({
      ok: false,
      failed: 'format',
      reason: "the share file's election.publicKey is malformed: not the encoding of a ristretto255 element",
    });
  });

  it('refuses to seal under an empty passphrase or parameters a browser cannot run', async () => {
    await expect(sealShareFile(secret, '', random, CHEAP)).rejects.toThrow('the passphrase is empty');
    await expect(sealShareFile(secret, passphrase, random, { N: 1000, r: 8, p: 1 })).rejects.toThrow('N is not a power of two');
  });
});
