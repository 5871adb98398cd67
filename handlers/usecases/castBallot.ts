import {
  boxName,
  checkCastAllowed,
  fail,
  fillPapers,
  mayVoteIn,
  ok,
  paperIdOf,
  recordOf,
  type CastChoice,
  type Contest,
  type ElectionState,
  type OpenElection,
  type Result,
  type SealedBallot,
} from '../../domain';
import { checkSealedCast, receiptOfTrackers, type SealedPaperJson } from '../../domain/sealedBox/sealedCast';
import { METRIC, type BallotBox, type Credentials, type Deps, type EventStream } from '../ports';
import { hashToken } from '../security';
import { TtlCache } from './ttlCache';

export type CastError = 'invalid_token' | 'already_voted' | 'cast_in_progress' | 'duplicate_paper';
/** `trackers`: in a sealed election, each paper's tracker by contest, under which the board shows it; the receipt joins them. */
export type CastResult = Result<{ receipt: string; trackers?: Record<string, string> }> | { ok: false; error: { code: CastError; message: string } };

/** What a voter casts: plaintext papers (an open election), or papers sealed in their browser (a sealed one). */
export type CastInput = CastChoice | { sealedPapers: Readonly<Record<string, SealedPaperJson>> };

type CastDeps = { store: EventStream & Credentials & BallotBox } & Pick<Deps, 'clock' | 'newReceipt'>;

/** The open election's state, re-read at most once a second: casts must not all hit one item. */
export class OpenStateCache {
  // Only an open election is kept: any other phase may change to open at any moment.
  private readonly states: TtlCache<ElectionState>;

  constructor(maxAgeMs = 1000) {
    this.states = new TtlCache(maxAgeMs, (state) => state.phase === 'open');
  }

  get(deps: { store: EventStream } & Pick<Deps, 'clock'>, electionId: string): Promise<ElectionState> {
    return this.states.get(deps.clock, electionId, async () => (await deps.store.load(electionId)).state);
  }
}

/**
 * One DynamoDB call: a transaction that writes the marker and a ballot per paper, checks the
 * credential (this election's, not revoked, the claimed voter's, in a group of every contest open
 * to some groups only that it has a paper for) and queues the confirmation mail; the state comes
 * from a cache of at most a second. The window is enforced by the clock here; the lifecycle waits a
 * grace period after close before the tally reads. The receipt goes back in the answer only: each
 * contest's box keeps its paper under paperIdOf(receipt, contest), and the confirmation e-mail holds
 * neither, so a voter's mailbox maps to no ballot, and no paper to the same voter's other papers.
 */
export async function castBallot(deps: CastDeps & Pick<Deps, 'metrics'>, cache: OpenStateCache, electionId: string, token: string, cast: CastInput, claimedVoterId?: string): Promise<CastResult> {
  const result = await castOnce(deps, cache, electionId, token, cast, claimedVoterId);
  if (result.ok) deps.metrics.count(METRIC.castAccepted);
  else deps.metrics.count(METRIC.castRefused, 1, { reason: result.error.code });
  return result;
}

async function castOnce(deps: CastDeps, cache: OpenStateCache, electionId: string, token: string, cast: CastInput, claimedVoterId?: string): Promise<CastResult> {
  const allowed = checkCastAllowed(await cache.get(deps, electionId), deps.clock.now());
  if (!allowed.ok) return allowed;
  const state = allowed.value;
  const prepared = prepareCast(state, cast, deps.newReceipt);
  if (!prepared.ok) return prepared;
  const { receipt, trackers, papers } = prepared.value;
  const contests = papers.map(({ contest }) => state.contests.find((c) => c.id === contest)!);
  const tokenHash = hashToken(token);
  const outcome = await deps.store.castBallot(electionId, {
    tokenHash,
    papers: papers.map(({ contest, ballot }) => ({ box: boxName(electionId, state.contests, contest), ballot })),
    eligibility: contests.flatMap((c) => (c.groups ? [c.groups] : [])),
    ...(claimedVoterId !== undefined && { studentId: claimedVoterId }),
    queuedAt: deps.clock.now().toISOString(),
  });
  switch (outcome) {
    case 'accepted':
      return ok({ receipt, ...(trackers && { trackers }) });
    case 'duplicate_paper':
      return {
        ok: false,
        error: { code: 'duplicate_paper', message: "papers: a sealed paper with these very ciphertexts is already in the box: a copy of another voter's paper is refused; nothing was cast" },
      };
    case 'not_eligible':
      return notEligible(deps, tokenHash, contests);
    case 'invalid_token':
      return { ok: false, error: { code: 'invalid_token', message: 'this voting token is not valid for this election' } };
    case 'already_voted':
      return { ok: false, error: { code: 'already_voted', message: 'a ballot has already been cast with this token' } };
    case 'contended':
      return { ok: false, error: { code: 'cast_in_progress', message: 'another ballot with this token is being cast right now' } };
  }
}

/**
 * The papers to store and the voter's receipt. An open election's papers are filled as the
 * ballot allows and filed under ids derived from a random receipt; a sealed election's are
 * checked as sealed papers and filed under their trackers, which the receipt joins.
 */
function prepareCast(
  state: OpenElection,
  cast: CastInput,
  newReceipt: () => string,
): Result<{ receipt: string; trackers?: Record<string, string>; papers: { contest: string; ballot: SealedBallot }[] }> {
  if (state.sealed) {
    if (!('sealedPapers' in cast)) return fail('invalid', "papers: this election is sealed: each paper is encrypted on the voter's device (the voter page does it) and cast as { ciphertexts, proof }");
    const checked = checkSealedCast(state, cast.sealedPapers);
    if (!checked.ok) return checked;
    return ok({
      receipt: receiptOfTrackers(checked.value),
      trackers: recordOf(checked.value.map((p) => [p.contest, p.tracker])),
      papers: checked.value.map(({ contest, tracker, paper }) => ({ contest, ballot: { ballotId: tracker, choices: [], sealed: paper } })),
    });
  }
  if ('sealedPapers' in cast) return fail('invalid', "papers: this election is open (not sealed): give each paper's choices, not ciphertexts");
  const filled = fillPapers(state, cast);
  if (!filled.ok) return filled;
  const receipt = newReceipt();
  return ok({ receipt, papers: filled.value.map(({ contest, content }) => ({ contest, ballot: { ballotId: paperIdOf(receipt, state.contests, contest), ...content } })) });
}

/** Names the first paper the voter may not cast: the credential's groups are read only on this rare path. */
async function notEligible(deps: { store: Credentials }, tokenHash: string, contests: readonly Contest[]): Promise<CastResult> {
  const groups = (await deps.store.findCredential(tokenHash))?.groups ?? [];
  const contest = contests.find((c) => !mayVoteIn(c, groups)) ?? contests[0]!;
  return fail('invalid', `papers.${contest.id}: you may not vote in "${contest.title}", which is for ${contest.groups?.join(', ') ?? 'every voter'}; nothing was cast`);
}

/**
 * The contests a credential may vote in, so that the voter page shows exactly the voter's papers.
 * An unknown or another election's credential gets the cast's own answer; a revoked one is
 * refused when it casts.
 */
export async function papersFor(
  deps: { store: EventStream & Credentials } & Pick<Deps, 'clock'>,
  cache: OpenStateCache,
  electionId: string,
  token: string,
): Promise<CastResult | Result<{ contests: string[] }>> {
  const [state, credential] = await Promise.all([cache.get(deps, electionId), deps.store.findCredential(hashToken(token))]);
  if (state.phase === 'none') return fail('not_found', 'no such election');
  if (!credential || credential.electionId !== electionId) return { ok: false, error: { code: 'invalid_token', message: 'this voting token is not valid for this election' } };
  return ok({ contests: state.contests.filter((c) => mayVoteIn(c, credential.groups ?? [])).map((c) => c.id) });
}
