import { tally, type BallotContent } from '../domain';

export interface TallyFigures {
  ballots: number;
  seconds: number;
  ballotsPerSecond: number;
}

/** The pure tally over a million single-choice ballots, in process. */
export function benchTally(count = 1_000_000): TallyFigures {
  const candidates = ['Ada', 'Grace', 'Alan', 'Barbara', 'Edsger'].map((name) => ({ name, email: `${name}@bench.test`, pageLink: 'https://bench.test' }));
  const ballots: BallotContent[] = Array.from({ length: count }, (_, i) => ({ choices: i % 17 === 0 ? [] : [candidates[(i * 7) % 5]!.name] }));
  const started = performance.now();
  const result = tally({ kind: 'single' }, candidates, ballots);
  const seconds = (performance.now() - started) / 1000;
  if (result.ballots !== count) throw new Error(`tally counted ${result.ballots} of ${count}`);
  return { ballots: count, seconds, ballotsPerSecond: count / seconds };
}
