import { describe, expect, it } from 'vitest';
import {
  decide,
  evolve,
  initialState,
  PROPOSAL_MINUTES,
  verifyAuditLog,
  type AuditLine,
  type ElectionCommand,
  type ElectionEvent,
  type ElectionState,
  type Member,
  type RecordedEvent,
  type SealedBallot,
} from '../../domain';
import { rechain } from '../audit/forge';
import { accepted, AFTER_VOTING, councilCreation, exportOfOneVoter, refusal, sealOne, SETUP_TIME } from './fixtures';
import { ADA, actor, GRACE, KATHERINE, logWriter, MARGARET, rosterEventsUpTo, runAs } from './committeeFixtures';

const later = (minutes: number) => new Date(AFTER_VOTING.getTime() + minutes * 60_000);
const accept = (now: Date): ElectionCommand => ({ type: 'Accept', now });
const publish: ElectionCommand = { type: 'Publish', now: later(60) };
const ROSTER: Member[] = [ADA, KATHERINE, MARGARET, GRACE];

/** A counted election with this roster, created with `acceptance` (left out when undefined). */
function counted(acceptance: 'committee' | 'automatic' | undefined, committee: Member[] = ROSTER): ElectionState {
  const [created, ...rest] = rosterEventsUpTo('tallied', committee);
  if (created?.type !== 'ElectionCreated') throw new Error('the fixture does not start with ElectionCreated');
  const events: ElectionEvent[] = [{ ...created, data: { ...created.data, ...(acceptance && { acceptance }) } }, ...rest];
  return events.reduce(evolve, initialState);
}

describe('decide: the acceptance of the results, set at creation', () => {
  it('records the committee’s acceptance in ElectionCreated, and nothing when left out', () => {
    const [created] = accepted(decide(councilCreation(SETUP_TIME, ['Alice Adams'], { acceptance: 'committee' }), initialState));
    expect(created).toMatchObject({ type: 'ElectionCreated', data: { acceptance: 'committee' } });
    const [plain] = accepted(decide(councilCreation(SETUP_TIME, ['Alice Adams']), initialState));
    expect(plain?.type === 'ElectionCreated' && plain.data).not.toHaveProperty('acceptance');
    expect(counted('committee')).toMatchObject({ acceptance: 'committee' });
    expect(counted(undefined)).not.toHaveProperty('acceptance');
    expect(counted('automatic')).not.toHaveProperty('acceptance');
  });

  it('refuses any other value, naming the field', () => {
    const command = councilCreation(SETUP_TIME, ['Alice Adams'], { acceptance: 'chair' as 'committee' });
    expect(refusal(decide(command, initialState))).toEqual({ code: 'invalid', message: 'acceptance: must be one of committee, automatic' });
  });
});

describe('decide: results the committee accepts are published only once two members accepted them', () => {
  const tallied = counted('committee');
  const proposed = runAs(actor(ADA), tallied, accept(later(1)));

  it('refuses to publish before the acceptance', () => {
    expect(refusal(decide(publish, tallied))).toEqual({
      code: 'awaiting_acceptance',
      message: 'acceptance: the results are published once two committee members have accepted them, and they have not yet',
    });
  });

  it('records only a proposal at the first member’s call, and still refuses to publish', () => {
    expect(accepted(decide(accept(later(1)), tallied, actor(ADA)))).toEqual([
      { type: 'ActionProposed', data: { action: 'Accept', proposedBy: actor(ADA), expiresAt: later(1 + PROPOSAL_MINUTES).toISOString() } },
    ]);
    expect(proposed).toMatchObject({ phase: 'tallied', proposal: { action: 'Accept' } });
    expect(refusal(decide(publish, proposed)).code).toBe('awaiting_acceptance');
  });

  it('refuses the proposer again, and the help desk', () => {
    expect(refusal(decide(accept(later(2)), proposed, actor(ADA))).code).toBe('awaiting_second_member');
    expect(refusal(decide(accept(later(2)), proposed, actor(GRACE)))).toEqual({ code: 'forbidden', message: 'Accept needs the committee role: Grace Hopper is helpdesk' });
  });

  it('accepts at a second member’s call, naming the proposer; then the results may be published, and are accepted once only', () => {
    expect(accepted(decide(accept(later(5)), proposed, actor(KATHERINE)))).toEqual([{ type: 'ResultsAccepted', data: { at: later(5).toISOString(), proposedBy: actor(ADA) } }]);
    const acceptedState = runAs(actor(KATHERINE), proposed, accept(later(5)));
    expect(acceptedState).toMatchObject({ phase: 'tallied', accepted: { at: later(5).toISOString(), proposedBy: actor(ADA) } });
    expect(acceptedState).not.toHaveProperty('proposal');
    expect(accepted(decide(publish, acceptedState))).toEqual([{ type: 'ResultsPublished', data: { at: later(60).toISOString() } }]);
    expect(refusal(decide(accept(later(6)), acceptedState, actor(MARGARET)))).toEqual({ code: 'wrong_phase', message: 'the results are accepted already' });
  });

  it('keeps who confirmed it from the recorded event, through the publication', () => {
    const [event] = accepted(decide(accept(later(5)), proposed, actor(KATHERINE)));
    const published = evolve(evolve(proposed, { ...event!, by: KATHERINE }), { type: 'ResultsPublished', data: { at: later(60).toISOString() } });
    expect(published).toMatchObject({ phase: 'published', accepted: { proposedBy: actor(ADA), by: actor(KATHERINE) } });
  });

  it('lets a committee of one accept alone, and says so', () => {
    expect(accepted(decide(accept(later(1)), counted('committee', [ADA, GRACE]), actor(ADA)))).toEqual([{ type: 'ResultsAccepted', data: { at: later(1).toISOString(), alone: true } }]);
  });

  it('refuses an acceptance before the count, naming the phase', () => {
    const [created, ...rest] = rosterEventsUpTo('closed', ROSTER);
    const closed = [{ ...created, data: { ...created!.data, acceptance: 'committee' } } as ElectionEvent, ...rest].reduce(evolve, initialState);
    expect(refusal(decide(accept(later(1)), closed, actor(ADA)))).toEqual({ code: 'wrong_phase', message: 'the results are accepted once counted (the election is closed)' });
  });
});

describe('decide: results published as soon as they are counted', () => {
  for (const acceptance of ['automatic', undefined] as const) {
    it(`${acceptance ?? 'left out'}: publishes without anyone accepting, and refuses an acceptance naming the setting`, () => {
      const tallied = counted(acceptance);
      expect(accepted(decide(publish, tallied))[0]?.type).toBe('ResultsPublished');
      expect(refusal(decide(accept(later(1)), tallied, actor(ADA)))).toEqual({
        code: 'wrong_phase',
        message: 'acceptance: this election publishes its results as soon as they are counted ("automatic"): there is nothing to accept',
      });
    });
  }
});

describe('the verifier and the committee’s acceptance', () => {
  const ballots: SealedBallot[] = [{ ballotId: 'ballot-1', choices: ['Alice Adams'] }];

  /** A published election whose results Ada proposed and Katherine accepted, as runCommand writes it. */
  function writtenLog(): RecordedEvent[] {
    const { apply, events } = logWriter();
    apply(councilCreation(SETUP_TIME, ['Alice Adams', 'Bob Brown'], { committee: [ADA, GRACE], acceptance: 'committee' }), SETUP_TIME, ADA);
    apply({ type: 'RegisterVoters', count: 1 }, SETUP_TIME, ADA);
    apply({ type: 'Lock', now: SETUP_TIME }, SETUP_TIME, ADA);
    apply({ type: 'Start', now: SETUP_TIME }, SETUP_TIME, ADA);
    apply({ type: 'RecordMember', member: KATHERINE }, SETUP_TIME, ADA);
    apply({ type: 'Close', now: AFTER_VOTING }, AFTER_VOTING);
    apply(sealOne(ballots), AFTER_VOTING);
    apply(accept(later(1)), later(1), ADA);
    apply(accept(later(3)), later(3), KATHERINE);
    apply(publish, later(60));
    return events;
  }
  const exportOf = (events: RecordedEvent[]): AuditLine[] => exportOfOneVoter(events, ballots, { voter: 'b'.repeat(64) });
  const without = (type: RecordedEvent['type']) => rechain(writtenLog().filter((e) => e.type !== type));

  it('replays a log whose results two members accepted before they were published', () => {
    const events = writtenLog();
    expect(events.slice(-4).map((e) => [e.type, e.by?.name])).toEqual([
      ['ResultsTallied', undefined],
      ['ActionProposed', 'Ada Lovelace'],
      ['ResultsAccepted', 'Katherine Johnson'],
      ['ResultsPublished', undefined],
    ]);
    expect(verifyAuditLog(exportOf(events)).findings).toEqual([]);
  });

  it('finds results published without the acceptance', () => {
    const events = without('ResultsAccepted');
    const published = events.at(-1)!;
    expect(verifyAuditLog(exportOf(events)).findings).toContain(
      `event ${published.seq} (ResultsPublished) is not allowed there: acceptance: the results are published once two committee members have accepted them, and they have not yet`,
    );
  });

  it('finds an acceptance its proposer confirmed', () => {
    const events = rechain(writtenLog().map((e) => (e.type === 'ResultsAccepted' ? { ...e, by: actor(ADA) } : e)));
    const acceptance = events.find((e) => e.type === 'ResultsAccepted')!;
    expect(verifyAuditLog(exportOf(events)).findings).toContain(
      `event ${acceptance.seq} (ResultsAccepted) is not allowed there: Accept waits for a second committee member: Ada Lovelace proposed it, and another member of the committee may confirm it until ${later(1 + PROPOSAL_MINUTES).toISOString()}`,
    );
  });
});
