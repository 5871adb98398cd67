import { mixesNeeded } from '../domain/crypto/sealedContest';
import { ceremonyStep, waitingFor, type SealedBoxSetup } from '../domain/sealedBox/keyCeremonyLog';
import { nextOpeningStep, openingOf } from '../domain/sealedBox/opening';
import {
  awaitsAcceptance,
  challengeEndsAt,
  countedPostalPapers,
  DEFAULT_ACCEPTANCE,
  eligibleVoters,
  LOCKED_PHASES,
  onlinePaperCount,
  personalDataDueAt,
  undecidedObjections,
  ownValue,
  postalVoters,
  publishedEvent,
  smallContestWarnings,
  type Actor,
  type Contest,
  type ElectionState,
  type ExistingElection,
  type PostalFigures,
  type RecordedEvent,
} from '../domain';

/** The one contest of an election that has one: its ballot and candidates are shown at the top, as before contests existed. */
const onlyContest = (state: ExistingElection): Contest | undefined => (state.contests.length === 1 ? state.contests[0] : undefined);

/** A contest as anyone may see it: its definition, candidates, and how many voters may vote in it (and of those, how many voted by post). */
function contestView(state: ExistingElection, contest: Contest) {
  return { ...contest, eligibleVoters: eligibleVoters(state, contest), ...(state.postal && { postalVoters: postalVoters(state, contest) }) };
}

/**
 * The voters' personal data of a published election: `deleted` with when, or `kept` until
 * `deleteAt`, and longer while the objections in `waitsFor` are undecided.
 */
function personalDataView(state: ElectionState & { phase: 'published' }) {
  if (state.personalDataDeleted) return { status: 'deleted' as const, deletedAt: state.personalDataDeleted.at };
  const election = { ...state, objections: state.objections ?? [] };
  return { status: 'kept' as const, deleteAt: personalDataDueAt(election), waitsFor: undecidedObjections(election) };
}

/** What anyone may see of an election: no voter, no token, no observer address. */
export function publicView(state: ExistingElection) {
  const only = onlyContest(state);
  const warnings = smallContestWarnings(state);
  return {
    id: state.electionId,
    title: state.title,
    phase: state.phase,
    locked: LOCKED_PHASES.has(state.phase),
    /** The voters' language unless their roll entry names theirs, and the zone the mail shows times in. */
    language: state.language,
    timeZone: state.timeZone,
    /** The committee's words in the voters' mail, once set. */
    ...(state.wording && { wording: state.wording }),
    challengeDays: state.challengeDays,
    /** Who makes the counted results final. */
    acceptance: state.acceptance ?? DEFAULT_ACCEPTANCE,
    ...acceptanceView(state),
    /** Once the results are final: the official record as issued then, the head it was issued as of and each language's SHA-256, which the log lists. */
    ...('recordIssued' in state && state.recordIssued && state.recordHead !== undefined && { issuedRecord: { head: state.recordHead, records: state.recordIssued } }),
    /** Once published: until when the election may be challenged, and the objections recorded (their texts are in the log). */
    ...(state.phase === 'published' && { challengeEndsAt: challengeEndsAt(state.publishedAt, state.challengeDays), objections: state.objections ?? [] }),
    /** Days the voters' personal data is kept after the challenge period; once published, when it is deleted (domain/retention.ts). */
    retentionDays: state.retentionDays,
    ...(state.phase === 'published' && { personalData: personalDataView(state) }),
    ...(only && { ballot: only.ballot, candidates: only.candidates }),
    contests: state.contests.map((contest) => contestView(state, contest)),
    window: state.window,
    /** When voters who have not voted are mailed again, and how many of those rounds have gone out. */
    reminders: { at: state.reminders, queued: state.remindersQueued.length },
    voterCount: state.voterCount,
    /**
     * When the voters' credentials are mailed: `held` until voting opens, `released` once they went
     * out (at `credentialsReleasedAt`), or `at-registration`, each as the voter was registered.
     */
    credentialMail: state.credentialsHeld ? 'held' : state.credentialsReleasedAt ? 'released' : 'at-registration',
    /** When the held credentials go out, when the committee set a time before the opening. */
    ...(state.credentialsAt && { credentialsAt: state.credentialsAt }),
    ...(state.credentialsReleasedAt && { credentialsReleasedAt: state.credentialsReleasedAt }),
    /** Registered voters per voter group, when voters have groups. */
    ...(state.voterGroups && { voterGroups: state.voterGroups }),
    /** Voters marked as having voted by post. */
    ...(state.postal && { postalVoters: state.postal.voters }),
    /** The roll as it was locked: its size and the fingerprint the audit export's roll must hash to. */
    ...(state.lockedRoll && { roll: state.lockedRoll }),
    /** Contests small enough for their published ballots to show how their voters voted: said to the committee, never refused. */
    ...(warnings.length > 0 && { warnings }),
    compromised: state.breaches.length > 0,
    breaches: state.breaches.length,
    /** Where the workflow stopped and why: the committee retries it (POST …/workflow/retry). */
    ...(state.workflowFailure && { workflowFailure: state.workflowFailure }),
    ...(state.workflowRetries !== undefined && { workflowRetries: state.workflowRetries }),
    ...('seal' in state && state.seal ? { seal: state.seal } : {}),
    ...boxView(state),
  };
}

/** Once counted: whether the results still wait for the committee's acceptance, or who accepted them. */
function acceptanceView(state: ElectionState) {
  return { ...(awaitsAcceptance(state) && { awaitingAcceptance: true as const }), ...('accepted' in state && state.accepted && { accepted: state.accepted }) };
}

/**
 * How the election keeps its ballots. A sealed one: its trustees, where the key ceremony stands
 * (and, once done, the election key voters seal their papers under), and after the seal each
 * contest's opening. An open one says what it is: not secret against whoever runs the servers.
 */
function boxView(state: ExistingElection) {
  const box = state.sealed;
  if (!box) return { box: 'open' as const, secrecy: 'not secret against the operator: whoever runs the servers can read the ballots' };
  return {
    box: 'sealed' as const,
    trustees: box.trustees,
    ceremony: { step: ceremonyStep(box), waitingFor: waitingFor(box), failedRounds: box.ceremony.failedRounds, ...(box.ceremony.lastFailure && { lastFailure: box.ceremony.lastFailure }) },
    ...(box.key && { electionKey: box.key.publicKey }),
    ...('seal' in state && state.seal && { opening: openingView(state, box) }),
  };
}

/** Each contest's opening: its mixes, the trustees who decrypted, and what it still needs. */
function openingView(state: ExistingElection, box: SealedBoxSetup) {
  return {
    contests: state.contests.map((contest) => {
      const opening = openingOf(box, contest.id);
      return {
        id: contest.id,
        mixes: opening.mixes.length,
        mixesNeeded: mixesNeeded(box.trustees.count),
        mixers: opening.mixes.map((m) => m.mixer),
        decryptions: opening.decryptions.map((d) => d.trustee),
        threshold: box.trustees.threshold,
        next: nextOpeningStep(box, opening),
      };
    }),
  };
}

/** An election in the admins' list: what it is, where it stands, and how many have voted. */
export function electionSummary(state: ExistingElection, turnout: { voted: number; registered: number }) {
  return {
    id: state.electionId,
    title: state.title,
    phase: state.phase,
    /** Sealed (encrypted, opened by the trustees together) or open (not secret against the operator). */
    box: state.sealed ? ('sealed' as const) : ('open' as const),
    locked: LOCKED_PHASES.has(state.phase),
    compromised: state.breaches.length > 0,
    /** The step the workflow stopped at, until it is retried or moves the election on. */
    ...(state.workflowFailure && { workflowStoppedAt: state.workflowFailure.step }),
    window: state.window,
    voterCount: state.voterCount,
    turnout: { voted: turnout.voted, registered: turnout.registered },
  };
}

/**
 * An event of the log as anyone may follow it while it grows: as the export publishes it, hashes
 * included (the observers as their count). Logs written before observers were counted hold their
 * addresses, which are shown as their count too: such an event is marked `redacted`, since its hash
 * cannot be recomputed from what is shown (the export, once published, has it whole).
 */
export function observedEvent(event: RecordedEvent) {
  const published = publishedEvent(event);
  if (published.type !== 'ObserversSet' || !Array.isArray(published.data.observers)) return published;
  return { ...published, data: { observers: published.data.observers.length }, redacted: true as const };
}

/**
 * The results: each contest's, with its turnout (papers cast online, postal voters, voters who may
 * vote in it), and overall. An election of one contest also shows its `result` at the top.
 */
export function resultsView(state: ElectionState) {
  if (state.phase !== 'tallied' && state.phase !== 'published') return undefined;
  const only = onlyContest(state);
  const postal = state.postal?.voters ?? 0;
  return {
    id: state.electionId,
    title: state.title,
    phase: state.phase,
    ...(only && { result: ownValue(state.results, only.id)! }),
    contests: state.contests.map((contest) => {
      const result = ownValue(state.results, contest.id)!;
      const postal = postalVoters(state, contest);
      const postalPapers = countedPostalPapers(state, contest.id);
      return {
        id: contest.id,
        title: contest.title,
        ballot: contest.ballot,
        result,
        // `voted`: the papers cast online; once counted in, `postalPapers` those by post, valid and invalid (result counts both).
        turnout: {
          voted: onlinePaperCount(state.seal, contest.id),
          ...(postal > 0 && { postal }),
          ...(postalPapers && { postalPapers }),
          registered: eligibleVoters(state, contest),
        },
      };
    }),
    turnout: { voted: state.seal.voters ?? state.seal.ballotCount, ...(postal > 0 && { postal }), registered: state.voterCount },
    seal: state.seal,
    compromised: state.breaches.length > 0,
    ...acceptanceView(state),
  };
}

/** The postal papers' answer (handlers/usecases/postalPapers.ts). */
/** A contest's postal papers as the committee sees them: who gave which entry, and once agreed, what they add. */
export interface PostalPapersStatus {
  contest: string;
  postalVoters: number;
  /** The first entry standing, or the one the second agreed with: who, when. */
  first?: { by?: Actor; at: string };
  /** Once the second entry agreed: who gave it, when, and the postal figures. */
  agreed?: { by?: Actor; at: string; figures: PostalFigures };
}

export interface PostalPapers {
  contests: PostalPapersStatus[];
  /** The results count the agreed postal papers: the committee may accept them now. */
  counted: boolean;
}

/** The API's answers, by the very functions that make them: the CLI and the pages read them by these types. */
export type PublicElectionView = ReturnType<typeof publicView>;
export type ResultsView = NonNullable<ReturnType<typeof resultsView>>;
export type ElectionSummary = ReturnType<typeof electionSummary>;
export type ObservedEvent = ReturnType<typeof observedEvent>;

/** The turnout answer: counted by the handlers from the participation markers (`handlers/usecases/publicReads.ts`). */
export interface Turnout {
  registered: number;
  voted: number;
  /** Voters who voted by post, when there are any. */
  postal?: number;
  /** With several contests, once voting has closed: the papers cast in each, and who may vote in it. */
  contests?: ({ id: string } & Omit<Turnout, 'contests'>)[];
}

/** A voter whose address is on the roll under another student id already: refused by the voter import, both named (the domain's screening says who). */
export type { EmailTaken } from '../domain';
