import { deliverAll } from '../mail/deliver';
import type { Deps, EffectsLedger, EventStream } from '../ports';
import { runCommand } from '../runCommand';
import { failedStep } from './input';

export type FailureDeps = { store: EventStream & EffectsLedger } & Pick<Deps, 'clock' | 'log' | 'metrics' | 'mailer'>;

/**
 * The workflow's Catch lands here: the failure becomes a LifecycleFailed event in the log and an
 * e-mail to every observer, so an election never stays open or unpublished unnoticed.
 */
export const recordFailure =
  (deps: FailureDeps) =>
  async (raw: unknown): Promise<{ recorded: true }> => {
    const { electionId, failedStep: step, failure, workflowContinues } = failedStep.parse(raw);
    const error = `${failure?.Error ?? 'Error'}: ${(failure?.Cause ?? '').slice(0, 1000)}`;
    const applied = await runCommand(deps, electionId, { type: 'RecordLifecycleFailure', step, error, ...(workflowContinues && { continues: true as const }) });
    deps.log.error('lifecycle step failed', { electionId, step, error });
    if (applied.ok && applied.value.state.phase !== 'none') {
      const { title, observers } = applied.value.state;
      await deliverAll(
        deps,
        electionId,
        'failure-alert',
        observers.map((to) => ({
          studentId: to,
          message: {
            to,
            subject: `ALERT: ${title}: the election workflow failed at ${step}`,
            text: [
              `The step ${step} of "${title}" (${electionId}) failed for good:`,
              '',
              error,
              '',
              workflowContinues
                ? 'It is recorded in the election log. The election goes on without it.'
                : 'It is recorded in the election log. The election stays where it is until the committee retries the workflow (admin retry, or Retry in the console).',
            ].join('\n'),
          },
        })),
      );
    }
    return { recorded: true };
  };
