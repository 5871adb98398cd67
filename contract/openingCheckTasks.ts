/**
 * The tasks of the opening-check workflow, which checks an uploaded mix or decryption too large
 * for one API request (handlers/usecases/openingChecks.ts), by the name of its state: the state
 * machine (`workflows/openingCheck.ts`), the stack's functions (`infra/`) and the handlers that
 * run them (`handlers/openingCheck/`) all go by these names.
 */
export const OPENING_CHECK_TASK_NAMES = ['PlanOpeningCheck', 'CheckOpeningPart', 'ConcludeOpeningCheck', 'RecordOpeningCheckFailure'] as const;

export type OpeningCheckTaskName = (typeof OPENING_CHECK_TASK_NAMES)[number];
