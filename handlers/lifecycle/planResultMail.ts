import type { EffectsLedger, Roll } from '../ports';
import { lifecycleInput, type MailPageRef } from './input';
import { RESULTS_MAILING, VOTERS_PER_PAGE } from './mailPlan';

/**
 * Splits the roll into pages of VOTERS_PER_PAGE, keeps each page's first and last student id in
 * the table and hands the workflow only `{ electionId, page }` per page, so its payload stays small
 * at any roll size. The roll is frozen once voting started, so a repeated plan writes the same pages.
 */
export const planResultMail =
  (deps: { store: Roll & EffectsLedger }) =>
  async (raw: unknown): Promise<{ pages: MailPageRef[] }> => {
    const { electionId } = lifecycleInput.parse(raw);
    const pages: MailPageRef[] = [];
    const plan = async (ids: string[]) => {
      const page = pages.length;
      await deps.store.planMailPage(electionId, RESULTS_MAILING, page, { first: ids[0]!, last: ids.at(-1)! });
      pages.push({ electionId, page });
    };
    let pending: string[] = [];
    for await (const entries of deps.store.rollPages(electionId)) {
      pending.push(...entries.map((entry) => entry.studentId));
      while (pending.length >= VOTERS_PER_PAGE) {
        await plan(pending.slice(0, VOTERS_PER_PAGE));
        pending = pending.slice(VOTERS_PER_PAGE);
      }
    }
    if (pending.length > 0) await plan(pending);
    return { pages };
  };
