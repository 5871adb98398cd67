import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Tokens are stored and compared only as SHA-256 digests (hex). */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Compares a presented token with a stored digest in constant time, whatever the input's length. */
export function tokenMatches(presented: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = createHash('sha256').update(presented, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A voter as the log and the audit export show them: keyed by the election's secret salt, so a student id cannot be guessed back. */
export const rollHash = (salt: string, studentId: string): string => createHmac('sha256', salt).update(studentId).digest('hex');
