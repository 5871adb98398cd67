import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CredentialMinter, CredentialRef } from '../ports';
import { credentialMessage } from './credentialMessage';

/** HMAC-SHA-256 under a key held in this process: the local stand-in for the KMS HMAC key. */
export class LocalCredentialMinter implements CredentialMinter {
  constructor(private readonly key: Buffer = randomBytes(32)) {}

  /**
   * The key kept in a file beside the local data, readable by its owner only, so tokens still
   * work after a restart; a new one when the file does not exist.
   */
  static fromKeyFile(path: string): LocalCredentialMinter {
    if (!existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    }
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
    if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte hex key`);
    return new LocalCredentialMinter(key);
  }

  async tokenFor(credential: CredentialRef): Promise<string> {
    return createHmac('sha256', this.key).update(credentialMessage(credential)).digest('base64url');
  }
}
