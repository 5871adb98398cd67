import { boxName, headAtSealing, type ElectionCommand } from '../../domain';
import { deliverAll } from '../mail/deliver';
import { sealNotice } from '../mail/messages';
import type { BallotBox, Deps, EffectsLedger, EventStream } from '../ports';
import { lifecycleInput } from './input';
import { commandStep, type StepDeps } from './runStep';

type TallyDeps = StepDeps & { store: EventStream & BallotBox & EffectsLedger } & Pick<Deps, 'mailer'>;

/** After the grace period: reads every ballot shard in parallel, seals the box and counts (a sealed box is counted once opened: countOpened.ts). */
const sealAndTally = commandStep('TallyBallots', async (deps: TallyDeps, state): Promise<ElectionCommand> => {
  // Once tallied, the repeat decides on no ballots and appends nothing: no need to read them again.
  if (state.phase !== 'closed') return { type: 'SealAndTally', boxes: new Map(), voters: 0 };
  const { electionId, contests } = state;
  const [boxes, voters] = await Promise.all([
    Promise.all(contests.map(async (c) => [c.id, await deps.store.readBallots(boxName(electionId, contests, c.id))] as const)),
    deps.store.countParticipation(electionId),
  ]);
  return { type: 'SealAndTally', boxes: new Map(boxes), voters };
});

/** Seals and counts, then tells the observers what the log looked like at that moment. */
export const tallyBallots =
  (deps: TallyDeps) =>
  async (raw: unknown): Promise<{ phase: string }> => {
    const outcome = await sealAndTally(deps)(raw);
    await noticeObservers(deps, lifecycleInput.parse(raw).electionId);
    return outcome;
  };

/**
 * The head at sealing and the digest go to the observers before anyone could rewrite the log,
 * so an export can later be held against them. Once only, however often the step runs.
 */
export async function noticeObservers(deps: Pick<TallyDeps, 'store' | 'mailer' | 'log' | 'clock' | 'metrics'>, electionId: string): Promise<void> {
  const effect = { kind: 'seal-notice', electionId } as const;
  if (await deps.store.isDone(effect)) return;
  const [{ state }, events] = await Promise.all([deps.store.load(electionId), deps.store.readEvents(electionId)]);
  const head = headAtSealing(events);
  // The step has just sealed the box, so both exist; the check only tells the compiler.
  if ((state.phase !== 'tallied' && state.phase !== 'published') || !head) return;
  await deliverAll(
    deps,
    electionId,
    'seal-notice',
    state.observers.map((to) => ({ studentId: to, message: sealNotice(state, state.seal, head, to) })),
  );
  await deps.store.markDone(effect);
}
