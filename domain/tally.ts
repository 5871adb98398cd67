import { namesOnBallot } from './ballot';
import { groupRankings, type RankedCountInput } from './counting/ballots';
import { countIrv } from './counting/irv';
import { countListSeats } from './counting/listSeats';
import { LotBook, type LotSeed } from './counting/lot';
import { countMeekStv } from './counting/meekStv';
import { countReferendum } from './counting/referendum';
import { countSchulze } from './counting/schulze';
import { votesDownTheList } from './counting/wholeListVote';
import { countScottishStv } from './counting/scottishStv';
import type { CountSheet, RankedMethod } from './counting/sheet';
import type { TallyResult } from './tallyResult';

export type { TallyResult } from './tallyResult';
import { RON, seatsOf, type BallotContent, type BallotDefinition, type Candidate } from './election';

/**
 * What a count needs besides the ballots: the lot's seed (the sealed box's digest) and, for a
 * referendum's quorum, the roll's size. Plurality draws no lot and needs neither.
 */
export interface TallyContext {
  seed: LotSeed;
  registeredVoters: number;
}

const RANKED_COUNTS: Record<RankedMethod, (input: RankedCountInput, lots: LotBook) => CountSheet> = {
  irv: countIrv,
  'scottish-stv': countScottishStv,
  'meek-stv': countMeekStv,
  schulze: countSchulze,
};

/** Counts a sealed box by the ballot's rule (docs/counting.md, "The rules, exactly"). */
export function tally(definition: BallotDefinition, candidates: readonly Candidate[], ballots: Iterable<BallotContent>, context?: TallyContext): TallyResult {
  const cast = [...ballots].map((b) => b.choices);
  if (definition.kind !== 'ranked') return tallyMarks(definition, candidates, marksOf(cast), context);
  const voted = cast.filter((choices) => choices.length > 0);
  const names = namesOnBallot(definition, candidates);
  const sheet = withRonVacancies(RANKED_COUNTS[definition.method]({ candidates: names, seats: definition.seats, ballots: groupRankings(voted) }, new LotBook(needed(definition, context).seed)));
  const first = tallyNames(
    names,
    voted.map((ranking) => ranking[0]!),
  );
  return {
    ballots: cast.length,
    abstentions: cast.length - voted.length,
    seats: definition.seats,
    tied: [],
    counts: first,
    elected: sheet.elected,
    method: definition.method,
    vacant: sheet.vacant,
    sheet,
  };
}

/**
 * What a count by marks (every rule but a ranked one) reads of the papers: how many there are, how
 * many of them are blank, and how many marks each name has (a name given three votes on one paper,
 * three). Hand-counted totals are this very shape, so postal totals add to the online papers' marks.
 */
export interface Marks {
  papers: number;
  abstentions: number;
  votes: ReadonlyMap<string, number>;
}

/** The marks of these papers (each a list of names; an empty one is an abstention). */
export function marksOf(papers: Iterable<readonly string[]>): Marks {
  let count = 0;
  let abstentions = 0;
  const votes = new Map<string, number>();
  for (const choices of papers) {
    count += 1;
    if (choices.length === 0) abstentions += 1;
    for (const name of choices) votes.set(name, (votes.get(name) ?? 0) + 1);
  }
  return { papers: count, abstentions, votes };
}

/** Two piles of papers' marks as one. */
export function addMarks(a: Marks, b: Marks): Marks {
  const votes = new Map(a.votes);
  for (const [name, n] of b.votes) votes.set(name, (votes.get(name) ?? 0) + n);
  return { papers: a.papers + b.papers, abstentions: a.abstentions + b.abstentions, votes };
}

const needed = (definition: BallotDefinition, context: TallyContext | undefined): TallyContext => {
  if (!context) throw new Error(`a ${definition.kind} count needs the sealed box's digest and the roll's size`);
  return context;
};

/** Counts a ballot of marks (single, multi, list, referendum) from its papers' marks. */
export function tallyMarks(definition: Exclude<BallotDefinition, { kind: 'ranked' }>, candidates: readonly Candidate[], marks: Marks, context?: TallyContext): TallyResult {
  const votesFor = (names: readonly string[]) => new Map(names.map((name) => [name, marks.votes.get(name) ?? 0]));
  const voted = marks.papers - marks.abstentions;
  const base = { ballots: marks.papers, abstentions: marks.abstentions, seats: seatsOf(definition), tied: [] as string[] };
  switch (definition.kind) {
    case 'single':
    case 'multi': {
      const counts = mostFirst([...votesFor(namesOnBallot(definition, candidates))].map(([candidate, votes]) => ({ candidate, votes })));
      const result = { counts, ...allocateSeats(counts, seatsOf(definition)) };
      if (definition.kind === 'multi' || !definition.ron) return { ...base, ...result };
      return { ...base, ...result, elected: result.elected.filter((name) => name !== RON), vacant: result.elected.includes(RON) ? 1 : 0 };
    }
    case 'list': {
      const lists = definition.lists.map((name) => ({ name, candidates: candidates.filter((c) => c.list === name).map((c) => c.name) }));
      const personalVotes = votesFor(candidates.map((c) => c.name));
      const wholeListVotes = votesFor(definition.lists);
      // `all`: a vote for a whole list becomes personal votes, and no list votes are left.
      const [candidateVotes, listVotes] =
        definition.listVote === 'all' ? [withVotesDownTheLists(lists, wholeListVotes, personalVotes, definition), countVotes(definition.lists, [])] : [personalVotes, wholeListVotes];
      const listVote = definition.listVote && { rule: definition.listVote, votes: definition.votes, maxPerCandidate: definition.maxPerCandidate };
      const sheet = countListSeats(
        { method: definition.method, seats: definition.seats, lists, candidateVotes, listVotes, validBallots: voted, ...(listVote && { listVote }) },
        new LotBook(needed(definition, context).seed),
      );
      const totals = lists.map(({ name, candidates: members }) => ({ candidate: name, votes: listVotes.get(name)! + members.reduce((sum, m) => sum + candidateVotes.get(m)!, 0) }));
      return { ...base, counts: mostFirst(totals), elected: sheet.elected, method: definition.method, vacant: sheet.vacant, sheet };
    }
    case 'referendum': {
      const yes = marks.votes.get('yes') ?? 0;
      const no = marks.votes.get('no') ?? 0;
      const sheet = countReferendum({
        yes,
        no,
        abstain: base.abstentions,
        majority: definition.majority,
        ...(definition.quorumPercent !== undefined && { quorumPercent: definition.quorumPercent }),
        registeredVoters: needed(definition, context).registeredVoters,
      });
      return {
        ...base,
        counts: mostFirst([
          { candidate: 'yes', votes: yes },
          { candidate: 'no', votes: no },
        ]),
        elected: [],
        method: 'referendum',
        passed: sheet.referendum!.passed,
        sheet,
      };
    }
  }
}

/** The personal votes with each vote for a whole list given as the voter's votes down that list (votesDownTheList). */
function withVotesDownTheLists(
  lists: readonly { name: string; candidates: readonly string[] }[],
  wholeListVotes: ReadonlyMap<string, number>,
  personalVotes: ReadonlyMap<string, number>,
  { votes, maxPerCandidate }: { votes: number; maxPerCandidate: number },
): Map<string, number> {
  const given = new Map(personalVotes);
  for (const { name, candidates } of lists) {
    const ballots = wholeListVotes.get(name)!;
    for (const [candidate, n] of votesDownTheList(candidates, votes, maxPerCandidate)) given.set(candidate, given.get(candidate)! + ballots * n);
  }
  return given;
}

/** A seat RON wins stays empty: it leaves the elected and counts as vacant. */
function withRonVacancies(sheet: CountSheet): CountSheet {
  const elected = sheet.elected.filter((name) => name !== RON);
  return { ...sheet, elected, vacant: sheet.vacant + sheet.elected.length - elected.length };
}

/** Votes per name (each occurrence one vote), in `names` order. */
function countVotes(names: readonly string[], votes: Iterable<string>): Map<string, number> {
  const counts = new Map(names.map((name) => [name, 0]));
  for (const name of votes) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

/** Votes per name, in `names` order, most first. */
function tallyNames(names: readonly string[], votes: Iterable<string>): TallyResult['counts'] {
  return mostFirst([...countVotes(names, votes)].map(([candidate, n]) => ({ candidate, votes: n })));
}

const mostFirst = (counts: TallyResult['counts']) => [...counts].sort((a, b) => b.votes - a.votes);

/**
 * Seats go to whole groups of equal count; a group larger than the seats left is a tie.
 * A seat needs at least one vote: nobody is elected by an empty box.
 */
function allocateSeats(counts: TallyResult['counts'], seats: number): { elected: string[]; tied: string[] } {
  const elected: string[] = [];
  for (let i = 0; i < counts.length && elected.length < seats && counts[i]!.votes > 0;) {
    const votes = counts[i]!.votes;
    const group = counts.filter((c) => c.votes === votes).map((c) => c.candidate);
    if (elected.length + group.length > seats) return { elected, tied: group };
    elected.push(...group);
    i += group.length;
  }
  return { elected, tied: [] };
}
