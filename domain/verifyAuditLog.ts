import { AUDIT_FORMAT, AUDIT_VERSION, type AuditLine } from './auditLog';
import type { ElectionCommand } from './commands';
import { decide } from './decide';
import type { SealedBallot } from './election';
import type { ElectionEvent, RecordedEvent } from './events';
import { canonicalJson, eventHash, GENESIS_HASH } from './hashChain';
import { evolve, initialState, type ElectionState } from './state';

export interface VerificationReport {
  ok: boolean;
  /** Every discrepancy, each in a sentence that says what is wrong and where. */
  findings: string[];
  electionId?: string;
  events: number;
  ballots: number;
  participation?: number;
  /** BreachDetected events in the log: the election was compromised while locked. */
  breaches: number;
  finalPhase: ElectionState['phase'];
}

/**
 * Replays an exported log with the same pure code that wrote it: the hash chain, the order and
 * validity of every event by `decide`, the ballots against the participation count and the seal,
 * and the tally recomputed from the ballots against the published result.
 */
export function verifyAuditLog(lines: readonly AuditLine[]): VerificationReport {
  const findings: string[] = [];
  const header = lines[0]?.kind === 'header' ? lines[0] : undefined;
  if (!header) findings.push('the first line is not the header');
  else if (header.format !== AUDIT_FORMAT || header.version !== AUDIT_VERSION) findings.push(`unknown format ${header.format} v${header.version}`);
  const events = lines.flatMap((l) => (l.kind === 'event' ? [l.event] : []));
  const ballots = lines.flatMap((l) => (l.kind === 'ballot' ? [{ ballotId: l.ballotId, choices: l.choices }] : []));
  const participation = lines.find((l) => l.kind === 'participation')?.count;
  const voters = lines.filter((l) => l.kind === 'voter').length;
  const breaches = events.filter((e) => e.type === 'BreachDetected').length;

  checkChain(events, findings);
  const state = replayWithDecide(events, ballots, findings);
  checkBallots(ballots, participation, findings);
  if (header) {
    const counted = { events: events.length, ballots: ballots.length, participation: participation ?? -1, voters, breaches };
    for (const [what, actual] of Object.entries(counted)) {
      const said = header[what as keyof typeof counted];
      if (said !== actual) findings.push(`the header says ${said} ${what}, the file has ${actual}`);
    }
  }
  if (state.phase !== 'published') findings.push(`the log ends with the election ${state.phase}, not published`);
  return {
    ok: findings.length === 0,
    findings,
    electionId: header?.electionId,
    events: events.length,
    ballots: ballots.length,
    participation,
    breaches,
    finalPhase: state.phase,
  };
}

/** Numbering, each event's own hash, and the link to the one before it. */
function checkChain(events: readonly RecordedEvent[], findings: string[]): void {
  const seen = new Set<number>();
  let previous: RecordedEvent | undefined;
  events.forEach((event, i) => {
    const expected = (previous?.seq ?? 0) + 1;
    if (seen.has(event.seq)) findings.push(`event ${event.seq} appears twice: an event was inserted`);
    else if (event.seq > expected && !events.slice(i + 1).some((e) => e.seq < event.seq)) {
      findings.push(`event${event.seq - expected > 1 ? 's' : ''} ${expected}${event.seq - expected > 1 ? `–${event.seq - 1}` : ''} missing before event ${event.seq}: removed`);
    } else if (event.seq !== expected) findings.push(`event ${event.seq} stands where event ${expected} belongs: events were reordered`);
    seen.add(event.seq);
    const { hash, ...unsigned } = event;
    if (eventHash(unsigned) !== hash) findings.push(`event ${event.seq} (${event.type}) was changed: its hash does not match its content`);
    const link = previous?.hash ?? GENESIS_HASH;
    if (event.prevHash !== link) findings.push(`event ${event.seq} (${event.type}) does not link to the event before it: the hash chain is broken`);
    previous = event;
  });
}

/** Each event must be exactly what `decide` makes of the command it records, in the state before it. */
function replayWithDecide(events: readonly RecordedEvent[], ballots: readonly SealedBallot[], findings: string[]): ElectionState {
  let state: ElectionState = initialState;
  // One command may record several events (the seal and the tally): the later ones wait here.
  let pending: ElectionEvent[] = [];
  for (const event of events) {
    const where = `event ${event.seq} (${event.type})`;
    const expected = pending.length > 0 ? pending : decideFor(event, state, ballots, findings, where);
    pending = [];
    if (expected) {
      const [first, ...rest] = expected;
      if (first && (first.type !== event.type || canonicalJson(first.data) !== canonicalJson(event.data))) {
        findings.push(mismatch(where, event, first));
      }
      pending = rest;
    }
    try {
      state = evolve(state, event);
    } catch (error) {
      findings.push(`${where} cannot follow the election's state: ${(error as Error).message}`);
    }
  }
  return state;
}

function decideFor(event: RecordedEvent, state: ElectionState, ballots: readonly SealedBallot[], findings: string[], where: string): ElectionEvent[] | undefined {
  const command = commandBehind(event, state, ballots);
  const decision = decide(command, state);
  if (!decision.ok) {
    findings.push(`${where} is not allowed there: ${decision.error.message}`);
    return undefined;
  }
  if (decision.value.length === 0) {
    findings.push(`${where} repeats something already recorded`);
    return undefined;
  }
  return decision.value;
}

function mismatch(where: string, recorded: RecordedEvent, expected: ElectionEvent): string {
  if (recorded.type === 'BallotBoxSealed') return `${where}: the seal does not match the ballots (recorded ${canonicalJson(recorded.data)}, recomputed ${canonicalJson(expected.data)})`;
  if (recorded.type === 'ResultsTallied') return `${where}: the published result does not match the ballots (recomputed ${canonicalJson(expected.data)})`;
  return `${where} differs from what its command decides: recorded ${canonicalJson(recorded.data)}, expected ${expected.type} ${canonicalJson(expected.data)}`;
}

/** The command each kind of event records; times come from the event itself. */
function commandBehind(event: RecordedEvent, state: ElectionState, ballots: readonly SealedBallot[]): ElectionCommand {
  const at = new Date(event.at);
  switch (event.type) {
    case 'ElectionCreated':
      return { type: 'CreateElection', ...event.data, now: at };
    case 'CandidatesAdded':
      return { type: 'AddCandidates', candidates: event.data.candidates };
    case 'VotersRegistered':
      return { type: 'RegisterVoters', count: event.data.count };
    case 'VotingWindowSet':
      return { type: 'SetVotingWindow', ...event.data, now: at };
    case 'ObserversSet':
      return { type: 'SetObservers', observers: event.data.observers };
    case 'ElectionLocked':
      return { type: 'Lock' };
    case 'VotingScheduled':
      return { type: 'Start', now: at };
    case 'VotingOpened':
      return state.phase === 'scheduled' ? { type: 'Open', now: new Date(event.data.at) } : { type: 'Start', now: new Date(event.data.at) };
    case 'VotingClosed':
      return { type: 'Close', now: new Date(event.data.at) };
    case 'BallotBoxSealed':
    case 'ResultsTallied':
      return { type: 'SealAndTally', ballots };
    case 'ResultsPublished':
      return { type: 'Publish', now: new Date(event.data.at) };
    case 'LifecycleFailed':
      return { type: 'RecordLifecycleFailure', ...event.data };
    case 'BreachDetected':
      return { type: 'RecordBreach', breach: event.data };
  }
}

function checkBallots(ballots: readonly SealedBallot[], participation: number | undefined, findings: string[]): void {
  const ids = new Set<string>();
  for (const { ballotId } of ballots) {
    if (ids.has(ballotId)) findings.push(`ballot ${ballotId} appears twice`);
    ids.add(ballotId);
  }
  if (participation === undefined) findings.push('the participation count is missing');
  else if (participation !== ballots.length) findings.push(`${ballots.length} ballots but ${participation} voters took part: ballots were added or removed`);
}
