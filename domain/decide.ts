import { ACCEPTANCES, awaitsAcceptance, decideAcceptance } from './acceptance';
import { reservedLabelOf } from './ballotLabels';
import type { ElectionCommand } from './commands';
import { ballotNotReady, checkBallotDefinition, checkCandidatesOnBallot } from './ballotDefinition';
import { authorize } from './commandRoles';
import type { Actor } from './committee';
import { checkContests, MAIN_CONTEST, type Contest } from './contest';
import { credentialsAtProblem, credentialsNotDue, credentialsToRelease, holdsCredentials } from './credentialMail';
import type { BallotDefinition, Candidate } from './election';
import type { ElectionEvent, SealedBoxChoice } from './events';
import { decideSealedBox, sealedLockProblem } from './sealedBox/decideSealedBox';
import { checkTrustees, type BoxMode, type Trustees } from './sealedBox/trustees';
import { checkElectionSize, LIMITS, MAX_RECORDED_BREACHES } from './limits';
import { isLanguage, LANGUAGES, timeZoneProblem } from './locale';
import { checkMailWording } from './mailWording';
import { challengeDaysProblem, decideObjection, recordObjection } from './objections';
import { deletePersonalData, retentionDaysProblem } from './retention';
import { decideRecordIssue } from './officialRecord';
import { fail, ok, type Result } from './result';
import { checkRollRoom } from './rollLimit';
import { checkCommittee, recordMember, removeMember } from './roster';
import { CREDENTIAL_PHASES, LOCKED_PHASES, UNDER_WAY_PHASES, type ElectionState, type ExistingElection } from './state';
import { decidePostalCount, decidePostalEntry } from './postalPapers';
import { sealAndTally } from './sealAndTally';
import { findNameClash, nameProblem } from './text';
import { agreed, type AgreedEvent } from './twoMembers';
import { addCounts, checkVoterGroupCount } from './voterGroups';

type Decision = Result<ElectionEvent[]>;

/**
 * The one place that says which command may happen when, and what it records. `by`: the committee
 * member who asked, held to the election's roster and the role the command needs
 * (domain/commandRoles.ts); absent when the system asks itself.
 */
export function decide(command: ElectionCommand, state: ElectionState, by?: Actor): Decision {
  if (command.type === 'CreateElection') return createElection(command, state, by);
  if (state.phase === 'none') return fail('not_found', 'no such election');
  const allowed = authorize(command, state.committee, by);
  if (!allowed.ok) return allowed;
  switch (command.type) {
    case 'AddCandidates':
      return whileSettingUp(state, 'add candidates', () => addCandidates(state, command.candidates, command.contest));
    case 'RegisterVoters':
      return whileRollOpen(state, 'add voters', () => {
        if (command.count <= 0) return fail('invalid', 'no new voters to register');
        const room = checkRollRoom(state.voterCount, command.count);
        if (!room.ok) return room;
        const groups = command.groups ?? {};
        const groupCount = checkVoterGroupCount(addCounts(state.voterGroups ?? {}, groups));
        if (!groupCount.ok) return groupCount;
        const restricted = state.contests.filter((c) => c.groups !== undefined).map((c) => c.id);
        const contests = checkContestCounts(command.contests ?? {}, restricted, command.count);
        if (!contests.ok) return contests;
        return ok([{ type: 'VotersRegistered', data: { count: command.count, ...(Object.keys(groups).length > 0 && { groups }), ...(restricted.length > 0 && { contests: command.contests }) } }]);
      });
    case 'RecordPostalVotes':
      return whileRollOpen(state, 'record postal votes', () => {
        if (!Number.isInteger(command.voters) || command.voters <= 0) return fail('invalid', 'no postal voters to record');
        const already = state.postal?.voters ?? 0;
        if (already + command.voters > state.voterCount) return fail('invalid', `${already + command.voters} postal voters but only ${state.voterCount} registered`);
        const contests = checkContestCounts(
          command.contests,
          state.contests.map((c) => c.id),
          command.voters,
        );
        return contests.ok ? ok([{ type: 'PostalVotesRecorded', data: { voters: command.voters, contests: command.contests } }]) : contests;
      });
    case 'SetVotingWindow':
      return whileSettingUp(state, 'change the voting window', () => {
        const opensAt = command.opensAt ?? state.window.opensAt;
        const { closesAt, credentialsAt } = command;
        const window = { ...(opensAt !== undefined && { opensAt }), closesAt, reminders: command.reminders ?? state.reminders, credentialsAt };
        return windowSet(window, holdsCredentials(state), command.now);
      });
    case 'SetMailWording': {
      if (state.phase !== 'draft') return fail('wrong_phase', `the voters' mail is worded before the lock: the election is ${state.phase}`);
      const { type: _, ...wording } = command;
      const checked = checkMailWording(wording);
      return checked.ok ? ok([{ type: 'MailWordingSet', data: checked.value }]) : checked;
    }
    case 'RecordObjection':
    case 'DecideObjection': {
      if (state.phase !== 'published') return fail('wrong_phase', `an objection is to a published election: the election is ${state.phase}`);
      const election = { publishedAt: state.publishedAt, challengeDays: state.challengeDays, objections: state.objections ?? [] };
      return command.type === 'RecordObjection' ? recordObjection(election, command) : decideObjection(election, command);
    }
    case 'DeletePersonalData': {
      if (state.phase !== 'published') return fail('wrong_phase', `personal data is deleted after the publication: the election is ${state.phase}`);
      if (state.personalDataDeleted) return ok([]);
      const { publishedAt, challengeDays, retentionDays, objections = [] } = state;
      return deletePersonalData({ publishedAt, challengeDays, retentionDays, objections }, command);
    }
    case 'SetObservers':
      return whileSettingUp(state, 'change the observers', () => {
        const set = observersSet(command.observers);
        if (!set.ok) return set;
        const sized = checkElectionSize({ ...state, observers: command.observers }, 'observers');
        return sized.ok ? ok([set.value]) : sized;
      });
    case 'Lock': {
      const locked = lock(state, command);
      // authorize let no one but a committee member lock an election with a roster.
      return state.committee && by ? agreed('Lock', state, state.committee, by, command.now, locked, false) : locked;
    }
    case 'Start': {
      const confirmCompromised = command.confirmCompromised === true;
      const started = start(state, command.now, confirmCompromised);
      return state.committee && by ? agreed('Start', state, state.committee, by, command.now, started, confirmCompromised) : started;
    }
    case 'EnterPostalPapers':
      return decidePostalEntry(state, command, by);
    case 'CountWithPostal':
      return decidePostalCount(state, command.online, command.postal);
    case 'Accept': {
      const accepted = decideAcceptance(state, command.now);
      return state.committee && by ? agreed('Accept', state, state.committee, by, command.now, accepted, false) : accepted;
    }
    case 'RecordMember':
      return recordMember(state, command.member);
    case 'RemoveMember':
      return removeMember(state, command.id);
    case 'Open':
      if (state.phase === 'open' || state.phase === 'closed' || state.phase === 'tallied' || state.phase === 'published') return ok([]);
      if (state.phase !== 'scheduled') return fail('wrong_phase', `voting cannot open: the election is ${state.phase}`);
      if (command.now.getTime() < Date.parse(state.window.opensAt)) {
        return fail('outside_window', `voting opens at ${state.window.opensAt}, not before`);
      }
      return ok([{ type: 'VotingOpened', data: { at: command.now.toISOString() } }]);
    case 'Close':
      if (state.phase === 'closed' || state.phase === 'tallied' || state.phase === 'published') return ok([]);
      if (state.phase !== 'open') return fail('wrong_phase', `voting cannot close: the election is ${state.phase}`);
      if (command.now.getTime() < Date.parse(state.window.closesAt)) {
        return fail('outside_window', `voting closes at ${state.window.closesAt}, not before`);
      }
      return ok([{ type: 'VotingClosed', data: { at: command.now.toISOString() } }]);
    case 'SealAndTally':
      if (state.phase === 'tallied' || state.phase === 'published') return ok([]);
      if (state.phase !== 'closed') return fail('wrong_phase', `ballots are counted only after close (the election is ${state.phase})`);
      return ok(sealAndTally(state, command.boxes, command.voters));
    case 'Publish':
      if (state.phase === 'published') return ok([]);
      if (state.phase !== 'tallied') return fail('wrong_phase', `results are published only after the tally (the election is ${state.phase})`);
      if (awaitsAcceptance(state)) return fail('awaiting_acceptance', 'acceptance: the results are published once two committee members have accepted them, and they have not yet');
      return ok([{ type: 'ResultsPublished', data: { at: command.now.toISOString() } }]);
    case 'IssueOfficialRecord':
      return decideRecordIssue(state, command.head, command.records);
    case 'RecordBreach':
      if (!LOCKED_PHASES.has(state.phase)) return fail('wrong_phase', `breaches are recorded only while locked (the election is ${state.phase})`);
      // CloudTrail may deliver an event twice: it is recorded once.
      if (state.breaches.includes(command.breach.cloudTrailEventId)) return ok([]);
      // Past the bound the election is long since marked compromised; the alert still goes out.
      if (state.breaches.length >= MAX_RECORDED_BREACHES) return ok([]);
      return ok([{ type: 'BreachDetected', data: command.breach }]);
    case 'ReissueCredential':
      return whileCredentialsLive(state, 'credentials are re-issued only until voting ends', () =>
        ok([{ type: 'CredentialReissued', data: { voter: command.voter, requestedBy: command.requestedBy } }]),
      );
    case 'CountLinkRequests':
      // Requests taken while voting ran may reach the sender after the close; once published, the log is final.
      if (state.phase === 'published') return fail('wrong_phase', 'the election is published: its log is final');
      if (!Number.isInteger(command.requests) || command.requests <= 0) return fail('invalid', 'requests: must be a whole number above 0');
      return ok([{ type: 'LinkRequestsCounted', data: { requests: command.requests } }]);
    case 'CorrectVoterAddress':
      // Until voting ends, as a re-issue: the roll's lines, which the lock fingerprinted and the export
      // publishes, hold no address, so a correction leaves the roll the observers were shown as it was.
      return whileCredentialsLive(state, 'addresses are corrected only until voting ends', () => ok([{ type: 'VoterAddressCorrected', data: { voter: command.voter } }]));
    case 'RecordReminders':
      if (state.remindersQueued.includes(command.round)) return ok([]);
      if (state.phase !== 'open') return fail('wrong_phase', `reminders go out only while voting is open (the election is ${state.phase})`);
      if (!Number.isInteger(command.round) || command.round < 0 || command.round >= state.reminders.length) {
        return fail('invalid', `round: the election has ${state.reminders.length} reminder(s)`);
      }
      return ok([{ type: 'RemindersQueued', data: { round: command.round, at: state.reminders[command.round]!, voters: command.voters } }]);
    case 'RecordCredentialsReleased': {
      if (state.phase !== 'scheduled' && state.phase !== 'open') return fail('wrong_phase', `held credentials go out only once voting is started (the election is ${state.phase})`);
      // Mailed at registration, or released already: a repeated release records nothing.
      if (!holdsCredentials(state)) return ok([]);
      const notDue = credentialsNotDue(state, command.now);
      if (notDue) return fail('outside_window', notDue);
      return ok([{ type: 'CredentialsReleased', data: { at: command.now.toISOString(), voters: credentialsToRelease(state) } }]);
    }
    case 'RecordLifecycleFailure':
      return ok([{ type: 'LifecycleFailed', data: { step: command.step, error: command.error, ...(command.continues && { continues: true as const }) } }]);
    case 'RetryLifecycle':
      return retryLifecycle(state);
    case 'GiveCeremonyMessage':
    case 'AcceptMix':
    case 'AcceptDecryption':
    case 'TallyOpened':
      return decideSealedBox(command, state);
  }
}

/** The workflow runs again from the log, only once it stopped at a failed step and while it has work left. */
function retryLifecycle(state: ExistingElection): Decision {
  if (!UNDER_WAY_PHASES.has(state.phase)) return fail('wrong_phase', `the workflow has nothing left to do: the election is ${state.phase}`);
  if (!state.workflowFailure) return fail('conflict', 'the workflow has not stopped at a failed step: there is nothing to retry');
  const attempt = (state.workflowRetries ?? 0) + 1;
  if (attempt > LIMITS.workflowRetries) {
    return fail('conflict', `the workflow was retried ${LIMITS.workflowRetries} times already: find out from the log why ${state.workflowFailure.step} fails before anything else`);
  }
  return ok([{ type: 'LifecycleRetried', data: { step: state.workflowFailure.step, attempt } }]);
}

function createElection(command: Extract<ElectionCommand, { type: 'CreateElection' }>, state: ElectionState, by: Actor | undefined): Decision {
  if (state.phase !== 'none') return fail('already_exists', `election "${command.electionId}" already exists`);
  const committee = command.committee === undefined ? ok(undefined) : checkCommittee(command.committee);
  if (!committee.ok) return committee;
  const allowed = authorize(command, committee.value, by);
  if (!allowed.ok) return allowed;
  const { electionId, title } = command;
  const titleProblem = nameProblem(title);
  if (titleProblem) return fail('invalid', `title: ${titleProblem}`);
  const single = 'ballot' in command;
  const definitions = single ? [{ id: MAIN_CONTEST, title, ballot: command.ballot, candidates: command.candidates }] : command.contests;
  const defined = single ? checkBallotDefinition(command.ballot) : checkContests(definitions);
  if (!defined.ok) return defined;
  const observers = command.observers ?? [];
  const box = boxChoice(command);
  if (!box.ok) return box;
  const { language, timeZone } = command;
  const zoneProblem = timeZone === undefined ? undefined : timeZoneProblem(timeZone);
  if (zoneProblem) return fail('invalid', `timeZone: ${zoneProblem}`);
  if (language !== undefined && !isLanguage(language)) return fail('invalid', `language: must be one of ${LANGUAGES.join(', ')}`);
  const { challengeDays, retentionDays, acceptance } = command;
  if (acceptance !== undefined && !ACCEPTANCES.includes(acceptance)) return fail('invalid', `acceptance: must be one of ${ACCEPTANCES.join(', ')}`);
  const challengeProblem = challengeDays === undefined ? undefined : challengeDaysProblem(challengeDays);
  if (challengeProblem) return fail('invalid', challengeProblem);
  const retentionProblem = retentionDays === undefined ? undefined : retentionDaysProblem(retentionDays);
  if (retentionProblem) return fail('invalid', retentionProblem);
  const events: ElectionEvent[] = [
    {
      type: 'ElectionCreated',
      data: {
        ...(single ? { electionId, title, ballot: command.ballot } : { electionId, title, contests: definitions.map(({ candidates: _, ...definition }) => definition) }),
        ...box.value,
        ...(committee.value && { committee: committee.value }),
        ...(language !== undefined && { language }),
        ...(timeZone !== undefined && { timeZone }),
        ...(challengeDays !== undefined && { challengeDays }),
        ...(retentionDays !== undefined && { retentionDays }),
        ...(command.credentialMail === 'at-start' && { credentialMail: 'at-start' as const }),
        ...(acceptance !== undefined && { acceptance }),
      },
    },
  ];
  const contests: Contest[] = [];
  for (const [i, { candidates = [], ...definition }] of definitions.entries()) {
    contests.push({ ...definition, candidates });
    if (candidates.length === 0) continue;
    const added = checkNewCandidates(definition.ballot, [], candidates);
    if (!added.ok) return single ? added : fail(added.error.code, `contests.${i}.${added.error.message}`);
    events.push({ type: 'CandidatesAdded', data: single ? { candidates } : { contest: definition.id, candidates } });
  }
  const sized = checkElectionSize({ electionId, title, contests, observers }, contests.some((c) => c.candidates.length > 0) ? 'candidates' : 'observers');
  if (!sized.ok) return sized;
  if (observers.length > 0) {
    const set = observersSet(observers);
    if (!set.ok) return set;
    events.push(set.value);
  }
  if (command.window) {
    const set = windowSet(command.window, command.credentialMail === 'at-start', command.now);
    if (!set.ok) return set;
    events.push(...set.value);
  }
  return ok(events);
}

/** A sealed election with its trustees, or plaintext: trustees are for a sealed box only. */
function boxChoice(command: { box?: BoxMode; trustees?: Trustees }): Result<SealedBoxChoice> {
  if (command.box !== 'sealed') return command.trustees === undefined ? ok({}) : fail('invalid', 'trustees: only a sealed election ("box": "sealed") has trustees');
  const trustees = checkTrustees(command.trustees);
  return trustees.ok ? ok({ box: 'sealed', trustees: trustees.value }) : trustees;
}

/** The observers as the log records them: their count, published, and their addresses beside it, for the mail only; at most LIMITS.observers. */
function observersSet(addresses: string[]): Result<ElectionEvent> {
  if (addresses.length > LIMITS.observers) return fail('invalid', `observers: at most ${LIMITS.observers}`);
  return ok({ type: 'ObserversSet', data: { observers: addresses.length }, addresses });
}

/** Setup changes are allowed until voting starts, as in the thesis (so also while locked). */
function whileSettingUp<T>(state: ExistingElection, what: string, then: () => Result<T>): Result<T> {
  if (state.phase === 'draft' || state.phase === 'locked') return then();
  return fail('wrong_phase', `cannot ${what}: voting has already started (the election is ${state.phase})`);
}

/**
 * Whether the roll may still change (voters registered, voters marked as having voted by post):
 * as any setup until voting starts, but not once the lock has fingerprinted it, since from then on
 * the observers and the export's verifier hold the roll to that fingerprint. A lock recorded
 * without one (in logs written before it was) froze nothing. Handlers that would read the roll
 * before deciding ask this first.
 */
export function rollChange(state: ExistingElection, what: string): Result<void> {
  return whileSettingUp(state, what, () =>
    state.lockedRoll ? fail('wrong_phase', `cannot ${what}: the roll was fingerprinted when the election was locked, and stays as it was then`) : ok(undefined),
  );
}

/**
 * Whether voters' credentials may still change (re-issued, sent to a corrected address, sent again
 * at a voter's request): until voting ends, when every credential left unused stays unused.
 * `refusal` says what the asker wanted; the phase is added to it.
 */
export function credentialChange(state: ExistingElection, refusal: string): Result<void> {
  return CREDENTIAL_PHASES.has(state.phase) ? ok(undefined) : fail('wrong_phase', `${refusal} (the election is ${state.phase})`);
}

function whileCredentialsLive(state: ExistingElection, refusal: string, then: () => Decision): Decision {
  const live = credentialChange(state, refusal);
  return live.ok ? then() : live;
}

function whileRollOpen(state: ExistingElection, what: string, then: () => Decision): Decision {
  const open = rollChange(state, what);
  return open.ok ? then() : open;
}

function addCandidates(state: ExistingElection, candidates: Candidate[], contestId: string | undefined): Decision {
  const only = state.contests.length === 1 ? state.contests[0] : undefined;
  if (contestId === undefined && !only) return fail('invalid', `contest: name the contest (${state.contests.map((c) => c.id).join(', ')})`);
  const contest = contestId === undefined ? only! : state.contests.find((c) => c.id === contestId);
  if (!contest) return fail('invalid', `contest: "${contestId}" is not a contest of this election (${state.contests.map((c) => c.id).join(', ')})`);
  const checked = checkNewCandidates(contest.ballot, contest.candidates, candidates);
  if (!checked.ok) return checked;
  const contests = state.contests.map((c) => (c === contest ? { ...c, candidates: [...c.candidates, ...candidates] } : c));
  const sized = checkElectionSize({ ...state, contests }, 'candidates');
  return sized.ok ? ok([{ type: 'CandidatesAdded', data: contestId === undefined ? { candidates } : { contest: contestId, candidates } }]) : sized;
}

/** Per-contest counts of some of `count` voters: exactly the contests expected, each a whole number up to `count`. */
function checkContestCounts(counts: Readonly<Record<string, number>>, expected: readonly string[], count: number): Result<void> {
  const given = Object.keys(counts);
  const stray = given.find((id) => !expected.includes(id));
  if (stray !== undefined) return fail('invalid', `contests.${stray}: not a contest open to some groups only`);
  const missing = expected.find((id) => !given.includes(id));
  if (missing !== undefined) return fail('invalid', `contests.${missing}: the count of voters who may vote in it is missing`);
  const wrong = Object.entries(counts).find(([, n]) => !Number.isInteger(n) || n < 0 || n > count);
  return wrong === undefined ? ok(undefined) : fail('invalid', `contests.${wrong[0]}: must be a whole number from 0 to ${count}`);
}

/** Each name readable on its own and no label of the ballot, and none the same as, or looking like, another. */
function checkNewCandidates(ballot: BallotDefinition, existing: readonly Candidate[], added: readonly Candidate[]): Result<void> {
  const onBallot = checkCandidatesOnBallot(ballot, added);
  if (!onBallot.ok) return onBallot;
  if (added.length === 0) return fail('invalid', 'no candidates given');
  const field = (i: number) => `candidates.${i}.name`;
  for (const [i, { name }] of added.entries()) {
    const problem = nameProblem(name);
    if (problem) return fail('invalid', `${field(i)}: ${problem}`);
    const label = reservedLabelOf(name);
    if (label) return fail('invalid', `${field(i)}: "${name}" reads as the ballot's own "${label}"`);
  }
  const clash = findNameClash(
    existing.map((c) => c.name),
    added.map((c) => c.name),
  );
  if (!clash) return ok(undefined);
  const where = clash.otherIndex === undefined ? 'already on the ballot' : `(${field(clash.otherIndex)})`;
  return clash.same
    ? fail('already_exists', `${field(clash.index)}: "${clash.name}" is the same name as "${clash.other}" ${where}`)
    : fail('invalid', `${field(clash.index)}: "${clash.name}" looks like "${clash.other}" ${where}`);
}

/**
 * The window as recorded: reminders (only when there are any) in time order, each inside the
 * window; the credentials' send time (only when set) before the opening, for an election that
 * holds them (`holds`).
 */
function windowSet({ opensAt, closesAt, reminders = [], credentialsAt }: { opensAt?: string; closesAt: string; reminders?: string[]; credentialsAt?: string }, holds: boolean, now: Date): Decision {
  const window = { ...(opensAt !== undefined && { opensAt }), closesAt };
  const checked = checkWindow({ ...window, credentialsAt }, now);
  if (!checked.ok) return checked;
  const remindersChecked = checkReminders(window, reminders, now);
  if (!remindersChecked.ok) return remindersChecked;
  const sendTimeProblem = credentialsAt === undefined ? undefined : credentialsAtProblem(credentialsAt, opensAt, holds, now);
  if (sendTimeProblem) return fail('invalid', sendTimeProblem);
  const ordered = [...reminders].sort((a, b) => Date.parse(a) - Date.parse(b));
  return ok([{ type: 'VotingWindowSet', data: { ...window, ...(ordered.length > 0 && { reminders: ordered }), ...(credentialsAt !== undefined && { credentialsAt }) } }]);
}

function checkReminders(window: { opensAt?: string; closesAt: string }, reminders: readonly string[], now: Date): Result<void> {
  if (reminders.length > LIMITS.reminders) return fail('invalid', `reminders: at most ${LIMITS.reminders}`);
  const seen = new Set<number>();
  for (const [i, time] of reminders.entries()) {
    const field = `reminders.${i}`;
    if (time.length > LIMITS.timeCharacters) return fail('invalid', `${field}: at most ${LIMITS.timeCharacters} characters`);
    const at = Date.parse(time);
    if (Number.isNaN(at)) return fail('invalid', `${field}: must be an ISO-8601 time`);
    if (seen.has(at)) return fail('invalid', `${field}: ${time} is given twice`);
    seen.add(at);
    if (at <= now.getTime()) return fail('invalid', `${field}: ${time} is not in the future`);
    if (window.opensAt !== undefined && at <= Date.parse(window.opensAt)) return fail('invalid', `${field}: ${time} is not after opensAt ${window.opensAt}`);
    if (at >= Date.parse(window.closesAt)) return fail('invalid', `${field}: ${time} is not before closesAt ${window.closesAt}; give the reminders again with the new window`);
  }
  return ok(undefined);
}

function checkWindow(window: { opensAt?: string; closesAt: string; credentialsAt?: string }, now: Date): Result<void> {
  // The size limit counts on times of bounded length, and Date.parse takes any number of fractional digits.
  for (const [field, time] of [
    ['opensAt', window.opensAt],
    ['closesAt', window.closesAt],
    ['credentialsAt', window.credentialsAt],
  ] as const) {
    if (time !== undefined && time.length > LIMITS.timeCharacters) return fail('invalid', `${field}: at most ${LIMITS.timeCharacters} characters`);
  }
  const closes = Date.parse(window.closesAt);
  if (Number.isNaN(closes) || (window.opensAt !== undefined && Number.isNaN(Date.parse(window.opensAt)))) {
    return fail('invalid', 'opensAt and closesAt must be ISO-8601 times');
  }
  if (closes <= now.getTime()) return fail('invalid', `closesAt ${window.closesAt} is not in the future`);
  if (window.opensAt !== undefined && Date.parse(window.opensAt) >= closes) {
    return fail('invalid', 'opensAt must be before closesAt');
  }
  return ok(undefined);
}

/** The lock of a draft: a sealed election's key must be published, and the roll as read must still be the whole roll. */
function lock(state: ExistingElection, command: Extract<ElectionCommand, { type: 'Lock' }>): Result<AgreedEvent[]> {
  if (state.phase !== 'draft') return fail('wrong_phase', state.phase === 'published' ? 'the election is over' : `the election is already locked (it is ${state.phase})`);
  const keyMissing = sealedLockProblem(state.sealed);
  if (keyMissing) return fail('wrong_phase', keyMissing);
  if (command.roll && command.roll.voters !== state.voterCount) return fail('conflict', 'voters were registered while the roll was read for the lock: lock again');
  return ok([{ type: 'ElectionLocked', data: command.roll ? { roll: command.roll } : {} }]);
}

/**
 * An election with breaches recorded while it was locked starts only when the admin confirms it:
 * someone changed the stack or signed in to the console meanwhile. Decided here, against the state
 * the start is appended to, so that a breach recorded just before the start cannot slip past it.
 */
function start(state: ExistingElection, now: Date, confirmCompromised: boolean): Result<AgreedEvent[]> {
  if (state.phase === 'draft') return fail('wrong_phase', 'lock the election before starting it');
  if (state.phase !== 'locked') return fail('wrong_phase', `voting has already started (the election is ${state.phase})`);
  if (state.breaches.length > 0 && !confirmCompromised) {
    return fail(
      'compromised',
      `${state.breaches.length} breach(es) were recorded while this election was locked, and every voter and observer will be told: find out what happened first; to start anyway, confirm it (confirmCompromised: true, or admin start --confirm-compromised)`,
    );
  }
  const { opensAt, closesAt } = state.window;
  // Everything still missing at once, so that the admin fixes it in one go.
  const missing: string[] = [];
  if (closesAt === undefined) missing.push('set a deadline (closesAt) before starting');
  else if (Date.parse(closesAt) <= now.getTime()) return fail('outside_window', `the deadline ${closesAt} has passed`);
  for (const contest of state.contests) {
    const notReady = ballotNotReady(contest.ballot, contest.candidates);
    if (notReady) missing.push(state.contests.length === 1 ? notReady : `contest "${contest.id}": ${notReady}`);
  }
  if (state.voterCount === 0) missing.push('register voters before starting');
  if (missing.length > 0 || closesAt === undefined) return fail('invalid', missing.join('; '));
  // A reminder that has passed would go out with the opening: the admin sets the reminders again instead.
  const passed = state.reminders.find((time) => Date.parse(time) <= now.getTime());
  if (passed !== undefined) return fail('outside_window', `the reminder at ${passed} has passed: set the window again with later reminders, or none`);
  if (opensAt !== undefined && Date.parse(opensAt) > now.getTime()) {
    return ok([{ type: 'VotingScheduled', data: { opensAt, closesAt } }]);
  }
  return ok([{ type: 'VotingOpened', data: { at: now.toISOString() } }]);
}
