import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VerifyOptions } from '../domain';
import { buildOfficialRecord, loadRecordFonts, type RecordLanguage } from '../record';
import { checkIssuedRecords, issuedRecordLine, issueIn, sha256Of } from './issuedRecords';
import { readAuditLog } from './readAuditLog';
import { verifyLines, type VerifyRun } from './verifyLines';

/** Which record: as issued when the results became final (the log's OfficialRecordIssued), or of the whole export. */
export const RECORD_HEADS = ['issued', 'latest'] as const;
export type RecordHead = (typeof RECORD_HEADS)[number];

/**
 * `audit record <export|url> [--out file] [--language de|en] [--head issued|latest]`: the
 * election's official record (Wahlniederschrift) as a PDF, built from the audit export's events:
 * the very bytes the API serves for the same log, so that a printed copy is checked by comparing
 * SHA-256 digests. By default as of the head the log issued it at, when it did, holding each
 * language's record built again to the SHA-256 the log lists (exit 1 when one differs); else, or
 * with `--head latest`, of the whole export. Only from an export that verifies, against the
 * e-mailed head and digest when given. Without --out it is written as
 * record-<election>-<language>.pdf in `cwd`.
 */
export async function auditRecord(
  source: string,
  where: { outFile: string | undefined; cwd: string },
  language: RecordLanguage,
  out: (line: string) => void,
  expected: VerifyOptions = {},
  run?: VerifyRun,
  head?: RecordHead,
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
  const issue = head === 'latest' ? undefined : issueIn(events);
  if (head === 'issued' && !issue) throw new Error(`--head issued: ${source} lists no issued official record (no OfficialRecordIssued event): build the latest one without --head`);
  const fonts = await loadRecordFonts();
  const checks = issue ? await checkIssuedRecords(issue, events, fonts) : [];
  const pdf = checks.find((c) => c.language === language)?.pdf ?? (await buildOfficialRecord(events, language, fonts));
  const file = where.outFile ?? join(where.cwd, `record-${electionId}-${language}.pdf`);
  writeFileSync(file, pdf);
  out(`Wrote the official record of ${electionId} (${language}, up to event ${issue ? issue.data.head : events.at(-1)?.seq}${issue ? ', as issued' : ''}) to ${file}.`);
  out(`SHA-256: ${sha256Of(pdf)}`);
  if (!issue) return 0;
  for (const check of checks) out(issuedRecordLine(issue, check));
  return checks.every((c) => c.listed === c.rebuilt) ? 0 : 1;
}
