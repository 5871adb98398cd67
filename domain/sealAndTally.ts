import { boxName, type Contest } from './contest';
import type { SealedBallot } from './election';
import type { ElectionEvent } from './events';
import { ballotBoxDigest, canonicalJson, sha256 } from './hashChain';
import { ownValue, recordOf } from './records';
import type { ContestSeal, ExistingElection, PostalVotes } from './state';
import { tally, type TallyResult } from './tally';

/**
 * Seals every contest's box and counts it. An election of one contest records its seal and result
 * as elections always did. With several, each contest's box has its own digest, which seeds its
 * lots; the recorded digest is the hash of all the contests' seals, so that one value, mailed at
 * sealing, pins every box; and each count sheet is an event of its own (the state keeps none), so
 * that an election of many contests is not bound by one item's 400 KB.
 */
export function sealAndTally(state: ExistingElection, boxes: ReadonlyMap<string, readonly SealedBallot[]>, voters: number): ElectionEvent[] {
  const counted = state.contests.map((contest) => {
    const ballots = boxes.get(contest.id) ?? [];
    // The box's digest seeds every lot the count draws: nobody knows it before the seal.
    const digest = ballotBoxDigest(ballots);
    const result = tally(contest.ballot, contest.candidates, ballots, {
      seed: { digest, contest: boxName(state.electionId, state.contests, contest.id) },
      registeredVoters: eligibleVoters(state, contest),
    });
    return { seal: { contest: contest.id, ballotCount: ballots.length, digest }, result };
  });
  if (counted.length === 1) {
    const [{ seal, result }] = counted as [(typeof counted)[number]];
    return [
      { type: 'BallotBoxSealed', data: { ballotCount: seal.ballotCount, digest: seal.digest } },
      { type: 'ResultsTallied', data: { result } },
    ];
  }
  const contests = counted.map((c) => c.seal);
  // Each sheet in its own event, before the results, so the head at sealing covers them all.
  const sheets: ElectionEvent[] = counted.flatMap(({ seal, result }) => (result.sheet ? [{ type: 'CountSheetRecorded' as const, data: { contest: seal.contest, sheet: result.sheet } }] : []));
  const results = recordOf(counted.map(({ seal, result: { sheet: _, ...result } }) => [seal.contest, result]));
  return [
    { type: 'BallotBoxSealed', data: { ballotCount: contests.reduce((sum, c) => sum + c.ballotCount, 0), digest: contestsDigest(contests), contests, voters } },
    ...sheets,
    { type: 'ResultsTallied', data: { results } },
  ];
}

/**
 * The results with their count sheets: in an election of several contests the sheets are in the
 * CountSheetRecorded events (any events that hold those of the sealing will do), not the state.
 */
export function resultsWithSheets(results: Readonly<Record<string, TallyResult>>, events: Iterable<ElectionEvent>): Record<string, TallyResult> {
  const withSheets = new Map(Object.entries(results));
  for (const event of events) {
    if (event.type !== 'CountSheetRecorded') continue;
    const result = withSheets.get(event.data.contest);
    if (result) withSheets.set(event.data.contest, { ...result, sheet: event.data.sheet });
  }
  return recordOf(withSheets);
}

/** The digest of several contests' seals: their canonical JSON, in the contests' order. */
export const contestsDigest = (contests: readonly ContestSeal[]): string => sha256(canonicalJson(contests));

/** The voters on the roll who may vote in a contest. */
export function eligibleVoters(state: Pick<ExistingElection, 'voterCount' | 'eligible'>, contest: Pick<Contest, 'id' | 'groups'>): number {
  return contest.groups === undefined ? state.voterCount : (ownValue(state.eligible, contest.id) ?? 0);
}

/** Those of them who voted by post. */
export function postalVoters(state: { postal?: PostalVotes }, contest: Pick<Contest, 'id'>): number {
  return ownValue(state.postal?.contests, contest.id) ?? 0;
}

/** Those of them who may still vote online: the voters marked as having voted by post cannot. */
export function onlineVoters(state: Pick<ExistingElection, 'voterCount' | 'eligible'> & { postal?: PostalVotes }, contest: Pick<Contest, 'id' | 'groups'>): number {
  return eligibleVoters(state, contest) - postalVoters(state, contest);
}
