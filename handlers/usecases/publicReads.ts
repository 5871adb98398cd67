import { boxName, CONTEST_TURNOUT_PHASES, eligibleVoters, postalVoters, resultsWithSheets, type ElectionState } from '../../domain';
import { resultsView, type Turnout } from '../../contract/views';
import type { BallotBox, Deps, EventStream } from '../ports';
import { TURNOUT_MAX_AGE_SECONDS, VIEW_MAX_AGE_SECONDS } from './publicReadAges';
import { TtlCache } from './ttlCache';

type Reader = { store: EventStream & BallotBox } & Pick<Deps, 'clock'>;

/**
 * What anyone may read of an election, read eventually consistent and kept a few seconds per warm
 * function, so that page loads at any rate cost a few reads a second per election. Only answers
 * that exist are kept: an unknown election is read again next time (it may be created a moment
 * later), and results are kept only once tallied, so they show as soon as the tally lands.
 */
export class PublicReads {
  private readonly elections = new TtlCache<ElectionState>(VIEW_MAX_AGE_SECONDS * 1000, (state) => state.phase !== 'none');
  private readonly tallied = new TtlCache<ElectionState>(VIEW_MAX_AGE_SECONDS * 1000, (state) => resultsView(state) !== undefined);
  private readonly turnouts = new TtlCache<Turnout | undefined>(TURNOUT_MAX_AGE_SECONDS * 1000, (turnout) => turnout !== undefined);

  election(deps: Reader, electionId: string): Promise<ElectionState> {
    return this.elections.get(deps.clock, electionId, () => loadEventually(deps, electionId));
  }

  /** The state with each result's count sheet: with several contests the sheets are read from their events, near the stream's end. */
  results(deps: Reader, electionId: string): Promise<ElectionState> {
    return this.tallied.get(deps.clock, electionId, async () => {
      const state = await loadEventually(deps, electionId);
      if ((state.phase !== 'tallied' && state.phase !== 'published') || state.contests.length === 1) return state;
      return { ...state, results: resultsWithSheets(state.results, await deps.store.readEventsSince(electionId, 'BallotBoxSealed')) };
    });
  }

  /**
   * Counted from the participation markers: one small item per voter, the cheapest count there is.
   * Per contest only once voting has closed (CONTEST_TURNOUT_PHASES): while it runs, those counts
   * would show which papers each voter cast.
   */
  turnout(deps: Reader, electionId: string): Promise<Turnout | undefined> {
    return this.turnouts.get(deps.clock, electionId, async () => {
      const state = await this.election(deps, electionId);
      if (state.phase === 'none') return undefined;
      const { contests, postal } = state;
      const [voted, papers] = await Promise.all([
        deps.store.countParticipation(electionId, { consistent: false }),
        contests.length > 1 && CONTEST_TURNOUT_PHASES.has(state.phase)
          ? Promise.all(contests.map((c) => deps.store.countBallots(boxName(electionId, contests, c.id), { consistent: false })))
          : undefined,
      ]);
      return {
        registered: state.voterCount,
        voted,
        ...(postal && { postal: postal.voters }),
        ...(papers && {
          contests: contests.map((c, i) => ({ id: c.id, registered: eligibleVoters(state, c), voted: papers[i]!, ...(postalVoters(state, c) > 0 && { postal: postalVoters(state, c) }) })),
        }),
      };
    });
  }

  /** Forgets every answer, after a write through the same process, so that its writer reads it back at once. */
  clear(): void {
    this.elections.clear();
    this.tallied.clear();
    this.turnouts.clear();
  }
}

async function loadEventually(deps: Reader, electionId: string): Promise<ElectionState> {
  return (await deps.store.load(electionId, { consistent: false })).state;
}
