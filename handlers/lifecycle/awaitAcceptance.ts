import { ACCEPTANCE_REMINDER_HOURS } from '../../contract/lifecycleTasks';
import { awaitsAcceptance, type ExistingElection } from '../../domain';
import { deliverAll } from '../mail/deliver';
import { acceptanceCall, acceptanceNotice } from '../mail/messages';
import type { CommitteeWaits, Deps, EffectsLedger, EventStream } from '../ports';
import { committeeAddresses } from './committeeAddresses';
import { committeeWaitInput } from './input';

type AcceptanceDeps = { store: EventStream & CommitteeWaits & EffectsLedger } & Pick<Deps, 'clock' | 'lifecycle' | 'log' | 'mailer' | 'metrics' | 'publicUrl' | 'directory'>;

/**
 * After the count, the workflow waits here for the committee to accept the results (on an
 * election that asks for it): the task's token is kept first, then the log read, so that the
 * acceptance, landing at any moment, finds either the token (and ends the wait: acceptResults.ts)
 * or a log this task sees accepted. Nothing to wait for (an automatic election, results accepted
 * already) ends the wait at once. While it waits, the committee is called and the observers told
 * once, and the committee reminded each day: on AWS the wait times out daily and begins again; locally the task is asked again every few seconds.
 */
export const awaitAcceptance =
  (deps: AcceptanceDeps) =>
  async (raw: unknown): Promise<{ waiting: boolean }> => {
    const { electionId, taskToken } = committeeWaitInput.parse(raw);
    if (taskToken !== undefined) await deps.store.recordWait(electionId, 'acceptance', taskToken);
    const { state } = await deps.store.load(electionId);
    if (state.phase === 'none' || !awaitsAcceptance(state)) {
      if (taskToken !== undefined) await deps.lifecycle.endWait(taskToken);
      return { waiting: false };
    }
    await callCommittee(deps, state);
    return { waiting: true };
  };

/**
 * The first time: the committee's members called to accept the results and the observers told
 * they are provisional. Then once a day since the count, the committee reminded; the day of the
 * call needs no reminder of its own.
 */
async function callCommittee(deps: AcceptanceDeps, state: ExistingElection): Promise<void> {
  const { electionId } = state;
  const [tallied] = await deps.store.readEventsSince(electionId, 'ResultsTallied');
  const day = tallied ? Math.floor((deps.clock.now().getTime() - Date.parse(tallied.at)) / (ACCEPTANCE_REMINDER_HOURS * 3_600_000)) : 0;
  const call = { kind: 'acceptance-call', electionId } as const;
  const reminder = { kind: 'acceptance-reminder', electionId, day } as const;
  if (!(await deps.store.isDone(call))) {
    deps.log.info('lifecycle waits for the committee to accept the results', { electionId });
    const committee = await committeeAddresses(deps, state);
    await deliverAll(deps, electionId, 'acceptance-call', [
      ...state.observers.map((to) => ({ studentId: to, message: acceptanceNotice(state, to, deps.publicUrl) })),
      ...committee.map((to) => ({ studentId: to, message: acceptanceCall(state, to, deps.publicUrl, 0) })),
    ]);
    await deps.store.markDone(call);
    await deps.store.markDone(reminder);
    return;
  }
  if (await deps.store.isDone(reminder)) return;
  const committee = await committeeAddresses(deps, state);
  await deliverAll(
    deps,
    electionId,
    'acceptance-reminder',
    committee.map((to) => ({ studentId: to, message: acceptanceCall(state, to, deps.publicUrl, day) })),
  );
  await deps.store.markDone(reminder);
}
