/**
 * Shared builders for the domain unit tests. The domain has no clock, so every time here is fixed.
 */
import {
  auditLines,
  decide,
  evolve,
  fillPapers,
  MAIN_CONTEST,
  replay,
  type AuditBallot,
  type AuditLine,
  type BallotChoice,
  type BallotContent,
  type BallotDefinition,
  type Contest,
  type SealedBallot,
  type Breach,
  type Candidate,
  type DomainError,
  type ElectionCommand,
  type ElectionEvent,
  type ElectionState,
  type Phase,
  type RecordedEvent,
  type Result,
  type TallyResult,
} from '../../domain';

export const ELECTION_ID = 'student-council-2025';

/** "Now" while the admin sets the election up. */
export const SETUP_TIME = new Date('2025-03-01T09:00:00.000Z');
export const OPENS_AT = '2025-03-10T08:00:00.000Z';
export const CLOSES_AT = '2025-03-12T18:00:00.000Z';
/** A moment inside the voting window. */
export const DURING_VOTING = new Date('2025-03-11T12:00:00.000Z');
/** A moment after the voting window. */
export const AFTER_VOTING = new Date('2025-03-13T10:00:00.000Z');

export function candidate(name: string): Candidate {
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '.');
  return { name, email: `${slug}@students.example.edu`, pageLink: `https://students.example.edu/${slug}` };
}

export const candidates = (...names: string[]): Candidate[] => names.map(candidate);

const EMPTY_RESULT: TallyResult = { ballots: 0, abstentions: 0, seats: 1, counts: [], elected: [], tied: [] };

export interface Setup {
  ballot?: BallotDefinition;
  candidates?: string[];
  voters?: number;
  window?: { opensAt?: string; closesAt: string };
}

/** The events that bring an election into `phase`, built from the plain setup below. */
export function eventsUpTo(phase: Exclude<Phase, 'none'>, setup: Setup = {}): ElectionEvent[] {
  const ballot = setup.ballot ?? { kind: 'single' };
  const names = setup.candidates ?? ['Alice Adams', 'Bob Brown', 'Chen Wei'];
  const voters = setup.voters ?? 100;
  const window = setup.window ?? { opensAt: OPENS_AT, closesAt: CLOSES_AT };
  const draft: ElectionEvent[] = [{ type: 'ElectionCreated', data: { electionId: ELECTION_ID, title: 'Student council', ballot } }];
  if (names.length > 0) draft.push({ type: 'CandidatesAdded', data: { candidates: candidates(...names) } });
  if (voters > 0) draft.push({ type: 'VotersRegistered', data: { count: voters } });
  draft.push({ type: 'VotingWindowSet', data: window });
  const steps: [Exclude<Phase, 'none'>, ElectionEvent[]][] = [
    ['draft', draft],
    ['locked', [{ type: 'ElectionLocked', data: {} }]],
    ['open', [{ type: 'VotingOpened', data: { at: DURING_VOTING.toISOString() } }]],
    ['closed', [{ type: 'VotingClosed', data: { at: AFTER_VOTING.toISOString() } }]],
    [
      'tallied',
      [
        { type: 'BallotBoxSealed', data: { ballotCount: 0, digest: 'd'.repeat(64) } },
        { type: 'ResultsTallied', data: { result: EMPTY_RESULT } },
      ],
    ],
    ['published', [{ type: 'ResultsPublished', data: { at: AFTER_VOTING.toISOString() } }]],
  ];
  const events: ElectionEvent[] = [];
  for (const [name, stepEvents] of steps) {
    events.push(...stepEvents);
    if (name === phase) return events;
  }
  throw new Error(`unknown phase ${phase}`);
}

/** An election replayed into `phase`. */
export function stateIn(phase: Exclude<Phase, 'none'>, setup: Setup = {}): ElectionState {
  return replay(eventsUpTo(phase, setup));
}

/** Runs `decide` and applies what it recorded; fails the test if the command was refused. */
export function run(state: ElectionState, command: ElectionCommand): ElectionState {
  const decision = decide(command, state);
  if (!decision.ok) throw new Error(`${command.type} refused: ${decision.error.code} ${decision.error.message}`);
  return decision.value.reduce(evolve, state);
}

/** The error of a refused result; fails the test if it was accepted. */
export function refusal<T>(result: Result<T>): DomainError {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.error;
}

/** The value of an accepted result; fails the test if it was refused. */
export function accepted<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

export const PHASES_AFTER_START = ['open', 'closed', 'tallied', 'published'] as const;

/** The one contest of an election defined with one ballot. */
export function onlyContest(state: ElectionState): Contest {
  if (state.phase === 'none' || state.contests.length !== 1) throw new Error('expected an election of one contest');
  return state.contests[0]!;
}

/** A voter's choice in an election of one contest, as the content stored. */
export function fillOne(state: ElectionState, choice: BallotChoice): Result<BallotContent> {
  const filled = fillPapers(state, choice);
  return filled.ok ? { ok: true, value: filled.value[0]!.content } : filled;
}

/** Seals and counts the one box of an election of one contest, each ballot from its own voter. */
export const sealOne = (ballots: readonly SealedBallot[]): ElectionCommand => ({ type: 'SealAndTally', boxes: new Map([[MAIN_CONTEST, ballots]]), voters: ballots.length });

/** A console sign-in recorded while an election was locked. */
export const BREACH: Breach = {
  cloudTrailEventId: 'ct-1',
  eventName: 'ConsoleLogin',
  principal: 'arn:aws:iam::1:user/mallory',
  sourceIp: '198.51.100.7',
  eventTime: SETUP_TIME.toISOString(),
  detectedAt: SETUP_TIME.toISOString(),
};

/** The export of a published election of this file's one voter and one ballot, from its events. */
export function exportOfOneVoter(events: readonly RecordedEvent[], ballots: readonly AuditBallot[], { voter = 'a'.repeat(64), breaches = 0 } = {}): AuditLine[] {
  const header = {
    kind: 'header',
    format: 'student-election-audit',
    version: 1,
    electionId: ELECTION_ID,
    title: 'Student council',
    events: events.length,
    ballots: 1,
    participation: 1,
    voters: 1,
    breaches,
  } as const;
  return auditLines({ header, events: [...events], ballots: [...ballots], participation: 1, voters: [{ hash: voter }] });
}

/** The student council's creation: one contest, candidates by name, closing at CLOSES_AT; `more` adds or replaces fields (a committee). */
export const councilCreation = (now: Date, names: readonly string[], more: Partial<Extract<ElectionCommand, { type: 'CreateElection' }>> = {}): ElectionCommand =>
  ({
    type: 'CreateElection',
    electionId: ELECTION_ID,
    title: 'Student council',
    ballot: { kind: 'single' },
    candidates: candidates(...names),
    window: { closesAt: CLOSES_AT },
    now,
    ...more,
  }) as ElectionCommand;
