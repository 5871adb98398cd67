/** Which credential: a voter's generation g is their g-th, and every earlier one is revoked. */
export interface CredentialRef {
  electionId: string;
  studentId: string;
  generation: number;
}

/**
 * Derives a voter's token from what identifies it (a keyed MAC: a KMS HMAC key on AWS), so the
 * token is never stored anywhere: the sender derives it to mail it, the re-issuer to revoke it.
 */
export interface CredentialMinter {
  tokenFor(credential: CredentialRef): Promise<string>;
}
