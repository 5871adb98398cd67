export { buildOfficialRecord, DEFAULT_TIME_ZONE, officialRecordWriter, recordDocument } from './officialRecord';
export { loadRecordFonts, RECORD_FONT_FILES } from './fonts';
export type { RecordFonts } from './pdfWriter';
export { isRecordLanguage, RECORD_LANGUAGES, type RecordLanguage } from './strings';
