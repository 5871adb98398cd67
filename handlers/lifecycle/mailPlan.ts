import { BULK_LIMIT } from '../ports';

/**
 * A page of the results mailing: 50 batches of at most 50 voters, sent by one MailResultBatch
 * invocation. Pages this large keep the Map under a Standard execution's 25,000 history events at
 * MAX_VOTERS: 400 pages, each at most 7 events plus 3 per retry (test/workflow/mailPlan.test.ts).
 */
export const BATCHES_PER_PAGE = 50;
export const VOTERS_PER_PAGE = BATCHES_PER_PAGE * BULK_LIMIT;

export const RESULTS_MAILING = 'results';
