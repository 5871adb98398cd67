import { commandStep } from './runStep';

/** Last: the results are public and the election unlocks. */
export const publishResults = commandStep('PublishResults', (deps) => ({ type: 'Publish', now: deps.clock.now() }));
