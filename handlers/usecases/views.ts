import type { ElectionState, ExistingElection } from '../../domain';
import { LOCKED_PHASES } from '../../domain';

/** What anyone may see of an election: no voter, no token, no observer address. */
export function publicView(state: ExistingElection) {
  return {
    id: state.electionId,
    title: state.title,
    phase: state.phase,
    locked: LOCKED_PHASES.has(state.phase),
    ballot: state.ballot,
    window: state.window,
    /** When voters who have not voted are mailed again, and how many of those rounds have gone out. */
    reminders: { at: state.reminders, queued: state.remindersQueued.length },
    candidates: state.candidates,
    voterCount: state.voterCount,
    /** Registered voters per voter group, when voters have groups. */
    ...(state.voterGroups && { voterGroups: state.voterGroups }),
    compromised: state.breaches.length > 0,
    breaches: state.breaches.length,
    ...('seal' in state && state.seal ? { seal: state.seal } : {}),
  };
}

export function resultsView(state: ElectionState) {
  if (state.phase !== 'tallied' && state.phase !== 'published') return undefined;
  return {
    id: state.electionId,
    title: state.title,
    phase: state.phase,
    result: state.result,
    turnout: { voted: state.result.ballots, registered: state.voterCount },
    seal: state.seal,
    compromised: state.breaches.length > 0,
  };
}
