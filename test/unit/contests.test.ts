import { describe, expect, it } from 'vitest';
import {
  contestsDigest,
  decide,
  fillPapers,
  fromStoredState,
  MAIN_CONTEST,
  replay,
  resultsWithSheets,
  type ContestDefinition,
  type ElectionCommand,
  type ElectionState,
  type LegacyState,
} from '../../domain';
import { AFTER_VOTING, candidates, CLOSES_AT, ELECTION_ID, OPENS_AT, SETUP_TIME, accepted, eventsUpTo, onlyContest, refusal, run, sealOne, stateIn } from './fixtures';

/** The domain of contests: their definition, who may vote in which, papers, postal votes, the seal and the tally of each. */
const CONTESTS: (ContestDefinition & { candidates?: ReturnType<typeof candidates> })[] = [
  { id: 'parliament', title: 'Student parliament', ballot: { kind: 'multi', maxChoices: 2 }, candidates: candidates('Ada', 'Bea', 'Cal') },
  { id: 'fac-inf', title: 'Faculty council Informatik', groups: ['faculty:informatik'], ballot: { kind: 'single' }, candidates: candidates('Dan', 'Eve') },
  { id: 'doc-ref', title: 'Doctoral referendum', groups: ['status:doctoral'], ballot: { kind: 'referendum', majority: 'simple' } },
];
const create = (contests = CONTESTS): ElectionCommand => ({ type: 'CreateElection', electionId: ELECTION_ID, title: 'University elections', contests, now: SETUP_TIME });

function openElection(): ElectionState {
  let state = run({ phase: 'none' }, create());
  state = run(state, { type: 'RegisterVoters', count: 4, groups: { 'faculty:informatik': 3, 'status:doctoral': 1 }, contests: { 'fac-inf': 3, 'doc-ref': 1 } });
  state = run(state, { type: 'RecordPostalVotes', voters: 1, contests: { parliament: 1, 'fac-inf': 1, 'doc-ref': 0 } });
  state = run(state, { type: 'SetVotingWindow', opensAt: OPENS_AT, closesAt: CLOSES_AT, now: SETUP_TIME });
  state = run(state, { type: 'Lock', now: SETUP_TIME });
  return run(state, { type: 'Start', now: new Date(OPENS_AT) });
}

describe('an election of several contests', () => {
  it('records each contest and its candidates, who may vote in each and who voted by post', () => {
    const state = openElection();
    if (state.phase !== 'open') throw new Error('unreachable');
    expect(state.contests.map((c) => [c.id, c.candidates.length])).toEqual([
      ['parliament', 3],
      ['fac-inf', 2],
      ['doc-ref', 0],
    ]);
    expect(state.eligible).toEqual({ 'fac-inf': 3, 'doc-ref': 1 });
    expect(state.postal).toEqual({ voters: 1, contests: { parliament: 1, 'fac-inf': 1, 'doc-ref': 0 } });
  });

  it('refuses contests that do not make sense, naming the field', () => {
    const refused = (contests: typeof CONTESTS) => refusal(decide(create(contests), { phase: 'none' })).message;
    expect(refused([])).toBe('contests: give 1 to 20 contests');
    expect(refused([CONTESTS[0]!, { ...CONTESTS[1]!, id: 'parliament' }])).toBe('contests.1.id: "parliament" is given twice');
    expect(refused([{ ...CONTESTS[0]!, id: 'Parliament!' }])).toBe('contests.0.id: must be 1–40 lowercase letters, digits or dashes');
    expect(refused([{ ...CONTESTS[1]!, groups: ['Faculty Informatik'] }])).toContain('contests.0.groups.0: "Faculty Informatik" is not a group');
    expect(refused([CONTESTS[0]!, { ...CONTESTS[1]!, ballot: { kind: 'ranked', method: 'irv', seats: 2 } }])).toBe(
      'contests.1.ballot.seats: IRV fills one seat; use scottish-stv or meek-stv for more',
    );
    expect(refused([CONTESTS[0]!, { ...CONTESTS[2]!, candidates: candidates('Zed') }])).toBe('contests.1.candidates: a referendum has no candidates, only yes and no');
    expect(refused([CONTESTS[0]!, { ...CONTESTS[1]!, title: 'Student Parliament' }])).toContain('contests.1.title: "Student Parliament" looks like "Student parliament"');
  });

  it('needs the count of new voters who may vote in each contest for some groups only, and no other', () => {
    const created = run({ phase: 'none' }, create());
    expect(refusal(decide({ type: 'RegisterVoters', count: 2 }, created)).message).toBe('contests.fac-inf: the count of voters who may vote in it is missing');
    expect(refusal(decide({ type: 'RegisterVoters', count: 2, contests: { 'fac-inf': 3, 'doc-ref': 0 } }, created)).message).toBe('contests.fac-inf: must be a whole number from 0 to 2');
    expect(refusal(decide({ type: 'RegisterVoters', count: 2, contests: { 'fac-inf': 1, 'doc-ref': 0, parliament: 2 } }, created)).message).toBe(
      'contests.parliament: not a contest open to some groups only',
    );
  });

  it('records postal votes only before the start, and never more than are registered', () => {
    const registered = run(run({ phase: 'none' }, create()), { type: 'RegisterVoters', count: 2, contests: { 'fac-inf': 2, 'doc-ref': 0 } });
    const postal = (voters: number): ElectionCommand => ({ type: 'RecordPostalVotes', voters, contests: { parliament: voters, 'fac-inf': voters, 'doc-ref': 0 } });
    expect(refusal(decide(postal(3), registered)).message).toBe('3 postal voters but only 2 registered');
    expect(refusal(decide(postal(1), openElection())).code).toBe('wrong_phase');
    expect(accepted(decide(postal(2), registered))).toEqual([{ type: 'PostalVotesRecorded', data: { voters: 2, contests: { parliament: 2, 'fac-inf': 2, 'doc-ref': 0 } } }]);
  });

  it("fills the papers a voter gives, in the contests' order, naming a wrong one", () => {
    const state = openElection();
    expect(accepted(fillPapers(state, { papers: { 'doc-ref': { choices: ['Yes'] }, parliament: { choices: ['cal', 'Ada'] } } }))).toEqual([
      { contest: 'parliament', content: { choices: ['Ada', 'Cal'] } },
      { contest: 'doc-ref', content: { choices: ['yes'] } },
    ]);
    expect(refusal(fillPapers(state, { papers: { parliament: { choices: ['Ada', 'Bea', 'Cal'] } } })).message).toBe('papers.parliament: 3 candidates chosen; at most 2 allowed');
    expect(refusal(fillPapers(state, { papers: {} })).message).toBe('papers: give at least one paper (an abstention counts)');
    expect(refusal(fillPapers(state, { choices: ['Ada'] })).message).toContain('papers: this election has 3 contests');
  });

  it("seals each contest's box apart, counts each by its rule, and pins them all with one digest", () => {
    const closed = run(openElection(), { type: 'Close', now: AFTER_VOTING });
    const boxes = {
      parliament: [
        { ballotId: 'p1', choices: ['Ada', 'Bea'] },
        { ballotId: 'p2', choices: ['Ada'] },
      ],
      'fac-inf': [{ ballotId: 'f1', choices: ['Eve'] }],
      'doc-ref': [{ ballotId: 'd1', choices: ['no'] }],
    };
    const events = accepted(decide({ type: 'SealAndTally', boxes: new Map(Object.entries(boxes)), voters: 2 }, closed));
    const [sealed, sheet, tallied] = events;
    if (sealed?.type !== 'BallotBoxSealed' || sheet?.type !== 'CountSheetRecorded' || tallied?.type !== 'ResultsTallied' || !('results' in tallied.data)) throw new Error('unreachable');
    // The referendum's sheet is an event of its own, between the seal and the results; the results carry no sheet.
    expect(events).toHaveLength(3);
    expect(sheet.data.contest).toBe('doc-ref');
    expect(sheet.data.sheet.referendum).toMatchObject({ yes: 0, no: 1 });
    expect(Object.values(tallied.data.results).some((r) => r.sheet)).toBe(false);
    expect(resultsWithSheets(tallied.data.results, events)['doc-ref']!.sheet).toEqual(sheet.data.sheet);
    expect(sealed.data.ballotCount).toBe(4);
    expect(sealed.data.voters).toBe(2);
    expect(sealed.data.digest).toBe(contestsDigest(sealed.data.contests!));
    expect(sealed.data.contests!.map((c) => [c.contest, c.ballotCount])).toEqual([
      ['parliament', 2],
      ['fac-inf', 1],
      ['doc-ref', 1],
    ]);
    expect(tallied.data.results.parliament!.elected).toEqual(['Ada', 'Bea']);
    expect(tallied.data.results['fac-inf']!.elected).toEqual(['Eve']);
    // The referendum's quorum and turnout count the voters who may vote in it: one.
    expect(tallied.data.results['doc-ref']!).toMatchObject({ passed: false, ballots: 1 });
    const moved = { ...boxes, 'fac-inf': [], parliament: [...boxes.parliament, { ballotId: 'f1', choices: ['Eve'] }] };
    expect(decide({ type: 'SealAndTally', boxes: new Map(Object.entries(moved)), voters: 2 }, closed)).not.toEqual(
      decide({ type: 'SealAndTally', boxes: new Map(Object.entries(boxes)), voters: 2 }, closed),
    );
  });

  it('says everything still missing at the start at once: the deadline, each contest that is not ready, the voters', () => {
    let state = run(
      { phase: 'none' },
      create([
        { id: 'a', title: 'A', ballot: { kind: 'single' } },
        { id: 'b', title: 'B', ballot: { kind: 'ranked', method: 'scottish-stv', seats: 3 }, candidates: candidates('Ada', 'Bea') },
      ]),
    );
    state = run(state, { type: 'Lock', now: SETUP_TIME });
    expect(refusal(decide({ type: 'Start', now: new Date(OPENS_AT) }, state)).message).toBe(
      'set a deadline (closesAt) before starting; contest "a": add candidates before starting; contest "b": the ballot fills 3 seats but has 2 candidates; register voters before starting',
    );
  });

  it('checks that every contest is ready before the start, naming the one that is not', () => {
    let state = run(
      { phase: 'none' },
      create([
        { id: 'a', title: 'A', ballot: { kind: 'single' }, candidates: candidates('Ada') },
        { id: 'b', title: 'B', ballot: { kind: 'single' } },
      ]),
    );
    state = run(state, { type: 'RegisterVoters', count: 1 });
    state = run(state, { type: 'SetVotingWindow', closesAt: CLOSES_AT, now: SETUP_TIME });
    state = run(state, { type: 'Lock', now: SETUP_TIME });
    expect(refusal(decide({ type: 'Start', now: new Date(OPENS_AT) }, state)).message).toBe('contest "b": add candidates before starting');
  });
});

describe('an election of one ballot, as every election was before contests', () => {
  it('is one contest, main, titled like the election, whose seal and result are recorded as before', () => {
    const state = stateIn('closed');
    expect(onlyContest(state)).toMatchObject({ id: MAIN_CONTEST, title: 'Student council', ballot: { kind: 'single' } });
    const ballots = [{ ballotId: 'x', choices: ['Bob Brown'] }];
    expect(accepted(decide(sealOne(ballots), state)).map((e) => Object.keys(e.data))).toEqual([['ballotCount', 'digest'], ['result']]);
  });

  it('reads a state stored before contests existed as its events replay it', () => {
    const events = eventsUpTo('published');
    const replayed = replay(events);
    if (replayed.phase !== 'published') throw new Error('unreachable');
    const { contests, results, ...rest } = replayed;
    const stored: LegacyState = { ...rest, ballot: contests[0]!.ballot, candidates: contests[0]!.candidates, result: results.main! };
    expect(fromStoredState(JSON.parse(JSON.stringify(stored)))).toEqual(replayed);
    expect(fromStoredState(replayed)).toBe(replayed);
  });
});

describe('the size of an election of many contests', () => {
  const person = (name: string, list?: string) => ({
    name,
    email: `${name.replace(/ /g, '.').toLowerCase()}@students.uni-example.de`,
    pageLink: 'https://asta.uni-example.de/wahl/kandidierende',
    ...(list && { list }),
  });
  const lists = Array.from({ length: 10 }, (_, i) => `Liste ${i + 1}`);
  const parliament: ContestDefinition & { candidates: ReturnType<typeof person>[] } = {
    id: 'parliament',
    title: 'Studierendenparlament',
    ballot: { kind: 'list', method: 'sainte-lague', seats: 40, lists, votes: 3, maxPerCandidate: 2 },
    candidates: Array.from({ length: 100 }, (_, i) => person(`Kandidatin Nummer ${i}`, lists[i % 10])),
  };
  const council = (f: number, candidates: number) => ({
    id: `fac-${f}`,
    title: `Fachschaftsrat ${f}`,
    groups: [`faculty:f${f}`],
    ballot: { kind: 'ranked' as const, method: 'scottish-stv' as const, seats: 5 },
    candidates: Array.from({ length: candidates }, (_, i) => person(`Kandidat ${f} Nummer ${i}`)),
  });

  it('takes a parliament of 100 candidates on 10 lists, 18 faculty councils of 12 by STV and a referendum: the sheets are events of their own', () => {
    const contests = [
      parliament,
      ...Array.from({ length: 18 }, (_, f) => council(f, 12)),
      { id: 'ticket', title: 'Urabstimmung Semesterticket', ballot: { kind: 'referendum' as const, majority: 'simple' as const } },
    ];
    expect(accepted(decide(create(contests), { phase: 'none' }))).toHaveLength(1 + 19);
  });

  it('refuses a contest whose count sheet alone could outgrow its event, naming it', () => {
    expect(refusal(decide(create([parliament, council(1, 40)]), { phase: 'none' })).message).toMatch(/^candidates: the count sheet of contest "fac-1" could take \d+ bytes; the limit is 307200/);
  });
});
