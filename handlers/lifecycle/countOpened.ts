import type { BallotBox, Deps, EffectsLedger, EventStream, OpeningFiles } from '../ports';
import { runCommand } from '../runCommand';
import { openedPapers } from '../usecases/openingUploads';
import { lifecycleInput } from './input';
import { LifecycleStepFailed } from './lifecycleError';
import type { StepDeps } from './runStep';
import { noticeObservers } from './tallyBallots';

type CountDeps = StepDeps & { store: EventStream & BallotBox & EffectsLedger & OpeningFiles } & Pick<Deps, 'mailer'>;

/**
 * Once the committee has opened every contest of a sealed box: reads the papers back from the
 * last mixes and the trustees' shares, counts them by today's rules, then tells the observers the
 * head at sealing as an open election's tally does. An open election was counted at the seal.
 */
export const countOpened =
  (deps: CountDeps) =>
  async (raw: unknown): Promise<{ phase: string }> => {
    const { electionId } = lifecycleInput.parse(raw);
    const { state } = await deps.store.load(electionId);
    if (state.phase === 'none' || !state.sealed) return { phase: state.phase };
    if (state.phase === 'closed') {
      const papers = await openedPapers(deps, state);
      const applied = await runCommand(deps, electionId, { type: 'TallyOpened', papers });
      if (!applied.ok) throw new LifecycleStepFailed('CountOpened', applied.error);
      deps.log.info('lifecycle step done', { electionId, step: 'CountOpened', appended: applied.value.events.length });
    }
    await noticeObservers(deps, electionId);
    return { phase: (await deps.store.load(electionId)).state.phase };
  };
