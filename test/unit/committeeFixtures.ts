/**
 * An election committee for the domain unit tests: members with each role, and elections whose
 * log keeps them as its roster.
 */
import {
  decide,
  EMPTY_HEAD,
  evolve,
  extendChain,
  initialState,
  replay,
  type Actor,
  type ElectionCommand,
  type ElectionEvent,
  type ElectionState,
  type Member,
  type Phase,
  type RecordedEvent,
} from '../../domain';
import { accepted, ELECTION_ID, eventsUpTo, type Setup } from './fixtures';

export const ADA: Member = { id: 'u-ada', name: 'Ada Lovelace', role: 'committee' };
export const KATHERINE: Member = { id: 'u-katherine', name: 'Katherine Johnson', role: 'committee' };
export const MARGARET: Member = { id: 'u-margaret', name: 'Margaret Hamilton', role: 'committee' };
export const GRACE: Member = { id: 'u-grace', name: 'Grace Hopper', role: 'helpdesk' };
export const ALAN: Member = { id: 'u-alan', name: 'Alan Turing', role: 'observer' };
/** Signed in at the identity provider, but on no roster here. */
export const STRANGER: Actor = { id: 'x1', name: 'Eve Stranger' };

/** Two committee members, the help desk and an observer. */
export const COMMITTEE: Member[] = [ADA, KATHERINE, GRACE, ALAN];

/** The actor as a request names them: the member without the role, which the roster holds. */
export const actor = ({ id, name }: Actor): Actor => ({ id, name });

/** The events that bring an election created with `committee` as its roster into `phase`. */
export function rosterEventsUpTo(phase: Exclude<Phase, 'none'>, committee: Member[] = COMMITTEE, setup: Setup = {}): ElectionEvent[] {
  const [created, ...rest] = eventsUpTo(phase, setup);
  if (created?.type !== 'ElectionCreated') throw new Error('the fixture does not start with ElectionCreated');
  return [{ ...created, data: { ...created.data, committee } }, ...rest];
}

export const rosterStateIn = (phase: Exclude<Phase, 'none'>, committee: Member[] = COMMITTEE, setup: Setup = {}): ElectionState => replay(rosterEventsUpTo(phase, committee, setup));

/** Runs `decide` for `by` and applies what it recorded, with who asked, as the log records it; fails the test if the command was refused. */
export function runAs(by: Actor | undefined, state: ElectionState, command: ElectionCommand): ElectionState {
  const decision = decide(command, state, by);
  if (!decision.ok) throw new Error(`${command.type} refused: ${decision.error.code} ${decision.error.message}`);
  return decision.value.map((event) => ({ ...event, ...(by && { by }) })).reduce(evolve, state);
}

/**
 * A log written as runCommand writes it: `apply` decides each command against the log so far, by
 * the member who asked (or the system), and records it at the command's time; `events` is the log.
 */
export function logWriter(): { apply(command: ElectionCommand, at: Date, by?: Member): void; events: RecordedEvent[] } {
  let state: ElectionState = initialState;
  const events: RecordedEvent[] = [];
  const apply = (command: ElectionCommand, at: Date, by?: Member) => {
    const decided = accepted(decide(command, state, by && actor(by)));
    const last = events.at(-1);
    const recorded = extendChain(ELECTION_ID, last ? { seq: last.seq, hash: last.hash } : EMPTY_HEAD, decided, at.toISOString(), by && actor(by));
    events.push(...recorded);
    state = recorded.reduce(evolve, state);
  };
  return { apply, events };
}
