import type { LifecycleTaskName } from '../../contract/lifecycleTasks';
import { timedLifecycleTask } from '../lifecycle';
import { lambdaDepsGiven, withCapabilities, type Capability, type GivenCapabilities } from './environment';
import { observed } from './observed';

/** The results mail links the page; the publish step writes the audit export; the waits for a sealed box's opening and for the acceptance of the results mail the committee at the directory's addresses. */
const ASKS: ReadonlyMap<LifecycleTaskName, Capability[]> = new Map<LifecycleTaskName, Capability[]>([
  ['PublishResults', ['publicUrl', 'auditExports']],
  ['AwaitOpening', ['publicUrl', 'accounts']],
  ['AwaitAcceptance', ['publicUrl', 'accounts']],
]);
const asks = (name: LifecycleTaskName): Capability[] => ASKS.get(name) ?? ['publicUrl'];

/**
 * The Lambda handler of one lifecycle task, with what its entry point gives it (the record's PDF
 * writer, which only the functions that write records bundle); its errors keep their names for
 * the state machine's Retry and Catch.
 */
export function lifecycleTaskHandler(name: LifecycleTaskName, given: GivenCapabilities = {}) {
  const asked = asks(name);
  return withCapabilities(
    observed(async (input: unknown) => timedLifecycleTask(name, await lambdaDepsGiven(given, ...asked))(input)),
    asked,
  );
}
