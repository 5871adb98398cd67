import { pipeline, Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { AUDIT_FORMAT, AUDIT_VERSION, streamAuditLines, type AuditLine } from '../../domain';
import type { Deps, ElectionStore, LoadedElection } from '../ports';
import { rollHash } from '../security';
import { mergeSortedPages } from './auditExportMerge';

/** Lines are gzipped in chunks of about this many characters: one per line would cost gzip a call each. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Writes the whole log of a published election to the export store, for auditors, as gzipped
 * NDJSON: every event with its hashes up to the loaded head, every ballot by id, the participation
 * count, and the roll only as keyed hashes of student ids (the key stays in the system, so
 * low-entropy ids cannot be guessed back from the export). The ballots are merged from the box's
 * shards as they are read, so the box is never held in memory. The roll's hashes are (at most
 * MAX_VOTERS of them): they are written sorted by hash, an order that says nothing about whose
 * each one is.
 */
export async function exportAuditLog(deps: Pick<Deps, 'store' | 'auditExports'>, electionId: string, { state, head }: LoadedElection): Promise<void> {
  if (state.phase !== 'published') throw new Error(`the audit log of ${electionId} is exported once published, not while ${state.phase}`);
  // Read while the ballots stream, and awaited after them; a failure meanwhile surfaces there.
  const voterHashes = rollHashes(deps.store, electionId);
  voterHashes.catch(() => undefined);
  const [events, ballots, participation] = await Promise.all([
    // Anything appended after the load (a recorded lifecycle failure) belongs to the next export.
    deps.store.readEvents(electionId).then((all) => all.filter((event) => event.seq <= head.seq)),
    deps.store.countBallots(electionId),
    deps.store.countParticipation(electionId),
  ]);
  const lines = streamAuditLines({
    header: {
      kind: 'header',
      format: AUDIT_FORMAT,
      version: AUDIT_VERSION,
      electionId,
      title: state.title,
      events: events.length,
      ballots,
      participation,
      voters: state.voterCount,
      breaches: state.breaches.length,
    },
    events,
    ballotsById: mergeSortedPages(deps.store.ballotsByShard(electionId), (ballot) => ballot.ballotId),
    participation,
    voterHashes,
  });
  await deps.auditExports.put({ electionId, seq: head.seq }, gzipped(lines));
}

async function rollHashes(store: ElectionStore, electionId: string): Promise<string[]> {
  const salt = await store.rollSalt(electionId);
  const hashes: string[] = [];
  for await (const page of store.voterIdPages(electionId)) for (const studentId of page) hashes.push(rollHash(salt, studentId));
  return hashes.sort();
}

/** The lines as gzipped NDJSON; a failure while reading them fails the stream, so no partial export is ever stored. */
function gzipped(lines: AsyncIterable<AuditLine>): Readable {
  return pipeline(Readable.from(ndjsonChunks(lines), { objectMode: false }), createGzip(), () => undefined);
}

async function* ndjsonChunks(lines: AsyncIterable<AuditLine>): AsyncGenerator<Buffer> {
  let chunk = '';
  for await (const line of lines) {
    chunk += `${JSON.stringify(line)}\n`;
    if (chunk.length >= CHUNK_CHARS) {
      yield Buffer.from(chunk);
      chunk = '';
    }
  }
  if (chunk !== '') yield Buffer.from(chunk);
}
