export { buildOfficialRecord, officialRecordWriter } from './officialRecord';
export { loadRecordFonts } from './fonts';
export type { RecordFonts } from './pdfWriter';
export { isRecordLanguage, type RecordLanguage } from './strings';
