import {
  challengeEndsAt,
  eligibleVoters,
  ownValue,
  postalVoters,
  resultsWithSheets,
  RON,
  seatsOf,
  type Breach,
  type Contest,
  type CountingMethod,
  type ExistingElection,
  type Lot,
  type PostalFigures,
  type RecordedEvent,
  type TallyResult,
} from '../domain';
import type { Block, Section } from './recordDocument';
import type { RecordStrings, StepName } from './strings';

/** What every section reads: the log, the state it folds to, and how to write times and numbers. */
export interface RecordFacts {
  events: readonly RecordedEvent[];
  state: ExistingElection;
  text: RecordStrings;
  time: (iso: string | undefined) => string;
  number: (n: number) => string;
}

/**
 * The record's sections, in order. Each returns nothing when the log holds nothing for it: a
 * section for what the log gains later (the committee's remarks, say) goes into this list.
 */
export const SECTIONS: readonly ((facts: RecordFacts) => Section | Section[] | undefined)[] = [
  electionSection,
  windowSection,
  committeeSection,
  stepsSection,
  votersSection,
  breachesSection,
  contestSections,
  lotsSection,
  integritySection,
  objectionsSection,
  notYetSection,
  signaturesSection,
  issuedSection,
];

/** One section per counted contest. */
function contestSections(facts: RecordFacts): Section[] {
  const { state } = facts;
  if (!('results' in state)) return [];
  const results = resultsWithSheets(state.results, facts.events);
  return state.contests.flatMap((contest) => {
    const result = ownValue(results, contest.id);
    return result ? [contestSection(facts, contest, result)] : [];
  });
}

function electionSection({ state, text, number }: RecordFacts): Section {
  return {
    title: text.sections.election,
    blocks: [
      {
        kind: 'fields',
        rows: [
          [text.fields.electionTitle, state.title],
          [text.fields.electionId, state.electionId],
          [text.fields.box, state.sealed ? text.fields.sealedBox : text.fields.openBox],
          [text.fields.contests, number(state.contests.length)],
        ],
      },
      {
        kind: 'table',
        columns: [text.columns.contest, text.fields.method, text.fields.seats, text.fields.groups],
        widths: [0.3, 0.38, 0.08, 0.24],
        rows: state.contests.map((c) => [`${c.title} (${c.id})`, methodOf(text, c), number(seatsOf(c.ballot)), c.groups?.join(', ') ?? text.fields.allVoters]),
      },
    ],
  };
}

function windowSection({ state, text, time }: RecordFacts): Section {
  const rows: [string, string][] = [
    [text.fields.opensAt, state.window.opensAt ? time(state.window.opensAt) : text.fields.notSet],
    [text.fields.closesAt, state.window.closesAt ? time(state.window.closesAt) : text.fields.notSet],
  ];
  if ('openedAt' in state) rows.push([text.fields.openedAt, time(state.openedAt)]);
  if ('closedAt' in state) rows.push([text.fields.closedAt, time(state.closedAt)]);
  if ('publishedAt' in state) rows.push([text.fields.publishedAt, time(state.publishedAt)]);
  return { title: text.sections.window, blocks: [{ kind: 'fields', rows }] };
}

function committeeSection({ state, text }: RecordFacts): Section {
  if (!state.committee || state.committee.length === 0) return { title: text.sections.committee, blocks: [{ kind: 'paragraph', text: text.noRoster }] };
  return {
    title: text.sections.committee,
    blocks: [{ kind: 'table', columns: [text.columns.name, text.columns.role], widths: [0.6, 0.4], rows: state.committee.map((m) => [m.name, text.roles[m.role]]) }],
  };
}

/** The events that are steps of the election, by the step they are: every admin event, and the workflow's. */
const STEPS: ReadonlyMap<RecordedEvent['type'], StepName> = new Map([
  ['ElectionCreated', 'created'],
  ['CandidatesAdded', 'candidates'],
  ['VotersRegistered', 'voters'],
  ['PostalVotesRecorded', 'postal'],
  ['VotingWindowSet', 'window'],
  ['ObserversSet', 'observers'],
  ['MemberRecorded', 'memberRecorded'],
  ['MemberRemoved', 'memberRemoved'],
  ['ElectionLocked', 'locked'],
  ['VotingScheduled', 'scheduled'],
  ['VotingOpened', 'opened'],
  ['VotingClosed', 'closed'],
  ['BallotBoxSealed', 'sealed'],
  ['ResultsTallied', 'tallied'],
  ['PostalCounted', 'postalCounted'],
  ['ResultsAccepted', 'accepted'],
  ['OfficialRecordIssued', 'issued'],
  ['ResultsPublished', 'published'],
  ['LifecycleRetried', 'retried'],
  ['MailWordingSet', 'wording'],
  ['ObjectionRecorded', 'objectionRecorded'],
  ['ObjectionDecided', 'objectionDecided'],
]);

function stepsSection({ events, text, time }: RecordFacts): Section {
  const rows = events.flatMap((event) => {
    const step =
      event.type === 'PostalPapersEntered'
        ? event.data.entry === 1 && (event.data.part ?? 0) === 0
          ? 'postalEntered'
          : undefined
        : event.type === 'PostalPapersAgreed'
          ? 'postalAgreed'
          : STEPS.get(event.type);
    if (!step) return [];
    const agreement =
      'proposedBy' in event.data && event.data.proposedBy ? text.agreement.proposedBy(event.data.proposedBy.name) : 'alone' in event.data && event.data.alone ? text.agreement.alone : '';
    return [[text.steps[step], time(event.at), event.by?.name ?? text.agreement.system, agreement]];
  });
  return { title: text.sections.steps, blocks: [{ kind: 'table', columns: [text.columns.step, text.columns.time, text.columns.by, text.columns.agreement], widths: [0.3, 0.27, 0.2, 0.23], rows }] };
}

function votersSection({ state, text, number }: RecordFacts): Section {
  const blocks: Block[] = [
    {
      kind: 'fields',
      rows: [
        [text.fields.eligible, number(state.voterCount)],
        [text.fields.postal, number(state.postal?.voters ?? 0)],
        ...('seal' in state && state.seal?.voters !== undefined ? [[text.fields.votersOnline, number(state.seal.voters)] as const] : []),
      ],
    },
  ];
  const groups = Object.entries(state.voterGroups ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (groups.length > 0) blocks.push({ kind: 'table', columns: [text.columns.group, text.columns.voters], widths: [0.7, 0.3], rows: groups.map(([group, count]) => [group, number(count)]) });
  blocks.push({
    kind: 'table',
    columns: [text.columns.contest, text.fields.eligible, text.fields.postal, text.fields.papers],
    widths: [0.4, 0.2, 0.2, 0.2],
    rows: state.contests.map((c) => [c.title, number(eligibleVoters(state, c)), number(postalVoters(state, c)), papersCast(state, c, number)]),
  });
  return { title: text.sections.voters, blocks };
}

/** The papers the seal counted in a contest's box: none before the seal. */
function papersCast(state: ExistingElection, contest: Contest, number: (n: number) => string): string {
  if (!('seal' in state) || !state.seal) return '–';
  const count = state.seal.contests ? state.seal.contests.find((c) => c.contest === contest.id)?.ballotCount : state.seal.ballotCount;
  return count === undefined ? '–' : number(count);
}

function breachesSection({ events, text, time }: RecordFacts): Section {
  const breaches = events.flatMap((e) => (e.type === 'BreachDetected' ? [{ seq: e.seq, breach: e.data }] : []));
  if (breaches.length === 0) return { title: text.sections.breaches, blocks: [{ kind: 'paragraph', text: text.noBreaches }] };
  const start = events.find((e) => e.type === 'VotingScheduled' || (e.type === 'VotingOpened' && e.by !== undefined));
  const knownAtStart = start !== undefined && breaches.some((b) => b.seq < start.seq);
  const proposedBy = start && 'proposedBy' in start.data ? start.data.proposedBy?.name : undefined;
  return {
    title: text.sections.breaches,
    blocks: [
      { kind: 'paragraph', text: text.breachesFound(breaches.length) },
      {
        kind: 'table',
        columns: [text.columns.eventTime, text.columns.eventName, text.columns.principal, text.columns.sourceIp],
        widths: [0.27, 0.23, 0.32, 0.18],
        rows: breaches.map(({ breach }: { breach: Breach }) => [time(breach.eventTime), breach.eventName, breach.principal, breach.sourceIp]),
      },
      { kind: 'paragraph', text: knownAtStart ? text.compromisedStart(start.by?.name ?? text.agreement.unknown, proposedBy) : text.compromisedStartUnconfirmed },
    ],
  };
}

function contestSection(facts: RecordFacts, contest: Contest, result: TallyResult): Section {
  const { text, number } = facts;
  const invalid = result.invalid ?? 0;
  const postal = postalFiguresOf(facts, contest.id);
  const rows: [string, string][] = [
    [text.fields.method, methodOf(text, contest)],
    [text.fields.seats, number(result.seats)],
    // Once the postal papers are counted in, the figures below count them too: the papers cast online and by post are shown apart first.
    ...(postal
      ? ([
          [text.fields.papers, papersCast(facts.state, contest, number)],
          [text.fields.postalValid, number(postal.papers)],
          [text.fields.postalInvalid, number(postal.invalid)],
          [text.fields.papersAll, number(result.ballots)],
        ] as [string, string][])
      : [[text.fields.papers, number(result.ballots)] as [string, string]]),
    [text.fields.valid, number(result.ballots - result.abstentions - invalid)],
    [text.fields.invalid, number(invalid)],
    [text.fields.abstentions, number(result.abstentions)],
  ];
  if (result.sheet?.quota !== undefined) rows.push([text.fields.quota, result.sheet.quota]);
  if (result.vacant) rows.push([text.fields.vacant, number(result.vacant)]);
  if (result.passed !== undefined) rows.push([text.fields.decision, `${text.fields.passed}: ${result.passed ? text.yes : text.no}`]);
  const blocks: Block[] = [{ kind: 'fields', rows }, ...votesBlocks(facts, contest, result), ...postalVotesBlocks(facts, contest, postal), ...electedBlocks(facts, contest, result)];
  return { title: text.sections.contest(contest.title), blocks };
}

/** Votes per candidate; on a list ballot, each list's total and seats, then its candidates' personal votes. */
function votesBlocks({ text, number }: RecordFacts, contest: Contest, result: TallyResult): Block[] {
  const lists = result.sheet?.lists;
  if (!lists) {
    const ranked = contest.ballot.kind === 'ranked';
    const name = (candidate: string) => (contest.ballot.kind === 'referendum' ? (candidate === 'yes' ? text.yes : text.no) : candidate === RON ? text.ron : candidate);
    return [
      {
        kind: 'table',
        columns: [contest.ballot.kind === 'referendum' ? text.columns.answer : text.columns.candidate, ranked ? text.columns.firstPreferences : text.columns.votes],
        widths: [0.7, 0.3],
        rows: result.counts.map((c) => [name(c.candidate), number(c.votes)]),
      },
    ];
  }
  const personal = result.sheet?.rounds[0]?.votes;
  return [
    { kind: 'paragraph', text: text.seatDistribution, bold: true },
    { kind: 'table', columns: [text.columns.list, text.columns.votes, text.columns.seats], widths: [0.6, 0.2, 0.2], rows: lists.results.map((l) => [l.list, l.votes, number(l.seats)]) },
    {
      kind: 'table',
      columns: [text.columns.candidate, text.columns.list, text.columns.votes],
      widths: [0.45, 0.35, 0.2],
      rows: contest.candidates.map((c) => [c.name, c.list ?? '', ownValue(personal, c.name) ?? '0']),
    },
  ];
}

/** A contest's postal figures as agreed, once the results count them: none before. */
function postalFiguresOf({ state, events }: RecordFacts, contest: string): PostalFigures | undefined {
  if (!('postalCounted' in state) || !state.postalCounted) return undefined;
  const agreed = [...events].reverse().find((e) => e.type === 'PostalPapersAgreed' && e.data.contest === contest);
  return agreed?.type === 'PostalPapersAgreed' ? agreed.data.figures : undefined;
}

/** The votes on the postal papers, which the figures above include: per name on the ballot (first preferences on a ranked one). */
function postalVotesBlocks({ text, number }: RecordFacts, contest: Contest, postal: PostalFigures | undefined): Block[] {
  if (!postal) return [];
  const name = (option: string) => (contest.ballot.kind === 'referendum' ? (option === 'yes' ? text.yes : text.no) : option === RON ? text.ron : option);
  return [
    {
      kind: 'table',
      columns: [contest.ballot.kind === 'referendum' ? text.columns.answer : text.columns.candidate, text.columns.byPost],
      widths: [0.7, 0.3],
      rows: postal.votes.map((v) => [name(v.name), number(v.votes)]),
    },
  ];
}

/** The elected in order, then the substitutes in the order the count gives them, or those not elected where it gives none. */
function electedBlocks({ text }: RecordFacts, contest: Contest, result: TallyResult): Block[] {
  if (result.method === 'referendum') return [];
  const numbered = (names: readonly string[]) => names.map((name, i) => [String(i + 1), name]);
  const table = (heading: string, names: readonly string[]): Block[] => [
    { kind: 'paragraph', text: heading, bold: true },
    names.length > 0 ? { kind: 'table', columns: [text.columns.rank, text.columns.name], widths: [0.12, 0.88], rows: numbered(names) } : { kind: 'paragraph', text: text.none },
  ];
  const elected = new Set(result.elected);
  const blocks = table(text.electedHeading, result.elected);
  const lists = result.sheet?.lists;
  if (lists) {
    const personal = result.sheet?.rounds[0]?.votes;
    const votes = (name: string) => Number(ownValue(personal, name) ?? 0);
    for (const list of lists.results) {
      // Inside a list, seats go by personal votes, most first, ties in list order: the substitutes follow in that order.
      const rest = contest.candidates
        .filter((c) => c.list === list.list && !elected.has(c.name))
        .map((c, order) => ({ name: c.name, order, votes: votes(c.name) }))
        .sort((a, b) => b.votes - a.votes || a.order - b.order);
      blocks.push(
        ...table(
          text.listSubstitutes(list.list),
          rest.map((r) => r.name),
        ),
      );
    }
    return blocks;
  }
  const ranking = result.sheet?.schulze?.ranking ?? (result.method === undefined ? result.counts.map((c) => c.candidate) : undefined);
  if (ranking)
    return [
      ...blocks,
      ...table(
        text.substitutesHeading,
        ranking.filter((name) => !elected.has(name)).map((name) => (name === RON ? text.ron : name)),
      ),
    ];
  const rest = contest.candidates.map((c) => c.name).filter((name) => !elected.has(name));
  return [...blocks, { kind: 'paragraph', text: text.remainingHeading, bold: true }, { kind: 'paragraph', text: rest.length > 0 ? `${rest.join(', ')}. ${text.noOrder}` : text.none }];
}

function lotsSection(facts: RecordFacts): Section | undefined {
  const { state, text } = facts;
  if (!('results' in state)) return undefined;
  const results = resultsWithSheets(state.results, facts.events);
  const lots = state.contests.flatMap((c) => (ownValue(results, c.id)?.sheet?.lots ?? []).map((lot: Lot) => ({ contest: c.title, lot })));
  if (lots.length === 0) return { title: text.sections.lots, blocks: [{ kind: 'paragraph', text: text.noLots }] };
  return {
    title: text.sections.lots,
    blocks: [
      {
        kind: 'table',
        columns: [text.columns.contest, text.columns.round, text.columns.purpose, text.columns.among, text.columns.chosen],
        widths: [0.26, 0.09, 0.16, 0.29, 0.2],
        rows: lots.map(({ contest, lot }) => [contest, String(lot.round), text.lotPurpose(lot.purpose), lot.among.join(', '), lot.chosen]),
      },
      { kind: 'fields', stacked: true, rows: lots.map(({ contest, lot }, i) => [`${i + 1}. ${contest}, ${text.columns.draw}`, lot.draw]) },
    ],
  };
}

function integritySection({ events, state, text, number }: RecordFacts): Section {
  const head = events.at(-1)!;
  const rows: [string, string][] = [
    [text.fields.rollVoters, state.lockedRoll ? number(state.lockedRoll.voters) : text.fields.notRecorded],
    [text.fields.roll, state.lockedRoll?.fingerprint ?? text.fields.notRecorded],
  ];
  if ('seal' in state && state.seal) {
    rows.push([text.fields.sealDigest, state.seal.digest]);
    for (const seal of state.seal.contests ?? []) rows.push([text.fields.contestDigest(seal.contest), seal.digest]);
  }
  // The head the committee accepted the results at: what a signed printout of the accepted results is held to.
  const acceptance = events.find((e) => e.type === 'ResultsAccepted');
  if (acceptance) rows.push([text.fields.acceptanceHead, String(acceptance.seq)], [text.fields.acceptanceHash, acceptance.hash]);
  rows.push([text.fields.head, String(head.seq)], [text.fields.headHash, head.hash]);
  return {
    title: text.sections.integrity,
    blocks: [
      { kind: 'fields', stacked: true, rows },
      { kind: 'paragraph', text: text.integrityNote },
    ],
  };
}

/** Once published: the challenge period, and every objection with the committee's summary of its grounds and its decision, as the log records them. */
function objectionsSection({ events, state, text, time, number }: RecordFacts): Section | undefined {
  if (state.phase !== 'published') return undefined;
  const t = text.objections;
  const decisions = new Map(events.flatMap((e) => (e.type === 'ObjectionDecided' ? [[e.data.id, e.data] as const] : [])));
  const rows = events.flatMap((e) => {
    if (e.type !== 'ObjectionRecorded') return [];
    const decided = decisions.get(e.data.id);
    return [[number(e.data.id), `${time(e.data.receivedAt)}${e.data.late ? ` (${t.late})` : ''}`, e.data.grounds, t.outcomes[decided?.outcome ?? 'open'], decided?.reasons ?? '']];
  });
  const period: Block = { kind: 'paragraph', text: t.period(state.challengeDays, time(challengeEndsAt(state.publishedAt, state.challengeDays))) };
  return {
    title: t.title,
    blocks: rows.length === 0 ? [period, { kind: 'paragraph', text: t.none }] : [period, { kind: 'table', columns: [...t.columns], widths: [0.06, 0.19, 0.28, 0.2, 0.27], rows }],
  };
}

function notYetSection({ text }: RecordFacts): Section {
  return { title: text.sections.notYet, blocks: text.notYetItems.map((item) => ({ kind: 'paragraph', text: `• ${item}` })) };
}

function signaturesSection({ state, text }: RecordFacts): Section {
  const members = (state.committee ?? []).filter((m) => m.role === 'committee').map((m) => m.name);
  // Without a roster the log names nobody: lines to fill in by hand.
  const names = members.length > 0 ? members : ['', '', ''];
  return {
    title: text.sections.signatures,
    blocks: [
      { kind: 'paragraph', text: text.signaturesNote },
      { kind: 'signatures', columns: [text.columns.name, text.columns.date, text.columns.signature], names },
    ],
  };
}

/** Last, once the log lists the record issued when the results became final: the head it was issued as of, and each language's SHA-256. */
function issuedSection({ events, text }: RecordFacts): Section | undefined {
  const issue = events.find((e) => e.type === 'OfficialRecordIssued');
  if (issue?.type !== 'OfficialRecordIssued') return undefined;
  return {
    title: text.issued.title,
    blocks: [
      { kind: 'paragraph', text: text.issued.note(issue.data.head) },
      { kind: 'fields', stacked: true, rows: issue.data.records.map((r) => [text.issued.languages[r.language], r.sha256]) },
    ],
  };
}

function methodOf(text: RecordStrings, contest: Contest): string {
  const { ballot } = contest;
  const method: CountingMethod = ballot.kind === 'ranked' || ballot.kind === 'list' ? ballot.method : ballot.kind === 'referendum' ? 'referendum' : 'plurality';
  if (ballot.kind === 'referendum') return `${text.methods.referendum}, ${text.majority[ballot.majority]}${ballot.quorumPercent !== undefined ? `, ${ballot.quorumPercent} %` : ''}`;
  return text.methods[method];
}
