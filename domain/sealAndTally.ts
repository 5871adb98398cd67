import { boxName, type Contest } from './contest';
import type { BallotContent, SealedBallot } from './election';
import type { ElectionEvent } from './events';
import { ballotBoxDigest, canonicalJson, sha256 } from './hashChain';
import { ownValue, recordOf } from './records';
import type { ContestSeal, ExistingElection, PostalVotes, Seal } from './state';
import { tally, type TallyContext, type TallyResult } from './tally';

/**
 * Seals every contest's box and counts it. An election of one contest records its seal and result
 * as elections always did. With several, each contest's box has its own digest, which seeds its
 * lots; the recorded digest is the hash of all the contests' seals, so that one value, mailed at
 * sealing, pins every box; and each count sheet is an event of its own (the state keeps none), so
 * that an election of many contests is not bound by one item's 400 KB.
 */
export function sealAndTally(state: ExistingElection, boxes: ReadonlyMap<string, readonly SealedBallot[]>, voters: number): ElectionEvent[] {
  const seals = state.contests.map((contest): ContestSeal => {
    const ballots = boxes.get(contest.id) ?? [];
    // The box's digest seeds every lot the count draws: nobody knows it before the seal.
    return { contest: contest.id, ballotCount: ballots.length, digest: ballotBoxDigest(ballots) };
  });
  // A sealed box is only sealed here: it is counted once the trustees have opened it (sealedBox/countOpened.ts).
  if (state.sealed) return [sealEvent(seals, voters)];
  const results = state.contests.map((contest, i) => countContest(state, contest, boxes.get(contest.id) ?? [], seals[i]!.digest));
  return [sealEvent(seals, voters), ...resultEvents(seals, results)];
}

/** One contest's count, its lots seeded by its box's digest. */
export function countContest(state: ExistingElection, contest: Contest, papers: Iterable<BallotContent>, digest: string): TallyResult {
  return tally(contest.ballot, contest.candidates, papers, countContext(state, contest, digest));
}

/** What a contest's count needs besides its papers: lots seeded by its box's digest and name, a quorum of every voter who may vote in it (postal voters among them). */
export function countContext(state: ExistingElection, contest: Contest, digest: string): TallyContext {
  return { seed: { digest, contest: boxName(state.electionId, state.contests, contest.id) }, registeredVoters: eligibleVoters(state, contest) };
}

/** The seal as elections of one contest always recorded it; with several, each contest's and one digest over all of them. */
function sealEvent(seals: readonly ContestSeal[], voters: number): ElectionEvent {
  if (seals.length === 1) return { type: 'BallotBoxSealed', data: { ballotCount: seals[0]!.ballotCount, digest: seals[0]!.digest } };
  return { type: 'BallotBoxSealed', data: { ballotCount: seals.reduce((sum, c) => sum + c.ballotCount, 0), digest: contestsDigest(seals), contests: [...seals], voters } };
}

/** The results, in the contests' order: with several contests each count sheet in its own event first, so the head at sealing covers them all. */
export function resultEvents(seals: readonly Pick<ContestSeal, 'contest'>[], results: readonly TallyResult[]): ElectionEvent[] {
  if (results.length === 1) return [{ type: 'ResultsTallied', data: { result: results[0]! } }];
  const sheets: ElectionEvent[] = results.flatMap((result, i) => (result.sheet ? [{ type: 'CountSheetRecorded' as const, data: { contest: seals[i]!.contest, sheet: result.sheet } }] : []));
  const byContest = recordOf(results.map(({ sheet: _, ...result }, i) => [seals[i]!.contest, result]));
  return [...sheets, { type: 'ResultsTallied', data: { results: byContest } }];
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

/** The papers cast online in a contest, as its box was sealed. */
export const onlinePaperCount = (seal: Seal, contest: string): number => seal.contests?.find((c) => c.contest === contest)?.ballotCount ?? seal.ballotCount;

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
