import { describe, expect, it } from 'vitest';
import { decide, extendChain, EMPTY_HEAD, verifyAuditLog, type AuditLine, type ElectionEvent } from '../../domain';
import { accepted, candidates, ELECTION_ID, eventsUpTo, refusal, run, SETUP_TIME, stateIn } from './fixtures';

/** The roll is frozen by the lock that fingerprints it: what decide allows, the verifier replays. */
describe('the roll after the lock', () => {
  const roll = { voters: 100, fingerprint: 'f'.repeat(64) };
  const locked = run(stateIn('draft'), { type: 'Lock', roll, now: SETUP_TIME });
  const frozen = (what: string) => ({ code: 'wrong_phase', message: `cannot ${what}: the roll was fingerprinted when the election was locked, and stays as it was then` });

  it('takes no voter and no postal mark once the lock has fingerprinted it, but candidates and the window still', () => {
    expect(refusal(decide({ type: 'RegisterVoters', count: 1 }, locked))).toEqual(frozen('add voters'));
    expect(refusal(decide({ type: 'RecordPostalVotes', voters: 1, contests: { main: 1 } }, locked))).toEqual(frozen('record postal votes'));
    expect(accepted(decide({ type: 'AddCandidates', candidates: candidates('Dana Diaz') }, locked))).toHaveLength(1);
    expect(accepted(decide({ type: 'SetVotingWindow', closesAt: '2025-03-14T18:00:00.000Z', now: new Date('2025-03-02T09:00:00.000Z') }, locked))).toHaveLength(1);
  });

  it('after a lock recorded without a fingerprint, as in logs written before it was, still takes voters: such a log replays as it was written', () => {
    expect(accepted(decide({ type: 'RegisterVoters', count: 1 }, stateIn('locked')))).toEqual([{ type: 'VotersRegistered', data: { count: 1 } }]);
  });

  it('is what the verifier holds a log to: voters registered after the fingerprinted lock are not allowed there', () => {
    const events: ElectionEvent[] = [...eventsUpTo('draft'), { type: 'ElectionLocked', data: { roll } }, { type: 'VotersRegistered', data: { count: 1 } }];
    const recorded = extendChain(ELECTION_ID, EMPTY_HEAD, events, '2025-03-02T09:00:00.000Z');
    const lines: AuditLine[] = recorded.map((event) => ({ kind: 'event', event }));
    const late = recorded.at(-1)!;
    expect(verifyAuditLog(lines).findings).toContain(`event ${late.seq} (VotersRegistered) is not allowed there: ${frozen('add voters').message}`);
  });
});
