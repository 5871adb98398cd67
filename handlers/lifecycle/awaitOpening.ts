import type { ExistingElection } from '../../domain';
import { isOpened, openingOf } from '../../domain/sealedBox/opening';
import { deliverAll } from '../mail/deliver';
import { openingCall, openingNotice } from '../mail/messages';
import { committeeAddresses } from './committeeAddresses';
import type { CommitteeWaits, Deps, EffectsLedger, EventStream } from '../ports';
import { committeeWaitInput } from './input';

/** Whether nothing is left to wait for: an open election, one counted already, or a sealed box every contest of which is opened. */
export function openingDone(state: ExistingElection): boolean {
  const box = state.sealed;
  if (!box || state.phase !== 'closed') return true;
  return state.contests.every((contest) => isOpened(box, openingOf(box, contest.id)));
}

/**
 * After the seal, the workflow waits here for the committee to open a sealed box: the task's token
 * is kept first, then the log read, so that the last decryption, landing at any moment, finds
 * either the token (and ends the wait: openingUploads.ts) or a log this task sees opened.
 */
export const awaitOpening =
  (deps: { store: EventStream & CommitteeWaits & EffectsLedger } & Pick<Deps, 'lifecycle' | 'log' | 'mailer' | 'metrics' | 'publicUrl' | 'directory'>) =>
  async (raw: unknown): Promise<{ waiting: boolean }> => {
    const { electionId, taskToken } = committeeWaitInput.parse(raw);
    if (taskToken !== undefined) await deps.store.recordWait(electionId, 'opening', taskToken);
    const { state } = await deps.store.load(electionId);
    const opened = state.phase === 'none' || openingDone(state);
    if (opened && taskToken !== undefined) await deps.lifecycle.endWait(taskToken);
    if (!opened && state.phase === 'closed') {
      deps.log.info('lifecycle waits for the committee to open the box', { electionId });
      await noticeObservers(deps, state);
    }
    return { waiting: !opened };
  };

/**
 * Tells the observers that the sealed box waits for the committee, and the committee's members
 * what to do now: once however often the task runs.
 */
async function noticeObservers(
  deps: { store: EffectsLedger } & Pick<Deps, 'mailer' | 'log' | 'metrics' | 'publicUrl' | 'directory'>,
  state: Extract<ExistingElection, { phase: 'closed' }>,
): Promise<void> {
  const effect = { kind: 'opening-notice', electionId: state.electionId } as const;
  if (!state.sealed || !state.seal || (await deps.store.isDone(effect))) return;
  const { sealed, seal } = state;
  await deliverAll(deps, state.electionId, 'opening-notice', [
    ...state.observers.map((to) => ({ studentId: to, message: openingNotice({ ...state, sealed }, seal, to, deps.publicUrl) })),
    ...(await committeeAddresses(deps, state)).map((to) => ({ studentId: to, message: openingCall({ ...state, sealed }, seal, to, deps.publicUrl) })),
  ]);
  await deps.store.markDone(effect);
}
