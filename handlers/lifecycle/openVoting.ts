import { commandStep } from './runStep';

/** At opensAt: a scheduled election opens (an election opened by `start` is left as it is). */
export const openVoting = commandStep('OpenVoting', (deps) => ({ type: 'Open', now: deps.clock.now() }));
