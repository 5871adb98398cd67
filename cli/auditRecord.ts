import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VerifyOptions } from '../domain';
import { buildOfficialRecord, loadRecordFonts, type RecordLanguage } from '../record';
import { readAuditLog } from './readAuditLog';
import { verifyLines, type VerifyRun } from './verifyLines';

/**
 * `audit record <export|url> [--out file] [--language de|en]`: the election's official record
 * (Wahlniederschrift) as a PDF, built from the audit export's events: the very bytes the API
 * serves for the same log, so that a printed copy is checked by comparing SHA-256 digests. Only
 * from an export that verifies, against the e-mailed head and digest when given. Without --out it
 * is written as record-<election>-<language>.pdf in `cwd`.
 */
export async function auditRecord(
  source: string,
  where: { outFile: string | undefined; cwd: string },
  language: RecordLanguage,
  out: (line: string) => void,
  expected: VerifyOptions = {},
  run?: VerifyRun,
): Promise<number> {
  const lines = await readAuditLog(source);
  const report = await verifyLines(lines, expected, run);
  if (!report.ok) {
    const [first] = report.findings;
    throw new Error(
      `${source} does not verify, so no record is built from it (${report.findings.length} discrepanc${report.findings.length === 1 ? 'y' : 'ies'}, the first: ${first}): run audit verify`,
    );
  }
  const events = lines.flatMap((l) => (l.kind === 'event' ? [l.event] : []));
  const header = lines.find((l) => l.kind === 'header');
  const electionId = header?.kind === 'header' ? header.electionId : events[0]?.electionId;
  const pdf = await buildOfficialRecord(events, language, await loadRecordFonts());
  const file = where.outFile ?? join(where.cwd, `record-${electionId}-${language}.pdf`);
  writeFileSync(file, pdf);
  out(`Wrote the official record of ${electionId} (${language}, up to event ${events.at(-1)?.seq}) to ${file}.`);
  out(`SHA-256: ${createHash('sha256').update(pdf).digest('hex')}`);
  return 0;
}
