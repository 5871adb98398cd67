import {
  boxName,
  fail,
  latestEntry,
  ok,
  postalContests,
  postalEntriesIn,
  postalVoters,
  unagreedPostalContests,
  type ElectionState,
  type PostalCount,
  type PostalEntryInput,
  type PostalEntryNumber,
  type RecordedEvent,
  type Result,
} from '../../domain';
import type { DecodedPaper } from '../../domain/crypto/paperEncoding';
import type { PostalPapers, PostalPapersStatus } from '../../contract/views';
import type { BallotBox, Deps, EventStream, OpeningFiles } from '../ports';
import { runCommand, type AskedBy } from '../runCommand';
import { openedPapers } from './openingUploads';

type PostalDeps = { store: EventStream & BallotBox & OpeningFiles } & Pick<Deps, 'clock' | 'log'> & Partial<Pick<Deps, 'metrics'>>;

/**
 * A member's entry of a contest's postal papers (domain/postalPapers.ts). `entry` left out: the
 * second when a first stands, else the first. A second entry is compared with the first as the log
 * holds it; once every contest with postal voters is agreed, the papers are counted in at once.
 */
export async function enterPostalPapers(
  deps: PostalDeps,
  electionId: string,
  input: { contest: string; entry?: PostalEntryNumber; count: PostalEntryInput },
  asked: AskedBy = {},
): Promise<Result<PostalPapers>> {
  const [{ state }, events] = await Promise.all([deps.store.load(electionId), deps.store.readEvents(electionId)]);
  if (state.phase === 'none') return fail('not_found', `no election "${electionId}"`);
  const standing = state.phase === 'tallied' ? (state.postalEntries ?? []).find((e) => e.contest === input.contest) : undefined;
  const entry = input.entry ?? (standing?.first ? 2 : 1);
  const first = entry === 2 ? latestEntry(postalEntriesIn(events), input.contest, 1) : undefined;
  const applied = await runCommand(deps, electionId, { type: 'EnterPostalPapers', contest: input.contest, entry, count: input.count, ...(first && { first }) }, undefined, asked);
  if (!applied.ok) return applied;
  const after = applied.value.state;
  if (after.phase === 'tallied' && applied.value.events.some((e) => e.type === 'PostalPapersAgreed') && unagreedPostalContests(after).length === 0) {
    const counted = await countWithPostal(deps, electionId);
    if (!counted.ok) return counted;
  }
  return postalPapersOf(deps, electionId);
}

/** Counts the agreed postal papers in with the online ones, read as the online count read them: a sealed box's from its opening. */
export async function countWithPostal(deps: PostalDeps, electionId: string): Promise<Result<unknown>> {
  const [{ state }, events] = await Promise.all([deps.store.load(electionId), deps.store.readEvents(electionId)]);
  if (state.phase !== 'tallied') return ok(undefined);
  const entries = postalEntriesIn(events);
  const postal = new Map<string, PostalCount>();
  for (const contest of postalContests(state)) {
    const agreed = latestEntry(entries, contest.id, 2);
    if (agreed) postal.set(contest.id, agreed);
  }
  const online = state.sealed
    ? await openedPapers(deps, state)
    : new Map(
        await Promise.all(
          state.contests.map(
            async (c) => [c.id, (await deps.store.readBallots(boxName(electionId, state.contests, c.id))).map(({ choices }): DecodedPaper => ({ ok: true, content: { choices } }))] as const,
          ),
        ),
      );
  const applied = await runCommand(deps, electionId, { type: 'CountWithPostal', online, postal });
  if (applied.ok) deps.log.info('postal papers counted in', { electionId, contests: postal.size });
  return applied;
}

/** Each contest's postal papers as they stand, read from the log. */
export async function postalPapersOf(deps: { store: EventStream }, electionId: string): Promise<Result<PostalPapers>> {
  const [{ state }, events] = await Promise.all([deps.store.load(electionId), deps.store.readEvents(electionId)]);
  if (state.phase === 'none') return fail('not_found', `no election "${electionId}"`);
  return ok(postalPapersStatus(state, events));
}

/** Who gave each contest's entries and when, from the log: the latest first entry, and the agreement with its second. */
export function postalPapersStatus(state: Exclude<ElectionState, { phase: 'none' }>, events: readonly RecordedEvent[]): PostalPapers {
  const contests = postalContests(state).map((contest): PostalPapersStatus => {
    // Latest first: a first entry given again replaces the one before.
    const entries = events
      .filter((e) => (e.type === 'PostalPapersEntered' && (e.data.part ?? 0) === 0) || e.type === 'PostalPapersAgreed')
      .filter((e) => 'contest' in e.data && e.data.contest === contest.id)
      .reverse();
    const firstEntry = entries.find((e) => e.type === 'PostalPapersEntered' && e.data.entry === 1);
    const agreement = entries.find((e) => e.type === 'PostalPapersAgreed');
    const when = (e: RecordedEvent) => ({ ...(e.by && { by: e.by }), at: e.at });
    return {
      contest: contest.id,
      postalVoters: postalVoters(state, contest),
      ...(firstEntry && { first: when(firstEntry) }),
      ...(agreement?.type === 'PostalPapersAgreed' && { agreed: { ...when(agreement), figures: agreement.data.figures } }),
    };
  });
  return { contests, counted: (state.phase === 'tallied' || state.phase === 'published') && state.postalCounted === true };
}
