import { AUDIT_FORMAT, AUDIT_VERSION, headAtSealing, type AuditBallot, type AuditLine, type AuditVoter, type OpeningFilePart } from './auditLog';
import { PAPERS_PER_CHECK, type SealedCheckVerdict } from './crypto/sealedChecks';
import { sealedCheckJobs, verdictsOf, type SealedCheckJob, type SealedVerdicts } from './sealedBox/sealedCheckJobs';
import { verifyOpenings } from './sealedBox/verifyOpening';
import { ballotProblem } from './ballot';
import type { ElectionCommand } from './commands';
import { PROPOSAL_MINUTES, type Actor } from './committee';
import { eligibilityCounts, MAIN_CONTEST } from './contest';
import { decide } from './decide';
import type { SealedBallot } from './election';
import type { DecodedPaper } from './crypto/paperEncoding';
import type { ElectionEvent, RecordedEvent } from './events';
import { canonicalJson, eventHash, GENESIS_HASH, rollFingerprint, type ChainHead } from './hashChain';
import { LIMITS } from './limits';
import { ownValue } from './records';
import { latestEntry, postalEntriesIn, type PostalCount, type PostalEntryRead } from './postalPapers';
import { onlineVoters, postalVoters } from './sealAndTally';
import { evolve, initialState, type ElectionState, type ExistingElection } from './state';
import { standingProposal } from './twoMembers';
import { groupCounts } from './voterGroups';

type Boxes = ReadonlyMap<string, readonly SealedBallot[]>;
/** A sealed election's papers as its verified opening reads them back, by contest. */
type Opened = ReadonlyMap<string, readonly DecodedPaper[]>;

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
  /**
   * How the election kept its ballots, as its ElectionCreated event says: `sealed` (with its
   * trustees), or `open`: stored as cast, not secret against whoever ran the servers.
   */
  box?: { mode: 'sealed'; trustees: number; threshold: number } | { mode: 'open' };
  /**
   * The events after the head at sealing (the publication, and any breach or failure recorded
   * after the tally): the e-mailed head cannot vouch for them, so they are shown, never hidden.
   */
  afterSealing: RecordedEvent[];
}

/**
 * Replays an exported log with the same pure code that wrote it: the hash chain, the order and
 * validity of every event by `decide`, every ballot against the ballot definition, the ballots
 * against the participation count, the roll and the seal, the tally recomputed from the ballots
 * against the published result, and the header against the events and the lines that follow.
 * A log rewritten and re-hashed from the start passes all of that; only the values e-mailed at
 * sealing, given as options, catch it. `checked`: a sealed box's verdicts found on other threads
 * (verifyAuditLogInParallel); without them every proof is checked here.
 */
export function verifyAuditLog(lines: readonly AuditLine[], options: VerifyOptions = {}, checked?: SealedVerdicts): VerificationReport {
  const findings: string[] = [];
  const header = lines[0]?.kind === 'header' ? lines[0] : undefined;
  if (!header) findings.push('the first line is not the header');
  else if (header.format !== AUDIT_FORMAT || header.version !== AUDIT_VERSION) findings.push(`unknown format ${header.format} v${header.version}`);
  checkLineOrder(lines, findings);
  const events = eventsOf(lines);
  const ballots = ballotsOf(lines);
  const openingParts = openingPartsOf(lines);
  const participation = lines.find((l) => l.kind === 'participation')?.count;
  const voters = lines.flatMap((l) => (l.kind === 'voter' ? [{ hash: l.hash, ...(l.groups && { groups: l.groups }) }] : []));
  const breaches = events.filter((e) => e.type === 'BreachDetected').length;

  checkChain(events, findings);
  checkIdentity(header, events, findings);
  const boxes = sortIntoBoxes(events, ballots, findings);
  const openedPapers = sealedBoxOpened(events, boxes, openingParts, findings, checked);
  const state = replayWithDecide(events, boxes, openedPapers, participation ?? 0, findings);
  checkBallotIds(ballots, findings);
  if (state.phase !== 'none') {
    // A sealed paper's validity is the decoded paper's: the count takes an undecodable one as invalid.
    if (!state.sealed) checkBallotValidity(state, boxes, findings);
    checkTurnout(state, boxes, participation, findings);
    checkRoll(state, voters, findings);
  }
  if (header) {
    const counted = { events: events.length, ballots: ballots.length, participation: participation ?? -1, voters: voters.length, breaches };
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
    ...(state.phase !== 'none' && { box: state.sealed ? { mode: 'sealed' as const, trustees: state.sealed.trustees.count, threshold: state.sealed.trustees.threshold } : { mode: 'open' as const } }),
    afterSealing: sealed ? events.filter((e) => e.seq > sealed.seq) : [],
  };
}

export type { SealedCheckJob, SealedCheckVerdict };

/** Checks a sealed box's proofs somewhere else, on several threads: each job's verdict in the jobs' order, undefined for one whose input could not be read. */
export type SealedCheckRunner = (jobs: readonly SealedCheckJob[]) => Promise<readonly (SealedCheckVerdict | undefined)[]>;

/**
 * verifyAuditLog, with a sealed box's proofs (nearly all of its time) checked first by `runChecks`,
 * which the caller runs on its threads: the replay then joins their verdicts in the order it
 * checks, so it names the same findings as verifyAuditLog alone.
 */
export async function verifyAuditLogInParallel(lines: readonly AuditLine[], options: VerifyOptions, runChecks: SealedCheckRunner, papersPerCheck = PAPERS_PER_CHECK): Promise<VerificationReport> {
  const events = eventsOf(lines);
  const state = stateAfter(events);
  const jobs = state === undefined || state.phase === 'none' ? [] : sealedCheckJobs(state, sortIntoBoxes(events, ballotsOf(lines), []), openingPartsOf(lines), papersPerCheck);
  const verdicts = jobs.length === 0 ? [] : await runChecks(jobs);
  return verifyAuditLog(lines, options, verdictsOf(jobs, verdicts, papersPerCheck));
}

const eventsOf = (lines: readonly AuditLine[]): RecordedEvent[] => lines.flatMap((l) => (l.kind === 'event' ? [l.event] : []));
const ballotsOf = (lines: readonly AuditLine[]): AuditBallot[] =>
  lines.flatMap((l) => (l.kind === 'ballot' ? [{ ...(l.contest !== undefined && { contest: l.contest }), ballotId: l.ballotId, choices: l.choices, ...(l.sealed && { sealed: l.sealed }) }] : []));
const openingPartsOf = (lines: readonly AuditLine[]): OpeningFilePart[] => lines.flatMap((l) => (l.kind === 'opening' ? [l] : []));

/** The state the events lead to, as evolve builds it without judging them; undefined if they cannot be applied. */
function stateAfter(events: readonly RecordedEvent[]): ElectionState | undefined {
  try {
    return events.reduce<ElectionState>(evolve, initialState);
  } catch {
    return undefined;
  }
}

/** The kinds of line in the export's order (auditLines); the header and the participation count come once each. */
const LINE_ORDER: readonly AuditLine['kind'][] = ['header', 'event', 'ballot', 'opening', 'participation', 'voter'];

/**
 * A sealed box's papers as its opening reads them back, checked from the export's files
 * (sealedBox/verifyOpening.ts) against the state the events lead to, so that the replay then
 * holds the recorded count to them. A log that cannot be replayed yields none: its findings come
 * from the replay itself.
 */
function sealedBoxOpened(events: readonly RecordedEvent[], boxes: Boxes, parts: readonly OpeningFilePart[], findings: string[], checked: SealedVerdicts | undefined): Opened {
  const state = stateAfter(events);
  return state === undefined || state.phase === 'none' ? new Map() : verifyOpenings(state, boxes, parts, findings, checked);
}

/** Every line in the export's order, after one header; nothing after the roll that the system does not write there. */
function checkLineOrder(lines: readonly AuditLine[], findings: string[]): void {
  const misplaced: string[] = [];
  const seen = new Set<AuditLine['kind']>();
  let reached = 0;
  lines.forEach((line, i) => {
    const place = LINE_ORDER.indexOf(line.kind);
    const once = line.kind === 'header' || line.kind === 'participation';
    if (once && seen.has(line.kind)) misplaced.push(`line ${i + 1} is a second ${line.kind} line: an export has one`);
    else if (place < reached) misplaced.push(`line ${i + 1} (${line.kind}) comes after the ${LINE_ORDER[reached]} lines: an export holds its lines in the order ${LINE_ORDER.join(', ')}`);
    reached = Math.max(reached, place);
    seen.add(line.kind);
  });
  listed(misplaced, 'lines out of place', findings);
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
  listed(
    strangers.map((e) => `event ${e.seq} (${e.type}) belongs to election "${e.electionId}", not "${electionId}"`),
    'events of another election',
    findings,
  );
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

/**
 * The ballots by contest id. In an election of one contest they name none; with several, each
 * names one of the election's contests (from the ElectionCreated event: the replay has not run yet).
 */
function sortIntoBoxes(events: readonly RecordedEvent[], ballots: readonly AuditBallot[], findings: string[]): Map<string, SealedBallot[]> {
  const created = events.find((e): e is Extract<RecordedEvent, { type: 'ElectionCreated' }> => e.type === 'ElectionCreated');
  const ids = !created ? [] : 'contests' in created.data ? created.data.contests.map((c) => c.id) : [MAIN_CONTEST];
  const boxes = new Map(ids.map((id): [string, SealedBallot[]] => [id, []]));
  const strays: string[] = [];
  for (const { contest, ballotId, choices, sealed } of ballots) {
    // The export names a ballot's contest only when there are several: one that names it in an election of one was changed.
    if (ids.length === 1 && contest !== undefined) {
      strays.push(`ballot ${ballotId} names contest "${contest}", but the ballots of an election of one contest name none`);
      continue;
    }
    const id = ids.length === 1 ? ids[0]! : contest;
    const box = id === undefined ? undefined : boxes.get(id);
    if (!box) strays.push(`ballot ${ballotId} is in ${contest === undefined ? 'no contest' : `contest "${contest}"`}, which is not one of the election's (${ids.join(', ')})`);
    else box.push({ ballotId, choices, ...(sealed && { sealed }) });
  }
  listed(strays, 'ballots outside the contests', findings);
  return boxes;
}

/** Each event must be exactly what `decide` makes of the command it records, in the state before it. */
function replayWithDecide(events: readonly RecordedEvent[], boxes: Boxes, opened: Opened, participation: number, findings: string[]): ElectionState {
  let state: ElectionState = initialState;
  const postal = postalEntriesIn(events);
  // One command may record several events (the seal and the tally): the later ones wait here, asked for by the same member.
  let pending: ElectionEvent[] = [];
  let askedBy: Actor | undefined;
  for (const event of events) {
    const where = `event ${event.seq} (${event.type})`;
    if (pending.length > 0 && canonicalJson(event.by) !== canonicalJson(askedBy)) {
      findings.push(`${where} names ${asker(event.by)} as the one who asked, but the command that recorded it with the event before was asked for by ${asker(askedBy)}`);
    }
    const expected = pending.length > 0 ? pending : decideFor(event, state, { boxes, opened, participation, postal, at: events.indexOf(event) }, findings, where);
    if (pending.length === 0) askedBy = event.by;
    pending = [];
    if (expected) {
      const [first, ...rest] = expected;
      if (first && (first.type !== event.type || canonicalJson(first.data) !== canonicalJson(dataAsDecidedNow(event)))) {
        findings.push(
          first.type === 'ActionProposed' && event.type !== 'ActionProposed' && state.phase !== 'none' ? withoutSecondMember(where, event, first.data, state) : mismatch(where, event, first),
        );
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

/** Who asked, as a finding names them. */
const asker = (by: Actor | undefined): string => (by ? `${by.name} ("${by.id}")` : 'nobody (the system)');

/**
 * A lock or start recorded as agreed by two committee members where its command, replayed, would
 * only have proposed it: who confirmed it, and why no proposal stood for them to confirm.
 */
function withoutSecondMember(where: string, recorded: RecordedEvent, proposed: Extract<ElectionEvent, { type: 'ActionProposed' }>['data'], state: ExistingElection): string {
  // The command's time, which the proposal it would have recorded expires from.
  const now = new Date(Date.parse(proposed.expiresAt) - PROPOSAL_MINUTES * 60_000);
  const standing = standingProposal(state, proposed.action, now);
  const why = 'none' in standing ? standing.none : `${standing.proposal.proposedBy.name}'s proposal stood`;
  return `${where} was confirmed by ${asker(recorded.by)} as the second committee member, but ${why}: ${proposed.action} would only have been proposed then`;
}

/** What decide records for this event now: in logs written before observers were counted, the event holds their addresses, which decide now counts. */
const dataAsDecidedNow = (event: RecordedEvent): ElectionEvent['data'] =>
  event.type === 'ObserversSet' && Array.isArray(event.data.observers) ? { observers: event.data.observers.length } : event.data;

/**
 * An export gives the observers' count, never their addresses: decide is asked with as many blank
 * ones (never more than one past the most it takes, whatever a forged count says), whose size it
 * cannot check.
 */
const blankAddresses = (count: number): string[] => Array.from({ length: Math.min(count, LIMITS.observers + 1) }, () => '');

/**
 * What the export gives the commands behind the events: the online ballots (`boxes`, or a sealed
 * box's papers as `opened`), the participation count, and the postal entries read back from the
 * log (`postal`), of which those before the event (`at`, its index) were given before it.
 */
interface ReplayInput {
  boxes: Boxes;
  opened: Opened;
  participation: number;
  postal: readonly PostalEntryRead[];
  at: number;
}

function decideFor(event: RecordedEvent, state: ElectionState, input: ReplayInput, findings: string[], where: string): ElectionEvent[] | undefined {
  let decision;
  try {
    decision = decide(commandBehind(event, state, input), state, event.by);
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
  if (recorded.type === 'CountSheetRecorded') return `${where}: the count sheet of contest "${recorded.data.contest}" does not match the ballots (recomputed ${canonicalJson(expected.data)})`;
  if (recorded.type === 'ResultsTallied') return `${where}: the published result does not match the ballots (recomputed ${canonicalJson(expected.data)})`;
  return `${where} differs from what its command decides: recorded ${canonicalJson(recorded.data)}, expected ${expected.type} ${canonicalJson(expected.data)}`;
}

/**
 * A start replays as confirmed: the log records the breaches before it, which the report counts
 * and every reader sees, but not the admin's confirmation. Logs written before decide asked for it
 * may even hold a start after a breach recorded while the admin's request was on its way, which
 * nobody confirmed; they verify as they did.
 */
const CONFIRMED = { confirmCompromised: true } as const;

/** The command that proposed an action: the roll is read again for the lock that confirms a proposal, so the proposal records none. */
function proposedCommand(proposal: Extract<ElectionEvent, { type: 'ActionProposed' }>['data'], at: Date): ElectionCommand {
  switch (proposal.action) {
    case 'Lock':
      return { type: 'Lock', now: at };
    case 'Start':
      return { type: 'Start', now: at, ...(proposal.confirmCompromised && { confirmCompromised: true }) };
    case 'Accept':
      return { type: 'Accept', now: at };
  }
}

/** The command each kind of event records; times come from the event itself. */
function commandBehind(event: RecordedEvent, state: ElectionState, { boxes, opened, participation, postal, at: index }: ReplayInput): ElectionCommand {
  const at = new Date(event.at);
  switch (event.type) {
    case 'ElectionCreated':
      return { type: 'CreateElection', ...event.data, now: at };
    case 'CandidatesAdded':
      return { type: 'AddCandidates', ...event.data };
    case 'VotersRegistered':
      return { type: 'RegisterVoters', ...event.data };
    case 'PostalVotesRecorded':
      return { type: 'RecordPostalVotes', ...event.data };
    case 'VotingWindowSet':
      return { type: 'SetVotingWindow', ...event.data, now: at };
    case 'MailWordingSet':
      return { type: 'SetMailWording', ...event.data };
    case 'ObjectionRecorded':
      return { type: 'RecordObjection', receivedAt: event.data.receivedAt, grounds: event.data.grounds, now: at };
    case 'ObjectionDecided':
      return { type: 'DecideObjection', objection: event.data.id, outcome: event.data.outcome, reasons: event.data.reasons };
    case 'ObserversSet':
      return { type: 'SetObservers', observers: Array.isArray(event.data.observers) ? event.data.observers : blankAddresses(event.data.observers) };
    case 'ElectionLocked':
      return { type: 'Lock', now: at, ...(event.data.roll && { roll: event.data.roll }) };
    case 'ActionProposed':
      return proposedCommand(event.data, at);
    case 'MemberRecorded':
      return { type: 'RecordMember', member: event.data.member };
    case 'MemberRemoved':
      return { type: 'RemoveMember', id: event.data.id };
    case 'VotingScheduled':
      return { type: 'Start', now: at, ...CONFIRMED };
    case 'VotingOpened':
      return state.phase === 'scheduled' ? { type: 'Open', now: new Date(event.data.at) } : { type: 'Start', now: new Date(event.data.at), ...CONFIRMED };
    case 'VotingClosed':
      return { type: 'Close', now: new Date(event.data.at) };
    case 'BallotBoxSealed':
      return { type: 'SealAndTally', boxes, voters: participation };
    case 'PostalPapersEntered': {
      const { contest, entry } = event.data;
      const before = postal.filter((e) => e.at < index);
      // An entry's first part carries it whole; a later part met first (its first part refused) stands for itself.
      const count =
        postal.find((e) => e.at === index)?.count ?? ('totals' in event.data ? { totals: event.data.totals, invalid: event.data.invalid } : { papers: event.data.papers, invalid: event.data.invalid });
      return {
        type: 'EnterPostalPapers',
        contest,
        entry,
        count: 'totals' in count ? count : { papers: count.papers.map((choices) => (choices.length === 0 ? { abstain: true } : { choices })), invalid: count.invalid },
        first: latestEntry(before, contest, 1),
      };
    }
    // Decided with the second entry before it: a replay meets it first only when that entry is missing.
    case 'PostalPapersAgreed':
      return { type: 'EnterPostalPapers', contest: event.data.contest, entry: 2, count: { papers: [], invalid: 0 } };
    case 'PostalCounted':
      return countWithPostalCommand(
        state,
        boxes,
        opened,
        postal.filter((e) => e.at < index),
      );
    case 'CountSheetRecorded':
    case 'ResultsTallied':
      // A sheet recorded after the online count is one of the count with the postal papers.
      if (event.type === 'CountSheetRecorded' && state.phase === 'tallied')
        return countWithPostalCommand(
          state,
          boxes,
          opened,
          postal.filter((e) => e.at < index),
        );
      // A sealed box is counted from the papers its opening reads back, which the export's opening files give.
      return 'sealed' in state && state.sealed ? { type: 'TallyOpened', papers: opened } : { type: 'SealAndTally', boxes, voters: participation };
    case 'ResultsAccepted':
      return { type: 'Accept', now: new Date(event.data.at) };
    case 'ResultsPublished':
      return { type: 'Publish', now: new Date(event.data.at) };
    // The digests are the builder's (the CLI rebuilds the records): decide holds the event to its head and its form.
    case 'OfficialRecordIssued':
      return { type: 'IssueOfficialRecord', head: event.data.head, records: event.data.records };
    case 'LifecycleFailed':
      return { type: 'RecordLifecycleFailure', ...event.data };
    case 'LifecycleRetried':
      return { type: 'RetryLifecycle' };
    case 'VoterAddressCorrected':
      return { type: 'CorrectVoterAddress', voter: event.data.voter };
    case 'CredentialsReleased':
      return { type: 'RecordCredentialsReleased', now: new Date(event.data.at) };
    case 'PersonalDataDeleted':
      return { type: 'DeletePersonalData', now: new Date(event.data.at), rollHashes: event.data.rollHashes };
    case 'RemindersQueued':
      return { type: 'RecordReminders', round: event.data.round, voters: event.data.voters };
    case 'CredentialReissued':
      return { type: 'ReissueCredential', ...event.data };
    case 'LinkRequestsCounted':
      return { type: 'CountLinkRequests', requests: event.data.requests };
    case 'BreachDetected':
      return { type: 'RecordBreach', breach: event.data };
    case 'TrusteeCertificateGiven':
      return { type: 'GiveCeremonyMessage', message: event.data.certificate };
    case 'TrusteeDealingGiven':
      return { type: 'GiveCeremonyMessage', message: event.data.dealing };
    case 'TrusteeReviewGiven':
      return { type: 'GiveCeremonyMessage', message: event.data.review };
    // Decided with the review before them: a replay meets them first only when that review is missing.
    case 'KeyCeremonyFailed':
    case 'ElectionKeyPublished':
      return { type: 'GiveCeremonyMessage', message: null };
    case 'MixAccepted':
      return { type: 'AcceptMix', ...event.data };
    case 'DecryptionAccepted':
      return { type: 'AcceptDecryption', ...event.data };
  }
}

/** The count with the postal papers: each contest's online papers as its online count read them, and its latest second entry, which its agreement names. */
function countWithPostalCommand(state: ElectionState, boxes: Boxes, opened: Opened, postal: readonly PostalEntryRead[]): ElectionCommand {
  if (state.phase === 'none') return { type: 'CountWithPostal', online: new Map(), postal: new Map() };
  const online = new Map(
    state.contests.map((c): [string, DecodedPaper[]] => [c.id, state.sealed ? [...(opened.get(c.id) ?? [])] : (boxes.get(c.id) ?? []).map(({ choices }) => ({ ok: true, content: { choices } }))]),
  );
  const agreed = state.contests.flatMap((c): [string, PostalCount][] => {
    const count = latestEntry(postal, c.id, 2);
    return count ? [[c.id, count]] : [];
  });
  return { type: 'CountWithPostal', online, postal: new Map(agreed) };
}

function checkBallotIds(ballots: readonly AuditBallot[], findings: string[]): void {
  const ids = new Set<string>();
  for (const { ballotId } of ballots) {
    if (ids.has(ballotId)) findings.push(`ballot ${ballotId} appears twice`);
    ids.add(ballotId);
  }
}

/** Every ballot is one its contest allowed: setup is frozen once voting starts, so the final state's contests are the ones voters saw. */
function checkBallotValidity(state: ExistingElection, boxes: Boxes, findings: string[]): void {
  const several = state.contests.length > 1;
  const invalid = state.contests.flatMap((contest) =>
    (boxes.get(contest.id) ?? []).flatMap((ballot) => {
      const problem = ballotProblem(contest.ballot, contest.candidates, ballot);
      return problem === undefined ? [] : [`ballot ${ballot.ballotId}${several ? ` in contest "${contest.id}"` : ''} is not a valid ballot: ${problem}`];
    }),
  );
  listed(invalid, 'invalid ballots', findings);
}

/**
 * Ballots against voters. Each voter who cast left one participation marker and one paper in
 * each contest they voted in (at least one): so in an election of one contest ballots and
 * participants are equal, and with several no contest holds more papers than participants, nor
 * more than the voters who could vote in it online (registered and eligible, less those who voted
 * by post).
 */
function checkTurnout(state: ExistingElection, boxes: Boxes, participation: number | undefined, findings: string[]): void {
  const total = [...boxes.values()].reduce((sum, box) => sum + box.length, 0);
  if (participation === undefined) findings.push('the participation count is missing');
  else if (state.contests.length === 1 && participation !== total) findings.push(`${total} ballots but ${participation} voters took part: ballots were added or removed`);
  else if (participation > total) findings.push(`${participation} voters took part but the boxes hold only ${total} papers: ballots were removed`);
  const postal = state.postal?.voters ?? 0;
  const online = state.voterCount - postal;
  if (participation !== undefined && participation > online) {
    findings.push(
      `${participation} voters took part but only ${postal > 0 ? `${online} could vote online (${state.voterCount} registered, ${postal} by post)` : `${state.voterCount} are registered`}`,
    );
  }
  const several = state.contests.length > 1;
  for (const contest of state.contests) {
    const papers = boxes.get(contest.id)?.length ?? 0;
    const where = several ? `contest "${contest.id}" holds ` : '';
    if (participation !== undefined && several && papers > participation) findings.push(`${where}${papers} ballots but only ${participation} voters took part: ballots were added`);
    const eligible = onlineVoters(state, contest);
    const who = postalVoters(state, contest) > 0 ? 'could vote in it online' : several ? 'may vote in it' : 'registered';
    if (papers > eligible) findings.push(`${where}${papers} ballots but only ${eligible} voters ${who}: ballots were added`);
  }
}

/**
 * The roll's lines are the registered voters, each once; their groups add up to the group counts
 * the events recorded, and to the number who could vote in each contest open to some groups only.
 */
function checkRoll(state: ExistingElection, voters: readonly AuditVoter[], findings: string[]): void {
  if (state.lockedRoll) {
    const { voters: count, fingerprint } = rollFingerprint(voters);
    if (count !== state.lockedRoll.voters || fingerprint !== state.lockedRoll.fingerprint)
      findings.push(
        `the roll's fingerprint is ${fingerprint} (${count} voters) but ${state.lockedRoll.fingerprint} (${state.lockedRoll.voters} voters) was recorded at the lock: the roll was changed`,
      );
  }
  const registered = state.voterCount;
  if (voters.length !== registered) {
    findings.push(`the roll has ${voters.length} voter lines but the events register ${registered} voters: voters were added to or removed from the roll`);
  }
  const seen = new Set<string>();
  const wrong: string[] = [];
  for (const { hash } of voters) {
    if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) wrong.push(`voter line "${String(hash).slice(0, 80)}" is not a 64-hex hash`);
    else if (seen.has(hash)) wrong.push(`voter ${hash} is on the roll twice`);
    seen.add(hash);
  }
  listed(wrong, 'bad voter lines', findings);
  const groups = groupCounts(voters.map((v) => v.groups ?? []));
  if (canonicalJson(groups) !== canonicalJson(state.voterGroups ?? {})) {
    findings.push(`the roll's groups count ${canonicalJson(groups)} but the events registered ${canonicalJson(state.voterGroups ?? {})}: voters' groups were changed`);
  }
  const eligible = eligibilityCounts(
    state.contests,
    voters.map((v) => v.groups ?? []),
  );
  for (const [contest, count] of Object.entries(eligible)) {
    const recorded = ownValue(state.eligible, contest) ?? 0;
    if (count !== recorded) findings.push(`contest "${contest}": ${count} voters on the roll may vote in it, but the events registered ${recorded}`);
  }
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
