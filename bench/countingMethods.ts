import { tally, type BallotContent, type BallotDefinition, type Candidate } from '../domain';

export interface CountingFigures {
  rule: string;
  ballots: number;
  candidates: number;
  seats: number;
  /** Distinct rankings (ranked rules group identical ones) or, for lists, personal and list votes cast. */
  groups: number;
  seconds: number;
  elected: number;
}

/** A small deterministic generator, so each run counts the same ballots. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const person = (name: string, list?: string): Candidate => ({ name, email: 'x@bench.test', pageLink: 'https://bench.test', ...(list && { list }) });
const SEED = { digest: 'b'.repeat(64), contest: 'bench' };

/**
 * 100,000 ranked ballots over 20 candidates, 5 seats, counted through `tally` (grouping included)
 * by Scottish STV, Meek STV and Schulze; then 1,000,000 list ballots over 8 lists of 10 by
 * Sainte-Laguë. The rankings are skewed like real ones: a few popular candidates, preferences
 * that follow blocs, and ballots that stop after a few ranks.
 */
export function benchCountingMethods(rankedBallots = 100_000, listBallots = 1_000_000): CountingFigures[] {
  const random = generator(2026);
  const names = Array.from({ length: 20 }, (_, i) => `Candidate ${String(i + 1).padStart(2, '0')}`);
  const popularity = names.map((_, i) => 1 / (i + 2));
  const ranked: BallotContent[] = Array.from({ length: rankedBallots }, () => {
    const left = [...names];
    const weights = [...popularity];
    const length = 1 + Math.floor(random() ** 2 * 8);
    const ranking: string[] = [];
    while (ranking.length < length) {
      const total = weights.reduce((a, b) => a + b, 0);
      let pick = random() * total;
      let i = 0;
      while (pick > weights[i]! && i < weights.length - 1) pick -= weights[i++]!;
      ranking.push(left.splice(i, 1)[0]!);
      weights.splice(i, 1);
    }
    return { choices: ranking };
  });
  const groups = new Set(ranked.map((b) => b.choices.join('\n'))).size;
  const figures: CountingFigures[] = [];
  for (const method of ['scottish-stv', 'meek-stv', 'schulze'] as const) {
    const definition: BallotDefinition = { kind: 'ranked', method, seats: 5 };
    const started = performance.now();
    const result = tally(
      definition,
      names.map((n) => person(n)),
      ranked,
      { seed: SEED, registeredVoters: rankedBallots },
    );
    figures.push({ rule: method, ballots: rankedBallots, candidates: names.length, seats: 5, groups, seconds: (performance.now() - started) / 1000, elected: result.elected.length });
  }

  const lists = Array.from({ length: 8 }, (_, i) => `List ${i + 1}`);
  const members = lists.flatMap((list) => Array.from({ length: 10 }, (_, i) => person(`${list} candidate ${i + 1}`, list)));
  const listBallot: BallotContent[] = Array.from({ length: listBallots }, () => {
    if (random() < 0.3) return { choices: [lists[Math.floor(random() ** 1.5 * lists.length)]!] };
    const votes = Array.from({ length: 3 }, () => members[Math.floor(random() ** 1.5 * members.length)]!.name);
    return { choices: votes.sort() };
  });
  const definition: BallotDefinition = { kind: 'list', method: 'sainte-lague', seats: 40, lists, votes: 3, maxPerCandidate: 3 };
  const started = performance.now();
  const result = tally(definition, members, listBallot, { seed: SEED, registeredVoters: listBallots });
  figures.push({
    rule: 'sainte-lague',
    ballots: listBallot.length,
    candidates: members.length,
    seats: 40,
    groups: listBallot.reduce((n, b) => n + b.choices.length, 0),
    seconds: (performance.now() - started) / 1000,
    elected: result.elected.length,
  });
  return figures;
}
