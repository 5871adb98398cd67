import { fillBallot, type BallotChoice } from './ballot';
import { actsAsCommittee, type Actor } from './committee';
import type { Contest } from './contest';
import type { DecodedPaper } from './crypto/paperEncoding';
import { namesOnBallot, type BallotDefinition } from './election';
import type { ElectionEvent } from './events';
import { canonicalJson, sha256 } from './hashChain';
import { recordOf } from './records';
import { fail, ok, type Result } from './result';
import { countContest, countContext, postalVoters } from './sealAndTally';
import type { ExistingElection } from './state';
import { addMarks, marksOf, tallyMarks, type TallyResult } from './tally';

/**
 * Postal ballots in the count. After the close, while the counted results wait for the
 * committee's acceptance, the committee enters each contest's postal papers twice, as a count by
 * hand is read twice: a first entry by one member, a second by another, compared as a multiset of
 * papers (their order does not matter). Agreed entries are counted again with the online papers,
 * lots drawn from the same seed as the online count, and only then may the results be accepted.
 * The papers live in the log's events; the state keeps one short line per contest.
 */

/** Hand-counted totals of a contest's valid postal papers: how many (blank ones among them), how many blank, and each name's marks. */
export interface PostalTotals {
  papers: number;
  abstentions: number;
  votes: { name: string; votes: number }[];
}

/** One entry of a contest's postal papers as a member gives it: each paper as a voter's choice online, or the totals; and the invalid papers. */
export type PostalEntryInput = ({ papers: BallotChoice[] } | { totals: PostalTotals }) & { invalid: number };

/** An entry as the log records it: each paper as a ballot is stored (its names, an abstention none), or the totals with every name in the ballot's order. */
export type PostalCount = ({ papers: string[][] } | { totals: PostalTotals }) & { invalid: number };

/** Which of the two readings an entry is. */
export type PostalEntryNumber = 1 | 2;

/**
 * A contest's postal papers in the state: the first entry waiting for its second (who gave it, and
 * its digest), or the digest the two agreed on with how many valid and invalid papers it holds,
 * which the results show beside the online papers.
 */
export interface PostalEntryState {
  contest: string;
  first?: { by: string; digest: string };
  agreed?: string;
  papers?: number;
  invalid?: number;
}

/** A contest's postal figures, recorded with the agreement so that every view shows them beside the online ones: valid papers (blank ones among them), invalid ones, and the marks per name (first preferences on a ranked ballot). */
export interface PostalFigures {
  papers: number;
  abstentions: number;
  invalid: number;
  votes: { name: string; votes: number }[];
}

/** An entry's papers take at most this many bytes of JSON in one event, under DynamoDB's 400 KB an item; a longer entry is recorded in parts. */
export const POSTAL_PART_BYTES = 256 * 1024;
/** One entry's papers at most: its parts, the agreement and the state go in one transaction, which DynamoDB limits to 4 MB. */
export const POSTAL_ENTRY_BYTES = 3 * 1024 * 1024;

/** The digest two entries agree on: the papers sorted (their order says nothing), or the totals, with the invalid papers. */
export function postalDigest(count: PostalCount): string {
  if ('totals' in count) return sha256(canonicalJson({ totals: count.totals, invalid: count.invalid }));
  return sha256(canonicalJson({ papers: sortedPapers(count.papers), invalid: count.invalid }));
}

const sortedPapers = (papers: readonly string[][]): string[][] =>
  papers
    .map((paper) => [canonicalJson(paper), paper] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, paper]) => paper);

/** The counted election postal papers may be entered in now, or why not: after the count and before the acceptance, on an election whose results the committee accepts. */
function postalEntryProblem(state: ExistingElection): Result<TalliedElection> {
  if (state.phase !== 'tallied') return fail('wrong_phase', `postal papers are entered once the online papers are counted and before the results are accepted (the election is ${state.phase})`);
  if (state.acceptance !== 'committee')
    return fail('wrong_phase', 'postal papers are entered while the counted results wait for the committee\'s acceptance: this election publishes them as soon as counted ("acceptance": "automatic")');
  if (state.accepted) return fail('wrong_phase', 'the results are accepted already: postal papers can no longer be entered');
  if (state.postalCounted) return fail('wrong_phase', 'the postal papers are counted already');
  return ok(state);
}

/**
 * A member's entry of a contest's postal papers. The first entry is recorded (again, replacing a
 * first entry the second did not match); the second, by another committee member, must equal it:
 * then both are agreed; otherwise it is refused, saying where they differ, and nothing is recorded.
 * `first`: the first entry as the log records it, read by the caller for a second entry, and held
 * to the digest the state keeps.
 */
export function decidePostalEntry(
  state: ExistingElection,
  command: { contest: string; entry: PostalEntryNumber; count: PostalEntryInput; first?: PostalCount },
  by: Actor | undefined,
): Result<ElectionEvent[]> {
  const open = postalEntryProblem(state);
  if (!open.ok) return open;
  const contest = state.contests.find((c) => c.id === command.contest);
  if (!contest) return fail('invalid', `contest: "${command.contest}" is not a contest of this election (${state.contests.map((c) => c.id).join(', ')})`);
  const voters = postalVoters(state, contest);
  if (voters === 0) return fail('invalid', `contest: no postal voter may vote in "${contest.id}": it has no postal papers`);
  if (!by) return fail('forbidden', 'postal papers are entered by committee members, each signed in: this election has no committee roster');
  const recorded = postalCount(contest, command.count, voters);
  if (!recorded.ok) return recorded;
  const standing = (open.value.postalEntries ?? []).find((e) => e.contest === contest.id);
  if (standing?.agreed) return fail('conflict', `contest: the postal papers of "${contest.id}" are agreed already`);
  const digest = postalDigest(recorded.value);
  if (command.entry === 1) return ok(entryEvents(contest.id, 1, recorded.value, digest));
  if (command.entry !== 2) return fail('invalid', 'entry: must be 1 or 2');
  if (!standing?.first) return fail('conflict', `entry: nobody gave the first entry of "${contest.id}" yet: give it first`);
  const alone = (state.committee ?? []).filter(actsAsCommittee).length < 2;
  if (standing.first.by === by.id && !alone) return fail('forbidden', `entry: ${by.name} gave the first entry of "${contest.id}": another committee member gives the second`);
  if (!command.first || postalDigest(command.first) !== standing.first.digest) return fail('conflict', `entry: the first entry of "${contest.id}" was given again meanwhile: compare with it`);
  if (digest !== standing.first.digest) return fail('entries_differ', entriesDiffer(contest.id, command.first, recorded.value));
  return ok([...entryEvents(contest.id, 2, recorded.value, digest), { type: 'PostalPapersAgreed', data: { contest: contest.id, digest, figures: postalFigures(contest, recorded.value) } }]);
}

/** An entry in events of at most POSTAL_PART_BYTES of papers each; `part` and `parts` only when there are several. */
function entryEvents(contest: string, entry: PostalEntryNumber, count: PostalCount, digest: string): ElectionEvent[] {
  if ('totals' in count) return [{ type: 'PostalPapersEntered', data: { contest, entry, digest, totals: count.totals, invalid: count.invalid } }];
  const parts: string[][][] = [[]];
  let bytes = 0;
  for (const paper of count.papers) {
    const size = utf8Bytes(JSON.stringify(paper)) + 1;
    if (bytes + size > POSTAL_PART_BYTES && parts.at(-1)!.length > 0) {
      parts.push([]);
      bytes = 0;
    }
    parts.at(-1)!.push(paper);
    bytes += size;
  }
  if (parts.length === 1) return [{ type: 'PostalPapersEntered', data: { contest, entry, digest, papers: count.papers, invalid: count.invalid } }];
  return parts.map((papers, part) => ({ type: 'PostalPapersEntered', data: { contest, entry, digest, part, parts: parts.length, papers, invalid: count.invalid } }));
}

const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;

/** An entry checked against its contest and turned into what the log records: each paper as the voter page would store it, or the totals in the ballot's order. */
function postalCount(contest: Contest, input: PostalEntryInput, voters: number): Result<PostalCount> {
  const { invalid } = input;
  if (!Number.isSafeInteger(invalid) || invalid < 0) return fail('invalid', 'invalid: must be a whole number of invalid papers, 0 or more');
  const counted = 'totals' in input ? postalTotals(contest, input.totals) : postalPapers(contest, input.papers);
  if (!counted.ok) return counted;
  const papers = 'totals' in counted.value ? counted.value.totals.papers : counted.value.papers.length;
  if (papers + invalid > voters) {
    return fail('invalid', `${'totals' in input ? 'totals.papers' : 'papers'}: ${papers} valid and ${invalid} invalid papers, but only ${voters} postal voters may vote in "${contest.id}"`);
  }
  return ok({ ...counted.value, invalid });
}

function postalPapers(contest: Contest, papers: unknown): Result<{ papers: string[][] }> {
  if (!Array.isArray(papers)) return fail('invalid', 'papers: must be a list of papers');
  const stored: string[][] = [];
  let bytes = 0;
  for (const [i, choice] of (papers as BallotChoice[]).entries()) {
    const filled = fillBallot(contest, choice);
    if (!filled.ok) return fail('invalid', `papers.${i}: ${filled.error.message}`);
    stored.push(filled.value.choices);
    bytes += utf8Bytes(JSON.stringify(filled.value.choices)) + 1;
    if (bytes > POSTAL_ENTRY_BYTES) return fail('invalid', `papers: at most ${POSTAL_ENTRY_BYTES} bytes of papers in one entry: paper ${i} goes past it`);
  }
  return ok({ papers: stored });
}

const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/** Whether a contest's postal papers may be entered as hand-counted totals: only a count by marks takes them, a ranked count (IRV, STV, Schulze) reads each ranking. */
export const takesPostalTotals = (ballot: BallotDefinition): ballot is Exclude<BallotDefinition, { kind: 'ranked' }> => ballot.kind !== 'ranked';

/** Totals a count by marks could have read off real papers: every name on the ballot, each once, and as many marks as the valid papers can hold. */
function postalTotals(contest: Contest, totals: PostalTotals): Result<{ totals: PostalTotals }> {
  const { ballot } = contest;
  if (!takesPostalTotals(ballot)) {
    return fail(
      'invalid',
      `totals: "${contest.id}" is counted by ${ballot.method}, which reads each ranking: enter each postal paper ("papers"); totals are for single, multi, list and referendum ballots`,
    );
  }
  if (!isCount(totals.papers)) return fail('invalid', 'totals.papers: must be the whole number of valid papers, 0 or more');
  if (!isCount(totals.abstentions) || totals.abstentions > totals.papers) return fail('invalid', `totals.abstentions: must be a whole number from 0 to totals.papers (${totals.papers})`);
  if (!Array.isArray(totals.votes)) return fail('invalid', 'totals.votes: must be a list of { name, votes }');
  const names = namesOnBallot(ballot, contest.candidates);
  const given = new Map<string, number>();
  for (const [i, { name, votes }] of totals.votes.entries()) {
    if (!names.includes(name)) return fail('invalid', `totals.votes.${i}.name: "${name}" is not a name on the ballot of "${contest.id}"`);
    if (given.has(name)) return fail('invalid', `totals.votes.${i}.name: "${name}" is given twice`);
    if (!isCount(votes)) return fail('invalid', `totals.votes.${i}.votes: must be a whole number, 0 or more`);
    given.set(name, votes);
  }
  const votes = names.map((name) => ({ name, votes: given.get(name) ?? 0 }));
  const problem = marksProblem(ballot, totals.papers - totals.abstentions, votes);
  return problem ? fail('invalid', `totals.votes: ${problem}`) : ok({ totals: { papers: totals.papers, abstentions: totals.abstentions, votes } });
}

/** Why these marks cannot be those of `voted` non-blank papers of the ballot, or undefined. */
function marksProblem(ballot: Exclude<BallotDefinition, { kind: 'ranked' }>, voted: number, votes: readonly { name: string; votes: number }[]): string | undefined {
  const sum = (filter: (name: string) => boolean) => votes.filter((v) => filter(v.name)).reduce((total, v) => total + v.votes, 0);
  const all = sum(() => true);
  switch (ballot.kind) {
    case 'single':
      return all === voted ? undefined : `${all} votes on ${voted} valid non-blank papers: each has exactly one`;
    case 'referendum':
      return all === voted ? undefined : `${all} answers on ${voted} valid non-blank papers: each has exactly one`;
    case 'multi': {
      const over = votes.find((v) => v.votes > voted);
      if (over) return `"${over.name}" has ${over.votes} votes on ${voted} valid non-blank papers: at most one each`;
      return all >= voted && all <= voted * ballot.maxChoices ? undefined : `${all} votes on ${voted} valid non-blank papers: each has 1 to ${ballot.maxChoices}`;
    }
    case 'list': {
      const listVotes = sum((name) => ballot.lists.includes(name));
      const personalPapers = voted - listVotes;
      if (personalPapers < 0) return `${listVotes} votes for whole lists on ${voted} valid non-blank papers: at most one each`;
      const personal = all - listVotes;
      const over = votes.find((v) => !ballot.lists.includes(v.name) && v.votes > personalPapers * ballot.maxPerCandidate);
      if (over) return `"${over.name}" has ${over.votes} votes on ${personalPapers} papers of personal votes: at most ${ballot.maxPerCandidate} each`;
      return personal >= personalPapers && personal <= personalPapers * ballot.votes
        ? undefined
        : `${personal} personal votes on ${personalPapers} papers of personal votes: each has 1 to ${ballot.votes}`;
    }
  }
}

/** Where two entries differ, field by field, so that the committee knows what to read again. */
function entriesDiffer(contest: string, first: PostalCount, second: PostalCount): string {
  const intro = `the second entry of "${contest}" differs from the first`;
  if ('papers' in first && 'papers' in second) {
    const invalid = first.invalid === second.invalid ? [] : [differingFigures(TOTALS_FIELDS.invalid, first.invalid, second.invalid)];
    const onlyFirst = multisetMinus(first.papers, second.papers);
    const onlySecond = multisetMinus(second.papers, first.papers);
    const papers =
      onlyFirst.length + onlySecond.length === 0
        ? []
        : [
            `papers: ${Math.max(onlyFirst.length, onlySecond.length)} paper(s) differ (${first.papers.length} in the first entry, ${second.papers.length} in the second)` +
              `${onlyFirst.length > 0 ? `; only in the first: ${shown(onlyFirst)}` : ''}${onlySecond.length > 0 ? `; only in the second: ${shown(onlySecond)}` : ''}`,
          ];
    return `${intro}: ${[...papers, ...invalid].join('; ')}`;
  }
  if ('totals' in first && 'totals' in second) {
    const fields: [string, number, number][] = [
      [TOTALS_FIELDS.papers, first.totals.papers, second.totals.papers],
      [TOTALS_FIELDS.abstentions, first.totals.abstentions, second.totals.abstentions],
      ...first.totals.votes.map((v, i): [string, number, number] => [TOTALS_FIELDS.votes(v.name), v.votes, second.totals.votes[i]!.votes]),
      [TOTALS_FIELDS.invalid, first.invalid, second.invalid],
    ];
    return `${intro}: ${fields.flatMap(([field, a, b]) => (a === b ? [] : [differingFigures(field, a, b)])).join('; ')}`;
  }
  return `${intro}: ${'papers' in first ? 'the first gave each paper ("papers"), the second totals ("totals")' : 'the first gave totals ("totals"), the second each paper ("papers")'}`;
}

/** The fields of an entry of totals as a refusal of a differing second entry names them. */
export const TOTALS_FIELDS = {
  papers: 'totals.papers',
  abstentions: 'totals.abstentions',
  votes: (name: string) => `totals.votes "${name}"`,
  invalid: 'invalid',
} as const;

const differingFigures = (field: string, first: number, second: number) => `${field}: ${first} in the first entry, ${second} in the second`;

/**
 * The figures of each entry that a refusal of a differing second entry of totals gives for one
 * field (named as TOTALS_FIELDS names it), or undefined when it does not name that field: what the
 * console shows field by field.
 */
export function differingFiguresIn(message: string, field: string): { first: number; second: number } | undefined {
  const escaped = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?:: |; )${escaped}: (\\d+) in the first entry, (\\d+) in the second(?:;|$)`).exec(message);
  return match ? { first: Number(match[1]), second: Number(match[2]) } : undefined;
}

/** The papers of `a` left once each of `b` took one equal to it away. */
function multisetMinus(a: readonly string[][], b: readonly string[][]): string[][] {
  const left = new Map<string, number>();
  for (const paper of b) left.set(canonicalJson(paper), (left.get(canonicalJson(paper)) ?? 0) + 1);
  return a.filter((paper) => {
    const key = canonicalJson(paper);
    const n = left.get(key) ?? 0;
    if (n > 0) left.set(key, n - 1);
    return n === 0;
  });
}

/** A few papers as the committee reads them: a ranking with ">", other choices with ",", a blank one as such. */
function shown(papers: readonly string[][]): string {
  const SHOWN = 5;
  const text = papers.slice(0, SHOWN).map((paper) => (paper.length === 0 ? '(blank)' : `[${paper.join(', ')}]`));
  return `${text.join(', ')}${papers.length > SHOWN ? ` and ${papers.length - SHOWN} more` : ''}`;
}

/** The marks an entry adds to a count by marks. */
const postalMarks = (count: PostalCount) =>
  'totals' in count ? { papers: count.totals.papers, abstentions: count.totals.abstentions, votes: new Map(count.totals.votes.map((v) => [v.name, v.votes])) } : marksOf(count.papers);

/** The figures a contest's agreed postal papers add, as every view shows them beside the online ones. */
export function postalFigures(contest: Contest, count: PostalCount): PostalFigures {
  const names = namesOnBallot(contest.ballot, contest.candidates);
  const marks = contest.ballot.kind === 'ranked' && 'papers' in count ? marksOf(count.papers.map((p) => p.slice(0, 1))) : postalMarks(count);
  return {
    papers: marks.papers,
    abstentions: marks.abstentions,
    invalid: count.invalid,
    votes: names.map((name) => ({ name, votes: marks.votes.get(name) ?? 0 })),
  };
}

/** A contest's postal papers once the results count them: how many valid and invalid, which the results show beside the online papers. */
export function countedPostalPapers(state: ExistingElection, contest: string): { valid: number; invalid: number } | undefined {
  if ((state.phase !== 'tallied' && state.phase !== 'published') || !state.postalCounted) return undefined;
  const agreed = (state.postalEntries ?? []).find((e) => e.contest === contest);
  return agreed && { valid: agreed.papers ?? 0, invalid: agreed.invalid ?? 0 };
}

/** The contests some postal voter may vote in. */
export const postalContests = (state: ExistingElection): Contest[] => state.contests.filter((c) => postalVoters(state, c) > 0);

/** The contests with postal voters whose postal papers are not agreed yet. */
export const unagreedPostalContests = (state: TalliedElection): Contest[] => postalContests(state).filter((c) => agreedDigest(state, c.id) === undefined);

const agreedDigest = (state: TalliedElection, contest: string): string | undefined => (state.postalEntries ?? []).find((e) => e.contest === contest)?.agreed;

type TalliedElection = Extract<ExistingElection, { phase: 'tallied' }>;

/**
 * The count again, of every contest with postal voters, over its online papers (`online`: as the
 * online count read them, an invalid one among them only in a sealed box) and its agreed postal
 * papers (`postal`, held to the digests agreed), lots drawn from the same seed as the online
 * count: the seal's digest of the contest's box. With several contests each sheet is an event of
 * its own, as at the seal.
 */
export function decidePostalCount(state: ExistingElection, online: ReadonlyMap<string, readonly DecodedPaper[]>, postal: ReadonlyMap<string, PostalCount>): Result<ElectionEvent[]> {
  const open = postalEntryProblem(state);
  if (!open.ok) return open;
  const tallied = open.value;
  const contests = postalContests(tallied);
  if (contests.length === 0) return fail('wrong_phase', 'the election has no postal voters: there are no postal papers to count');
  const results: [string, TallyResult][] = [];
  for (const contest of contests) {
    const agreed = agreedDigest(tallied, contest.id);
    if (agreed === undefined) return fail('conflict', `contest: the postal papers of "${contest.id}" are not agreed yet: two committee members enter them first`);
    const count = postal.get(contest.id);
    if (!count || postalDigest(count) !== agreed) return fail('conflict', `contest: the postal papers given for "${contest.id}" are not the ones agreed (${agreed})`);
    const digest = tallied.seal.contests?.find((c) => c.contest === contest.id)?.digest ?? tallied.seal.digest;
    results.push([contest.id, countWithPostal(tallied, contest, online.get(contest.id) ?? [], count, digest)]);
  }
  if (tallied.contests.length === 1) return ok([{ type: 'PostalCounted', data: { results: recordOf(results) } }]);
  const sheets: ElectionEvent[] = results.flatMap(([contest, result]) => (result.sheet ? [{ type: 'CountSheetRecorded' as const, data: { contest, sheet: result.sheet } }] : []));
  return ok([...sheets, { type: 'PostalCounted', data: { results: recordOf(results.map(([contest, { sheet: _, ...result }]) => [contest, result])) } }]);
}

/** One contest counted over its online and postal papers together: a ranked one pools the rankings, every other adds the marks. */
function countWithPostal(state: ExistingElection, contest: Contest, online: readonly DecodedPaper[], postal: PostalCount, digest: string): TallyResult {
  const valid = online.flatMap((paper) => (paper.ok ? [paper.content] : []));
  const invalid = online.length - valid.length + postal.invalid;
  const result =
    'totals' in postal && contest.ballot.kind !== 'ranked'
      ? tallyMarks(contest.ballot, contest.candidates, addMarks(marksOf(valid.map((p) => p.choices)), postalMarks(postal)), countContext(state, contest, digest))
      : countContest(state, contest, [...valid, ...('papers' in postal ? postal.papers.map((choices) => ({ choices })) : [])], digest);
  return invalid > 0 ? { ...result, ballots: result.ballots + invalid, invalid } : result;
}

/**
 * Every entry in the log, in order, each read back whole from its parts: `at`, the index of its
 * first part among `events`. What decide compares a second entry with, and counts once agreed.
 */
export function postalEntriesIn(events: readonly ElectionEvent[]): PostalEntryRead[] {
  const entries: (PostalEntryRead & { parts: number })[] = [];
  events.forEach((event, at) => {
    if (event.type !== 'PostalPapersEntered') return;
    const { contest, entry, part = 0 } = event.data;
    const last = entries.at(-1);
    // A part continues the entry before it only as the next of its parts: any other starts an entry of its own, which decide then holds to its own parts.
    if (part > 0 && last && last.at + last.parts === at && last.contest === contest && last.entry === entry && 'papers' in last.count && 'papers' in event.data) {
      last.count = { papers: [...last.count.papers, ...event.data.papers], invalid: last.count.invalid };
      last.parts += 1;
      return;
    }
    entries.push({
      at,
      contest,
      entry,
      parts: 1,
      count: 'totals' in event.data ? { totals: event.data.totals, invalid: event.data.invalid } : { papers: event.data.papers, invalid: event.data.invalid },
    });
  });
  return entries.map(({ parts: _, ...entry }) => entry);
}

/** An entry read back from the log: `at`, the index of its first part. */
export interface PostalEntryRead {
  at: number;
  contest: string;
  entry: PostalEntryNumber;
  count: PostalCount;
}

/** The latest entry of `contest` numbered `entry` among these, if any. */
export const latestEntry = (entries: readonly PostalEntryRead[], contest: string, entry: PostalEntryNumber): PostalCount | undefined =>
  [...entries].reverse().find((e) => e.contest === contest && e.entry === entry)?.count;
