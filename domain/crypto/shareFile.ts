import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { type Element, elementFromHex, elementToHex, type RandomBytes, scalarFromHex, scalarToHex } from './group';

/**
 * A trustee's secret material, sealed under a passphrase for a file on the trustee's own
 * machine: their index, their secret share x_j, their transport secret, and the election and
 * public key they belong to. The passphrase goes through scrypt (RFC 7914), memory-hard so that
 * guessing it from a stolen file costs 128 MiB and about a second per guess; HKDF-SHA256 (RFC 5869)
 * splits the result into a passphrase check and the key of XChaCha20-Poly1305, whose associated
 * data is the whole header, so that no part of the file can be changed unnoticed.
 *
 * The header also carries two plain SHA-256 checksums — of the election fields and of the KDF
 * parameters — which protect nothing (anyone can recompute them) but let a file that was edited
 * or damaged be told apart from a wrong passphrase; the authenticated encryption is what refuses
 * a change made with the checksums recomputed.
 */
export interface ShareFileSecret {
  electionId: string;
  publicKey: Element;
  trustee: number;
  secretShare: bigint;
  transportSecret: bigint;
}

/** scrypt's cost: N (a power of two) × r × 128 bytes of memory, p passes. */
export interface KdfParameters {
  N: number;
  r: number;
  p: number;
}

/**
 * 128 MiB, OWASP's minimum for scrypt (N = 2^17, r = 8, p = 1). Measured once in node 20 with
 * noble's scryptAsync: 0.9 s on an idle core, 2 s with the machine's two cores loaded; browsers
 * take two to three times node's time. It runs once when the file is sealed and once when it is
 * opened for the count.
 */
export const DEFAULT_KDF_PARAMETERS: KdfParameters = { N: 2 ** 17, r: 8, p: 1 };

/** What a browser can be asked for: at most 1 GiB, noble's own ceiling. */
const MAX_KDF_MEMORY = 2 ** 30;

const FORMAT = 'sealed-box/trustee-share-file';
const VERSION = 1;

export interface ShareFileJson {
  format: typeof FORMAT;
  version: typeof VERSION;
  election: { electionId: string; publicKey: string; trustee: number; checksum: string };
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string; checksum: string };
  passphraseCheck: string;
  cipher: { name: 'xchacha20poly1305'; nonce: string; ciphertext: string };
}

export type ShareFileFailure = 'format' | 'election-altered' | 'parameters-altered' | 'parameters' | 'election' | 'ceremony' | 'passphrase' | 'ciphertext';

export type OpenedShareFile = { ok: true; secret: ShareFileSecret } | { ok: false; failed: ShareFileFailure; reason: string };

const electionChecksum = (election: Omit<ShareFileJson['election'], 'checksum'>): string => checksum(['election', election.electionId, election.publicKey, election.trustee]);
const kdfChecksum = (kdf: Omit<ShareFileJson['kdf'], 'checksum'>): string => checksum(['kdf', kdf.name, kdf.N, kdf.r, kdf.p, kdf.salt]);
const checksum = (parts: readonly (string | number)[]): string => bytesToHex(sha256(utf8ToBytes(JSON.stringify([FORMAT, VERSION, ...parts]))));

/** The associated data: every field of the header (the checksums aside, which derive from them), in one unambiguous encoding whatever the order of the file's keys. */
const header = ({ election, kdf }: Pick<ShareFileJson, 'election' | 'kdf'>): Uint8Array =>
  utf8ToBytes(JSON.stringify([FORMAT, VERSION, election.electionId, election.publicKey, election.trustee, kdf.name, kdf.N, kdf.r, kdf.p, kdf.salt]));

function kdfParametersProblem(parameters: KdfParameters): string | null {
  const { N, r, p } = parameters;
  if (!Number.isSafeInteger(N) || N < 2 || (N & (N - 1)) !== 0) return 'N is not a power of two';
  if (!Number.isSafeInteger(r) || r < 1 || r > 32) return 'r is not from 1 to 32';
  if (!Number.isSafeInteger(p) || p < 1 || p > 16) return 'p is not from 1 to 16';
  if (128 * N * r > MAX_KDF_MEMORY) return 'they need more than 1 GiB of memory';
  return null;
}

/** The passphrase check and the cipher's key, from the passphrase (NFKC, so that it types the same on every keyboard) and the file's salt. */
async function deriveKeys(passphrase: string, salt: Uint8Array, parameters: KdfParameters): Promise<{ check: Uint8Array; key: Uint8Array }> {
  const stretched = await scryptAsync(utf8ToBytes(passphrase.normalize('NFKC')), salt, { ...parameters, dkLen: 32, maxmem: MAX_KDF_MEMORY + 1024 });
  return {
    check: hkdf(sha256, stretched, salt, utf8ToBytes(`${FORMAT}/v${VERSION}/passphrase-check`), 32),
    key: hkdf(sha256, stretched, salt, utf8ToBytes(`${FORMAT}/v${VERSION}/key`), 32),
  };
}

/** Seals the secret; tests pass cheaper parameters, the app never does. Returns the file's text. */
export async function sealShareFile(secret: ShareFileSecret, passphrase: string, random: RandomBytes, parameters: KdfParameters = DEFAULT_KDF_PARAMETERS): Promise<string> {
  if (passphrase.length === 0) throw new RangeError('the passphrase is empty');
  const problem = kdfParametersProblem(parameters);
  if (problem !== null) throw new RangeError(`the key-derivation parameters are refused: ${problem}`);
  const election = { electionId: secret.electionId, publicKey: elementToHex(secret.publicKey), trustee: secret.trustee };
  const salt = random(16);
  const kdf = { name: 'scrypt' as const, ...parameters, salt: bytesToHex(salt) };
  const head = { format: FORMAT, version: VERSION, election: { ...election, checksum: electionChecksum(election) }, kdf: { ...kdf, checksum: kdfChecksum(kdf) } } as const;
  const { check, key } = await deriveKeys(passphrase, salt, parameters);
  const nonce = random(24);
  const plaintext = utf8ToBytes(JSON.stringify({ secretShare: scalarToHex(secret.secretShare), transportSecret: scalarToHex(secret.transportSecret) }));
  const ciphertext = xchacha20poly1305(key, nonce, header(head)).encrypt(plaintext);
  const file: ShareFileJson = { ...head, passphraseCheck: bytesToHex(check), cipher: { name: 'xchacha20poly1305', nonce: bytesToHex(nonce), ciphertext: bytesToHex(ciphertext) } };
  return JSON.stringify(file, null, 2);
}

/**
 * Opens a share file for the election the caller is counting, and refuses, each with its own
 * reason: a text that is not a share file, an edited header (election fields or KDF parameters),
 * unacceptable parameters, a file for another election or from another key ceremony of this
 * one, a wrong passphrase, and a sealed part that does not authenticate.
 */
export async function openShareFile(text: string, passphrase: string, expected: { electionId: string; publicKey: Element }): Promise<OpenedShareFile> {
  const read = readShareFile(text);
  if (!read.ok) return read;
  const { file, publicKey, salt, nonce, ciphertext } = read;
  const { checksum: electionSum, ...election } = file.election;
  if (electionChecksum(election) !== electionSum) {
    return { ok: false, failed: 'election-altered', reason: "the file was altered: its election, public key or trustee do not match the file's checksum" };
  }
  const { checksum: kdfSum, ...kdf } = file.kdf;
  if (kdfChecksum(kdf) !== kdfSum) {
    return { ok: false, failed: 'parameters-altered', reason: "the file was altered: its key-derivation parameters do not match the file's checksum" };
  }
  const problem = kdfParametersProblem(kdf);
  if (problem !== null) return { ok: false, failed: 'parameters', reason: `the file's key-derivation parameters are refused: ${problem}` };
  if (election.electionId !== expected.electionId) {
    return { ok: false, failed: 'election', reason: `this file holds a share for election ${JSON.stringify(election.electionId)}, not ${JSON.stringify(expected.electionId)}` };
  }
  if (!publicKey.equals(expected.publicKey)) {
    return { ok: false, failed: 'ceremony', reason: "this file is from another key ceremony of this election: its public key is not the election's" };
  }
  const { check, key } = await deriveKeys(passphrase, salt, kdf);
  if (bytesToHex(check) !== file.passphraseCheck) return { ok: false, failed: 'passphrase', reason: 'the passphrase is wrong' };
  let plaintext: Uint8Array;
  try {
    plaintext = xchacha20poly1305(key, nonce, header(file)).decrypt(ciphertext);
  } catch {
    return { ok: false, failed: 'ciphertext', reason: 'the file was altered: its sealed share or its header does not authenticate under this passphrase' };
  }
  const sealed = JSON.parse(new TextDecoder().decode(plaintext)) as { secretShare: string; transportSecret: string };
  return {
    ok: true,
    secret: { electionId: election.electionId, publicKey, trustee: election.trustee, secretShare: scalarFromHex(sealed.secretShare), transportSecret: scalarFromHex(sealed.transportSecret) },
  };
}

type ReadFile = { ok: true; file: ShareFileJson; publicKey: Element; salt: Uint8Array; nonce: Uint8Array; ciphertext: Uint8Array } | { ok: false; failed: 'format'; reason: string };

/** Checks the file's shape, field by field, naming the first that is missing or malformed. */
function readShareFile(text: string): ReadFile {
  const refuse = (reason: string): ReadFile => ({ ok: false, failed: 'format', reason });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refuse('this is not a share file: it is not JSON');
  }
  const file = value as ShareFileJson;
  if (typeof value !== 'object' || value === null || file.format !== FORMAT) return refuse('this is not a share file');
  if (file.version !== VERSION) return refuse(`this share file's version ${JSON.stringify(file.version)} is not one this app reads (${VERSION})`);
  const { election, kdf, cipher } = file;
  const hex = (candidate: unknown, bytes?: number): candidate is string =>
    typeof candidate === 'string' && /^(?:[0-9a-f]{2})+$/.test(candidate) && (bytes === undefined || candidate.length === 2 * bytes);
  const fields: [string, boolean][] = [
    ['election', typeof election === 'object' && election !== null],
    ['kdf', typeof kdf === 'object' && kdf !== null && kdf.name === 'scrypt'],
    ['cipher', typeof cipher === 'object' && cipher !== null && cipher.name === 'xchacha20poly1305'],
  ];
  const missing = fields.find(([, present]) => !present);
  if (missing) return refuse(`the share file's ${missing[0]} is missing or malformed`);
  const checks: [string, boolean][] = [
    ['election.electionId', typeof election.electionId === 'string'],
    ['election.trustee', Number.isSafeInteger(election.trustee) && election.trustee >= 1],
    ['election.checksum', hex(election.checksum, 32)],
    ['kdf.salt', hex(kdf.salt, 16)],
    ['kdf.checksum', hex(kdf.checksum, 32)],
    ['passphraseCheck', hex(file.passphraseCheck, 32)],
    ['cipher.nonce', hex(cipher.nonce, 24)],
    ['cipher.ciphertext', hex(cipher.ciphertext)],
  ];
  const malformed = checks.find(([, good]) => !good);
  if (malformed) return refuse(`the share file's ${malformed[0]} is malformed`);
  let publicKey: Element;
  try {
    publicKey = elementFromHex(election.publicKey);
  } catch (error) {
    return refuse(`the share file's election.publicKey is malformed: ${(error as Error).message}`);
  }
  return { ok: true, file, publicKey, salt: hexToBytes(kdf.salt), nonce: hexToBytes(cipher.nonce), ciphertext: hexToBytes(cipher.ciphertext) };
}
