import { AUDIT_FORMAT, AUDIT_VERSION, headAtSealing, type AuditLine } from './auditLog';
import { ballotProblem } from './ballot';
import type { ElectionCommand } from './commands';
import { decide } from './decide';
import type { SealedBallot } from './election';
import type { ElectionEvent, RecordedEvent } from './events';
import { canonicalJson, eventHash, GENESIS_HASH, type ChainHead } from './hashChain';
import { evolve, initialState, type ElectionState, type ExistingElection } from './state';

/** Values from outside the export, which whoever rewrites it cannot change: the e-mails sent at sealing and with the results. */
export interface VerifyOptions {
  /** The head at sealing (the ResultsTallied event's hash), as e-mailed. */
  expectHead?: string;
  /** The ballot box digest, as e-mailed. */
  expectDigest?: string;
}

type Header = Extract<AuditLine, { kind: 'header' }>;

/** Past this many of one kind of finding, the rest are counted in one line. */
const LISTED = 10;

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
  /** The ResultsTallied event: its hash is what the observers and the voters were e-mailed. */
  headAtSealing?: ChainHead;
  /** The seal's digest, also e-mailed. */
  digest?: string;
}

/**
 * Replays an exported log with the same pure code that wrote it: the hash chain, the order and
 * validity of every event by `decide`, every ballot against the ballot definition, the ballots
 * against the participation count, the roll and the seal, the tally recomputed from the ballots
 * against the published result, and the header against the events and the lines that follow.
 * A log rewritten and re-hashed from the start passes all of that; only the values e-mailed at
 * sealing, given as options, catch it.
 */
export function verifyAuditLog(lines: readonly AuditLine[], options: VerifyOptions = {}): VerificationReport {
  const findings: string[] = [];
  const header = lines[0]?.kind === 'header' ? lines[0] : undefined;
  if (!header) findings.push('the first line is not the header');
  else if (header.format !== AUDIT_FORMAT || header.version !== AUDIT_VERSION) findings.push(`unknown format ${header.format} v${header.version}`);
  const events = lines.flatMap((l) => (l.kind === 'event' ? [l.event] : []));
  const ballots = lines.flatMap((l) => (l.kind === 'ballot' ? [{ ballotId: l.ballotId, choices: l.choices }] : []));
  const participation = lines.find((l) => l.kind === 'participation')?.count;
  const voterHashes = lines.flatMap((l) => (l.kind === 'voter' ? [l.hash] : []));
  const breaches = events.filter((e) => e.type === 'BreachDetected').length;

  checkChain(events, findings);
  checkIdentity(header, events, findings);
  const state = replayWithDecide(events, ballots, findings);
  checkBallots(ballots, participation, findings);
  if (state.phase !== 'none') {
    checkBallotValidity(state, ballots, findings);
    checkRoll(state.voterCount, ballots.length, participation, voterHashes, findings);
  }
  if (header) {
    const counted = { events: events.length, ballots: ballots.length, participation: participation ?? -1, voters: voterHashes.length, breaches };
    for (const [what, actual] of Object.entries(counted)) {
      const said = header[what as keyof typeof counted];
      if (said !== actual) findings.push(`the header says ${said} ${what}, the file has ${actual}`);
    }
  }
  if (state.phase !== 'published') findings.push(`the log ends with the election ${state.phase}, not published`);
  const sealed = headAtSealing(events);
  const digest = events.find((e) => e.type === 'BallotBoxSealed')?.data.digest;
  checkAnchors(events, sealed, digest, options, findings);
  return {
    ok: findings.length === 0,
    findings,
    electionId: header?.electionId,
    events: events.length,
    ballots: ballots.length,
    participation,
    breaches,
    finalPhase: state.phase,
    headAtSealing: sealed,
    digest,
  };
}

/** The header names the election the events create, and every event belongs to it. */
function checkIdentity(header: Header | undefined, events: readonly RecordedEvent[], findings: string[]): void {
  const created = events.find((e): e is Extract<RecordedEvent, { type: 'ElectionCreated' }> => e.type === 'ElectionCreated');
  if (!created) {
    findings.push('no ElectionCreated event: the log does not say which election it is');
    return;
  }
  const { electionId, title } = created.data;
  if (header && header.electionId !== electionId) findings.push(`the header names election "${header.electionId}", the events create "${electionId}"`);
  if (header && header.title !== title) findings.push(`the header's title "${header.title}" is not the election's title "${title}"`);
  const strangers = events.filter((e) => e.electionId !== electionId);
  listed(strangers.map((e) => `event ${e.seq} (${e.type}) belongs to election "${e.electionId}", not "${electionId}"`), 'events of another election', findings);
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
  let decision;
  try {
    decision = decide(commandBehind(event, state, ballots), state);
  } catch (error) {
    // Only a hand-made event whose data has the wrong shape gets here.
    findings.push(`${where} is malformed: ${(error as Error).message}`);
    return undefined;
  }
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
      return { type: 'RegisterVoters', ...event.data };
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
    case 'VoterAddressCorrected':
      return { type: 'CorrectVoterAddress', voter: event.data.voter };
    case 'RemindersQueued':
      return { type: 'RecordReminders', round: event.data.round, voters: event.data.voters };
    case 'CredentialReissued':
      return { type: 'ReissueCredential', ...event.data };
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

/** Every ballot is one the ballot in force allowed: setup is frozen once voting starts, so the final state's ballot and candidates are the ones voters saw. */
function checkBallotValidity(state: ExistingElection, ballots: readonly SealedBallot[], findings: string[]): void {
  const invalid = ballots.flatMap((ballot) => {
    const problem = ballotProblem(state.ballot, state.candidates, ballot);
    return problem === undefined ? [] : [`ballot ${ballot.ballotId} is not a valid ballot: ${problem}`];
  });
  listed(invalid, 'invalid ballots', findings);
}

/** No more ballots or participants than registered voters, and the roll's lines are the registered voters, each once. */
function checkRoll(registered: number, ballots: number, participation: number | undefined, voterHashes: readonly string[], findings: string[]): void {
  if (ballots > registered) findings.push(`${ballots} ballots but only ${registered} voters registered: ballots were added`);
  if (participation !== undefined && participation > registered) findings.push(`${participation} voters took part but only ${registered} are registered`);
  if (voterHashes.length !== registered) {
    findings.push(`the roll has ${voterHashes.length} voter lines but the events register ${registered} voters: voters were added to or removed from the roll`);
  }
  const seen = new Set<string>();
  const wrong: string[] = [];
  for (const hash of voterHashes) {
    if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) wrong.push(`voter line "${String(hash).slice(0, 80)}" is not a 64-hex hash`);
    else if (seen.has(hash)) wrong.push(`voter ${hash} is on the roll twice`);
    seen.add(hash);
  }
  listed(wrong, 'bad voter lines', findings);
}

/** The export against what was e-mailed when the box was sealed: the only check a log re-hashed from the start cannot pass. */
function checkAnchors(events: readonly RecordedEvent[], sealed: ChainHead | undefined, digest: string | undefined, { expectHead, expectDigest }: VerifyOptions, findings: string[]): void {
  if (expectHead !== undefined) {
    const expected = expectHead.trim().toLowerCase();
    if (!sealed) findings.push(`the log has no ResultsTallied event to hold the e-mailed head ${expected} against`);
    else if (sealed.hash !== expected) {
      const holder = events.find((e) => e.hash === expected);
      findings.push(
        holder
          ? `the e-mailed head ${expected} is event ${holder.seq} (${holder.type}), not the head at sealing (event ${sealed.seq}, ResultsTallied)`
          : `the head at sealing is ${sealed.hash}, not the e-mailed ${expected}, which no event in this log has: the log was rewritten`,
      );
    }
  }
  if (expectDigest !== undefined) {
    const expected = expectDigest.trim().toLowerCase();
    if (digest === undefined) findings.push(`the log has no seal to hold the e-mailed digest ${expected} against`);
    else if (digest !== expected) findings.push(`the seal's digest is ${digest}, not the e-mailed ${expected}: the ballot box was rewritten`);
  }
}

/** Adds the first findings of one kind and counts the rest, so a box of forged ballots stays readable. */
function listed(items: readonly string[], kind: string, findings: string[]): void {
  findings.push(...items.slice(0, LISTED));
  if (items.length > LISTED) findings.push(`… and ${items.length - LISTED} more ${kind}`);
}
