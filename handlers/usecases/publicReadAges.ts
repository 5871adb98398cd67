/** How long a public answer may be served from memory, and by browsers and CloudFront (its max-age). */
export const VIEW_MAX_AGE_SECONDS = 2;
export const TURNOUT_MAX_AGE_SECONDS = 5;
