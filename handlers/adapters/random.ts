import { randomBytes } from 'node:crypto';

/** 160 bits from the CSPRNG, base64url: a voter credential or an admin token. */
export const newToken = (): string => randomBytes(20).toString('base64url');

/** 128 bits, base64url: a ballot's receipt, which only the voter ever holds (the box keeps ballotIdOf it). */
export const newReceipt = (): string => randomBytes(16).toString('base64url');

/** Short, readable, lowercase: an election id that fits the API's id pattern. */
export const newElectionId = (): string => `e-${randomBytes(6).toString('hex')}`;

/** Bytes from the CSPRNG: a personal API token's text and id. */
export const secureBytes = (bytes: number): Uint8Array => new Uint8Array(randomBytes(bytes));
