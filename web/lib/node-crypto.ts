import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The part of `node:crypto` the domain uses, for the browser: the bundler aliases `node:crypto`
 * to this file (infra/webBundles.ts), so `domain/` hashes in the observers' view with the very
 * code it runs on the server. SHA-256 only, as `createHash('sha256').update(…).digest(…)`; the
 * tests hold every digest the domain makes to node's.
 */

type Encoding = 'hex' | 'base64url';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Base64url without padding, as node's Buffer writes it. */
function base64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += BASE64URL[(n >> 18) & 63]! + BASE64URL[(n >> 12) & 63]!;
    if (b !== undefined) out += BASE64URL[(n >> 6) & 63]!;
    if (c !== undefined) out += BASE64URL[n & 63]!;
  }
  return out;
}

/** A digest's bytes that, like node's Buffer, print as hex or base64url, whole or in part. */
export class Digest extends Uint8Array<ArrayBuffer> {
  override subarray(begin?: number, end?: number): Digest {
    const part = super.subarray(begin, end);
    return new Digest(part.buffer, part.byteOffset, part.length);
  }

  override toString(encoding: Encoding = 'hex'): string {
    if (encoding === 'hex') return bytesToHex(this);
    if (encoding === 'base64url') return base64url(this);
    throw new Error(`node-crypto stand-in: encoding ${String(encoding)} is not supported`);
  }
}

export interface Hash {
  update(data: string | Uint8Array, inputEncoding?: 'utf8'): Hash;
  digest(): Digest;
  digest(encoding: Encoding): string;
}

export function createHash(algorithm: string): Hash {
  if (algorithm !== 'sha256') throw new Error(`node-crypto stand-in: only sha256, not ${algorithm}`);
  const hasher = sha256.create();
  const hash = {
    update(data: string | Uint8Array, inputEncoding?: 'utf8') {
      if (typeof data === 'string' && inputEncoding !== undefined && inputEncoding !== 'utf8') throw new Error(`node-crypto stand-in: input encoding ${String(inputEncoding)} is not supported`);
      hasher.update(typeof data === 'string' ? utf8ToBytes(data) : data);
      return hash;
    },
    digest(encoding?: Encoding) {
      const bytes = hasher.digest();
      const digest = new Digest(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length);
      return encoding === undefined ? digest : digest.toString(encoding);
    },
  } as Hash;
  return hash;
}
