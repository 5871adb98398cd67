import { describe, expect, it } from 'vitest';
import { decide, initialState, LIMITS, type Actor, type ElectionCommand, type ElectionState, type Member, type Role } from '../../domain';
import { accepted, AFTER_VOTING, candidates, CLOSES_AT, ELECTION_ID, refusal, run, sealOne, SETUP_TIME, stateIn } from './fixtures';
import { ADA, actor, ALAN, COMMITTEE, GRACE, KATHERINE, rosterStateIn, runAs, STRANGER } from './committeeFixtures';

type CommandType = Exclude<ElectionCommand['type'], 'CreateElection'>;

/** One command of every kind an existing election takes: the compiler notices a new kind. */
const COMMANDS: { [type in CommandType]: Extract<ElectionCommand, { type: type }> } = {
  AddCandidates: { type: 'AddCandidates', candidates: candidates('Dana Diaz') },
  RegisterVoters: { type: 'RegisterVoters', count: 1 },
  RecordPostalVotes: { type: 'RecordPostalVotes', voters: 1, contests: { main: 1 } },
  SetVotingWindow: { type: 'SetVotingWindow', closesAt: CLOSES_AT, now: SETUP_TIME },
  SetObservers: { type: 'SetObservers', observers: ['observer@example.edu'] },
  SetMailWording: { type: 'SetMailWording', senderName: 'Wahlausschuss' },
  RecordObjection: { type: 'RecordObjection', receivedAt: AFTER_VOTING.toISOString(), grounds: 'Ein Wahlraum öffnete zu spät.', now: AFTER_VOTING },
  DecideObjection: { type: 'DecideObjection', objection: 1, outcome: 'rejected', reasons: 'Die Stimmabgabe war online möglich.' },
  Lock: { type: 'Lock', now: SETUP_TIME },
  Start: { type: 'Start', now: SETUP_TIME },
  Accept: { type: 'Accept', now: AFTER_VOTING },
  EnterPostalPapers: { type: 'EnterPostalPapers', contest: 'main', entry: 1, count: { papers: [], invalid: 0 } },
  CountWithPostal: { type: 'CountWithPostal', online: new Map(), postal: new Map() },
  Open: { type: 'Open', now: SETUP_TIME },
  Close: { type: 'Close', now: AFTER_VOTING },
  SealAndTally: sealOne([]) as Extract<ElectionCommand, { type: 'SealAndTally' }>,
  Publish: { type: 'Publish', now: AFTER_VOTING },
  IssueOfficialRecord: { type: 'IssueOfficialRecord', head: 1, records: [] },
  ReissueCredential: { type: 'ReissueCredential', voter: 'a'.repeat(64), requestedBy: 'admin' },
  CountLinkRequests: { type: 'CountLinkRequests', requests: 1 },
  CorrectVoterAddress: { type: 'CorrectVoterAddress', voter: 'a'.repeat(64) },
  RecordReminders: { type: 'RecordReminders', round: 0, voters: 1 },
  RecordCredentialsReleased: { type: 'RecordCredentialsReleased', now: new Date(0) },
  DeletePersonalData: { type: 'DeletePersonalData', now: new Date(0), rollHashes: '0'.repeat(64) },
  RecordLifecycleFailure: { type: 'RecordLifecycleFailure', step: 'CloseVoting', error: 'timed out' },
  RetryLifecycle: { type: 'RetryLifecycle' },
  RecordBreach: {
    type: 'RecordBreach',
    breach: { cloudTrailEventId: 'ct-1', eventName: 'ConsoleLogin', principal: 'arn:aws:iam::1:user/mallory', sourceIp: '198.51.100.7', eventTime: '', detectedAt: '' },
  },
  GiveCeremonyMessage: { type: 'GiveCeremonyMessage', message: null },
  AcceptMix: { type: 'AcceptMix', contest: 'main', position: 0, mixer: 1, papers: 0, digest: 'd'.repeat(64) },
  AcceptDecryption: { type: 'AcceptDecryption', contest: 'main', trustee: 1, digest: 'd'.repeat(64) },
  TallyOpened: { type: 'TallyOpened', papers: new Map() },
  RecordMember: { type: 'RecordMember', member: { id: 'u-new', name: 'Mary Jackson', role: 'helpdesk' } },
  RemoveMember: { type: 'RemoveMember', id: ALAN.id },
};

/** What the help desk does: everything else a person asks for is the committee's. */
const HELPDESK_COMMANDS: readonly CommandType[] = ['ReissueCredential', 'CorrectVoterAddress'];
/** What the system does on its own, with nobody signed in: the lifecycle workflow, the mail sender, breach detection. */
const SYSTEM_COMMANDS: readonly CommandType[] = [
  'Open',
  'Close',
  'SealAndTally',
  'TallyOpened',
  'CountWithPostal',
  'Publish',
  'DeletePersonalData',
  'IssueOfficialRecord',
  'RecordReminders',
  'RecordCredentialsReleased',
  'RecordLifecycleFailure',
  'CountLinkRequests',
  'RecordBreach',
];

const needed = (type: CommandType): Role => (HELPDESK_COMMANDS.includes(type) ? 'helpdesk' : 'committee');
const MAY: { [role in Role]: readonly Role[] } = { committee: ['committee', 'helpdesk'], helpdesk: ['helpdesk'], observer: [] };

/** A refusal for want of a role or membership, or undefined when the command got past them (it may still be refused for the phase). */
function forbidden(command: ElectionCommand, state: ElectionState, by: Actor | undefined): string | undefined {
  const decision = decide(command, state, by);
  return !decision.ok && decision.error.code === 'forbidden' ? decision.error.message : undefined;
}

describe('decide: the role each command needs, on an election with a committee roster', () => {
  const draft = rosterStateIn('draft');

  for (const type of Object.keys(COMMANDS) as CommandType[]) {
    const command = COMMANDS[type];
    for (const member of [ADA, GRACE, ALAN]) {
      const allowed = MAY[member.role].includes(needed(type));
      it(`${allowed ? 'lets' : 'refuses'} ${type} for a member with the ${member.role} role`, () => {
        expect(forbidden(command, draft, actor(member))).toBe(allowed ? undefined : `${type} needs the ${needed(type)} role: ${member.name} is ${member.role}`);
      });
    }

    it(`refuses ${type} for someone not on the election's committee`, () => {
      expect(forbidden(command, draft, STRANGER)).toBe(`${type} needs a committee member: "x1" is not on this election's committee`);
    });

    const system = SYSTEM_COMMANDS.includes(type);
    it(`${system ? 'lets the system ask for' : 'refuses'} ${type} with nobody signed in`, () => {
      expect(forbidden(command, draft, undefined)).toBe(system ? undefined : `${type} needs a committee member with the ${needed(type)} role: nobody signed in asked for it`);
    });
  }

  it('judges the role before the phase: a helpdesk member learns nothing of the lock but that it is not theirs', () => {
    expect(refusal(decide(COMMANDS.Lock, rosterStateIn('published'), actor(GRACE)))).toEqual({ code: 'forbidden', message: 'Lock needs the committee role: Grace Hopper is helpdesk' });
  });

  it("goes by the roster's role, not by what the caller says of themselves", () => {
    const claimsMore = { ...actor(GRACE), role: 'committee' } as Actor;
    expect(forbidden(COMMANDS.SetObservers, draft, claimsMore)).toBe('SetObservers needs the committee role: Grace Hopper is helpdesk');
  });

  it('lets the help desk re-issue a credential and correct an address, as far as the phase allows', () => {
    const locked = rosterStateIn('locked');
    expect(accepted(decide(COMMANDS.ReissueCredential, locked, actor(GRACE)))).toEqual([{ type: 'CredentialReissued', data: { voter: 'a'.repeat(64), requestedBy: 'admin' } }]);
    expect(accepted(decide(COMMANDS.CorrectVoterAddress, locked, actor(GRACE)))).toEqual([{ type: 'VoterAddressCorrected', data: { voter: 'a'.repeat(64) } }]);
  });

  it('replays a re-issue at a voter’s own request, from logs written while those re-issued, with nobody signed in', () => {
    expect(accepted(decide({ type: 'ReissueCredential', voter: 'b'.repeat(64), requestedBy: 'voter' }, rosterStateIn('open'), undefined))).toHaveLength(1);
  });

  it('lets the workflow open, close, count and publish an election with a roster, as it always has', () => {
    let state = rosterStateIn('locked', COMMITTEE, { window: { closesAt: CLOSES_AT } });
    state = runAs(actor(ADA), runAs(actor(KATHERINE), state, COMMANDS.Start), COMMANDS.Start);
    expect(state.phase).toBe('open');
    for (const command of [COMMANDS.Close, sealOne([]), COMMANDS.Publish]) state = runAs(undefined, state, command);
    expect(state.phase).toBe('published');
  });
});

describe('decide: elections without a roster check no role', () => {
  it('takes every command from anyone or nobody, exactly as before personal accounts', () => {
    for (const by of [undefined, STRANGER, actor(GRACE)]) {
      for (const command of Object.values(COMMANDS)) expect(forbidden(command, stateIn('draft'), by)).toBeUndefined();
    }
  });

  it('locks at once, with nothing about who agreed, whoever asks', () => {
    expect(accepted(decide({ type: 'Lock', now: SETUP_TIME }, stateIn('draft'), actor(ADA)))).toEqual([{ type: 'ElectionLocked', data: {} }]);
  });
});

describe('decide: creating an election with its committee', () => {
  const create = (committee: Member[] | undefined): ElectionCommand => ({
    type: 'CreateElection',
    electionId: ELECTION_ID,
    title: 'Student council',
    ballot: { kind: 'single' },
    now: SETUP_TIME,
    ...(committee && { committee }),
  });

  it('records the roster in ElectionCreated, and the state keeps it', () => {
    const [created] = accepted(decide(create(COMMITTEE), initialState, actor(ADA)));
    expect(created).toEqual({ type: 'ElectionCreated', data: { electionId: ELECTION_ID, title: 'Student council', ballot: { kind: 'single' }, committee: COMMITTEE } });
    expect(runAs(actor(ADA), initialState, create(COMMITTEE))).toMatchObject({ phase: 'draft', committee: COMMITTEE });
  });

  it('records the members as id, name and role only', () => {
    const [created] = accepted(decide(create([{ ...ADA, email: 'ada@example.edu' } as Member]), initialState, actor(ADA)));
    expect(created?.type === 'ElectionCreated' && created.data.committee).toEqual([ADA]);
  });

  it('is the committee role’s to do, by a member of the roster it gives', () => {
    expect(refusal(decide(create(COMMITTEE), initialState, actor(GRACE)))).toEqual({ code: 'forbidden', message: 'CreateElection needs the committee role: Grace Hopper is helpdesk' });
    expect(refusal(decide(create(COMMITTEE), initialState, STRANGER)).message).toBe('CreateElection needs a committee member: "x1" is not on this election\'s committee');
    expect(refusal(decide(create(COMMITTEE), initialState, undefined)).code).toBe('forbidden');
  });

  it('refuses a roster naming a member twice, a role it does not know, an empty id, or more than the limit, naming the field', () => {
    expect(refusal(decide(create([ADA, { ...ADA, name: 'Ada King' }]), initialState, actor(ADA)))).toEqual({ code: 'invalid', message: 'committee.1.id: "u-ada" is given twice' });
    expect(refusal(decide(create([ADA, { ...GRACE, role: 'admin' as Role }]), initialState, actor(ADA))).message).toBe('committee.1.role: must be one of committee, helpdesk, observer');
    expect(refusal(decide(create([ADA, { ...GRACE, id: '' }]), initialState, actor(ADA))).message).toMatch(/^committee\.1\.id: /);
    expect(refusal(decide(create([ADA, { ...GRACE, name: ' Grace' }]), initialState, actor(ADA))).message).toMatch(/^committee\.1\.name: /);
    const many = Array.from({ length: LIMITS.committeeMembers + 1 }, (_, i): Member => ({ id: `u-${i}`, name: `Member ${i}`, role: 'committee' }));
    expect(refusal(decide(create(many), initialState, actor(many[0]!))).message).toBe(`committee: at most ${LIMITS.committeeMembers} members`);
  });

  it('without a committee creates an election that keeps no roster, as the 2019 command API does', () => {
    const state = run(initialState, create(undefined));
    expect(state.phase !== 'none' && state.committee).toBeUndefined();
  });
});

describe('decide: keeping the roster current', () => {
  const draft = rosterStateIn('draft');
  const MARY: Member = { id: 'u-mary', name: 'Mary Jackson', role: 'helpdesk' };

  it('records a new member, and a changed role, which the roster then holds', () => {
    const joined = runAs(actor(ADA), draft, { type: 'RecordMember', member: MARY });
    expect(joined.phase !== 'none' && joined.committee).toEqual([...COMMITTEE, MARY]);
    const promoted = runAs(actor(ADA), joined, { type: 'RecordMember', member: { ...MARY, role: 'committee' } });
    expect(promoted.phase !== 'none' && promoted.committee?.at(-1)).toEqual({ ...MARY, role: 'committee' });
    expect(forbidden(COMMANDS.Lock, promoted, actor(MARY))).toBeUndefined();
  });

  it('records nothing when the member is already on the roster as given', () => {
    expect(accepted(decide({ type: 'RecordMember', member: GRACE }, draft, actor(ADA)))).toEqual([]);
  });

  it('removes a member, naming them in the event, and their commands are refused from then on', () => {
    expect(accepted(decide({ type: 'RemoveMember', id: GRACE.id }, draft, actor(ADA)))).toEqual([{ type: 'MemberRemoved', data: { id: GRACE.id, name: 'Grace Hopper' } }]);
    const without = runAs(actor(ADA), draft, { type: 'RemoveMember', id: GRACE.id });
    expect(forbidden(COMMANDS.CorrectVoterAddress, without, actor(GRACE))).toBe('CorrectVoterAddress needs a committee member: "u-grace" is not on this election\'s committee');
  });

  it('refuses to remove someone not on the roster, naming the field', () => {
    expect(refusal(decide({ type: 'RemoveMember', id: 'u-nobody' }, draft, actor(ADA)))).toEqual({ code: 'not_found', message: 'id: "u-nobody" is not on this election\'s committee' });
  });

  it('keeps a member who can act as the committee: the last one is neither removed nor demoted', () => {
    const alone = runAs(actor(ADA), draft, { type: 'RemoveMember', id: KATHERINE.id });
    expect(refusal(decide({ type: 'RemoveMember', id: ADA.id }, alone, actor(ADA)))).toEqual({
      code: 'conflict',
      message: 'id: Ada Lovelace is the only member with the committee role: give someone else the role first',
    });
    expect(refusal(decide({ type: 'RecordMember', member: { ...ADA, role: 'observer' } }, alone, actor(ADA))).message).toBe(
      'member.role: Ada Lovelace is the only member with the committee role: give someone else the role first',
    );
  });

  it('refuses a member beyond the limit and a malformed one, naming the field', () => {
    expect(refusal(decide({ type: 'RecordMember', member: { ...MARY, role: 'chair' as Role } }, draft, actor(ADA))).message).toBe('member.role: must be one of committee, helpdesk, observer');
    const full = rosterStateIn('draft', [ADA, ...Array.from({ length: LIMITS.committeeMembers - 1 }, (_, i): Member => ({ id: `u-${i}`, name: `Member ${i}`, role: 'observer' }))]);
    expect(refusal(decide({ type: 'RecordMember', member: MARY }, full, actor(ADA))).message).toBe(`member: the committee has ${LIMITS.committeeMembers} members, the most an election keeps`);
  });

  it('takes no membership change once the election is published', () => {
    expect(refusal(decide({ type: 'RecordMember', member: MARY }, rosterStateIn('published'), actor(ADA)))).toEqual({
      code: 'wrong_phase',
      message: 'the election is published: its committee stays as it was',
    });
    expect(refusal(decide({ type: 'RemoveMember', id: GRACE.id }, rosterStateIn('published'), actor(ADA))).code).toBe('wrong_phase');
  });

  it('takes no membership change on an election created without a roster, saying why', () => {
    expect(refusal(decide({ type: 'RecordMember', member: MARY }, stateIn('draft'), actor(ADA)))).toEqual({
      code: 'wrong_phase',
      message: "this election was created without its committee's members, so its log keeps no roster to change: it checks no member's role",
    });
    expect(refusal(decide({ type: 'RemoveMember', id: GRACE.id }, stateIn('open'), actor(ADA))).code).toBe('wrong_phase');
  });
});
