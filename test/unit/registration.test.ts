import { describe, expect, it } from 'vitest';
import { decide, MAX_VOTER_GROUPS, registerVotersCommand, screenAgainstRoll, screenVoters, type AdmittedVoter, type ElectionState, type Screening, type VoterToRegister } from '../../domain';
import { accepted, CLOSES_AT, ELECTION_ID, refusal, run, SETUP_TIME, stateIn } from './fixtures';

const voter = (studentId: string, email: string, extra: Partial<VoterToRegister> = {}): VoterToRegister => ({ studentId, email, ...extra });
const screened = (voters: VoterToRegister[]): Screening => accepted(screenVoters(voters));
const admitted = (studentId: string, email: string, extra: Partial<AdmittedVoter> = {}): AdmittedVoter => ({ studentId, email, claimEmail: true, sharedEmail: false, ...extra });

describe('screening the voters of one request', () => {
  it('admits each voter with the student id normalised, claiming their address', () => {
    expect(screened([voter('ＡＢＣ1', 'abc1@uni.test'), voter('d2', 'd2@uni.test', { groups: ['faculty:informatik'] })])).toEqual({
      admitted: [admitted('abc1', 'abc1@uni.test'), admitted('d2', 'd2@uni.test', { groups: ['faculty:informatik'] })],
      alreadyRegistered: [],
      emailTaken: [],
    });
  });

  it('counts a student id given twice once, however it is written', () => {
    const { admitted: on, alreadyRegistered } = screened([voter('Twice', 'a@uni.test'), voter('TWICE', 'b@uni.test'), voter('ｔｗｉｃｅ', 'c@uni.test')]);
    expect(on.map((v) => v.email)).toEqual(['a@uni.test']);
    expect(alreadyRegistered).toEqual(['twice', 'twice']);
  });

  it('refuses an address given twice to the later voter, naming the first, unless the later one shares it and goes on without claiming it', () => {
    expect(screened([voter('s1', 'Shared@Uni.test'), voter('s2', 'shared@uni.test'), voter('s3', 'SHARED@uni.test', { sharedEmail: true })])).toEqual({
      admitted: [admitted('s1', 'Shared@Uni.test'), admitted('s3', 'SHARED@uni.test', { claimEmail: false, sharedEmail: true })],
      alreadyRegistered: [],
      emailTaken: [{ studentId: 's2', registeredAs: 's1' }],
    });
  });

  it("keeps each of a voter's groups once, and none when they have none", () => {
    const [grouped, plain] = screened([voter('s1', 'a@uni.test', { groups: ['x', 'y', 'x'] }), voter('s2', 'b@uni.test', { groups: [] })]).admitted;
    expect(grouped!.groups).toEqual(['x', 'y']);
    expect(plain).not.toHaveProperty('groups');
  });

  it('refuses a request with no voters, or with more voter groups than an election takes, whole', () => {
    expect(refusal(screenVoters([]))).toEqual({ code: 'invalid', message: 'no voters given' });
    const tooMany = Array.from({ length: MAX_VOTER_GROUPS + 1 }, (_, i) => voter(`s${i}`, `s${i}@uni.test`, { groups: [`g${i}`] }));
    expect(refusal(screenVoters(tooMany))).toEqual({ code: 'invalid', message: `voters: an election has at most ${MAX_VOTER_GROUPS} voter groups` });
    expect(screenVoters(tooMany.slice(1)).ok).toBe(true);
  });
});

describe('screening voters against what the roll holds', () => {
  const chunk = [admitted('s1', 'a@uni.test'), admitted('s2', 'b@uni.test'), admitted('s3', 'c@uni.test', { sharedEmail: true }), admitted('s4', 'd@uni.test')];

  it('refuses a student id on the roll and an address another id holds, and lets a voter who shares it on without claiming it', () => {
    const taken = [
      { studentId: 's2', registeredAs: 'old2' },
      { studentId: 's3', registeredAs: 'old3' },
    ];
    expect(screenAgainstRoll(chunk, { alreadyRegistered: ['s1'], emailTaken: taken })).toEqual({
      admitted: [admitted('s3', 'c@uni.test', { claimEmail: false, sharedEmail: true }), admitted('s4', 'd@uni.test')],
      alreadyRegistered: ['s1'],
      emailTaken: [{ studentId: 's2', registeredAs: 'old2' }],
    });
  });

  it('admits everyone again when the roll holds none of them', () => {
    expect(screenAgainstRoll(chunk, { alreadyRegistered: [], emailTaken: [] })).toEqual({ admitted: chunk, alreadyRegistered: [], emailTaken: [] });
  });
});

describe('the command that registers screened voters, as decide checks it', () => {
  const withContests = (): ElectionState =>
    run(
      { phase: 'none' },
      {
        type: 'CreateElection',
        electionId: ELECTION_ID,
        title: 'University elections',
        contests: [
          { id: 'parliament', title: 'Student parliament', ballot: { kind: 'single' } },
          { id: 'fac-inf', title: 'Faculty council Informatik', groups: ['faculty:informatik'], ballot: { kind: 'single' } },
        ],
        window: { closesAt: CLOSES_AT },
        now: SETUP_TIME,
      },
    );

  it('counts the voters, their groups and who may vote in each contest open to some groups only', () => {
    const voters = [admitted('s1', 'a@uni.test', { groups: ['faculty:informatik'] }), admitted('s2', 'b@uni.test'), admitted('s3', 'c@uni.test', { groups: ['status:doctoral'] })];
    const command = registerVotersCommand(withContests(), voters);
    expect(command).toEqual({ type: 'RegisterVoters', count: 3, groups: { 'faculty:informatik': 1, 'status:doctoral': 1 }, contests: { 'fac-inf': 1 } });
    expect(accepted(decide(command, withContests()))).toEqual([
      { type: 'VotersRegistered', data: { count: 3, groups: { 'faculty:informatik': 1, 'status:doctoral': 1 }, contests: { 'fac-inf': 1 } } },
    ]);
  });

  it('is refused by decide once the roll may no longer change', () => {
    expect(refusal(decide(registerVotersCommand(stateIn('open'), [admitted('s1', 'a@uni.test')]), stateIn('open'))).code).toBe('wrong_phase');
  });

  it('is refused by decide when the election would have more voter groups than it takes, as the request alone is by screenVoters', () => {
    let state = stateIn('draft');
    state = run(
      state,
      registerVotersCommand(
        state,
        Array.from({ length: MAX_VOTER_GROUPS }, (_, i) => admitted(`s${i}`, `s${i}@uni.test`, { groups: [`g${i}`] })),
      ),
    );
    expect(refusal(decide(registerVotersCommand(state, [admitted('late', 'late@uni.test', { groups: ['one-more'] })]), state))).toEqual({
      code: 'invalid',
      message: `voters: an election has at most ${MAX_VOTER_GROUPS} voter groups`,
    });
  });
});
