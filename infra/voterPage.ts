import { fileURLToPath } from 'node:url';

/** The voter page's files: served by the local stack, deployed as they are to S3 under `vote/`. */
export const VOTER_PAGE_DIR = fileURLToPath(new URL('../web/vote/', import.meta.url));

/**
 * The voter page's response headers, one definition for both servers: the local stack sends them
 * itself, CloudFront adds them through a response headers policy. The page loads nothing from
 * anywhere else and talks only to its own origin, so a token can never leave for a third party.
 */
export const VOTER_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const HSTS_MAX_AGE_SECONDS = 63_072_000;

export const VOTER_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': VOTER_PAGE_CSP,
  'strict-transport-security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'cross-origin-opener-policy': 'same-origin',
};
