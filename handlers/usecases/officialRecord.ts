import { createHash } from 'node:crypto';
import { fail, ISSUED_RECORD_LANGUAGES, ok, publishedEvent, recordHeadOf, type IssuedRecord, type RecordedEvent, type Result } from '../../domain';
import type { EventStream, OfficialRecords, RecordLanguage } from '../ports';

/** The phases whose log holds a count: before it there is nothing to record. */
const COUNTED = new Set(['tallied', 'published']);

/** Which record: the log's as it stands (`current`), or the one the workflow issued when the results became final (`issued`). */
export type RecordVersion = 'current' | 'issued';

type RecordDeps = { store: EventStream; officialRecords: OfficialRecords };

/**
 * An election's official record as a PDF, from its events as the audit export publishes them: up
 * to the head as loaded here (`current`), the very bytes `election audit record --head latest`
 * builds from that export, provisional (it says so) until the results are published; or up to the
 * head the record was issued as of (`issued`), whose SHA-256 the log lists.
 */
export async function officialRecordPdf(deps: RecordDeps, electionId: string, language: RecordLanguage, version: RecordVersion = 'current'): Promise<Result<Uint8Array>> {
  const { state, head } = await deps.store.load(electionId);
  if (state.phase === 'none') return fail('not_found', `no election "${electionId}"`);
  if (!COUNTED.has(state.phase)) return fail('wrong_phase', `phase: the official record is available once the votes are counted (the election is ${state.phase})`);
  if (version === 'current') return ok(await deps.officialRecords.pdf(await publishedEventsUpTo(deps.store, electionId, head.seq), language));
  const issuedAt = recordHeadOf(state);
  if (!('recordIssued' in state) || !state.recordIssued || issuedAt === undefined) {
    return fail('wrong_phase', 'version: the official record is issued once the results are final (accepted by the committee, or counted where no acceptance is asked for), and it is not yet');
  }
  return ok(await deps.officialRecords.pdf(await publishedEventsUpTo(deps.store, electionId, issuedAt), language));
}

/** The log as the audit export publishes it, up to `head`: anything appended after it belongs to a later record, as to a later export. */
async function publishedEventsUpTo(store: EventStream, electionId: string, head: number): Promise<RecordedEvent[]> {
  return (await store.readEvents(electionId)).filter((event) => event.seq <= head).map(publishedEvent);
}

/** The official record drawn up as of `head` in each language, named by its PDF's SHA-256, as OfficialRecordIssued lists it. */
export async function recordDigests(deps: RecordDeps, electionId: string, head: number): Promise<IssuedRecord[]> {
  const events = await publishedEventsUpTo(deps.store, electionId, head);
  const records: IssuedRecord[] = [];
  for (const language of ISSUED_RECORD_LANGUAGES)
    records.push({
      language,
      sha256: createHash('sha256')
        .update(await deps.officialRecords.pdf(events, language))
        .digest('hex'),
    });
  return records;
}
