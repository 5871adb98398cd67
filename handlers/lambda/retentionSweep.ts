import { sweepPersonalData } from '../usecases/retentionSweep';
import { lambdaDeps, withCapabilities } from './environment';
import { observed } from './observed';

/** Credentials are derived to find them; the export is written again with the deletion in it. */
const CAPABILITIES = ['minter', 'auditExports'] as const;

/**
 * The daily sweep of personal data, on a schedule: deletes what is due and finishes what a crash
 * cut short. It fails when an election's deletion failed, so that the function's error alarm
 * tells the operators; the next day's sweep tries again.
 */
export const handler = withCapabilities(
  observed(async () => {
    const outcomes = await sweepPersonalData(await lambdaDeps(...CAPABILITIES));
    const failed = outcomes.filter((o) => o.outcome === 'failed');
    if (failed.length > 0) throw new Error(`the deletion of personal data failed for ${failed.map((f) => f.electionId).join(', ')}`);
    return { deleted: outcomes.filter((o) => o.outcome === 'deleted').map((o) => o.electionId) };
  }),
  CAPABILITIES,
);
