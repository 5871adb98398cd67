import { rollFingerprint, type Result } from '../../domain';
import type { Deps, EventStream, Roll } from '../ports';
import { runCommand, type Applied, type AskedBy } from '../runCommand';
import { rollLines } from './rollLines';

/** A registration landing between the roll's read and the lock is rare; the lock reads the roll again this often before it gives up. */
const ROLL_READS = 3;

/**
 * Locks the election with the roll's fingerprint in the ElectionLocked event, for observers to
 * note and auditors to hold the published roll to. The roll is read whole (strongly consistent)
 * before the append; decide refuses the lock if the roll has grown since, and the lock reads again.
 */
export async function lockElection(deps: { store: EventStream & Roll } & Pick<Deps, 'clock'>, electionId: string, asked: AskedBy = {}): Promise<Result<Applied>> {
  let applied: Result<Applied> | undefined;
  for (let read = 1; read <= ROLL_READS; read++) {
    const { state } = await deps.store.load(electionId);
    // Anything but a draft is refused by decide as it stands; there is no roll to read for it.
    if (state.phase !== 'draft') return runCommand(deps, electionId, { type: 'Lock', now: deps.clock.now() }, undefined, asked);
    const roll = rollFingerprint(await rollLines(deps.store, electionId));
    applied = await runCommand(deps, electionId, { type: 'Lock', roll, now: deps.clock.now() }, undefined, asked);
    if (applied.ok || applied.error.code !== 'conflict') return applied;
  }
  return applied!;
}
