import { createHash } from 'node:crypto';

/**
 * The id a ballot is stored and published under: the first 128 bits of SHA-256 over its
 * receipt, base64url (22 characters, like the receipt). One-way, so the published box and
 * anything else that names a ballot say nothing to someone who has not been shown the receipt.
 */
export const ballotIdOf = (receipt: string): string => createHash('sha256').update(receipt, 'utf8').digest().subarray(0, 16).toString('base64url');
