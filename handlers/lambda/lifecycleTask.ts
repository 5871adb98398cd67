import type { LifecycleTaskName } from '../../contract/lifecycleTasks';
import { timedLifecycleTask } from '../lifecycle';
import { lambdaDeps } from './environment';
import { observed } from './observed';

/** The Lambda handler of one lifecycle task; its errors keep their names for the state machine's Retry and Catch. */
export function lifecycleTaskHandler(name: LifecycleTaskName) {
  return observed(async (input: unknown) => timedLifecycleTask(name, await lambdaDeps())(input));
}
