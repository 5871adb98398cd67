import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { groupRankings, LotBook, parseBlt } from '../../../domain';
import { countSchulze } from '../../../domain/counting/schulze';

const seed = { digest: 'c'.repeat(64), contest: 'schulze' };

describe('Schulze, winning votes', () => {
  it("reproduces Wikipedia's 45-voter example: the pairwise table, the strongest paths, and E > A > C > B > D", () => {
    // Wikipedia, "Schulze method", Example (CC BY-SA): 5 candidates, 45 voters.
    const election = parseBlt(readFileSync(new URL('./fixtures/cli/schulze-wikipedia.blt', import.meta.url), 'utf8'));
    const sheet = countSchulze({ ...election, seats: 1 }, new LotBook(seed));
    expect(sheet.schulze!.preferences).toEqual([
      [0, 20, 26, 30, 22],
      [25, 0, 16, 33, 18],
      [19, 29, 0, 17, 24],
      [15, 12, 28, 0, 14],
      [23, 27, 21, 31, 0],
    ]);
    expect(sheet.schulze!.strongestPaths).toEqual([
      [0, 28, 28, 30, 24],
      [25, 0, 28, 33, 24],
      [25, 29, 0, 29, 24],
      [25, 28, 28, 0, 24],
      [25, 28, 28, 31, 0],
    ]);
    expect(sheet.schulze!.ranking).toEqual(['E', 'A', 'C', 'B', 'D']);
    expect(sheet.elected).toEqual(['E']);
    expect(sheet.final).toEqual({ A: '3', B: '1', C: '2', D: '0', E: '4' });
    expect(sheet.lots).toEqual([]);
  });

  it('elects the top k of the ranking for k seats', () => {
    const election = parseBlt(readFileSync(new URL('./fixtures/cli/schulze-wikipedia.blt', import.meta.url), 'utf8'));
    expect(countSchulze({ ...election, seats: 3 }, new LotBook(seed)).elected).toEqual(['E', 'A', 'C']);
  });

  it('counts by winning votes where margins would elect someone else', () => {
    // Found by search and kept: ballots leaving candidates unranked make the two strengths differ.
    const rankings = [['B', 'D', 'A'], ['A', 'C', 'B'], ['C'], ['A', 'D', 'B'], ['D'], ['A', 'C', 'B'], ['B'], ['A', 'C', 'B'], ['B'], ['B', 'D'], ['C', 'B', 'A'], ['C', 'B', 'D']];
    const sheet = countSchulze({ candidates: ['A', 'B', 'C', 'D'], seats: 1, ballots: groupRankings(rankings) }, new LotBook(seed));
    expect(sheet.elected).toEqual(['C']);
    // By margins, d[i][j] − d[j][i], B would win: the winning-votes rule is the one pinned.
    const d = sheet.schulze!.preferences;
    const margins = d.map((row, i) => row.map((votes, j) => Math.max(0, votes - d[j]![i]!)));
    const widest = margins.map((row) => [...row]);
    for (let k = 0; k < 4; k += 1)
      for (let i = 0; i < 4; i += 1) for (let j = 0; j < 4; j += 1) if (i !== j && i !== k && j !== k) widest[i]![j] = Math.max(widest[i]![j]!, Math.min(widest[i]![k]!, widest[k]![j]!));
    expect(['A', 'B', 'C', 'D'].filter((_, i) => [0, 1, 2, 3].every((j) => j === i || widest[i]![j]! >= widest[j]![i]!))).toEqual(['B']);
  });

  it('ranks a ranked candidate above every unranked one, and orders a perfect tie by lot, the same way every time', () => {
    const tie = countSchulze({ candidates: ['Ann', 'Bob', 'Cy'], seats: 1, ballots: groupRankings([['Ann'], ['Bob'], ['Cy']]) }, new LotBook(seed));
    expect(tie.schulze!.preferences).toEqual([
      [0, 1, 1],
      [1, 0, 1],
      [1, 1, 0],
    ]);
    expect(tie.lots[0]).toMatchObject({ round: 1, purpose: 'rank', among: ['Ann', 'Bob', 'Cy'] });
    expect(tie.elected).toEqual([tie.lots[0]!.chosen]);
    expect(countSchulze({ candidates: ['Ann', 'Bob', 'Cy'], seats: 1, ballots: groupRankings([['Ann'], ['Bob'], ['Cy']]) }, new LotBook(seed))).toEqual(tie);
  });

  it('leaves withdrawn candidates out and counts a ballot that ranked only them as no vote', () => {
    const sheet = countSchulze({ candidates: ['Ann', 'Bob', 'Cy'], withdrawn: ['Cy'], seats: 1, ballots: groupRankings([['Cy'], ['Bob', 'Cy'], ['Ann', 'Bob'], ['Ann']]) }, new LotBook(seed));
    expect(sheet.candidates).toEqual(['Ann', 'Bob']);
    expect(sheet.validBallots).toBe(3);
    expect(sheet.elected).toEqual(['Ann']);
  });
});
