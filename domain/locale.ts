/**
 * The languages and the time zone an election speaks to its voters in. Every voter mail exists in
 * each language; a voter may carry their own on the roll, else the election's is theirs. Times are
 * shown in the election's time zone, by its name, never as UTC.
 */
export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language of an election created without one: every client before languages got English mail. */
export const DEFAULT_LANGUAGE: Language = 'en';
/** Where the unions this is built for vote. */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** An IANA zone name (`Europe/Berlin`, `UTC`): no offsets such as `+01:00`, which know no summer time. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** What is wrong with a time zone, or undefined for one the runtime's zone database knows. */
export function timeZoneProblem(zone: string): string | undefined {
  const problem = `"${zone}" is not a time zone name such as Europe/Berlin or UTC`;
  if (zone.length > 64 || !ZONE_NAME.test(zone)) return problem;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return undefined;
  } catch {
    return problem;
  }
}
