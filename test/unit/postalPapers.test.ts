import { describe, expect, it } from 'vitest';
import {
  auditLines,
  countContext,
  decide,
  differingFiguresIn,
  EMPTY_HEAD,
  evolve,
  extendChain,
  initialState,
  latestEntry,
  MAIN_CONTEST,
  postalEntriesIn,
  tally,
  takesPostalTotals,
  TOTALS_FIELDS,
  verifyAuditLog,
  type Actor,
  type BallotDefinition,
  type ElectionCommand,
  type ElectionState,
  type ExistingElection,
  type Member,
  type PostalEntryInput,
  type RecordedEvent,
  type SealedBallot,
} from '../../domain';
import { rechain } from '../audit/forge';
import { onlinePapers } from '../support/recordElection';
import { AFTER_VOTING, candidates, CLOSES_AT, ELECTION_ID, refusal, SETUP_TIME } from './fixtures';
import { ADA, actor, KATHERINE, MARGARET } from './committeeFixtures';

const ROSTER: Member[] = [ADA, KATHERINE, MARGARET];

/** An election of one contest built by decide, as the log records it: who asked, when. */
class Election {
  log: RecordedEvent[] = [];
  state: ElectionState = initialState;
  private minute = 0;

  constructor(
    readonly ballot: BallotDefinition,
    readonly names: string[],
    readonly voters: number,
    readonly postal: number,
    readonly online: SealedBallot[],
  ) {
    const create: ElectionCommand = {
      type: 'CreateElection',
      electionId: ELECTION_ID,
      title: 'Student council',
      ballot,
      candidates: candidates(...names),
      window: { closesAt: CLOSES_AT },
      committee: ROSTER,
      acceptance: 'committee',
      now: SETUP_TIME,
    };
    this.run(ADA, create);
    this.run(ADA, { type: 'RegisterVoters', count: voters });
    this.run(ADA, { type: 'RecordPostalVotes', voters: postal, contests: { main: postal } });
    for (const by of [ADA, KATHERINE]) this.run(by, { type: 'Lock', now: this.now() });
    for (const by of [ADA, KATHERINE]) this.run(by, { type: 'Start', now: this.now() });
    this.minute = (AFTER_VOTING.getTime() - SETUP_TIME.getTime()) / 60_000;
    this.run(undefined, { type: 'Close', now: this.now() });
    this.run(undefined, { type: 'SealAndTally', boxes: new Map([[MAIN_CONTEST, online]]), voters: online.length });
  }

  now(): Date {
    return new Date(SETUP_TIME.getTime() + this.minute * 60_000);
  }

  decide(by: Actor | undefined, command: ElectionCommand) {
    return decide(command, this.state, by && actor(by));
  }

  run(by: Actor | undefined, command: ElectionCommand): this {
    const decision = this.decide(by, command);
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.error.message}`);
    const recorded = extendChain(ELECTION_ID, this.log.at(-1) ?? EMPTY_HEAD, decision.value, this.now().toISOString(), by && actor(by));
    this.state = recorded.reduce(evolve, this.state);
    this.log.push(...recorded);
    this.minute += 1;
    return this;
  }

  /** A member's entry: a second one with the first as the log holds it. */
  entry(entry: 1 | 2, count: PostalEntryInput): ElectionCommand {
    const first = entry === 2 ? latestEntry(postalEntriesIn(this.log), MAIN_CONTEST, 1) : undefined;
    return { type: 'EnterPostalPapers', contest: MAIN_CONTEST, entry, count, ...(first && { first }) };
  }

  countWithPostal(): ElectionCommand {
    return { type: 'CountWithPostal', online: onlinePapers(new Map([[MAIN_CONTEST, this.online]])), postal: new Map([[MAIN_CONTEST, latestEntry(postalEntriesIn(this.log), MAIN_CONTEST, 2)!]]) };
  }

  /** Accepted by two members, then published. */
  acceptAndPublish(): this {
    for (const by of [ADA, KATHERINE]) this.run(by, { type: 'Accept', now: this.now() });
    return this.run(undefined, { type: 'Publish', now: this.now() });
  }

  tallied(): ExistingElection & { phase: 'tallied' } {
    if (this.state.phase !== 'tallied') throw new Error(`the election is ${this.state.phase}`);
    return this.state;
  }
}

const ballots = (...papers: string[][]): SealedBallot[] => papers.map((choices, i) => ({ ballotId: `b${i}`, choices }));
const papers = (...choices: string[][]) => choices.map((c) => (c.length === 0 ? { abstain: true as const } : { choices: c }));

/** Scottish STV for one seat: Ann and Bo tie for last online, a lot to draw. */
const stv = () => new Election({ kind: 'ranked', method: 'scottish-stv', seats: 1 }, ['Ann', 'Bo', 'Cy'], 12, 4, ballots(['Cy', 'Ann'], ['Cy'], ['Ann', 'Bo'], ['Bo', 'Ann']));
const POSTAL_RANKINGS = papers(['Ann', 'Bo'], ['Bo', 'Ann'], ['Ann'], []);

describe('decide: postal papers entered twice by two committee members', () => {
  it('records the first entry, and agrees when a second member enters the same papers in another order', () => {
    const election = stv().run(ADA, stv().entry(1, { papers: POSTAL_RANKINGS, invalid: 0 }));
    expect(election.tallied().postalEntries).toEqual([{ contest: 'main', first: { by: ADA.id, digest: expect.stringMatching(/^[0-9a-f]{64}$/) } }]);
    election.run(KATHERINE, election.entry(2, { papers: [...POSTAL_RANKINGS].reverse(), invalid: 0 }));
    const agreed = election.log.at(-1)!;
    expect(agreed).toMatchObject({
      type: 'PostalPapersAgreed',
      by: actor(KATHERINE),
      data: {
        contest: 'main',
        figures: {
          papers: 4,
          abstentions: 1,
          invalid: 0,
          votes: [
            { name: 'Ann', votes: 2 },
            { name: 'Bo', votes: 1 },
            { name: 'Cy', votes: 0 },
          ],
        },
      },
    });
    expect(election.tallied().postalEntries).toEqual([{ contest: 'main', agreed: agreed.type === 'PostalPapersAgreed' && agreed.data.digest, papers: 4, invalid: 0 }]);
  });

  it('refuses a second entry that differs, naming the papers in one entry only, and records nothing', () => {
    const election = stv().run(ADA, stv().entry(1, { papers: POSTAL_RANKINGS, invalid: 0 }));
    const differing = papers(['Bo', 'Ann'], ['Ann', 'Bo'], ['Bo']);
    expect(refusal(election.decide(KATHERINE, election.entry(2, { papers: differing, invalid: 1 })))).toEqual({
      code: 'entries_differ',
      message:
        'the second entry of "main" differs from the first: papers: 2 paper(s) differ (4 in the first entry, 3 in the second); only in the first: [Ann], (blank); only in the second: [Bo]; invalid: 0 in the first entry, 1 in the second',
    });
    // The committee reads again: a corrected first entry, then the second agrees with it.
    election.run(MARGARET, election.entry(1, { papers: differing, invalid: 1 })).run(KATHERINE, election.entry(2, { papers: differing, invalid: 1 }));
    expect(election.log.at(-1)!.type).toBe('PostalPapersAgreed');
  });

  it('refuses the member who gave the first entry as the second, and a second entry before any first', () => {
    const fresh = stv();
    expect(refusal(fresh.decide(KATHERINE, fresh.entry(2, { papers: POSTAL_RANKINGS, invalid: 0 })))).toEqual({
      code: 'conflict',
      message: 'entry: nobody gave the first entry of "main" yet: give it first',
    });
    const election = fresh.run(ADA, fresh.entry(1, { papers: POSTAL_RANKINGS, invalid: 0 }));
    expect(refusal(election.decide(ADA, election.entry(2, { papers: POSTAL_RANKINGS, invalid: 0 })))).toEqual({
      code: 'forbidden',
      message: 'entry: Ada Lovelace gave the first entry of "main": another committee member gives the second',
    });
  });

  it('refuses more papers than postal voters, an invalid paper, and totals for STV, each naming its field', () => {
    const election = stv();
    const five = papers(['Ann'], ['Bo'], ['Cy'], ['Ann'], ['Bo']);
    expect(refusal(election.decide(ADA, election.entry(1, { papers: five, invalid: 0 })))).toEqual({
      code: 'invalid',
      message: 'papers: 5 valid and 0 invalid papers, but only 4 postal voters may vote in "main"',
    });
    expect(refusal(election.decide(ADA, election.entry(1, { papers: papers(['Ann'], ['Ann']), invalid: 3 }))).message).toBe(
      'papers: 2 valid and 3 invalid papers, but only 4 postal voters may vote in "main"',
    );
    expect(refusal(election.decide(ADA, election.entry(1, { papers: papers(['Ann', 'Ann']), invalid: 0 }))).message).toBe('papers.0: "Ann" is chosen more than once');
    expect(refusal(election.decide(ADA, election.entry(1, { totals: { papers: 1, abstentions: 0, votes: [{ name: 'Ann', votes: 1 }] }, invalid: 0 })))).toEqual({
      code: 'invalid',
      message: 'totals: "main" is counted by scottish-stv, which reads each ranking: enter each postal paper ("papers"); totals are for single, multi, list and referendum ballots',
    });
  });

  it('refuses before the count, after the acceptance, and on an election that publishes by itself', () => {
    const election = stv();
    const count = { papers: [], invalid: 0 };
    expect(refusal(decide({ type: 'EnterPostalPapers', contest: MAIN_CONTEST, entry: 1, count }, evolveUpTo(election.log, 'VotingClosed'), actor(ADA))).code).toBe('wrong_phase');
    election.run(ADA, election.entry(1, count)).run(KATHERINE, election.entry(2, count)).run(undefined, election.countWithPostal()).acceptAndPublish();
    expect(refusal(election.decide(MARGARET, election.entry(1, count))).message).toBe(
      'postal papers are entered once the online papers are counted and before the results are accepted (the election is published)',
    );
  });

  it('refuses the acceptance until every contest with postal voters has agreed papers counted in; 0 papers agreed twice will do', () => {
    const election = stv();
    const accept: ElectionCommand = { type: 'Accept', now: election.now() };
    expect(refusal(election.decide(ADA, accept))).toEqual({
      code: 'conflict',
      message: 'postalPapers: the postal papers of "main" are not agreed yet: two committee members enter them (0 papers, if none arrived) before the results are accepted',
    });
    election.run(ADA, election.entry(1, { papers: [], invalid: 0 })).run(KATHERINE, election.entry(2, { papers: [], invalid: 0 }));
    expect(refusal(election.decide(ADA, accept)).message).toBe('postalPapers: the agreed postal papers are not counted yet: count them in before the results are accepted');
    election.run(undefined, election.countWithPostal());
    expect(election.decide(ADA, accept).ok).toBe(true);
  });

  it('refuses a count with postal papers other than those agreed', () => {
    const election = stv().run(ADA, stv().entry(1, { papers: POSTAL_RANKINGS, invalid: 0 }));
    election.run(KATHERINE, election.entry(2, { papers: POSTAL_RANKINGS, invalid: 0 }));
    const forged: ElectionCommand = { type: 'CountWithPostal', online: new Map(), postal: new Map([[MAIN_CONTEST, { papers: [['Bo']], invalid: 0 }]]) };
    expect(refusal(election.decide(undefined, forged)).message).toMatch(/^contest: the postal papers given for "main" are not the ones agreed \([0-9a-f]{64}\)$/);
  });
});

/** The state after the log up to its first event of this type. */
function evolveUpTo(log: readonly RecordedEvent[], type: RecordedEvent['type']): ElectionState {
  return log.slice(0, log.findIndex((e) => e.type === type) + 1).reduce(evolve, initialState);
}

describe('the count with postal papers equals a count of the online and postal papers pooled', () => {
  it('ranks the pooled papers, lots drawn from the online count’s seed', () => {
    const election = stv();
    const online = election.tallied().results.main!;
    expect(online.sheet!.lots.length).toBeGreaterThan(0);
    election.run(ADA, election.entry(1, { papers: POSTAL_RANKINGS, invalid: 0 })).run(KATHERINE, election.entry(2, { papers: POSTAL_RANKINGS, invalid: 0 }));
    election.run(undefined, election.countWithPostal());
    const state = election.tallied();
    const pooled = [...election.online, ...[['Ann', 'Bo'], ['Bo', 'Ann'], ['Ann'], []].map((choices) => ({ choices }))];
    const contest = state.contests[0]!;
    const expected = tally(contest.ballot, contest.candidates, pooled, countContext(state, contest, state.seal.digest));
    expect(state.results.main).toEqual(expected);
    expect(state.postalCounted).toBe(true);
    expect(state.results.main!.counts).toEqual([
      { candidate: 'Ann', votes: 3 },
      { candidate: 'Bo', votes: 2 },
      { candidate: 'Cy', votes: 2 },
    ]);
  });

  it('passes a referendum whose quorum only the postal yes votes reach, from hand-counted totals as from papers', () => {
    // 10 voters, a quorum of 50 %: 5 yes votes. Online 3 yes, 1 no; by post 2 yes and a blank paper.
    const referendum = () => new Election({ kind: 'referendum', majority: 'simple', quorumPercent: 50 }, [], 10, 4, ballots(['yes'], ['yes'], ['no'], ['yes']));
    const byHand = referendum();
    expect(byHand.tallied().results.main!.passed).toBe(false);
    const totals = { totals: { papers: 3, abstentions: 1, votes: [{ name: 'yes', votes: 2 }] }, invalid: 1 };
    byHand.run(ADA, byHand.entry(1, totals)).run(KATHERINE, byHand.entry(2, totals)).run(undefined, byHand.countWithPostal());
    const eachPaper = referendum();
    const postal = { papers: papers(['yes'], [], ['yes']), invalid: 1 };
    eachPaper.run(ADA, eachPaper.entry(1, postal)).run(KATHERINE, eachPaper.entry(2, postal)).run(undefined, eachPaper.countWithPostal());
    const state = eachPaper.tallied();
    const contest = state.contests[0]!;
    const pooled = tally(contest.ballot, contest.candidates, [...eachPaper.online, { choices: ['yes'] }, { choices: [] }, { choices: ['yes'] }], countContext(state, contest, state.seal.digest));
    expect(state.results.main).toEqual({ ...pooled, ballots: 8, invalid: 1 });
    expect(state.results.main).toMatchObject({
      passed: true,
      counts: [
        { candidate: 'yes', votes: 5 },
        { candidate: 'no', votes: 1 },
      ],
    });
    expect(byHand.tallied().results).toEqual(state.results);
  });

  it('refuses totals a count by marks could not have read off the papers', () => {
    const single = new Election({ kind: 'single' }, ['Ann', 'Bo'], 10, 3, ballots(['Ann']));
    expect(refusal(single.decide(ADA, single.entry(1, { totals: { papers: 2, abstentions: 0, votes: [{ name: 'Ann', votes: 3 }] }, invalid: 0 }))).message).toBe(
      'totals.votes: 3 votes on 2 valid non-blank papers: each has exactly one',
    );
    expect(refusal(single.decide(ADA, single.entry(1, { totals: { papers: 2, abstentions: 0, votes: [{ name: 'Zed', votes: 2 }] }, invalid: 0 }))).message).toBe(
      'totals.votes.0.name: "Zed" is not a name on the ballot of "main"',
    );
  });

  it("refuses a differing second entry of totals field by field, in words the console reads each field's figures from", () => {
    const multi = new Election({ kind: 'multi', maxChoices: 2 }, ['Ann', 'Bo; Cy', 'Dee'], 10, 6, ballots(['Ann']));
    const first = {
      totals: {
        papers: 4,
        abstentions: 1,
        votes: [
          { name: 'Ann', votes: 2 },
          { name: 'Dee', votes: 2 },
        ],
      },
      invalid: 1,
    };
    const second = {
      totals: {
        papers: 4,
        abstentions: 0,
        votes: [
          { name: 'Ann', votes: 2 },
          { name: 'Bo; Cy', votes: 1 },
          { name: 'Dee', votes: 2 },
        ],
      },
      invalid: 2,
    };
    multi.run(ADA, multi.entry(1, first));
    const { message } = refusal(multi.decide(KATHERINE, multi.entry(2, second)));
    expect(message).toBe(
      'the second entry of "main" differs from the first: totals.abstentions: 1 in the first entry, 0 in the second; totals.votes "Bo; Cy": 0 in the first entry, 1 in the second; invalid: 1 in the first entry, 2 in the second',
    );
    const fields = [TOTALS_FIELDS.papers, TOTALS_FIELDS.abstentions, ...['Ann', 'Bo; Cy', 'Dee'].map(TOTALS_FIELDS.votes), TOTALS_FIELDS.invalid];
    expect(fields.map((field) => differingFiguresIn(message, field))).toEqual([undefined, { first: 1, second: 0 }, undefined, { first: 0, second: 1 }, undefined, { first: 1, second: 2 }]);
  });

  it('takes totals for every method but a ranked one', () => {
    expect(takesPostalTotals({ kind: 'ranked', method: 'irv', seats: 1 })).toBe(false);
    for (const ballot of [{ kind: 'single' }, { kind: 'multi', maxChoices: 2 }, { kind: 'referendum', majority: 'simple' }] as const) expect(takesPostalTotals(ballot)).toBe(true);
  });
});

describe('the verifier replays the postal papers', () => {
  /** The export of a published election: its events, its online ballots, its roll of anonymous voters. */
  function exportOf(election: Election, events: readonly RecordedEvent[] = election.log) {
    const voters = Array.from({ length: election.voters }, (_, i) => ({ hash: i.toString(16).padStart(64, '0') }));
    const header = {
      kind: 'header',
      format: 'student-election-audit',
      version: 1,
      electionId: ELECTION_ID,
      title: 'Student council',
      events: events.length,
      ballots: election.online.length,
      participation: election.online.length,
      voters: voters.length,
      breaches: 0,
    } as const;
    return auditLines({ header, events: [...events], ballots: election.online.map(({ ballotId, choices }) => ({ ballotId, choices })), participation: election.online.length, voters });
  }

  /** Ten candidates of long names, 300 postal papers ranking them all: each entry takes two events. */
  const NAMES = [...'ABCDEFGHIJ'].map((letter) => `${letter} ${'Longname-'.repeat(10)}`);
  function published(): Election {
    const election = new Election({ kind: 'ranked', method: 'meek-stv', seats: 2 }, NAMES, 400, 300, ballots(NAMES.slice(0, 3), NAMES.slice(5), []));
    const rankings = Array.from({ length: 300 }, (_, i) => ({ choices: [...NAMES.slice(i % 10), ...NAMES.slice(0, i % 10)] }));
    election
      .run(ADA, election.entry(1, { papers: rankings, invalid: 0 }))
      .run(KATHERINE, election.entry(2, { papers: rankings, invalid: 0 }))
      .run(undefined, election.countWithPostal());
    return election.acceptAndPublish();
  }

  it('verifies an election whose results count the postal papers, each entry recorded in parts', () => {
    const election = published();
    expect(election.log.filter((e) => e.type === 'PostalPapersEntered').map((e) => e.type === 'PostalPapersEntered' && [e.data.entry, e.data.part, e.data.parts])).toEqual([
      [1, 0, 2],
      [1, 1, 2],
      [2, 0, 2],
      [2, 1, 2],
    ]);
    const report = verifyAuditLog(exportOf(election));
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('finds a postal paper changed in the log, even with the chain made whole again', () => {
    const election = published();
    const at = election.log.findIndex((e) => e.type === 'PostalPapersEntered' && e.data.entry === 2);
    const changed = election.log.map((e, i) =>
      i === at + 1 && e.type === 'PostalPapersEntered' && 'papers' in e.data ? { ...e, data: { ...e.data, papers: [[NAMES[1]!], ...e.data.papers.slice(1)] } } : e,
    );
    const report = verifyAuditLog(exportOf(election, rechain(changed)));
    expect(report.ok).toBe(false);
    expect(report.findings[0]).toMatch(new RegExp(`^event ${at + 1} \\(PostalPapersEntered\\) is not allowed there: the second entry of "main" differs from the first: papers: 1 paper\\(s\\) differ`));
  });

  it('finds a recount that does not match the papers', () => {
    const election = published();
    const at = election.log.findIndex((e) => e.type === 'PostalCounted');
    const changed = election.log.map((e, i) => (i === at && e.type === 'PostalCounted' ? { ...e, data: { results: { main: { ...e.data.results.main!, elected: ['Bo'] } } } } : e));
    const report = verifyAuditLog(exportOf(election, rechain(changed)));
    expect(report.findings).toContainEqual(expect.stringMatching(new RegExp(`^event ${at + 1} \\(PostalCounted\\) differs from what its command decides`)));
  });
});
