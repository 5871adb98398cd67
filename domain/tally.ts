import { seatsOf, type BallotContent, type BallotDefinition, type Candidate } from './election';

export interface TallyResult {
  ballots: number;
  abstentions: number;
  seats: number;
  /** Every candidate, most votes first; equal counts keep the order candidates were added in. */
  counts: { candidate: string; votes: number }[];
  /** Candidates who won a seat outright. */
  elected: string[];
  /** Candidates with equal votes competing for the seats left over: a tie is reported, never broken. */
  tied: string[];
}

export function tally(
  definition: BallotDefinition,
  candidates: readonly Candidate[],
  ballots: Iterable<BallotContent>,
): TallyResult {
  const votes = new Map(candidates.map((c) => [c.name, 0]));
  let total = 0;
  let abstentions = 0;
  for (const { choices } of ballots) {
    total += 1;
    if (choices.length === 0) abstentions += 1;
    for (const choice of choices) votes.set(choice, (votes.get(choice) ?? 0) + 1);
  }
  const counts = [...votes].map(([candidate, n]) => ({ candidate, votes: n })).sort((a, b) => b.votes - a.votes);
  const seats = seatsOf(definition);
  const { elected, tied } = allocateSeats(counts, seats);
  return { ballots: total, abstentions, seats, counts, elected, tied };
}

/**
 * Seats go to whole groups of equal count; a group larger than the seats left is a tie.
 * A seat needs at least one vote: nobody is elected by an empty box.
 */
function allocateSeats(counts: TallyResult['counts'], seats: number): { elected: string[]; tied: string[] } {
  const elected: string[] = [];
  for (let i = 0; i < counts.length && elected.length < seats && counts[i]!.votes > 0; ) {
    const votes = counts[i]!.votes;
    const group = counts.filter((c) => c.votes === votes).map((c) => c.candidate);
    if (elected.length + group.length > seats) return { elected, tied: group };
    elected.push(...group);
    i += group.length;
  }
  return { elected, tied: [] };
}
