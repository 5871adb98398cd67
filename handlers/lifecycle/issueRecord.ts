import { awaitsAcceptance, recordHeadOf } from '../../domain';
import type { Deps } from '../ports';
import { runCommand } from '../runCommand';
import { recordDigests } from '../usecases/officialRecord';
import { lifecycleInput } from './input';
import { LifecycleStepFailed } from './lifecycleError';
import type { StepDeps } from './runStep';

/**
 * Once the results are final (the committee accepted them, or they were counted where no
 * acceptance is asked for) and before anything is mailed or published: the official record is
 * drawn up in each language as of the event they became final at, and the log lists each PDF's
 * SHA-256 (OfficialRecordIssued), so that the copy the committee prints and signs can be held to
 * the log. Only this step issues it, and `decide` takes it once: run again, it records nothing.
 */
export const issueRecord =
  (deps: StepDeps & Pick<Deps, 'officialRecords'>) =>
  async (raw: unknown): Promise<{ issued: boolean }> => {
    const { electionId } = lifecycleInput.parse(raw);
    const { state } = await deps.store.load(electionId);
    // Run again after the publication, or after the record was issued: nothing left to do.
    if (state.phase === 'published' || (state.phase === 'tallied' && state.recordIssued)) return { issued: false };
    if (state.phase !== 'tallied' || awaitsAcceptance(state)) {
      throw new LifecycleStepFailed('IssueRecord', { code: 'wrong_phase', message: `the official record is issued once the results are final (the election is ${state.phase})` });
    }
    const head = recordHeadOf(state);
    // Counted before the log kept the event the results became final at: there is no head to issue the record as of.
    if (head === undefined) {
      deps.log.warn('lifecycle issues no official record: the results became final before the log kept where', { electionId });
      return { issued: false };
    }
    const applied = await runCommand(deps, electionId, { type: 'IssueOfficialRecord', head, records: await recordDigests(deps, electionId, head) });
    if (!applied.ok) throw new LifecycleStepFailed('IssueRecord', applied.error);
    deps.log.info('lifecycle step done', { electionId, step: 'IssueRecord', appended: applied.value.events.length });
    return { issued: applied.value.events.length > 0 };
  };
