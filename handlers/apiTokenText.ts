import { hashToken } from './security';

/**
 * Begins every personal API token: its holder, a log reader or a secret scanner sees what it is,
 * and the authenticator tells it from a session's JWT without a lookup.
 */
export const API_TOKEN_PREFIX = 'elect_';
const RANDOM_BYTES = 32;
/** The prefix and 32 bytes in base64url (43 characters, unpadded). */
const SHAPE = new RegExp(`^${API_TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`);

/** A new personal API token: its text, shown once to the member who made it, and the hash it is kept and found by. */
export function newApiToken(random: (bytes: number) => Uint8Array): { text: string; hash: string } {
  const text = `${API_TOKEN_PREFIX}${Buffer.from(random(RANDOM_BYTES)).toString('base64url')}`;
  return { text, hash: hashToken(text) };
}

/** Whether a bearer has the shape of a personal API token (whether it is one, only its hash's lookup tells). */
export const isApiTokenText = (bearer: string): boolean => SHAPE.test(bearer);
