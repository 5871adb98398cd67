import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { RecordFonts } from './pdfWriter';

/** The fonts' files: DejaVu Sans covers Latin, Greek and Cyrillic (and more), so that any candidate's name prints. */
export const RECORD_FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

/**
 * Reads the fonts from `directory`, or from the npm package that ships them. A Lambda function
 * has no node_modules: the stack copies the two files beside its bundle (infra/lambdaFunctions.ts).
 */
export async function loadRecordFonts(directory?: string): Promise<RecordFonts> {
  const from = directory ?? join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  const [regular, bold] = await Promise.all([readFile(join(from, RECORD_FONT_FILES.regular)), readFile(join(from, RECORD_FONT_FILES.bold))]);
  return { regular, bold };
}
