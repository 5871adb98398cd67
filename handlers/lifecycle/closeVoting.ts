import { commandStep } from './runStep';

/** At closesAt: no more ballots. */
export const closeVoting = commandStep('CloseVoting', (deps) => ({ type: 'Close', now: deps.clock.now() }));
