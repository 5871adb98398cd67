import { describe, expect, it } from 'vitest';
import { decide, evolve, type ElectionState } from '../../domain';
import { accepted, AFTER_VOTING, refusal, run, stateIn } from './fixtures';

const DAY_MS = 86_400_000;
const after = (days: number) => new Date(AFTER_VOTING.getTime() + days * DAY_MS);

/** Objections to a published election (Wahlanfechtungen): recorded as received, decided once, in the log the verifier replays. */
describe('objections to an election', () => {
  const published = stateIn('published');
  const record = (state: ElectionState, receivedAt: Date, now = receivedAt) =>
    decide({ type: 'RecordObjection', receivedAt: receivedAt.toISOString(), grounds: 'Die Schlusszeit stand falsch in der Benachrichtigung.', now }, state);

  it('numbers them in order, and marks one received after the challenge period (14 days by default) as late', () => {
    const first = accepted(record(published, after(3)));
    expect(first).toEqual([{ type: 'ObjectionRecorded', data: { id: 1, receivedAt: after(3).toISOString(), grounds: expect.any(String), late: false } }]);
    const withFirst = first.reduce(evolve, published);
    expect(accepted(record(withFirst, after(15)))).toMatchObject([{ data: { id: 2, late: true } }]);
    expect(withFirst).toMatchObject({ challengeDays: 14, objections: [{ id: 1, late: false }] });
  });

  it('is decided once, with reasons; an unknown or decided objection is refused naming it', () => {
    const recorded = run(published, { type: 'RecordObjection', receivedAt: after(1).toISOString(), grounds: 'Ein Grund.', now: after(1) });
    const decided = run(recorded, { type: 'DecideObjection', objection: 1, outcome: 'inadmissible', reasons: 'Nicht wahlberechtigt.' });
    expect(decided).toMatchObject({ objections: [{ id: 1, outcome: 'inadmissible' }] });
    expect(refusal(decide({ type: 'DecideObjection', objection: 1, outcome: 'upheld', reasons: 'Doch.' }, decided))).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^objection: objection 1 is decided already/),
    });
    expect(refusal(decide({ type: 'DecideObjection', objection: 7, outcome: 'upheld', reasons: 'x' }, decided))).toMatchObject({ code: 'not_found', message: 'objection: no objection 7 is recorded' });
  });

  it('refuses one before the publication, one received in the future, and grounds that hide characters', () => {
    expect(refusal(record(stateIn('tallied'), after(1)))).toMatchObject({ code: 'wrong_phase' });
    expect(refusal(record(published, after(2), after(1)))).toMatchObject({ message: 'receivedAt: lies in the future' });
    const hidden = decide({ type: 'RecordObjection', receivedAt: after(1).toISOString(), grounds: 'Grund\u202e', now: after(1) }, published);
    expect(refusal(hidden).message).toMatch(/^grounds: line 1 must be NFC text/);
  });

  it('takes a challenge period of 1 to 90 days at creation', () => {
    const create = (challengeDays: number) => decide({ type: 'CreateElection', electionId: 'e', title: 'Council', ballot: { kind: 'single' }, challengeDays, now: AFTER_VOTING }, { phase: 'none' });
    expect(accepted(create(30))[0]).toMatchObject({ type: 'ElectionCreated', data: { challengeDays: 30 } });
    expect(refusal(create(0)).message).toBe('challengeDays: must be a whole number of days from 1 to 90');
  });
});
