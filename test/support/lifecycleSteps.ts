import { ok, type ElectionState, type Result } from '../../domain';
import { closeVoting as close } from '../../handlers/lifecycle/closeVoting';
import { openVoting as open } from '../../handlers/lifecycle/openVoting';
import { mailResultBatch } from '../../handlers/lifecycle/mailResultBatch';
import { planResultMail } from '../../handlers/lifecycle/planResultMail';
import { publishResults as publish } from '../../handlers/lifecycle/publishResults';
import { releaseCredentials } from '../../handlers/lifecycle/releaseCredentials';
import { tallyBallots as tally } from '../../handlers/lifecycle/tallyBallots';
import { awaitOpening as awaitTask } from '../../handlers/lifecycle/awaitOpening';
import { countOpened as count } from '../../handlers/lifecycle/countOpened';
import { issueRecord as issue } from '../../handlers/lifecycle/issueRecord';
import { LifecycleStepFailed } from '../../handlers/lifecycle/lifecycleError';
import type { Deps } from '../../handlers/ports';
import { lifecycleInputOf } from '../../handlers/usecases/startVoting';

/**
 * The workflow's task handlers, called one by one as the state machine would call them, so a
 * test can step an election through its lifecycle and look at each step's outcome.
 */
async function inputFor(deps: Deps, electionId: string) {
  const { state } = await deps.store.load(electionId);
  const epoch = new Date(0).toISOString();
  return lifecycleInputOf(state) ?? { electionId, opensAt: epoch, closesAt: epoch };
}

const asStep =
  (task: (deps: Deps) => (input: unknown) => Promise<unknown>) =>
  async (deps: Deps, electionId: string): Promise<Result<{ state: ElectionState }>> => {
    try {
      await task(deps)(await inputFor(deps, electionId));
    } catch (error) {
      if (error instanceof LifecycleStepFailed) return { ok: false, error: { code: error.code, message: error.message } };
      throw error;
    }
    return ok({ state: (await deps.store.load(electionId)).state });
  };

const release = asStep(releaseCredentials);

/** Opens voting at opensAt, then mails the credentials held until then, as the workflow's next step does. */
export async function openVoting(deps: Deps, electionId: string): Promise<Result<{ state: ElectionState }>> {
  const opened = await asStep(open)(deps, electionId);
  return opened.ok ? release(deps, electionId) : opened;
}
export const closeVoting = asStep(close);
export const tallyBallots = asStep(tally);
export const publishResults = asStep(publish);
export const awaitOpening = asStep(awaitTask);
export const countOpened = asStep(count);
export const issueRecord = asStep(issue);

/** Plans the pages and sends each, as the workflow's Map state does. */
export async function mailResults(deps: Deps, electionId: string): Promise<Result<{ undelivered: number }>> {
  const { pages } = await planResultMail(deps)(await inputFor(deps, electionId));
  let undelivered = 0;
  for (const page of pages) undelivered += (await mailResultBatch(deps)(page)).undelivered;
  return ok({ undelivered });
}
