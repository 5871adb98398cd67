import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteItemCommand, DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { MAIN_CONTEST, rollFingerprint, type ElectionCommand, type SealedBallot } from '../domain';
import { serveAuditExportDirectory } from '../handlers/adapters/directoryAuditExportStore';
import { DynamoElectionStore } from '../handlers/adapters/dynamoElectionStore';
import { keys } from '../handlers/adapters/keys';
import { runCommand } from '../handlers/runCommand';
import { auditExportLink } from '../handlers/usecases/auditExport';
import { rollLines } from '../handlers/usecases/rollLines';
import type { TableNames } from '../handlers/adapters/tableSchema';
import { LOCAL, startBenchStack } from './benchStack';
import { measuredAuditVerify, measuredChild } from './measuredChild';

const ELECTION = 'export-bench';
const CANDIDATES = ['Ada', 'Grace', 'Alan'];
/** Voters per VotersRegistered event, as one import request registers them. */
const REGISTRATION_BATCH = 5_000;
/** BatchWriteItem's limit, and how many batches are in flight while seeding. */
const BATCH_ITEMS = 25;
const SEED_CONCURRENCY = 32;

export interface ExportFigures {
  ballots: number;
  seedSeconds: number;
  exportSeconds: number;
  exportPeakMb: number;
  gzipMb: number;
  verifySeconds: number;
  verifyPeakMb: number;
}

/**
 * A published election of `count` voters who all voted, seeded into DynamoDB Local; its export
 * written through the new path (the use case behind both the publish step and the route) in a
 * process of its own, timed with its peak memory; then `audit verify` on the gzipped file, also in
 * its own process, as an auditor would run it.
 */
export async function benchExportThroughStore(count = 1_000_000, progress: (line: string) => void = () => undefined): Promise<ExportFigures> {
  const stack = await startBenchStack();
  const dir = mkdtempSync(join(tmpdir(), 'export-bench-'));
  try {
    const seeding = performance.now();
    await seedPublishedElection(stack.client, stack.tables, count, progress);
    const seedSeconds = (performance.now() - seeding) / 1000;
    progress(`seeded ${count.toLocaleString('en')} voters, markers and ballots in ${seedSeconds.toFixed(0)} s; exporting`);

    const exported = await measuredChild(
      [
        "const { exportInThisProcess } = await import('./bench/exportThroughStore.ts');",
        'exportInThisProcess(...JSON.parse(process.argv[1])).then(() => process.exit(0), (error) => { console.error(error); process.exit(1); });',
      ],
      [JSON.stringify([stack.dynamo.endpoint, stack.tables, dir])],
    );
    if (exported.code !== 0) throw new Error(`the export failed:\n${exported.output}`);
    const file = exportedFile(dir);
    progress(`exported in ${exported.seconds.toFixed(1)} s; verifying`);

    const verified = await measuredAuditVerify(file);
    return {
      ballots: count,
      seedSeconds,
      exportSeconds: exported.seconds,
      exportPeakMb: exported.maxRssKb / 1024,
      gzipMb: statSync(file).size / 2 ** 20,
      verifySeconds: verified.seconds,
      verifyPeakMb: verified.maxRssKb / 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await stack.stop();
  }
}

/** The child's side: the export of the seeded election, as the first request for it would write it. */
export async function exportInThisProcess(endpoint: string, tables: TableNames, dir: string): Promise<void> {
  const exports = await serveAuditExportDirectory(dir);
  try {
    const store = new DynamoElectionStore(tables, new DynamoDBClient({ ...LOCAL, endpoint }));
    const linked = await auditExportLink({ store, auditExports: exports.store }, ELECTION);
    if (!linked.ok) throw new Error(linked.error.message);
  } finally {
    await exports.stop();
  }
}

/** The gzipped export the child wrote into `dir`. */
export function exportedFile(dir: string): string {
  const name = readdirSync(dir).find((file) => file.endsWith('.ndjson.gz'));
  if (!name) throw new Error(`no export was written to ${dir}`);
  return join(dir, name);
}

/**
 * The election's log written by the same decide and append the system uses, up to its tally and
 * publication; the roll, the participation markers and the ballots, which the system writes one
 * transaction each, are batch-written here (seeding only: the system never batch-writes). The
 * lock records the roll's fingerprint as lockElection does (rollLines with the election's own
 * key, then rollFingerprint), from the entries seeded rather than read back: DynamoDB Local's
 * reading of a million-entry roll is what the lock benchmark measures.
 */
export async function seedPublishedElection(client: DynamoDBClient, tables: TableNames, count: number, progress: (line: string) => void): Promise<void> {
  const ballots: SealedBallot[] = Array.from({ length: count }, (_, i) => ({ ballotId: randomBytes(16).toString('base64url'), choices: [CANDIDATES[i % 3]!] }));
  const t0 = Date.parse('2026-12-01T08:00:00Z');
  let now = new Date(t0);
  const at = (minutes: number) => (now = new Date(t0 + minutes * 60_000));
  const deps = { store: new DynamoElectionStore(tables, client), clock: { now: () => now } };
  const run = async (command: ElectionCommand) => {
    const applied = await runCommand(deps, ELECTION, command);
    if (!applied.ok) throw new Error(`${command.type}: ${applied.error.message}`);
  };
  const candidates = CANDIDATES.map((name) => ({ name, email: `${name.toLowerCase()}@bench.test`, pageLink: 'https://bench.test' }));
  await run({
    type: 'CreateElection',
    electionId: ELECTION,
    title: 'Export benchmark',
    ballot: { kind: 'single' },
    candidates,
    window: { closesAt: new Date(t0 + 600 * 60_000).toISOString() },
    now: at(0),
  });
  at(1);
  for (let registered = 0; registered < count; registered += REGISTRATION_BATCH) await run({ type: 'RegisterVoters', count: Math.min(REGISTRATION_BATCH, count - registered) });

  const studentId = (i: number) => `v${String(i).padStart(7, '0')}`;
  const writes = function* (): Generator<[string, WriteRequest]> {
    for (let i = 0; i < count; i += 1) {
      const roll = keys.rollEntry(ELECTION, studentId(i));
      yield [tables.events, { PutRequest: { Item: { pk: { S: roll.pk }, sk: { S: roll.sk }, studentId: { S: studentId(i) }, email: { S: `${studentId(i)}@bench.test` } } } }];
      const marker = keys.marker(ELECTION, randomBytes(32).toString('hex'));
      yield [tables.ballots, { PutRequest: { Item: { pk: { S: marker.pk }, sk: { S: marker.sk } } } }];
      const ballot = keys.ballot(ELECTION, ballots[i]!.ballotId);
      yield [tables.ballots, { PutRequest: { Item: { pk: { S: ballot.pk }, sk: { S: ballot.sk }, choices: { S: JSON.stringify(ballots[i]!.choices) } } } }];
    }
  };
  await batchWriteAll(client, writes(), 3 * count, progress);

  const seededRoll = {
    rollSalt: (id: string) => deps.store.rollSalt(id),
    rollPages: async function* () {
      yield Array.from({ length: count }, (_, i) => ({ studentId: studentId(i) }));
    },
  };
  await run({ type: 'Lock', roll: rollFingerprint(await rollLines(seededRoll, ELECTION)), now });
  await run({ type: 'Start', now: at(3) });
  await run({ type: 'Close', now: at(601) });
  await run({ type: 'SealAndTally', boxes: new Map([[MAIN_CONTEST, ballots]]), voters: ballots.length });
  await run({ type: 'Publish', now: at(603) });
}

export async function batchWriteAll(client: DynamoDBClient, writes: Iterator<[string, WriteRequest]>, total: number, progress: (line: string) => void): Promise<void> {
  let written = 0;
  let reported = 0;
  const nextBatch = (): Record<string, WriteRequest[]> | undefined => {
    const batch: Record<string, WriteRequest[]> = {};
    for (let n = 0; n < BATCH_ITEMS; n += 1) {
      const next = writes.next();
      if (next.done) break;
      (batch[next.value[0]] ??= []).push(next.value[1]);
    }
    return Object.keys(batch).length > 0 ? batch : undefined;
  };
  await Promise.all(
    Array.from({ length: SEED_CONCURRENCY }, async () => {
      for (let batch = nextBatch(); batch; batch = nextBatch()) {
        const items = Object.values(batch).reduce((sum, requests) => sum + requests.length, 0);
        let pending: Record<string, WriteRequest[]> | undefined = batch;
        while (pending && Object.keys(pending).length > 0) pending = (await client.send(new BatchWriteItemCommand({ RequestItems: pending }))).UnprocessedItems;
        written += items;
        if (written - reported >= total / 10) {
          reported = written;
          progress(`  ${Math.round((100 * written) / total)}% of ${total.toLocaleString('en')} items`);
        }
      }
    }),
  );
}

if (process.argv[1]?.endsWith('exportThroughStore.ts')) {
  const figures = await benchExportThroughStore(Number(process.env.EXPORT_BALLOTS ?? 1_000_000), (line) => console.log(line));
  console.table([figures]);
}
