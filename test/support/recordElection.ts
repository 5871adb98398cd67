import {
  decide,
  EMPTY_HEAD,
  evolve,
  extendChain,
  initialState,
  latestEntry,
  postalEntriesIn,
  type Actor,
  type ElectionCommand,
  type ElectionEvent,
  type ElectionState,
  type Member,
  type PostalEntryInput,
  type RecordedEvent,
  type SealedBallot,
} from '../../domain';
import type { DecodedPaper } from '../../domain/crypto/paperEncoding';

/**
 * A whole election's log for the official record, made by the domain's own `decide` with a clock
 * of its own: three contests (list PR, Scottish STV whose count draws a lot, a referendum) for voter
 * groups, postal voters, a committee of two that locks and starts, a breach during the lock and a
 * start that knew of it. Candidates' names in Latin, Greek and Cyrillic letters.
 */
export const CHAIR: Member = { id: 'u-ada', name: 'Ada Lovelace', role: 'committee' };
export const SECOND: Member = { id: 'u-katherine', name: 'Katherine Johnson', role: 'committee' };
export const HELPDESK: Member = { id: 'u-grace', name: 'Grace Hopper', role: 'helpdesk' };

const person = (name: string, list?: string) => ({ name, email: 'c@uni.test', pageLink: 'https://uni.test/c', ...(list && { list }) });

export const RECORD_CONTESTS = [
  {
    id: 'parliament',
    title: 'Studierendenparlament',
    ballot: { kind: 'list' as const, method: 'sainte-lague' as const, seats: 3, lists: ['Grüner Campus', 'Offene Uni'], votes: 3, maxPerCandidate: 2 },
    candidates: [
      person('Anna Berg', 'Grüner Campus'),
      person('Юлия Смирнова', 'Grüner Campus'),
      person('Ben Kaya', 'Grüner Campus'),
      person('Clara Stein', 'Offene Uni'),
      person('Δημήτρης Παππάς', 'Offene Uni'),
    ],
  },
  {
    id: 'fac-inf',
    title: 'Fachschaftsrat Informatik',
    groups: ['faculty:informatik'],
    ballot: { kind: 'ranked' as const, method: 'scottish-stv' as const, seats: 1 },
    candidates: [person('Ada Byron'), person('Bea Cole'), person('Cal Dunn')],
  },
  { id: 'doc-ref', title: 'Urabstimmung Promovierende', groups: ['status:doctoral'], ballot: { kind: 'referendum' as const, majority: 'simple' as const } },
];

/** Ada Byron leads, Bea Cole and Cal Dunn tie for last: the first exclusion is drawn by lot. */
const BOXES = new Map<string, SealedBallot[]>([
  [
    'parliament',
    [
      { ballotId: 'p1', choices: ['Anna Berg', 'Anna Berg', 'Clara Stein'] },
      { ballotId: 'p2', choices: ['Offene Uni'] },
      { ballotId: 'p3', choices: ['Δημήτρης Παππάς', 'Юлия Смирнова'] },
      { ballotId: 'p4', choices: [] },
    ],
  ],
  [
    'fac-inf',
    [
      { ballotId: 'f1', choices: ['Ada Byron', 'Bea Cole'] },
      { ballotId: 'f2', choices: ['Ada Byron'] },
      { ballotId: 'f3', choices: ['Bea Cole', 'Ada Byron'] },
      { ballotId: 'f4', choices: ['Cal Dunn'] },
      { ballotId: 'f5', choices: [] },
    ],
  ],
  [
    'doc-ref',
    [
      { ballotId: 'd1', choices: ['yes'] },
      { ballotId: 'd2', choices: ['no'] },
      { ballotId: 'd3', choices: ['yes'] },
    ],
  ],
]);

/** The postal papers of the two postal voters: each paper of the list vote, the STV contest's one paper found invalid, the referendum's hand-counted. */
export const POSTAL_PAPERS: readonly [string, PostalEntryInput][] = [
  ['parliament', { papers: [{ choices: ['Clara Stein', 'Clara Stein'] }, { choices: ['Grüner Campus'] }], invalid: 0 }],
  ['fac-inf', { papers: [], invalid: 1 }],
  ['doc-ref', { totals: { papers: 1, abstentions: 0, votes: [{ name: 'yes', votes: 1 }] }, invalid: 0 }],
];

/** The command of a member's entry: a second entry with the first as the log holds it. */
export function enterPostal(contest: string, entry: 1 | 2, count: PostalEntryInput, log: readonly ElectionEvent[]): ElectionCommand {
  const first = entry === 2 ? latestEntry(postalEntriesIn(log), contest, 1) : undefined;
  return { type: 'EnterPostalPapers', contest, entry, count, ...(first && { first }) };
}

/** Open ballots as the online count read them. */
export const onlinePapers = (boxes: ReadonlyMap<string, readonly SealedBallot[]>): Map<string, DecodedPaper[]> =>
  new Map([...boxes].map(([contest, ballots]) => [contest, ballots.map(({ choices }): DecodedPaper => ({ ok: true, content: { choices } }))]));

export const ROLL_FINGERPRINT = 'f1'.repeat(32);
export const BREACH = {
  cloudTrailEventId: 'ct-1',
  eventName: 'ConsoleLogin',
  principal: 'arn:aws:iam::123456789012:user/mallory',
  sourceIp: '203.0.113.7',
  eventTime: '2026-11-30T08:05:30Z',
  detectedAt: '2026-11-30T08:05:40Z',
};

const START = Date.parse('2026-11-30T08:00:00Z');

/** The objections of `withObjections`: one decided in time, one received late and not decided yet. */
export const OBJECTIONS = {
  first: { grounds: 'Die Wahlbenachrichtigung nannte eine falsche Schlusszeit.', reasons: 'Die richtige Zeit stand auf der Wahlseite; kein Einfluss auf das Ergebnis.' },
  late: { grounds: 'Ein Kandidat habe unzulässig geworben.' },
};

/**
 * The log, `upTo` the step given (all of it by default); `published: false` leaves out the
 * publication; `withObjections` adds two objections after it, one decided. `acceptance`: the
 * election waits for the committee's acceptance, `awaited` still or `given` (the postal papers
 * entered twice and counted in, then proposed by the chair, confirmed by the second member) before
 * the publication.
 */
export function recordElectionLog({ published = true, withObjections = false, acceptance }: { published?: boolean; withObjections?: boolean; acceptance?: 'awaited' | 'given' } = {}): RecordedEvent[] {
  let state: ElectionState = initialState;
  let log: RecordedEvent[] = [];
  let minute = 0;
  const run = (by: Actor | undefined, command: (now: Date) => ElectionCommand) => {
    const now = new Date(START + minute * 60_000);
    minute += 1;
    const decision = decide(command(now), state, by);
    if (!decision.ok) throw new Error(`refused: ${decision.error.message}`);
    const head = log.at(-1) ?? EMPTY_HEAD;
    const recorded = extendChain('wahl-2026', head, decision.value, now.toISOString(), by && { id: by.id, name: by.name });
    state = recorded.reduce(evolve, state);
    log = [...log, ...recorded];
  };
  const closesAt = new Date(START + 60 * 60_000).toISOString();
  run(CHAIR, (now) => ({
    type: 'CreateElection',
    electionId: 'wahl-2026',
    title: 'Hochschulwahlen 2026',
    contests: RECORD_CONTESTS,
    committee: [CHAIR, SECOND, HELPDESK],
    window: { closesAt },
    ...(acceptance && { acceptance: 'committee' }),
    now,
  }));
  run(CHAIR, () => ({
    type: 'RegisterVoters',
    count: 9,
    groups: { 'faculty:informatik': 5, 'faculty:biologie': 4, 'status:doctoral': 3 },
    contests: { 'fac-inf': 5, 'doc-ref': 3 },
  }));
  run(CHAIR, () => ({ type: 'RecordPostalVotes', voters: 2, contests: { parliament: 2, 'fac-inf': 1, 'doc-ref': 1 } }));
  run(CHAIR, (now) => ({ type: 'Lock', roll: { voters: 9, fingerprint: ROLL_FINGERPRINT }, now }));
  run(SECOND, (now) => ({ type: 'Lock', roll: { voters: 9, fingerprint: ROLL_FINGERPRINT }, now }));
  run(undefined, () => ({ type: 'RecordBreach', breach: BREACH }));
  run(CHAIR, (now) => ({ type: 'Start', now, confirmCompromised: true }));
  run(SECOND, (now) => ({ type: 'Start', now, confirmCompromised: true }));
  minute = 61;
  run(undefined, (now) => ({ type: 'Close', now }));
  run(undefined, () => ({ type: 'SealAndTally', boxes: BOXES, voters: 6 }));
  if (acceptance === 'given') {
    // Each contest's postal papers read twice, by the chair and the second member, then counted in.
    for (const [contest, count] of POSTAL_PAPERS)
      for (const [entry, member] of [
        [1, CHAIR],
        [2, SECOND],
      ] as const)
        run(member, () => enterPostal(contest, entry, count, log));
    run(undefined, () => ({ type: 'CountWithPostal', online: onlinePapers(BOXES), postal: new Map(POSTAL_PAPERS.map(([contest]) => [contest, latestEntry(postalEntriesIn(log), contest, 2)!])) }));
    for (const member of [CHAIR, SECOND]) run(member, (now) => ({ type: 'Accept', now }));
  }
  if (published) run(undefined, (now) => ({ type: 'Publish', now }));
  if (published && withObjections) {
    run(CHAIR, (now) => ({ type: 'RecordObjection', receivedAt: now.toISOString(), grounds: OBJECTIONS.first.grounds, now }));
    run(SECOND, () => ({ type: 'DecideObjection', objection: 1, outcome: 'rejected', reasons: OBJECTIONS.first.reasons }));
    // Past the default 14 days of the challenge period.
    minute += 15 * 24 * 60;
    run(CHAIR, (now) => ({ type: 'RecordObjection', receivedAt: now.toISOString(), grounds: OBJECTIONS.late.grounds, now }));
  }
  return log;
}
