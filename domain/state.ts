import { actorOf, type Actor, type Member } from './committee';
import { MAIN_CONTEST, type Contest } from './contest';
import type { BallotDefinition, Candidate, ElectionId, VotingWindow } from './election';
import type { Agreement, ElectionEvent, ProposedAction } from './events';
import { DEFAULT_LANGUAGE, DEFAULT_TIME_ZONE, type Language } from './locale';
import type { MailWording } from './mailWording';
import { DEFAULT_CHALLENGE_DAYS, type Objection } from './objections';
import { DEFAULT_RETENTION_DAYS } from './retention';
import type { IssuedRecord } from './officialRecord';
import { recordOf } from './records';
import type { TallyResult } from './tally';
import { addCounts } from './voterGroups';
import { evolveCeremony, newCeremony, type SealedBoxSetup } from './sealedBox/keyCeremonyLog';
import { evolveOpening, openingsAtSeal } from './sealedBox/opening';
import { proposalAfterRosterChange, type Proposal } from './twoMembers';
import { awaitsAcceptance } from './acceptance';
import type { PostalEntryState } from './postalPapers';

interface Setup {
  electionId: ElectionId;
  title: string;
  /** The voters' language, unless their roll entry names theirs. */
  language: Language;
  /** The zone every time is shown to voters and observers in. */
  timeZone: string;
  /** The committee's own words in the voters' mail, once set. */
  wording?: MailWording;
  /** Days after the publication in which the election may be challenged. */
  challengeDays: number;
  /** The objections recorded after the publication, in order, with their decisions. */
  objections?: Objection[];
  /** Days the voters' personal data is kept after the challenge period (domain/retention.ts). */
  retentionDays: number;
  /** Once the personal data is deleted: when, and the SHA-256 of the roll's keyed hashes kept beside the log in its place. */
  personalDataDeleted?: { at: string; rollHashes: string };
  /** The ballot papers, in the order voters see them: one, `main`, for an election defined with one ballot. */
  contests: Contest[];
  voterCount: number;
  /** Registered voters per voter group, once any voter has a group. */
  voterGroups?: Record<string, number>;
  /** Registered voters per contest open to some groups only, once there is one (every voter may vote in the others). */
  eligible?: Record<string, number>;
  /** The voters marked as having voted by post, once there are any. */
  postal?: PostalVotes;
  observers: string[];
  /** CloudTrail ids of the breaches recorded while locked: any at all marks the election compromised. */
  breaches: string[];
  /** When voters who have not voted are mailed again, in order: inside the window, set with it. */
  reminders: string[];
  /** Set while the voters' credentials wait for voting to open (CredentialMail `at-start`). */
  credentialsHeld?: true;
  /** When the held credentials go out, when the committee set a time before the opening (set with the window). */
  credentialsAt?: string;
  /** When the credentials held until voting opened went out. */
  credentialsReleasedAt?: string;
  /** The reminder rounds (indexes into `reminders`) already queued: only ever while open. */
  remindersQueued: number[];
  /** The roll as it was locked, shown to observers; absent before the lock, and in elections locked before it was recorded. */
  lockedRoll?: RollFingerprint;
  /** Where the workflow stopped and why, until it is retried or moves the election on. */
  workflowFailure?: WorkflowFailure;
  /** How often the committee retried the workflow. */
  workflowRetries?: number;
  /** A sealed election's box: its trustees, key ceremony, key and opening. Absent: plaintext ballots. */
  sealed?: SealedBoxSetup;
  /** The committee's members and their roles, which every person's command is checked against; absent in an election created without them, which checks no role. */
  committee?: Member[];
  /** A lock, a start or the acceptance proposed by one committee member, until a second confirms it (domain/twoMembers.ts). */
  proposal?: Proposal;
  /** `committee`: the counted results are published only once two committee members accepted them (domain/acceptance.ts); absent: as soon as they are counted. */
  acceptance?: 'committee';
}

/** How the committee accepted the counted results: when, who confirmed (`by`) and who proposed, or that one member could alone. */
export type ResultsAcceptance = { at: string; by?: Actor } & Agreement;

/** A lifecycle step that failed for good and stopped the workflow. */
export interface WorkflowFailure {
  step: string;
  error: string;
}

/** The roll's size and the SHA-256 of its lines in the audit export (rollFingerprint): the export's roll must hash to it. */
export interface RollFingerprint {
  voters: number;
  fingerprint: string;
}

/** How many voters voted by post, and how many of those per contest (each may vote in some only). */
export interface PostalVotes {
  voters: number;
  contests: Record<string, number>;
}

/**
 * The sealed box. With several contests, each has its own box and seal, and `ballotCount` and
 * `digest` are the papers of all of them and the hash of the contests' seals: one value to mail.
 */
export interface Seal {
  ballotCount: number;
  digest: string;
  contests?: ContestSeal[];
  /** With several contests: how many voters cast online (each may cast papers in some contests only). */
  voters?: number;
}

export interface ContestSeal {
  contest: string;
  ballotCount: number;
  digest: string;
}

/** Each phase carries exactly the facts that exist in it: a closed election always has a deadline. */
export type ElectionState =
  | { phase: 'none' }
  | (Setup & { phase: 'draft' | 'locked'; window: VotingWindow })
  /** Started with a window that opens later: setup is frozen, voting opens at opensAt. */
  | (Setup & { phase: 'scheduled'; window: { opensAt: string; closesAt: string } })
  | (Setup & { phase: 'open'; window: { opensAt?: string; closesAt: string }; openedAt: string })
  | (Setup & {
      phase: 'closed';
      window: { opensAt?: string; closesAt: string };
      openedAt: string;
      closedAt: string;
      /** Present once the box is sealed; the tally follows in the same append. */
      seal?: Seal;
    })
  | (Setup & {
      phase: 'tallied';
      window: { opensAt?: string; closesAt: string };
      openedAt: string;
      closedAt: string;
      seal: Seal;
      /** Each contest's result, by contest id. */
      results: Record<string, TallyResult>;
      /** Once the committee accepted the results, on an election whose results wait for it. */
      accepted?: ResultsAcceptance;
      /** Once postal papers are entered: a short line per contest (domain/postalPapers.ts); the papers are in the events. */
      postalEntries?: PostalEntryState[];
      /** The results count the agreed postal papers. */
      postalCounted?: true;
      /** The event the results became final at, which the official record is issued as of (domain/officialRecord.ts). */
      recordHead?: number;
      /** The official record as issued as of `recordHead`, by language. */
      recordIssued?: IssuedRecord[];
    })
  | (Setup & {
      phase: 'published';
      window: { opensAt?: string; closesAt: string };
      openedAt: string;
      closedAt: string;
      seal: Seal;
      results: Record<string, TallyResult>;
      accepted?: ResultsAcceptance;
      postalEntries?: PostalEntryState[];
      postalCounted?: true;
      recordHead?: number;
      recordIssued?: IssuedRecord[];
      publishedAt: string;
    });

export type Phase = ElectionState['phase'];
export type ExistingElection = Exclude<ElectionState, { phase: 'none' }>;

export const initialState: ElectionState = { phase: 'none' };

/** Phases in which the system is locked: breach alerts armed. Setup may still change until voting starts, as in the thesis. */
export const LOCKED_PHASES: ReadonlySet<Phase> = new Set(['locked', 'scheduled', 'open', 'closed', 'tallied']);

/** Phases in which a credential can still be used, and so re-issued: until voting closes. */
export const CREDENTIAL_PHASES: ReadonlySet<Phase> = new Set(['draft', 'locked', 'scheduled', 'open']);

/** Phases in which the lifecycle workflow has work left to do. */
export const UNDER_WAY_PHASES: ReadonlySet<Phase> = new Set(['scheduled', 'open', 'closed', 'tallied']);

export class ImpossibleTransition extends Error {
  constructor(phase: Phase, eventType: string) {
    super(`${eventType} cannot follow phase ${phase}`);
  }
}

/**
 * An event as decided, or as recorded with who asked for it (`by`), which the state keeps of the
 * acceptance, and its number (`seq`), which the state keeps of the event the results became final at.
 */
type EvolvedEvent = ElectionEvent & { by?: Actor; seq?: number };

/** Applies one recorded fact. Throws on a transition `decide` could never have produced. */
export function evolve(state: ElectionState, event: EvolvedEvent): ElectionState {
  const next = evolveFacts(state, event);
  // The workflow got past where it had stopped (a restarted local stack resumes it): nothing is stuck any more.
  return MOVES_THE_WORKFLOW_ON.has(event.type) && next.phase !== 'none' ? withoutFailure(next) : next;
}

/** The events a running workflow appends as it gets on. */
const MOVES_THE_WORKFLOW_ON: ReadonlySet<ElectionEvent['type']> = new Set(['VotingOpened', 'VotingClosed', 'ResultsTallied', 'ResultsPublished']);

function withoutFailure<S extends ExistingElection>({ workflowFailure: _, ...state }: S): S {
  return state as S;
}

/** The roster after a member was recorded or removed. */
function evolveRoster(roster: readonly Member[], event: Extract<ElectionEvent, { type: 'MemberRecorded' | 'MemberRemoved' }>): Member[] {
  if (event.type === 'MemberRemoved') return roster.filter((m) => m.id !== event.data.id);
  const { member } = event.data;
  return roster.some((m) => m.id === member.id) ? roster.map((m) => (m.id === member.id ? member : m)) : [...roster, member];
}

/** The action a proposal waited for happened: nothing waits any more. */
function withoutProposal<S extends ExistingElection>({ proposal: _, ...state }: S): S {
  return state as S;
}

/** The phase in which each action is proposed. */
const PROPOSED_IN: { readonly [action in ProposedAction]: Phase } = { Lock: 'draft', Start: 'locked', Accept: 'tallied' };

function evolveFacts(state: ElectionState, event: EvolvedEvent): ElectionState {
  const impossible = () => new ImpossibleTransition(state.phase, event.type);
  if (event.type === 'ElectionCreated') {
    if (state.phase !== 'none') throw impossible();
    const { electionId, title } = event.data;
    // An election defined with one ballot, as every election was before contests: its one contest is `main`.
    const contests = 'ballot' in event.data ? [{ id: MAIN_CONTEST, title, ballot: event.data.ballot }] : event.data.contests;
    const sealed = event.data.box === 'sealed' ? { sealed: { trustees: event.data.trustees, ceremony: newCeremony() } } : {};
    const { committee, language = DEFAULT_LANGUAGE, timeZone = DEFAULT_TIME_ZONE, challengeDays = DEFAULT_CHALLENGE_DAYS, retentionDays = DEFAULT_RETENTION_DAYS, acceptance } = event.data;
    return {
      phase: 'draft',
      electionId,
      title,
      language,
      timeZone,
      challengeDays,
      retentionDays,
      contests: contests.map((c) => ({ ...c, candidates: [] })),
      voterCount: 0,
      observers: [],
      breaches: [],
      reminders: [],
      remindersQueued: [],
      window: {},
      ...sealed,
      ...(committee && { committee }),
      ...(event.data.credentialMail === 'at-start' && { credentialsHeld: true as const }),
      ...(acceptance === 'committee' && { acceptance }),
    };
  }
  if (state.phase === 'none') throw impossible();
  switch (event.type) {
    case 'CandidatesAdded': {
      if (state.phase !== 'draft' && state.phase !== 'locked') throw impossible();
      const id = event.data.contest ?? (state.contests.length === 1 ? state.contests[0]!.id : undefined);
      if (!state.contests.some((c) => c.id === id)) throw impossible();
      return { ...state, contests: state.contests.map((c) => (c.id === id ? { ...c, candidates: [...c.candidates, ...event.data.candidates] } : c)) };
    }
    case 'VotersRegistered': {
      if (state.phase !== 'draft' && state.phase !== 'locked') throw impossible();
      const { count, groups, contests } = event.data;
      return {
        ...state,
        voterCount: state.voterCount + count,
        ...(groups && { voterGroups: addCounts(state.voterGroups ?? {}, groups) }),
        ...(contests && { eligible: addCounts(state.eligible ?? {}, contests) }),
      };
    }
    case 'PostalVotesRecorded': {
      if (state.phase !== 'draft' && state.phase !== 'locked') throw impossible();
      const postal = state.postal ?? { voters: 0, contests: {} };
      return { ...state, postal: { voters: postal.voters + event.data.voters, contests: addCounts(postal.contests, event.data.contests) } };
    }
    case 'VotingWindowSet': {
      if (state.phase !== 'draft' && state.phase !== 'locked') throw impossible();
      const { reminders = [], credentialsAt, ...window } = event.data;
      const { credentialsAt: _, ...setUp } = state;
      return { ...setUp, window, reminders, ...(credentialsAt !== undefined && { credentialsAt }) };
    }
    case 'ObjectionRecorded': {
      if (state.phase !== 'published') throw impossible();
      const { id, late } = event.data;
      return { ...state, objections: [...(state.objections ?? []), { id, late }] };
    }
    case 'PersonalDataDeleted':
      if (state.phase !== 'published' || state.personalDataDeleted) throw impossible();
      // The observers' addresses go with the voters': nothing is mailed to anyone any more.
      return { ...state, observers: [], personalDataDeleted: event.data };
    case 'ObjectionDecided': {
      if (state.phase !== 'published') throw impossible();
      const { id, outcome } = event.data;
      return { ...state, objections: (state.objections ?? []).map((o) => (o.id === id ? { ...o, outcome } : o)) };
    }
    case 'MailWordingSet':
      if (state.phase !== 'draft') throw impossible();
      return { ...state, wording: event.data };
    case 'ObserversSet':
      if (state.phase !== 'draft' && state.phase !== 'locked') throw impossible();
      // Replayed from an export, an event of the count carries no addresses: nobody outside is mailed.
      return { ...state, observers: event.addresses ?? (Array.isArray(event.data.observers) ? event.data.observers : []) };
    case 'ElectionLocked':
      if (state.phase !== 'draft') throw impossible();
      return { ...withoutProposal(state), phase: 'locked', ...(event.data.roll && { lockedRoll: event.data.roll }) };
    case 'VotingScheduled':
      if (state.phase !== 'locked') throw impossible();
      return { ...withoutProposal(state), phase: 'scheduled', window: { opensAt: event.data.opensAt, closesAt: event.data.closesAt } };
    case 'VotingOpened': {
      if (state.phase !== 'locked' && state.phase !== 'scheduled') throw impossible();
      const { closesAt, opensAt } = state.window;
      if (closesAt === undefined) throw impossible();
      return { ...withoutProposal(state), phase: 'open', window: { opensAt, closesAt }, openedAt: event.data.at };
    }
    case 'ActionProposed':
      if (state.phase !== PROPOSED_IN[event.data.action]) throw impossible();
      return { ...state, proposal: event.data };
    case 'MemberRecorded':
    case 'MemberRemoved': {
      if (state.phase === 'published' || !state.committee) throw impossible();
      if (event.type === 'MemberRemoved' && !state.committee.some((m) => m.id === event.data.id)) throw impossible();
      const proposal = proposalAfterRosterChange(state.proposal, event);
      return { ...state, committee: evolveRoster(state.committee, event), ...(proposal && { proposal }) };
    }
    case 'VotingClosed':
      if (state.phase !== 'open') throw impossible();
      return { ...state, phase: 'closed', closedAt: event.data.at };
    case 'BallotBoxSealed':
      if (state.phase !== 'closed' || state.seal) throw impossible();
      return {
        ...state,
        seal: event.data,
        ...(state.sealed && { sealed: { ...state.sealed, opening: openingsAtSeal(event.data.contests ?? [{ contest: state.contests[0]!.id, ballotCount: event.data.ballotCount }]) } }),
      };
    case 'CountSheetRecorded':
      // At the seal, or when the postal papers are counted in.
      if (!((state.phase === 'closed' && state.seal) || (state.phase === 'tallied' && awaitsAcceptance(state) && !state.postalCounted)) || !state.contests.some((c) => c.id === event.data.contest)) {
        throw impossible();
      }
      return state;
    case 'ResultsTallied':
      if (state.phase !== 'closed' || !state.seal) throw impossible();
      return {
        ...state,
        phase: 'tallied',
        seal: state.seal,
        results: 'result' in event.data ? recordOf([[state.contests[0]!.id, event.data.result]]) : event.data.results,
        // Without the committee's acceptance, the count is final as it stands.
        ...(state.acceptance !== 'committee' && event.seq !== undefined && { recordHead: event.seq }),
      };
    case 'ResultsAccepted': {
      if (state.phase !== 'tallied' || state.acceptance !== 'committee' || state.accepted) throw impossible();
      const { by } = event;
      return { ...withoutProposal(state), accepted: { ...event.data, ...(by && { by: actorOf(by) }) }, ...(event.seq !== undefined && { recordHead: event.seq }) };
    }
    case 'PostalPapersEntered': {
      if (state.phase !== 'tallied' || !awaitsAcceptance(state) || state.postalCounted) throw impossible();
      const { contest, entry, part = 0 } = event.data;
      const entries = state.postalEntries ?? [];
      const standing = entries.find((e) => e.contest === contest);
      if (standing?.agreed || (entry === 2 && !standing?.first)) throw impossible();
      if (!event.by) throw impossible();
      // Each part names the digest of the whole entry, which decide computed of all its parts.
      if (entry === 2 || part > 0) return state;
      const first = { by: event.by.id, digest: event.data.digest };
      return { ...state, postalEntries: [...entries.filter((e) => e.contest !== contest), { contest, first }] };
    }
    case 'PostalPapersAgreed': {
      if (state.phase !== 'tallied' || !awaitsAcceptance(state) || state.postalCounted) throw impossible();
      const { contest, digest, figures } = event.data;
      const agreed = { contest, agreed: digest, papers: figures.papers, invalid: figures.invalid };
      return { ...state, postalEntries: [...(state.postalEntries ?? []).filter((e) => e.contest !== contest), agreed] };
    }
    case 'PostalCounted':
      if (state.phase !== 'tallied' || !awaitsAcceptance(state) || state.postalCounted) throw impossible();
      return { ...state, results: recordOf([...Object.entries(state.results), ...Object.entries(event.data.results)]), postalCounted: true };
    case 'ResultsPublished':
      if (state.phase !== 'tallied' || awaitsAcceptance(state)) throw impossible();
      return { ...state, phase: 'published', publishedAt: event.data.at };
    case 'OfficialRecordIssued':
      if (state.phase !== 'tallied' || awaitsAcceptance(state) || state.recordIssued || event.data.head !== state.recordHead) throw impossible();
      return { ...state, recordIssued: event.data.records };
    case 'CredentialReissued':
      if (!CREDENTIAL_PHASES.has(state.phase)) throw impossible();
      return state;
    case 'LinkRequestsCounted':
      if (state.phase === 'published') throw impossible();
      return state;
    case 'VoterAddressCorrected':
      if (!CREDENTIAL_PHASES.has(state.phase)) throw impossible();
      return state;
    case 'RemindersQueued':
      if (state.phase !== 'open' || state.remindersQueued.includes(event.data.round)) throw impossible();
      return { ...state, remindersQueued: [...state.remindersQueued, event.data.round] };
    case 'CredentialsReleased': {
      if ((state.phase !== 'scheduled' && state.phase !== 'open') || !state.credentialsHeld) throw impossible();
      const { credentialsHeld: _, ...released } = state;
      return { ...released, credentialsReleasedAt: event.data.at };
    }
    case 'LifecycleFailed':
      return event.data.continues ? state : { ...state, workflowFailure: { step: event.data.step, error: event.data.error } };
    case 'LifecycleRetried':
      if (!UNDER_WAY_PHASES.has(state.phase) || !state.workflowFailure) throw impossible();
      return { ...withoutFailure(state), workflowRetries: event.data.attempt };
    case 'BreachDetected':
      if (!LOCKED_PHASES.has(state.phase)) throw impossible();
      return { ...state, breaches: [...state.breaches, event.data.cloudTrailEventId] };
    case 'TrusteeCertificateGiven':
    case 'TrusteeDealingGiven':
    case 'TrusteeReviewGiven':
    case 'KeyCeremonyFailed':
    case 'ElectionKeyPublished':
      if (state.phase !== 'draft' || !state.sealed || state.sealed.key) throw impossible();
      return { ...state, sealed: evolveCeremony(state.sealed, event) };
    case 'MixAccepted':
    case 'DecryptionAccepted':
      if (state.phase !== 'closed' || !state.seal || !state.sealed) throw impossible();
      return { ...state, sealed: evolveOpening(state.sealed, event) };
  }
}

/**
 * A state as stored in the projection. One written before contests existed holds `ballot`,
 * `candidates` and `result` where a state now holds contests and results; it reads as the one
 * contest `main`, exactly as replaying its events gives.
 */
export function fromStoredState(stored: ElectionState | LegacyState): ElectionState {
  if (stored.phase === 'none' || !('ballot' in stored)) return stored as ElectionState;
  const { ballot, candidates, result, ...rest } = stored;
  return {
    ...rest,
    contests: [{ id: MAIN_CONTEST, title: rest.title, ballot, candidates }],
    ...(result && { results: recordOf([[MAIN_CONTEST, result]]) }),
  } as ElectionState;
}

/** The shape of a state stored before contests existed. */
export type LegacyState = Omit<ExistingElection, 'contests'> & { ballot: BallotDefinition; candidates: Candidate[]; result?: TallyResult };

export function replay(events: Iterable<ElectionEvent>): ElectionState {
  let state = initialState;
  for (const event of events) state = evolve(state, event);
  return state;
}
