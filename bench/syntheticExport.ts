import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { boxName, MAIN_CONTEST, type ElectionCommand, type SealedBallot } from '../domain';
import { jsonLog } from '../handlers/adapters/jsonLog';
import { fillBox, memoryStores } from '../handlers/adapters/memory';
import { runCommand } from '../handlers/runCommand';
import { exportAuditLog } from '../handlers/usecases/exportAuditLog';
import { lockElection } from '../handlers/usecases/lockElection';
import { registerVoters } from '../handlers/usecases/registerVoters';

const ELECTION = 'bench';
const CANDIDATES = ['Ada', 'Grace', 'Alan'];
/** A third of the voters are in a group, so the roll's lines carry groups as real rolls do. */
const GROUP = 'faculty:informatik';

/**
 * Writes the audit export of a published election of `count` voters who all voted, gzipped, to
 * `path`, made in memory by the system's own code: the roll registered by registerVoters (32 voters
 * to an event, as an import request registers them), the lock with the roll's fingerprint by
 * lockElection, the lifecycle by runCommand, and the file by exportAuditLog, as the publish step
 * writes it. Only the store is a stand-in (the in-memory one), and the ballots are put in the box
 * whole, with a participation marker per voter.
 */
export async function writeSyntheticExport(path: string, count: number): Promise<void> {
  const { store, tables } = memoryStores();
  const t0 = Date.parse('2026-12-01T08:00:00Z');
  let now = new Date(t0);
  const at = (minutes: number) => (now = new Date(t0 + minutes * 60_000));
  const deps = { store, clock: { now: () => now }, log: jsonLog('silent') };
  const run = async (command: ElectionCommand) => {
    const applied = await runCommand(deps, ELECTION, command);
    if (!applied.ok) throw new Error(`${command.type}: ${applied.error.message}`);
  };

  const candidates = CANDIDATES.map((name) => ({ name, email: `${name.toLowerCase()}@bench.test`, pageLink: 'https://bench.test' }));
  await run({ type: 'CreateElection', electionId: ELECTION, title: 'Benchmark', ballot: { kind: 'single' }, candidates, window: { closesAt: new Date(t0 + 600 * 60_000).toISOString() }, now: at(0) });
  at(1);
  const roll = Array.from({ length: count }, (_, i) => ({ studentId: `s${String(i).padStart(7, '0')}`, email: `s${i}@bench.test`, ...(i % 3 === 0 && { groups: [GROUP] }) }));
  const registered = await registerVoters(deps, ELECTION, roll);
  if (!registered.ok || registered.value.registered !== count) throw new Error(`registration: ${JSON.stringify(registered)}`);
  at(2);
  const locked = await lockElection(deps, ELECTION);
  if (!locked.ok) throw new Error(`Lock: ${locked.error.message}`);
  await run({ type: 'Start', now: at(3) });

  // One in eleven voters leaves the ballot blank.
  const ballots: SealedBallot[] = Array.from({ length: count }, (_, i) => ({ ballotId: randomBytes(16).toString('base64url'), choices: i % 11 === 0 ? [] : [CANDIDATES[i % 3]!] }));
  const { state } = await store.load(ELECTION);
  if (state.phase === 'none') throw new Error('the election was not created');
  // Each voter's credential hash, cut from one draw: a call each costs seconds at a million.
  const drawn = randomBytes(32 * count);
  const voters = Array.from({ length: count }, (_, i) => drawn.toString('hex', 32 * i, 32 * (i + 1)));
  fillBox(tables, ELECTION, boxName(ELECTION, state.contests, MAIN_CONTEST), ballots, voters);
  await run({ type: 'Close', now: at(601) });
  await run({ type: 'SealAndTally', boxes: new Map([[MAIN_CONTEST, ballots]]), voters: count });
  await run({ type: 'Publish', now: at(603) });

  const toFile = { put: async (_ref: unknown, gzipped: NodeJS.ReadableStream) => pipeline(gzipped, createWriteStream(path)) };
  await exportAuditLog({ store, auditExports: toFile }, ELECTION, await store.load(ELECTION));
}
