import { createHash } from 'node:crypto';

/**
 * The id a ballot is stored and published under: the first 128 bits of SHA-256 over its
 * receipt, base64url (22 characters, like the receipt). One-way, so the published box and
 * anything else that names a ballot say nothing to someone who has not been shown the receipt.
 */
export const ballotIdOf = (receipt: string): string => createHash('sha256').update(receipt, 'utf8').digest().subarray(0, 16).toString('base64url');

/**
 * The id of a voter's paper in one contest: ballotIdOf the receipt in an election of one contest
 * (as before contests existed), of the receipt and the contest's id otherwise. One receipt finds
 * every paper of its voter; without it, nothing links one contest's ballot to another's.
 */
export const paperIdOf = (receipt: string, contests: readonly { id: string }[], contestId: string): string => ballotIdOf(contests.length === 1 ? receipt : `${receipt}.${contestId}`);
