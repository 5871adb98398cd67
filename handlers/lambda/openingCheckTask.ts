import type { OpeningCheckTaskName } from '../../contract/openingCheckTasks';
import { OPENING_CHECK_TASKS } from '../openingCheck';
import { lambdaDeps, withCapabilities, type Capability } from './environment';
import { observed } from './observed';

/** Concluding a check of the last decryption ends the lifecycle's wait for the opening; the other tasks need the tables only. */
const asks = (name: OpeningCheckTaskName): Capability[] => (name === 'ConcludeOpeningCheck' ? ['lifecycle'] : []);

/** The Lambda handler of one opening-check task; its errors keep their names for the state machine's Catch. */
export function openingCheckTaskHandler(name: OpeningCheckTaskName) {
  const asked = asks(name);
  return withCapabilities(
    observed(async (input: unknown) => OPENING_CHECK_TASKS[name](await lambdaDeps(...asked))(input)),
    asked,
  );
}
