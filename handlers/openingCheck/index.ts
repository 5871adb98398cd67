import { OPENING_CHECK_TASK_NAMES, type OpeningCheckTaskName } from '../../contract/openingCheckTasks';
import type { Deps } from '../ports';
import { checkPart, concludeCheck, planCheck, recordCheckFailure } from './tasks';

/** Every task of the opening-check workflow, by the name of its state in the state machine. */
export const OPENING_CHECK_TASKS: Record<OpeningCheckTaskName, (deps: Deps) => (input: unknown) => Promise<unknown>> = {
  PlanOpeningCheck: planCheck,
  CheckOpeningPart: checkPart,
  ConcludeOpeningCheck: concludeCheck,
  RecordOpeningCheckFailure: recordCheckFailure,
};

export type OpeningCheckTaskHandlers = Record<OpeningCheckTaskName, (input: unknown) => Promise<unknown>>;

export function openingCheckTaskHandlers(deps: Deps): OpeningCheckTaskHandlers {
  return Object.fromEntries(OPENING_CHECK_TASK_NAMES.map((name) => [name, OPENING_CHECK_TASKS[name](deps)])) as OpeningCheckTaskHandlers;
}
