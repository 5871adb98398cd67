import { LIFECYCLE_TASKS, type LifecycleTaskName } from '../lifecycle';
import { lambdaDeps } from './environment';

/** The Lambda handler of one lifecycle task; its errors keep their names for the state machine's Retry and Catch. */
export function lifecycleTaskHandler(name: LifecycleTaskName): (input: unknown) => Promise<unknown> {
  return async (input) => LIFECYCLE_TASKS[name](await lambdaDeps())(input);
}
