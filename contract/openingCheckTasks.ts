/**
 * The tasks of the opening-check workflow, which checks an uploaded mix or decryption too large
 * for one API request (handlers/usecases/openingChecks.ts), by the name of its state: the state
 * machine (`workflows/openingCheck.ts`), the stack's functions (`infra/`) and the handlers that
 * run them (`handlers/openingCheck/`) all go by these names.
 */
export const OPENING_CHECK_TASK_NAMES = ['PlanOpeningCheck', 'CheckOpeningPart', 'ConcludeOpeningCheck', 'RecordOpeningCheckFailure'] as const;

export type OpeningCheckTaskName = (typeof OPENING_CHECK_TASK_NAMES)[number];

/**
 * The API checks an upload of at most this many ciphertexts (papers × ciphertexts a paper) within
 * its own request: its 29 s hold some 6,000 at 4.3 ms a decryption share, with the reading. A
 * larger one goes to the workflow, in parts of about CIPHERTEXTS_PER_PART, some 20 s each on one
 * Lambda vCPU.
 */
export const INLINE_CHECK_CIPHERTEXTS = 2_000;
export const CIPHERTEXTS_PER_PART = 5_000;
