import { createHash } from 'node:crypto';
import type { IssuedRecord, RecordedEvent } from '../domain';
import { buildOfficialRecord, loadRecordFonts, type RecordFonts } from '../record';

type Issue = Extract<RecordedEvent, { type: 'OfficialRecordIssued' }>;

/** A record the log lists as issued, built again from the log: `listed` and `rebuilt` are its PDF's SHA-256 as the log lists it and as built here. */
export interface IssuedRecordCheck {
  language: IssuedRecord['language'];
  listed: string;
  rebuilt: string;
  pdf: Uint8Array;
}

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The log's issue of its official record (OfficialRecordIssued), when it has one: decide takes only one. */
export const issueIn = (events: readonly RecordedEvent[]): Issue | undefined => events.find((e): e is Issue => e.type === 'OfficialRecordIssued');

/**
 * Each record the log lists as issued, built again from its events up to the head it was issued
 * as of: equal digests mean the export says exactly what the issued (and signed) record says.
 */
export async function checkIssuedRecords(issue: Issue, events: readonly RecordedEvent[], fonts?: RecordFonts): Promise<IssuedRecordCheck[]> {
  const upToHead = events.filter((e) => e.seq <= issue.data.head);
  const loaded = fonts ?? (await loadRecordFonts());
  const checks: IssuedRecordCheck[] = [];
  for (const { language, sha256 } of issue.data.records) {
    const pdf = await buildOfficialRecord(upToHead, language, loaded);
    checks.push({ language, listed: sha256, rebuilt: sha256Of(pdf), pdf });
  }
  return checks;
}

/** A line per language: whether the record built again has the digest the log lists. */
export function issuedRecordLine(issue: Issue, check: IssuedRecordCheck): string {
  const as = `the record issued as of event ${issue.data.head} (${check.language}, listed in event ${issue.seq})`;
  return check.listed === check.rebuilt
    ? `  ${as}: built again, SHA-256 ${check.rebuilt} equals the listed one`
    : `  ${as}: built again, SHA-256 ${check.rebuilt} DIFFERS from the listed ${check.listed}`;
}
