import { fail, ok, type Result } from './result';

/**
 * The largest roll an election takes. The results mailing is planned for it: its page numbers
 * must fit in one Step Functions payload (256 KB) and its iterations in one execution's history
 * (25,000 events); test/workflow/mailPlan.test.ts checks both at this size.
 */
export const MAX_VOTERS = 1_000_000;

export function checkRollRoom(registered: number, adding: number): Result<void> {
  if (registered + adding <= MAX_VOTERS) return ok(undefined);
  return fail('invalid', `voters: an election takes at most ${MAX_VOTERS} voters; it has ${registered}, so ${adding} more would be ${registered + adding}`);
}
