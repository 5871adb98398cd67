import { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import type { CredentialMinter, CredentialRef } from '../ports';
import { credentialMessage } from './credentialMessage';

/**
 * HMAC-SHA-256 under a KMS HMAC key: the key never leaves KMS, only the sender's and the
 * re-issuers' roles may use it, and CloudTrail records every use, which the breach watch checks.
 */
export class KmsCredentialMinter implements CredentialMinter {
  constructor(
    private readonly keyId: string,
    private readonly client: KMSClient = new KMSClient({}),
  ) {}

  async tokenFor(credential: CredentialRef): Promise<string> {
    const { Mac } = await this.client.send(new GenerateMacCommand({ KeyId: this.keyId, MacAlgorithm: 'HMAC_SHA_256', Message: credentialMessage(credential) }));
    if (!Mac) throw new Error('KMS returned no MAC');
    return Buffer.from(Mac).toString('base64url');
  }
}
