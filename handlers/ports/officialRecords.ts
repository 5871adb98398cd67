import type { RecordedEvent } from '../../domain';

/** The languages an official record is written in (record/strings.ts). */
export type RecordLanguage = 'de' | 'en';

/**
 * Writes an election's official record (Wahlniederschrift) as a PDF from its published events
 * (record/): the same events give the same bytes. Only the record's own function is given it, so
 * that no other bundles the PDF library and its fonts.
 */
export interface OfficialRecords {
  pdf(events: readonly RecordedEvent[], language: RecordLanguage): Promise<Uint8Array>;
}
