import { pipeline, Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { AUDIT_FORMAT, AUDIT_VERSION, boxName, streamAuditLines, type AuditBallot, type AuditLine } from '../../domain';
import type { AuditExportStore, BallotBox, EventStream, LoadedElection, OpeningFiles, Roll } from '../ports';
import { mergeSortedPages } from './auditExportMerge';
import { currentRollLines } from './rollLines';

/** Lines are gzipped in chunks of about this many characters: one per line would cost gzip a call each. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Writes the whole log of a published election to the export store, for auditors, as gzipped
 * NDJSON: every event with its hashes up to the loaded head, every ballot by id (a sealed paper with
 * its ciphertexts and proof), a sealed box's opening files (each mix and decryption), the participation
 * count, and the roll only as keyed hashes of student ids (the key stays in the system, so
 * low-entropy ids cannot be guessed back from the export). The ballots are merged from the box's
 * shards as they are read, so the box is never held in memory. The roll's hashes are (at most
 * MAX_VOTERS of them): they are written sorted by hash, an order that says nothing about whose
 * each one is.
 */
export async function exportAuditLog(
  deps: { store: EventStream & Roll & BallotBox & OpeningFiles; auditExports: Pick<AuditExportStore, 'put'> },
  electionId: string,
  { state, head }: LoadedElection,
): Promise<void> {
  if (state.phase !== 'published') throw new Error(`the audit log of ${electionId} is exported once published, not while ${state.phase}`);
  // Read while the ballots stream, and awaited after them; a failure meanwhile surfaces there.
  const voters = currentRollLines(deps.store, state);
  voters.catch(() => undefined);
  const all = state.contests;
  const several = all.length > 1;
  // In the export's order: by contest id, each box in ballot-id order.
  const contests = [...all].sort((a, b) => (a.id < b.id ? -1 : 1));
  const [events, boxSizes, participation] = await Promise.all([
    // Anything appended after the load (a recorded lifecycle failure) belongs to the next export.
    deps.store.readEvents(electionId).then((all) => all.filter((event) => event.seq <= head.seq)),
    Promise.all(contests.map((c) => deps.store.countBallots(boxName(electionId, all, c.id)))),
    deps.store.countParticipation(electionId),
  ]);
  async function* ballotsInOrder(): AsyncGenerator<AuditBallot> {
    for (const contest of contests) {
      const box = mergeSortedPages(deps.store.ballotsByShard(boxName(electionId, all, contest.id)), (ballot) => ballot.ballotId);
      for await (const ballot of box) yield several ? { contest: contest.id, ...ballot } : ballot;
    }
  }
  async function* openingFiles(): AsyncGenerator<{ digest: string; text: string }> {
    for (const event of events) {
      if (event.type !== 'MixAccepted' && event.type !== 'DecryptionAccepted') continue;
      const text = await deps.store.getOpeningFile(electionId, event.data.digest);
      if (text === undefined) throw new Error(`the opening file ${event.data.digest} of event ${event.seq} is missing`);
      yield { digest: event.data.digest, text };
    }
  }
  const lines = streamAuditLines({
    header: {
      kind: 'header',
      format: AUDIT_FORMAT,
      version: AUDIT_VERSION,
      electionId,
      title: state.title,
      events: events.length,
      ballots: boxSizes.reduce((sum, n) => sum + n, 0),
      participation,
      voters: state.voterCount,
      breaches: state.breaches.length,
    },
    events,
    ballotsInOrder: ballotsInOrder(),
    openingFiles: openingFiles(),
    participation,
    voters,
  });
  await deps.auditExports.put({ electionId, seq: head.seq }, gzipped(lines));
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
