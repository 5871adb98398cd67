import { describe, expect, it } from 'vitest';
import { decide, evolve, initialState, personalDataDueAt, verifyAuditLog, type ElectionCommand, type ElectionState, type RecordedEvent, type SealedBallot } from '../../domain';
import { rechain } from '../audit/forge';
import { accepted, AFTER_VOTING, councilCreation, exportOfOneVoter, refusal, run, SETUP_TIME, sealOne, stateIn } from './fixtures';
import { ADA, logWriter } from './committeeFixtures';

const DAY_MS = 86_400_000;
const ROLL_HASHES = 'a'.repeat(64);
const daysAfter = (start: Date, days: number) => new Date(start.getTime() + days * DAY_MS);
const deletion = (now: Date): Extract<ElectionCommand, { type: 'DeletePersonalData' }> => ({ type: 'DeletePersonalData', now, rollHashes: ROLL_HASHES });

/** A published election as the fixtures publish it, kept `retentionDays` after its challenge period. */
function published(retentionDays?: number): ElectionState & { phase: 'published' } {
  const state = stateIn('published');
  if (state.phase !== 'published') throw new Error('the fixture is not published');
  return retentionDays === undefined ? state : { ...state, retentionDays };
}

/** The deletion of the voters' personal data: after the challenge period, every objection and the retention, recorded once. */
describe('decide: the deletion of personal data', () => {
  it('is due when the challenge period (14 days) and the retention the committee set are over', () => {
    const state = published(30);
    const publishedAt = new Date(state.publishedAt);
    expect(personalDataDueAt({ ...state, objections: [] })).toBe(daysAfter(publishedAt, 44).toISOString());
    expect(refusal(decide(deletion(daysAfter(publishedAt, 43)), state))).toEqual({
      code: 'conflict',
      message: `the personal data is kept until ${daysAfter(publishedAt, 44).toISOString()} (the challenge period and 30 day(s) of retention)`,
    });
    const [deleted] = accepted(decide(deletion(daysAfter(publishedAt, 44)), state));
    expect(deleted).toEqual({ type: 'PersonalDataDeleted', data: { at: daysAfter(publishedAt, 44).toISOString(), rollHashes: ROLL_HASHES } });
  });

  it('keeps no retention by default: due the moment the challenge period ends', () => {
    const state = published();
    expect(state.retentionDays).toBe(0);
    expect(accepted(decide(deletion(daysAfter(new Date(state.publishedAt), 14)), state))).toHaveLength(1);
  });

  it('waits while an objection is undecided, and goes ahead once it is decided', () => {
    const state = published();
    const publishedAt = new Date(state.publishedAt);
    const objected = run(state, { type: 'RecordObjection', receivedAt: daysAfter(publishedAt, 2).toISOString(), grounds: 'Ein Grund.', now: daysAfter(publishedAt, 2) });
    expect(refusal(decide(deletion(daysAfter(publishedAt, 20)), objected)).message).toBe('the personal data is kept while objection(s) 1 are undecided');
    const decided = run(objected, { type: 'DecideObjection', objection: 1, outcome: 'rejected', reasons: 'Unbegründet.' });
    expect(accepted(decide(deletion(daysAfter(publishedAt, 20)), decided))).toHaveLength(1);
  });

  it('records the deletion once, empties the observers’ addresses, and refuses it before the publication', () => {
    const state = { ...published(), observers: ['observer@example.org'] };
    const at = daysAfter(new Date(state.publishedAt), 15);
    const deleted = run(state, deletion(at));
    expect(deleted).toMatchObject({ observers: [], personalDataDeleted: { at: at.toISOString(), rollHashes: ROLL_HASHES } });
    expect(accepted(decide(deletion(daysAfter(at, 1)), deleted))).toEqual([]);
    expect(refusal(decide(deletion(at), stateIn('tallied')))).toMatchObject({ code: 'wrong_phase' });
    expect(refusal(decide({ ...deletion(at), rollHashes: 'not a digest' }, state)).message).toBe('rollHashes: must be a SHA-256 digest in lowercase hex');
  });

  it('takes a retention of 0 to 1095 days at creation, field-named', () => {
    const create = (retentionDays: number) => decide(councilCreation(SETUP_TIME, ['Alice Adams'], { retentionDays }), initialState);
    const [created] = accepted(create(365));
    expect(created).toMatchObject({ type: 'ElectionCreated', data: { retentionDays: 365 } });
    expect([created!].reduce(evolve, initialState)).toMatchObject({ retentionDays: 365 });
    expect(refusal(create(1096)).message).toBe('retentionDays: must be a whole number of days from 0 to 1095');
    expect(refusal(create(1.5)).message).toBe('retentionDays: must be a whole number of days from 0 to 1095');
  });
});

describe('the verifier and the deletion of personal data', () => {
  const ballots: SealedBallot[] = [{ ballotId: 'ballot-1', choices: ['Alice Adams'] }];
  const publishedAt = new Date(AFTER_VOTING.getTime() + 3_600_000);

  /** A published election whose personal data the sweep deleted `afterDays` after its publication. */
  function writtenLog(afterDays = 15): RecordedEvent[] {
    const { apply, events } = logWriter();
    apply(councilCreation(SETUP_TIME, ['Alice Adams', 'Bob Brown'], { committee: [ADA], retentionDays: 0 }), SETUP_TIME, ADA);
    apply({ type: 'RegisterVoters', count: 1 }, SETUP_TIME, ADA);
    apply({ type: 'Lock', now: SETUP_TIME }, SETUP_TIME, ADA);
    apply({ type: 'Start', now: SETUP_TIME }, SETUP_TIME, ADA);
    apply({ type: 'Close', now: AFTER_VOTING }, AFTER_VOTING);
    apply(sealOne(ballots), AFTER_VOTING);
    apply({ type: 'Publish', now: publishedAt }, publishedAt);
    const at = daysAfter(publishedAt, afterDays);
    apply(deletion(at), at);
    return events;
  }
  const exportOf = (events: RecordedEvent[]) => exportOfOneVoter(events, ballots, { voter: 'b'.repeat(64) });

  it('replays a deletion after the challenge period', () => {
    const events = writtenLog();
    expect(events.at(-1)?.type).toBe('PersonalDataDeleted');
    expect(verifyAuditLog(exportOf(events)).findings).toEqual([]);
  });

  it('finds a deletion dated inside the challenge period', () => {
    const early = daysAfter(publishedAt, 3).toISOString();
    const events = rechain(writtenLog().map((e) => (e.type === 'PersonalDataDeleted' ? { ...e, at: early, data: { ...e.data, at: early } } : e)));
    const deleted = events.at(-1)!;
    expect(verifyAuditLog(exportOf(events)).findings).toContain(
      `event ${deleted.seq} (PersonalDataDeleted) is not allowed there: the personal data is kept until ${daysAfter(publishedAt, 14).toISOString()} (the challenge period and 0 day(s) of retention)`,
    );
  });
});
