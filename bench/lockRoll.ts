import { keys } from '../handlers/adapters/keys';
import { runCommand } from '../handlers/runCommand';
import { lockElection } from '../handlers/usecases/lockElection';
import { startBenchStack } from './benchStack';
import { batchWriteAll } from './exportThroughStore';

const ELECTION = 'lock-bench';
/** Voters per VotersRegistered event, as one import request registers them. */
const REGISTRATION_BATCH = 5_000;

export interface LockFigures {
  voters: number;
  seedSeconds: number;
  lockSeconds: number;
  votersPerSecond: number;
}

/**
 * The lock of an election of `count` voters: it reads the whole roll (strongly consistent), hashes
 * each student id with the roll's key, sorts, fingerprints and appends ElectionLocked, in one API
 * request on AWS, where API Gateway gives it 30 s. The roll is batch-written (seeding only).
 */
export async function benchLockRoll(count = 100_000, progress: (line: string) => void = () => undefined): Promise<LockFigures> {
  const stack = await startBenchStack({ events: 'lock-events', ballots: 'lock-ballots', mail: 'lock-mail' });
  try {
    const seeding = performance.now();
    const run = async (command: Parameters<typeof runCommand>[2]) => {
      const applied = await runCommand(stack.deps, ELECTION, command);
      if (!applied.ok) throw new Error(applied.error.message);
    };
    await run({ type: 'CreateElection', electionId: ELECTION, title: 'Lock benchmark', ballot: { kind: 'single' }, now: new Date() });
    for (let registered = 0; registered < count; registered += REGISTRATION_BATCH) await run({ type: 'RegisterVoters', count: Math.min(REGISTRATION_BATCH, count - registered) });
    const studentId = (i: number) => `s${String(i).padStart(7, '0')}`;
    const writes = function* () {
      for (let i = 0; i < count; i += 1) {
        const entry = keys.rollEntry(ELECTION, studentId(i));
        const groups = i % 3 === 0 ? { groups: { L: [{ S: 'faculty:informatik' }] } } : {};
        yield [
          stack.tables.events,
          { PutRequest: { Item: { pk: { S: entry.pk }, sk: { S: entry.sk }, studentId: { S: studentId(i) }, email: { S: `${studentId(i)}@bench.test` }, ...groups } } },
        ] as const;
      }
    };
    await batchWriteAll(stack.client, writes() as Iterator<[string, { PutRequest: { Item: Record<string, never> } }]>, count, progress);
    const seedSeconds = (performance.now() - seeding) / 1000;
    progress(`seeded ${count.toLocaleString('en')} voters in ${seedSeconds.toFixed(0)} s; locking`);
    const locking = performance.now();
    const locked = await lockElection(stack.deps, ELECTION);
    const lockSeconds = (performance.now() - locking) / 1000;
    if (!locked.ok || locked.value.state.phase !== 'locked' || locked.value.state.lockedRoll?.voters !== count) throw new Error(`the lock did not record the roll: ${JSON.stringify(locked)}`);
    return { voters: count, seedSeconds, lockSeconds, votersPerSecond: count / lockSeconds };
  } finally {
    await stack.stop();
  }
}
