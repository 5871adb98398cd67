import type { Language } from '../../domain';

const LOCALES: Record<Language, string> = { de: 'de-DE', en: 'en-GB' };

/**
 * A moment as a voter reads it: in the election's time zone, with the zone's name, never as UTC:
 * "Montag, 7. Dezember 2026, 18:00 MEZ", "Monday, 7 December 2026, 18:00 CET". The date and the
 * time are formatted apart, since Intl takes no zone name beside a date style.
 */
export function localTime(iso: string, language: Language, timeZone: string): string {
  const moment = new Date(iso);
  const date = new Intl.DateTimeFormat(LOCALES[language], { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(moment);
  const time = new Intl.DateTimeFormat(LOCALES[language], { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).format(moment);
  return `${date}, ${time}`;
}
