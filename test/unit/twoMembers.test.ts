import { describe, expect, it } from 'vitest';
import { decide, PROPOSAL_MINUTES, type ElectionState } from '../../domain';
import { accepted, BREACH, CLOSES_AT, OPENS_AT, refusal, SETUP_TIME } from './fixtures';
import { ADA, actor, GRACE, KATHERINE, MARGARET, rosterStateIn, runAs } from './committeeFixtures';

const minutes = (n: number) => new Date(SETUP_TIME.getTime() + n * 60_000);
const EXPIRES = minutes(PROPOSAL_MINUTES).toISOString();
const lock = (now: Date) => ({ type: 'Lock', now }) as const;
const start = (now: Date, confirmCompromised?: boolean) => ({ type: 'Start', now, ...(confirmCompromised !== undefined && { confirmCompromised }) }) as const;

describe('decide: a lock takes two committee members when the committee has two or more', () => {
  const draft = rosterStateIn('draft');
  const proposed = runAs(actor(ADA), draft, lock(SETUP_TIME));

  it('records only the proposal at the first member’s call: the election stays a draft', () => {
    expect(accepted(decide(lock(SETUP_TIME), draft, actor(ADA)))).toEqual([{ type: 'ActionProposed', data: { action: 'Lock', proposedBy: actor(ADA), expiresAt: EXPIRES } }]);
    expect(proposed).toMatchObject({ phase: 'draft', proposal: { action: 'Lock', proposedBy: actor(ADA), expiresAt: EXPIRES } });
  });

  it('refuses the same member again, naming who proposed it and until when it waits', () => {
    expect(refusal(decide(lock(minutes(5)), proposed, actor(ADA)))).toEqual({
      code: 'awaiting_second_member',
      message: `Lock waits for a second committee member: Ada Lovelace proposed it, and another member of the committee may confirm it until ${EXPIRES}`,
    });
  });

  it('locks when a second committee member confirms it in time, naming the proposer in the event', () => {
    expect(accepted(decide(lock(minutes(PROPOSAL_MINUTES - 1)), proposed, actor(KATHERINE)))).toEqual([{ type: 'ElectionLocked', data: { proposedBy: actor(ADA) } }]);
    const locked = runAs(actor(KATHERINE), proposed, lock(minutes(5)));
    expect(locked.phase).toBe('locked');
    expect(locked.phase !== 'none' && locked.proposal).toBeUndefined();
  });

  it('still reads the roll at the confirmation: the event records the roll the confirmer read', () => {
    const roll = { voters: 100, fingerprint: 'f'.repeat(64) };
    expect(accepted(decide({ type: 'Lock', roll, now: minutes(1) }, proposed, actor(KATHERINE)))).toEqual([{ type: 'ElectionLocked', data: { roll, proposedBy: actor(ADA) } }]);
  });

  it('does not let the help desk confirm it', () => {
    expect(refusal(decide(lock(minutes(1)), proposed, actor(GRACE))).code).toBe('forbidden');
  });

  it('replaces an expired proposal by the caller’s own', () => {
    const late = minutes(PROPOSAL_MINUTES);
    expect(accepted(decide(lock(late), proposed, actor(KATHERINE)))).toEqual([
      { type: 'ActionProposed', data: { action: 'Lock', proposedBy: actor(KATHERINE), expiresAt: minutes(2 * PROPOSAL_MINUTES).toISOString() } },
    ]);
    expect(accepted(decide(lock(late), proposed, actor(ADA)))[0]).toMatchObject({ type: 'ActionProposed', data: { proposedBy: actor(ADA) } });
  });

  it('proposes only what the election could do now: a lock that would be refused is refused at once', () => {
    expect(refusal(decide(lock(SETUP_TIME), rosterStateIn('locked'), actor(ADA))).code).toBe('wrong_phase');
  });
});

describe('decide: a proposal whose proposer left the committee is void', () => {
  const three = [ADA, KATHERINE, MARGARET, GRACE];
  const proposed = runAs(actor(ADA), rosterStateIn('draft', three), lock(SETUP_TIME));

  it('once the proposer was removed: the next call proposes anew', () => {
    const removed = runAs(actor(KATHERINE), proposed, { type: 'RemoveMember', id: ADA.id });
    expect(removed.phase !== 'none' && removed.proposal?.void).toBe('Ada Lovelace was removed from the committee');
    expect(accepted(decide(lock(minutes(1)), removed, actor(MARGARET)))).toEqual([
      { type: 'ActionProposed', data: { action: 'Lock', proposedBy: actor(MARGARET), expiresAt: minutes(1 + PROPOSAL_MINUTES).toISOString() } },
    ]);
  });

  it('stays void when the proposer comes back', () => {
    const back = runAs(actor(KATHERINE), runAs(actor(KATHERINE), proposed, { type: 'RemoveMember', id: ADA.id }), { type: 'RecordMember', member: ADA });
    expect(accepted(decide(lock(minutes(1)), back, actor(MARGARET)))[0]?.type).toBe('ActionProposed');
  });

  it('once the proposer lost the committee role', () => {
    const demoted = runAs(actor(KATHERINE), proposed, { type: 'RecordMember', member: { ...ADA, role: 'helpdesk' } });
    expect(accepted(decide(lock(minutes(1)), demoted, actor(MARGARET)))[0]?.type).toBe('ActionProposed');
  });

  it('but not when another member changes', () => {
    const changed = runAs(actor(KATHERINE), proposed, { type: 'RecordMember', member: { ...GRACE, role: 'observer' } });
    expect(accepted(decide(lock(minutes(1)), changed, actor(MARGARET)))).toEqual([{ type: 'ElectionLocked', data: { proposedBy: actor(ADA) } }]);
  });
});

describe('decide: a start takes two committee members too', () => {
  /** Locked, with a window that opens at OPENS_AT. */
  const locked = rosterStateIn('locked');

  it('proposes, then schedules the opening at the second member’s call, naming the proposer', () => {
    expect(accepted(decide(start(SETUP_TIME), locked, actor(KATHERINE)))[0]).toMatchObject({ type: 'ActionProposed', data: { action: 'Start', proposedBy: actor(KATHERINE) } });
    const proposed = runAs(actor(KATHERINE), locked, start(SETUP_TIME));
    expect(accepted(decide(start(minutes(2)), proposed, actor(ADA)))).toEqual([{ type: 'VotingScheduled', data: { opensAt: OPENS_AT, closesAt: CLOSES_AT, proposedBy: actor(KATHERINE) } }]);
    const scheduled = runAs(actor(ADA), proposed, start(minutes(2)));
    expect(scheduled).toMatchObject({ phase: 'scheduled', window: { opensAt: OPENS_AT, closesAt: CLOSES_AT } });
  });

  it('opens at once at the second member’s call when the window is open', () => {
    const openNow = rosterStateIn('locked', undefined, { window: { closesAt: CLOSES_AT } });
    const proposed = runAs(actor(ADA), openNow, start(SETUP_TIME));
    expect(accepted(decide(start(minutes(3)), proposed, actor(KATHERINE)))).toEqual([{ type: 'VotingOpened', data: { at: minutes(3).toISOString(), proposedBy: actor(ADA) } }]);
  });

  it('does not take a lock proposal for a start', () => {
    const draftProposal = rosterStateIn('draft');
    const lockedAfter = runAs(actor(KATHERINE), runAs(actor(ADA), draftProposal, lock(SETUP_TIME)), lock(minutes(1)));
    expect(accepted(decide(start(minutes(2)), lockedAfter, actor(ADA)))[0]?.type).toBe('ActionProposed');
  });
});

describe('decide: a compromised lock is started by two members who both confirm the breaches', () => {
  const breached = runAs(undefined, rosterStateIn('locked'), { type: 'RecordBreach', breach: BREACH });

  it('refuses a proposal that does not confirm them, and records the confirmation with one that does', () => {
    expect(refusal(decide(start(SETUP_TIME), breached, actor(ADA))).code).toBe('compromised');
    expect(accepted(decide(start(SETUP_TIME, true), breached, actor(ADA)))).toEqual([
      { type: 'ActionProposed', data: { action: 'Start', proposedBy: actor(ADA), expiresAt: EXPIRES, confirmCompromised: true } },
    ]);
  });

  it('asks the second member to confirm them too', () => {
    const proposed = runAs(actor(ADA), breached, start(SETUP_TIME, true));
    expect(refusal(decide(start(minutes(1)), proposed, actor(KATHERINE))).code).toBe('compromised');
    expect(accepted(decide(start(minutes(1), true), proposed, actor(KATHERINE)))).toEqual([{ type: 'VotingScheduled', data: { opensAt: OPENS_AT, closesAt: CLOSES_AT, proposedBy: actor(ADA) } }]);
  });

  it('takes a proposal made before a breach as unknowing of it: the second member’s call proposes anew', () => {
    const proposedBefore = runAs(actor(ADA), rosterStateIn('locked'), start(SETUP_TIME));
    const breachedSince = runAs(undefined, proposedBefore, { type: 'RecordBreach', breach: BREACH });
    expect(accepted(decide(start(minutes(1), true), breachedSince, actor(KATHERINE)))).toEqual([
      { type: 'ActionProposed', data: { action: 'Start', proposedBy: actor(KATHERINE), expiresAt: minutes(1 + PROPOSAL_MINUTES).toISOString(), confirmCompromised: true } },
    ]);
  });
});

describe('decide: a committee of one acts alone, and the log says so', () => {
  const alone = [ADA, GRACE];

  it('locks at once with `alone: true`', () => {
    expect(accepted(decide(lock(SETUP_TIME), rosterStateIn('draft', alone), actor(ADA)))).toEqual([{ type: 'ElectionLocked', data: { alone: true } }]);
  });

  it('starts at once with `alone: true`, scheduled or open', () => {
    expect(accepted(decide(start(SETUP_TIME), rosterStateIn('locked', alone), actor(ADA)))).toEqual([{ type: 'VotingScheduled', data: { opensAt: OPENS_AT, closesAt: CLOSES_AT, alone: true } }]);
    const openNow: ElectionState = rosterStateIn('locked', alone, { window: { closesAt: CLOSES_AT } });
    expect(accepted(decide(start(SETUP_TIME), openNow, actor(ADA)))).toEqual([{ type: 'VotingOpened', data: { at: SETUP_TIME.toISOString(), alone: true } }]);
  });

  it('counts only members with the committee role: the help desk is no second member', () => {
    expect(refusal(decide(lock(SETUP_TIME), rosterStateIn('draft', alone), actor(GRACE))).code).toBe('forbidden');
  });
});
