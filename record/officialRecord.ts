import { awaitsAcceptance, replay, type RecordedEvent } from '../domain';
import { loadRecordFonts } from './fonts';
import { writePdf, type RecordFonts } from './pdfWriter';
import type { RecordDocument } from './recordDocument';
import { SECTIONS, type RecordFacts } from './recordSections';
import { RECORD_STRINGS, type RecordLanguage, type RecordStrings } from './strings';

/** The zone an election's times are written in when its log names none: the rules' own. */
const DEFAULT_TIME_ZONE = 'Europe/Berlin';

/**
 * The official record (Wahlniederschrift) of an election, as a PDF, from its event log: the same
 * events give the same bytes on any machine, any day. The events are the log as published (the
 * audit export's, or the stream's up to a head), from ElectionCreated on.
 */
export async function buildOfficialRecord(events: readonly RecordedEvent[], language: RecordLanguage, fonts: RecordFonts): Promise<Uint8Array> {
  return writePdf(recordDocument(events, language), fonts);
}

/** The record's content, before layout. */
function recordDocument(events: readonly RecordedEvent[], language: RecordLanguage): RecordDocument {
  const state = replay(events);
  if (state.phase === 'none') throw new Error('the log holds no ElectionCreated event: there is no election to record');
  const head = events.at(-1)!;
  const text = RECORD_STRINGS[language];
  const timeZone = timeZoneOf(events);
  const facts: RecordFacts = { events, state, text, time: timeIn(text, timeZone), number: numberIn(text) };
  const published = state.phase === 'published';
  // Accepted by the committee, the results are final before they are published: the record issued then is the one its members sign.
  const accepted = state.phase === 'tallied' && state.accepted !== undefined;
  return {
    title: text.title,
    subtitle: `${state.title} (${state.electionId}) · ${published ? text.final : accepted ? text.steps.accepted : text.provisional} · ${text.fields.timeZone}: ${timeZone}`,
    ...(!published && !accepted && { banner: `${text.provisional}: ${awaitsAcceptance(state) ? text.awaitingAcceptanceNote : text.provisionalNote}` }),
    sections: SECTIONS.flatMap((section) => section(facts) ?? []),
    // Every page names the head it was built from, so that no page of another record passes for one of this.
    footer: [`${text.title} · ${state.electionId} · ${text.builtFrom(head.seq)}`, `${text.fields.headHash}: ${head.hash}`],
    pageLabel: text.page,
    metadata: {
      title: `${text.title}: ${state.title}`,
      subject: text.builtFrom(head.seq),
      language: text.locale,
      // The last event's time, so that the record of one log always carries the same date.
      date: new Date(head.at),
      // The head's hash: two records of the same log and language share their ID only if they are the same bytes.
      documentId: head.hash.slice(0, 24) + Buffer.from(language).toString('hex').padStart(8, '0'),
    },
  };
}

/** The election's time zone when its creation names a valid one (a later change may add it), else the rules'. */
function timeZoneOf(events: readonly RecordedEvent[]): string {
  const created = events.find((e) => e.type === 'ElectionCreated');
  const named = created && 'timeZone' in created.data ? (created.data as { timeZone?: unknown }).timeZone : undefined;
  if (typeof named !== 'string') return DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en', { timeZone: named });
    return named;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

/**
 * Times in the election's zone with the zone's name, never in raw UTC: day, month, year and time
 * put together from their parts, so that the separators are ours and not the ICU version's.
 */
function timeIn(text: RecordStrings, timeZone: string): (iso: string | undefined) => string {
  const format = new Intl.DateTimeFormat(text.locale, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  return (iso) => {
    if (iso === undefined) return '–';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    const part = (type: Intl.DateTimeFormatPartTypes) => format.formatToParts(date).find((p) => p.type === type)?.value ?? '';
    const day = text.locale.startsWith('de') ? `${part('day')}.${part('month')}.${part('year')}` : `${part('year')}-${part('month')}-${part('day')}`;
    return `${day} ${part('hour')}:${part('minute')}:${part('second')} ${part('timeZoneName')} (${timeZone})`;
  };
}

/** Whole numbers with the language's thousands separator, written by hand for the same reason. */
function numberIn(text: RecordStrings): (n: number) => string {
  const separator = text.locale.startsWith('de') ? '.' : ',';
  return (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** Builds records with the fonts read once, on first use, from `fontDirectory` (or the npm package that ships them). */
export function officialRecordWriter(fontDirectory?: string) {
  let fonts: Promise<RecordFonts> | undefined;
  return {
    pdf: async (events: readonly RecordedEvent[], language: RecordLanguage) => buildOfficialRecord(events, language, await (fonts ??= loadRecordFonts(fontDirectory))),
  };
}
