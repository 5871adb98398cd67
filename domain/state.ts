import type { BallotDefinition, Candidate, ElectionId, VotingWindow } from './election';
import type { ElectionEvent } from './events';
import type { TallyResult } from './tally';
import { addGroupCounts } from './voterGroups';

interface Setup {
  electionId: ElectionId;
  title: string;
  ballot: BallotDefinition;
  candidates: Candidate[];
  voterCount: number;
  /** Registered voters per voter group, once any voter has a group. */
  voterGroups?: Record<string, number>;
  observers: string[];
  /** CloudTrail ids of the breaches recorded while locked: any at all marks the election compromised. */
  breaches: string[];
  /** When voters who have not voted are mailed again, in order: inside the window, set with it. */
  reminders: string[];
  /** The reminder rounds (indexes into `reminders`) already queued: only ever while open. */
  remindersQueued: number[];
}

export interface Seal {
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
      result: TallyResult;
    })
  | (Setup & {
      phase: 'published';
      window: { opensAt?: string; closesAt: string };
      openedAt: string;
      closedAt: string;
      seal: Seal;
      result: TallyResult;
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

/** Applies one recorded fact. Throws on a transition `decide` could never have produced. */
export function evolve(state: ElectionState, event: ElectionEvent): ElectionState {
  const impossible = () => new ImpossibleTransition(state.phase, event.type);
  if (event.type === 'ElectionCreated') {
    if (state.phase !== 'none') throw impossible();
    return { phase: 'draft', ...event.data, candidates: [], voterCount: 0, observers: [], breaches: [], reminders: [], remindersQueued: [], window: {} };
  }
  if (state.phase === 'none') throw impossible();
  switch (event.type) {
    case 'CandidatesAdded':
      if (state.phase !== 'draft' && state.phase !== 'locked') throw impossible();
      return { ...state, candidates: [...state.candidates, ...event.data.candidates] };
    case 'VotersRegistered':
      if (state.phase !== 'draft' && state.phase !== 'locked') throw impossible();
      return { ...state, voterCount: state.voterCount + event.data.count, ...(event.data.groups && { voterGroups: addGroupCounts(state.voterGroups ?? {}, event.data.groups) }) };
    case 'VotingWindowSet': {
      if (state.phase !== 'draft' && state.phase !== 'locked') throw impossible();
      const { reminders = [], ...window } = event.data;
      return { ...state, window, reminders };
    }
    case 'ObserversSet':
      if (state.phase !== 'draft' && state.phase !== 'locked') throw impossible();
      return { ...state, observers: event.data.observers };
    case 'ElectionLocked':
      if (state.phase !== 'draft') throw impossible();
      return { ...state, phase: 'locked' };
    case 'VotingScheduled':
      if (state.phase !== 'locked') throw impossible();
      return { ...state, phase: 'scheduled', window: { ...event.data } };
    case 'VotingOpened': {
      if (state.phase !== 'locked' && state.phase !== 'scheduled') throw impossible();
      const { closesAt, opensAt } = state.window;
      if (closesAt === undefined) throw impossible();
      return { ...state, phase: 'open', window: { opensAt, closesAt }, openedAt: event.data.at };
    }
    case 'VotingClosed':
      if (state.phase !== 'open') throw impossible();
      return { ...state, phase: 'closed', closedAt: event.data.at };
    case 'BallotBoxSealed':
      if (state.phase !== 'closed' || state.seal) throw impossible();
      return { ...state, seal: event.data };
    case 'ResultsTallied':
      if (state.phase !== 'closed' || !state.seal) throw impossible();
      return { ...state, phase: 'tallied', seal: state.seal, result: event.data.result };
    case 'ResultsPublished':
      if (state.phase !== 'tallied') throw impossible();
      return { ...state, phase: 'published', publishedAt: event.data.at };
    case 'CredentialReissued':
      if (!CREDENTIAL_PHASES.has(state.phase)) throw impossible();
      return state;
    case 'VoterAddressCorrected':
      if (state.phase !== 'draft') throw impossible();
      return state;
    case 'RemindersQueued':
      if (state.phase !== 'open' || state.remindersQueued.includes(event.data.round)) throw impossible();
      return { ...state, remindersQueued: [...state.remindersQueued, event.data.round] };
    case 'LifecycleFailed':
      return state;
    case 'BreachDetected':
      if (!LOCKED_PHASES.has(state.phase)) throw impossible();
      return { ...state, breaches: [...state.breaches, event.data.cloudTrailEventId] };
  }
}

export function replay(events: Iterable<ElectionEvent>): ElectionState {
  let state = initialState;
  for (const event of events) state = evolve(state, event);
  return state;
}
