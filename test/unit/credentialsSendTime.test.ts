import { describe, expect, it } from 'vitest';
import {
  CREDENTIALS_LEAD_DAYS,
  decide,
  EMPTY_HEAD,
  evolve,
  extendChain,
  initialState,
  verifyAuditLog,
  type ElectionCommand,
  type ElectionEvent,
  type ElectionState,
  type RecordedEvent,
  type SealedBallot,
} from '../../domain';
import { accepted, AFTER_VOTING, CLOSES_AT, councilCreation, ELECTION_ID, exportOfOneVoter, OPENS_AT, refusal, run, sealOne, SETUP_TIME, stateIn } from './fixtures';

const DAY_MS = 24 * 60 * 60 * 1000;
const opens = Date.parse(OPENS_AT);
const before = (ms: number) => new Date(opens - ms).toISOString();
/** Two days before the opening: the committee's send time in these tests. */
const SEND_AT = before(2 * DAY_MS);

/** An election created over the REST API (credentials held until the start), still in draft. */
function heldDraft(): ElectionState {
  return accepted(decide(councilCreation(SETUP_TIME, ['Alice Adams', 'Bob Brown'], { credentialMail: 'at-start' }), initialState)).reduce(evolve, initialState);
}

const setWindow = (state: ElectionState, window: Partial<Extract<ElectionCommand, { type: 'SetVotingWindow' }>>) =>
  decide({ type: 'SetVotingWindow', opensAt: OPENS_AT, closesAt: CLOSES_AT, now: SETUP_TIME, ...window }, state);

/** Registered, locked and started before the opening, with the credentials' send time `credentialsAt` (or none). */
function scheduled(credentialsAt?: string): ElectionState {
  let state = run(heldDraft(), { type: 'SetVotingWindow', opensAt: OPENS_AT, closesAt: CLOSES_AT, now: SETUP_TIME, ...(credentialsAt && { credentialsAt }) });
  state = run(state, { type: 'RegisterVoters', count: 10 });
  state = run(state, { type: 'Lock', now: SETUP_TIME });
  return run(state, { type: 'Start', now: SETUP_TIME });
}

const release = (state: ElectionState, now: Date) => decide({ type: 'RecordCredentialsReleased', now }, state);

describe('the committee’s send time for the credentials', () => {
  it('is recorded with the window and kept in the state, and a window set again without it drops it', () => {
    const set = accepted(setWindow(heldDraft(), { credentialsAt: SEND_AT }));
    expect(set).toEqual([{ type: 'VotingWindowSet', data: { opensAt: OPENS_AT, closesAt: CLOSES_AT, credentialsAt: SEND_AT } }]);
    const state = set.reduce(evolve, heldDraft());
    expect(state).toMatchObject({ credentialsAt: SEND_AT, credentialsHeld: true });
    expect(run(state, { type: 'SetVotingWindow', closesAt: CLOSES_AT, now: SETUP_TIME })).not.toHaveProperty('credentialsAt');
  });

  it('is taken at creation with the window', () => {
    const created = accepted(
      decide(councilCreation(SETUP_TIME, ['Alice Adams'], { credentialMail: 'at-start', window: { opensAt: OPENS_AT, closesAt: CLOSES_AT, credentialsAt: SEND_AT } }), initialState),
    );
    expect(created.find((e) => e.type === 'VotingWindowSet')).toEqual({ type: 'VotingWindowSet', data: { opensAt: OPENS_AT, closesAt: CLOSES_AT, credentialsAt: SEND_AT } });
  });

  it(`must lie before opensAt, at most ${CREDENTIALS_LEAD_DAYS} days before it and in the future, refusals naming the field`, () => {
    const draft = heldDraft();
    const refused = (window: Partial<Extract<ElectionCommand, { type: 'SetVotingWindow' }>>) => refusal(setWindow(draft, window));
    expect(refused({ credentialsAt: OPENS_AT })).toEqual({ code: 'invalid', message: `credentialsAt: ${OPENS_AT} is not before opensAt ${OPENS_AT}` });
    // Set well ahead, a month before the opening.
    const monthAhead = new Date(opens - 30 * DAY_MS);
    const tooEarly = before(CREDENTIALS_LEAD_DAYS * DAY_MS + 1);
    expect(refused({ credentialsAt: tooEarly, now: monthAhead })).toEqual({ code: 'invalid', message: `credentialsAt: ${tooEarly} is more than 14 days before opensAt ${OPENS_AT}` });
    expect(accepted(setWindow(draft, { credentialsAt: before(CREDENTIALS_LEAD_DAYS * DAY_MS), now: monthAhead }))).toHaveLength(1);
    const past = new Date(SETUP_TIME.getTime() - 1).toISOString();
    expect(refused({ credentialsAt: past })).toEqual({ code: 'invalid', message: `credentialsAt: ${past} is not in the future` });
    expect(refused({ credentialsAt: 'next Monday' })).toEqual({ code: 'invalid', message: 'credentialsAt: must be an ISO-8601 time' });
    expect(refused({ credentialsAt: `${SEND_AT}${'0'.repeat(20)}` }).message).toBe('credentialsAt: at most 35 characters');
    expect(refused({ opensAt: undefined, credentialsAt: SEND_AT }).message).toMatch(/^credentialsAt: needs opensAt/);
  });

  it('is only for an election that holds its credentials until the start', () => {
    expect(refusal(setWindow(stateIn('draft'), { credentialsAt: SEND_AT }))).toEqual({
      code: 'invalid',
      message: 'credentialsAt: only an election whose credentials are held until the start (credentialMail "at-start") sends them at a time of its own',
    });
  });
});

describe('the release of the credentials before the opening', () => {
  it('is refused before the send time and taken from it on, while voting is still scheduled; voting opens later', () => {
    const waiting = scheduled(SEND_AT);
    expect(waiting.phase).toBe('scheduled');
    expect(refusal(release(waiting, new Date(Date.parse(SEND_AT) - 1)))).toEqual({ code: 'outside_window', message: `credentialsAt: the credentials go out at ${SEND_AT}, not before` });
    const sentAt = new Date(SEND_AT);
    expect(accepted(release(waiting, sentAt))).toEqual([{ type: 'CredentialsReleased', data: { at: SEND_AT, voters: 10 } }]);
    const released = run(waiting, { type: 'RecordCredentialsReleased', now: sentAt });
    expect(released).toMatchObject({ phase: 'scheduled', credentialsReleasedAt: SEND_AT });
    expect(released).not.toHaveProperty('credentialsHeld');
    // Voting opens at opensAt, not with the release.
    expect(refusal(decide({ type: 'Open', now: sentAt }, released)).code).toBe('outside_window');
    expect(run(released, { type: 'Open', now: new Date(OPENS_AT) }).phase).toBe('open');
  });

  it('without a send time, goes out as voting opens, and not before', () => {
    const waiting = scheduled();
    expect(refusal(release(waiting, new Date(opens - 1)))).toEqual({ code: 'outside_window', message: `opensAt: the credentials go out as voting opens at ${OPENS_AT}, not before` });
    expect(accepted(release(waiting, new Date(OPENS_AT)))).toHaveLength(1);
  });

  it('replays in the verifier from the export of a published election', () => {
    const ballots: SealedBallot[] = [{ ballotId: 'ballot-1', choices: ['Alice Adams'] }];
    let state: ElectionState = initialState;
    const events: RecordedEvent[] = [];
    const apply = (command: ElectionCommand, at: Date) => {
      const decided: ElectionEvent[] = accepted(decide(command, state));
      const last = events.at(-1);
      events.push(...extendChain(ELECTION_ID, last ? { seq: last.seq, hash: last.hash } : EMPTY_HEAD, decided, at.toISOString()));
      state = decided.reduce(evolve, state);
    };
    apply(councilCreation(SETUP_TIME, ['Alice Adams', 'Bob Brown'], { credentialMail: 'at-start', window: { opensAt: OPENS_AT, closesAt: CLOSES_AT, credentialsAt: SEND_AT } }), SETUP_TIME);
    apply({ type: 'RegisterVoters', count: 1 }, SETUP_TIME);
    apply({ type: 'Lock', now: SETUP_TIME }, SETUP_TIME);
    apply({ type: 'Start', now: SETUP_TIME }, SETUP_TIME);
    apply({ type: 'RecordCredentialsReleased', now: new Date(SEND_AT) }, new Date(SEND_AT));
    apply({ type: 'Open', now: new Date(OPENS_AT) }, new Date(OPENS_AT));
    apply({ type: 'Close', now: AFTER_VOTING }, AFTER_VOTING);
    apply(sealOne(ballots), AFTER_VOTING);
    apply({ type: 'Publish', now: AFTER_VOTING }, AFTER_VOTING);
    const types = events.map((e) => e.type);
    expect(types.slice(types.indexOf('VotingScheduled'), types.indexOf('VotingOpened') + 1)).toEqual(['VotingScheduled', 'CredentialsReleased', 'VotingOpened']);

    const report = verifyAuditLog(exportOfOneVoter(events, ballots));
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({ ok: true, finalPhase: 'published' });
  });
});
