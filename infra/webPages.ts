import { fileURLToPath } from 'node:url';

/** The web pages' files: each page's directory is served by the local stack and deployed as it is to S3 under its own name. */
export const WEB_DIR = fileURLToPath(new URL('../web/', import.meta.url));
/** The pages: the voter page, the election committee's console, the observers' view, and the trustees' page of the sealed box. */
export const WEB_PAGES = ['vote', 'admin', 'observe', 'trustee'] as const;
export type WebPage = (typeof WEB_PAGES)[number];
export const pageDir = (page: WebPage): string => `${WEB_DIR}${page}/`;
export const VOTER_PAGE_DIR = pageDir('vote');

/**
 * The pages' response headers (the voter page's, and the console's and observers' alike), one definition for both servers: the local stack sends them
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
