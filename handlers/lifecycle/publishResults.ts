import type { BallotBox, Deps, OpeningFiles, Roll } from '../ports';
import { auditExportLink } from '../usecases/auditExport';
import { lifecycleInput } from './input';
import { commandStep, type StepDeps } from './runStep';

const publish = commandStep('PublishResults', (deps) => ({ type: 'Publish', now: deps.clock.now() }));

/**
 * Last: the results are public, the election unlocks, and its audit export is written for
 * auditors to fetch. Run again, it publishes nothing twice and finds the export there.
 */
export const publishResults =
  (deps: StepDeps & { store: Roll & BallotBox & OpeningFiles } & Pick<Deps, 'auditExports'>) =>
  async (raw: unknown): Promise<{ phase: string }> => {
    const published = await publish(deps)(raw);
    const exported = await auditExportLink(deps, lifecycleInput.parse(raw).electionId);
    if (!exported.ok) throw new Error(`the audit export was not written: ${exported.error.message}`);
    return published;
  };
