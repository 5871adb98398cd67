import { fail, ok, publishedEvent, type Result } from '../../domain';
import type { EventStream, OfficialRecords, RecordLanguage } from '../ports';

/** The phases whose log holds a count: before it there is nothing to record. */
const COUNTED = new Set(['tallied', 'published']);

/**
 * An election's official record as a PDF, from its events as the audit export publishes them, up
 * to the head as loaded here: the very bytes `election audit record` builds from that export.
 * Provisional (it says so) until the results are published.
 */
export async function officialRecordPdf(deps: { store: EventStream; officialRecords: OfficialRecords }, electionId: string, language: RecordLanguage): Promise<Result<Uint8Array>> {
  const { state, head } = await deps.store.load(electionId);
  if (state.phase === 'none') return fail('not_found', `no election "${electionId}"`);
  if (!COUNTED.has(state.phase)) return fail('wrong_phase', `phase: the official record is available once the votes are counted (the election is ${state.phase})`);
  // Anything appended after the load belongs to the next record, as to the next export.
  const events = (await deps.store.readEvents(electionId)).filter((event) => event.seq <= head.seq).map(publishedEvent);
  return ok(await deps.officialRecords.pdf(events, language));
}
