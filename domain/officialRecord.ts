import { awaitsAcceptance } from './acceptance';
import { LANGUAGES, type Language } from './locale';
import { fail, ok, type Result } from './result';
import type { ExistingElection } from './state';

/** An official record as issued: its language and the SHA-256 of its PDF, in lower-case hex. */
export interface IssuedRecord {
  language: Language;
  sha256: string;
}

/** The languages a record is issued in, in the order the event lists them. */
export const ISSUED_RECORD_LANGUAGES: readonly Language[] = LANGUAGES;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The head the official record is issued as of, once the results are final: the committee's
 * acceptance (ResultsAccepted) where the election waits for it, else the count (ResultsTallied),
 * since an election without acceptance publishes its count as it stands. Undefined before then,
 * and in logs whose events were folded without their numbers.
 */
export function recordHeadOf(state: ExistingElection): number | undefined {
  return 'recordHead' in state ? state.recordHead : undefined;
}

/**
 * The workflow's issue of the official record as of the final results' head: once, while the
 * results are final and not yet published, for that very head, with a well-formed digest per
 * language in ISSUED_RECORD_LANGUAGES' order. Issued already: nothing more to record.
 */
export function decideRecordIssue(
  state: ExistingElection,
  head: number,
  records: readonly IssuedRecord[],
): Result<[{ type: 'OfficialRecordIssued'; data: { head: number; records: IssuedRecord[] } }] | []> {
  if (state.phase === 'tallied' && state.recordIssued) return ok([]);
  if (state.phase !== 'tallied') return fail('wrong_phase', `head: the official record is issued once the results are final and before they are published (the election is ${state.phase})`);
  if (awaitsAcceptance(state)) return fail('wrong_phase', 'head: the official record is issued once the committee has accepted the results, and it has not yet');
  const final = recordHeadOf(state);
  if (final === undefined) return fail('conflict', 'head: the log does not say at which event the results became final');
  if (head !== final) return fail('conflict', `head: the official record is issued as of event ${final}, where the results became final, not ${head}`);
  if (records.length !== ISSUED_RECORD_LANGUAGES.length) return fail('invalid', `records: one per language (${ISSUED_RECORD_LANGUAGES.join(', ')}), in that order`);
  for (const [i, language] of ISSUED_RECORD_LANGUAGES.entries()) {
    const record = records[i]!;
    if (record.language !== language) return fail('invalid', `records.${i}.language: must be "${language}"`);
    if (typeof record.sha256 !== 'string' || !SHA256_HEX.test(record.sha256)) return fail('invalid', `records.${i}.sha256: must be a SHA-256 digest in 64 lower-case hex digits`);
  }
  return ok([{ type: 'OfficialRecordIssued', data: { head, records: records.map(({ language, sha256 }) => ({ language, sha256 })) } }]);
}
