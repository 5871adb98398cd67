import { describe, expect, it } from 'vitest';
import { countReferendum } from '../../../domain/counting/referendum';

describe('referendums', () => {
  const base = { abstain: 3, registeredVoters: 100 };

  it('passes a simple majority with more yes than no, not with a tie', () => {
    expect(countReferendum({ ...base, yes: 11, no: 10, majority: 'simple' }).referendum!.passed).toBe(true);
    expect(countReferendum({ ...base, yes: 10, no: 10, majority: 'simple' }).referendum!.passed).toBe(false);
  });

  it('passes two thirds exactly, and not one vote short of it', () => {
    expect(countReferendum({ ...base, yes: 20, no: 10, majority: 'two-thirds' }).referendum!.passed).toBe(true);
    expect(countReferendum({ ...base, yes: 19, no: 10, majority: 'two-thirds' }).referendum!.passed).toBe(false);
    expect(countReferendum({ ...base, yes: 0, no: 0, majority: 'two-thirds' }).referendum!.passed).toBe(false);
  });

  it('needs yes votes of the quorum share of registered voters, rounded up', () => {
    // 25 % of 101 registered is 25.25: 26 yes votes.
    const short = countReferendum({ yes: 25, no: 1, abstain: 0, majority: 'simple', quorumPercent: 25, registeredVoters: 101 });
    expect(short.referendum).toMatchObject({ quorumVotes: 26, passed: false });
    expect(countReferendum({ yes: 26, no: 1, abstain: 0, majority: 'simple', quorumPercent: 25, registeredVoters: 101 }).referendum!.passed).toBe(true);
  });

  it('counts abstentions for neither side nor the quorum, and says so', () => {
    const sheet = countReferendum({ yes: 5, no: 4, abstain: 50, majority: 'simple', quorumPercent: 10, registeredVoters: 100 });
    expect(sheet.validBallots).toBe(9);
    expect(sheet.referendum).toMatchObject({ yes: 5, no: 4, abstain: 50, quorumVotes: 10, passed: false });
    expect(sheet.referendum!.reason).toContain('50 abstentions counted for neither side');
  });
});
