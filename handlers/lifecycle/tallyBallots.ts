import { commandStep } from './runStep';

/** After the grace period: reads every ballot shard in parallel, seals the box and counts. */
export const tallyBallots = commandStep('TallyBallots', async (deps, state) => ({
  type: 'SealAndTally',
  // Once tallied, the repeat decides on no ballots and appends nothing: no need to read them again.
  ballots: state.phase === 'closed' ? await deps.store.readBallots(state.electionId) : [],
}));
