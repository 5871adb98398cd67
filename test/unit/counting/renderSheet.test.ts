import { describe, expect, it } from 'vitest';
import { renderCountSheet } from '../../../domain/counting/renderSheet';
import type { CountRound, CountSheet } from '../../../domain/counting/sheet';

const lines = (text: string) => text.trimEnd().split('\n');
const codePoints = (line: string) => [...line].length;

/** A small Scottish STV count, made up and consistent: 30 ballots, quota floor(30 / 3) + 1 = 11, votes + non-transferable = 30 in every round. */
const STV: CountSheet = {
  method: 'scottish-stv',
  seats: 2,
  candidates: ['Alice', 'Bob', 'Carol', 'Dan'],
  validBallots: 30,
  quota: '11.00000',
  elected: ['Alice', 'Carol'],
  vacant: 0,
  final: { Alice: '11.00000', Carol: '11.00000', Bob: '5.00000' },
  nonTransferable: '3.00000',
  rounds: [
    {
      round: 1,
      action: 'first preferences',
      votes: { Alice: '16.00000', Bob: '5.00000', Carol: '6.00000', Dan: '3.00000' },
      nonTransferable: '0.00000',
      quota: '11.00000',
      elected: [{ candidate: 'Alice', reason: 'reached the quota (rule 47)' }],
      excluded: [],
    },
    {
      round: 2,
      action: 'surplus of Alice',
      votes: { Alice: '11.00000', Bob: '5.00000', Carol: '9.00000', Dan: '5.00000' },
      transfers: { Alice: '-5.00000', Carol: '3.00000', Dan: '2.00000' },
      transferValue: '0.31250',
      nonTransferable: '0.00000',
      quota: '11.00000',
      elected: [],
      excluded: [],
    },
    {
      round: 3,
      action: 'exclusion of Dan',
      votes: { Alice: '11.00000', Bob: '5.00000', Carol: '11.00000' },
      transfers: { Dan: '-5.00000', Carol: '2.00000' },
      transferValue: '1.00000',
      nonTransferable: '3.00000',
      quota: '11.00000',
      elected: [{ candidate: 'Carol', reason: 'reached the quota (rule 47)' }],
      excluded: [{ candidate: 'Dan', reason: 'lowest votes, tie broken by lot' }],
    },
  ],
  lots: [{ round: 3, purpose: 'exclude', among: ['Bob', 'Dan'], chosen: 'Dan', draw: 'ab'.repeat(32) }],
};

describe('renderCountSheet', () => {
  it('prints an STV count as a plain-text sheet: header, votes and transfers by round, each round, the lots and the result', () => {
    expect(renderCountSheet(STV)).toBe(`Count sheet: Single transferable vote, Scottish rules (SSI 2007/42, Schedule 1, rules 45 to 52)
Seats: 2
Valid ballots: 30
Quota: 11.00000
Candidates: 4

Votes after each round ("-": no longer counted)
Candidate          Round 1   Round 2   Round 3
Alice             16.00000  11.00000  11.00000
Bob                5.00000   5.00000   5.00000
Carol              6.00000   9.00000  11.00000
Dan                3.00000   5.00000         -
Non-transferable   0.00000   0.00000   3.00000
Quota             11.00000  11.00000  11.00000

Votes transferred in each round
Candidate  Round 1   Round 2   Round 3
Alice               -5.00000
Carol               +3.00000  +2.00000
Dan                 +2.00000  -5.00000

Rounds
  Round 1: first preferences
    elected: Alice - reached the quota (rule 47)
  Round 2: surplus of Alice
    transfer value: 0.31250
  Round 3: exclusion of Dan
    transfer value: 1.00000
    elected: Carol - reached the quota (rule 47)
    excluded: Dan - lowest votes, tie broken by lot

Lots: ties decided by lot, in the order drawn
  draw = sha256 of JSON [digest, contest, round, purpose, among]; chosen = among[draw mod count]
  round 3, exclude: among Bob, Dan; chosen Dan
      draw abababababababababababababababababababababababababababababababab

Result
  Elected, in order of election:
    1. Alice, round 1 - reached the quota (rule 47)
    2. Carol, round 3 - reached the quota (rule 47)
  Excluded: Dan (round 3)
  Final votes:
    Alice  11.00000
    Carol  11.00000
    Bob     5.00000
  Non-transferable: 3.00000
`);
  });

  describe('a long Meek count: 12 candidates, one name of 50 characters, 20 rounds of 9-decimal figures', () => {
    const names = Array.from({ length: 12 }, (_, i) => (i === 3 ? 'Maximiliane Josephine von Hohenzollern-Sigmaringen' : `Candidate ${String.fromCharCode(65 + i)}`));
    const figure = (candidate: number, round: number) => `${100000 + candidate * 1000 + round}.123456789`;
    const rounds: CountRound[] = Array.from({ length: 20 }, (_, r) => ({
      round: r + 1,
      action: `${r + 1 < 10 ? 'round' : 'later round'} ${r + 1}: 14 iterations, keep factors ${names.map((name) => `${name} 0.987654321`).join(', ')}`,
      votes: Object.fromEntries(names.map((name, i) => [name, figure(i, r + 1)])),
      quota: '99999.000000001',
      nonTransferable: `${r}.000000000`,
      elected: [],
      excluded: [],
    }));
    const text = renderCountSheet({
      method: 'meek-stv',
      seats: 5,
      candidates: names,
      validBallots: 1_200_000,
      quota: '99999.000000001',
      elected: names.slice(0, 5),
      vacant: 0,
      final: rounds.at(-1)!.votes,
      nonTransferable: '19.000000000',
      rounds,
      lots: [],
    });

    it('keeps every line under 100 characters, wrapping rounds into several tables and long text onto several lines', () => {
      expect(lines(text).filter((line) => codePoints(line) >= 100)).toEqual([]);
      const heads = lines(text).filter((line) => line.startsWith('Candidate ') && line.includes('Round'));
      expect(heads.length).toBeGreaterThan(2);
      for (const head of heads) expect(head.match(/Round \d+/g)!.length).toBeLessThanOrEqual(8);
      expect(heads.flatMap((head) => head.match(/Round \d+/g)!)).toEqual(rounds.map((r) => `Round ${r.round}`));
      expect(text).toContain('Candidate L 0.987654321');
    });

    it("shows every candidate's figure of every round, in order, across the tables (a long name cut short)", () => {
      const row = (label: string) =>
        lines(text)
          .filter((line) => line.startsWith(`${label} `))
          .flatMap((line) => line.slice(label.length).trim().split(/\s+/));
      expect(row('Candidate A')).toEqual(rounds.map((r) => figure(0, r.round)));
      expect(row('Maximiliane Josephine von Hoh…')).toEqual(rounds.map((r) => figure(3, r.round)));
      expect(row('Quota')).toEqual(rounds.map(() => '99999.000000001'));
      expect(row('Non-transferable')).toEqual(rounds.map((r) => `${r.round - 1}.000000000`));
      expect(text).toContain('    4. Maximiliane Josephine von Hohenzollern-Sigmaringen\n');
      expect(text).toContain('Lots: none (no tie was decided by lot)');
    });
  });

  it("prints Schulze's pairwise table, strongest paths and ranking (Wikipedia's 45-voter example)", () => {
    // Wikipedia, "Schulze method", example (CC BY-SA 4.0): 45 voters, 5 candidates; E > A > C > B > D.
    const candidates = ['A', 'B', 'C', 'D', 'E'];
    const text = renderCountSheet({
      method: 'schulze',
      seats: 1,
      candidates,
      validBallots: 45,
      elected: ['E'],
      vacant: 0,
      final: { A: '3', B: '1', C: '2', D: '0', E: '4' },
      rounds: [{ round: 1, action: 'pairwise count', votes: { A: '10', B: '8', C: '12', D: '7', E: '8' }, elected: [], excluded: [] }],
      lots: [],
      schulze: {
        preferences: [
          [0, 20, 26, 30, 22],
          [25, 0, 16, 33, 18],
          [19, 29, 0, 17, 24],
          [15, 12, 28, 0, 14],
          [23, 27, 21, 31, 0],
        ],
        strongestPaths: [
          [0, 28, 28, 30, 24],
          [25, 0, 28, 33, 24],
          [25, 29, 0, 29, 24],
          [25, 28, 28, 0, 24],
          [25, 28, 28, 31, 0],
        ],
        ranking: ['E', 'A', 'C', 'B', 'D'],
      },
    });
    expect(text).toContain(`Pairwise preferences: ballots ranking the row candidate above the column candidate
Candidate   1   2   3   4   5
1 A         -  20  26  30  22
2 B        25   -  16  33  18
3 C        19  29   -  17  24
4 D        15  12  28   -  14
5 E        23  27  21  31   -
`);
    expect(text).toContain(`Strongest paths (winning votes): strength of the strongest path from row to column
Candidate   1   2   3   4   5
1 A         -  28  28  30  24
2 B        25   -  28  33  24
3 C        25  29   -  29  24
4 D        25  28  28   -  24
5 E        25  28  28  31   -
`);
    expect(text).toContain('Ranking: 1. E, 2. A, 3. C, 4. B, 5. D\n');
    expect(text).toContain('  Elected, in order of election:\n    1. E\n');
    expect(text).toContain('  Candidates each one beats:\n    A  3\n    B  1\n    C  2\n    D  0\n    E  4\n');
    expect(text).not.toContain('Non-transferable');
  });

  it("prints a list count's lists, the seats in the order given and the seats by list (Wikipedia's D'Hondt example)", () => {
    // Wikipedia, "D'Hondt method", example (CC BY-SA 4.0): 8 seats, 230,000 votes; A 4, B 3, C 1, D 0.
    const totals = { A: '100000', B: '80000', C: '30000', D: '20000' };
    const steps = [
      ['A', '100000.000'],
      ['B', '80000.000'],
      ['A', '50000.000'],
      ['B', '40000.000'],
      ['A', '33333.333'],
      ['C', '30000.000'],
      ['B', '26666.666'],
      ['A', '25000.000'],
    ].map(([list, quotient], i) => ({ seat: i + 1, list: list!, quotient: quotient!, reason: 'highest quotient' }));
    const text = renderCountSheet({
      method: 'dhondt',
      seats: 8,
      candidates: ['A', 'B', 'C', 'D'],
      validBallots: 230000,
      elected: ['Ann', 'Abe'],
      vacant: 6,
      final: totals,
      rounds: [{ round: 1, action: 'list totals', votes: { ...totals, Ann: '60000', Abe: '1000' }, elected: [], excluded: [] }],
      lots: [],
      lists: {
        results: [
          { list: 'A', votes: '100000', seats: 4, elected: ['Ann', 'Abe'], emptySeats: 2 },
          { list: 'B', votes: '80000', seats: 3, elected: [], emptySeats: 3 },
          { list: 'C', votes: '30000', seats: 1, elected: [], emptySeats: 1 },
          { list: 'D', votes: '20000', seats: 0, elected: [], emptySeats: 0 },
        ],
        steps,
        seatsByList: { A: 4, B: 3, C: 1, D: 0 },
      },
    });
    expect(text).toContain("Count sheet: Party-list seats, D'Hondt (divisors 1, 2, 3, ...)\nSeats: 8\nValid ballots: 230000\nLists: 4\n");
    expect(text).toContain('List  Round 1\nA      100000\nB       80000\nC       30000\nD       20000\nAnn     60000\nAbe      1000\n');
    expect(text).toContain(
      'Lists\nList   Votes  Seats  Unfilled\nA     100000      4         2\nB      80000      3         3\nC      30000      1         1\nD      20000      0         0\n  A: Ann, Abe\n',
    );
    expect(text).toContain('  seat 1: A, 100000.000 (highest quotient)\n');
    expect(text).toContain('  seat 7: B, 26666.666 (highest quotient)\n  seat 8: A, 25000.000 (highest quotient)\n');
    expect(text).toContain('  Seats by list:\n    A  4\n    B  3\n    C  1\n    D  0\n');
    expect(text).toContain('  Seats left vacant: 6 (a list won more seats than it has candidates)\n');
    expect(text).toContain('  Final totals:\n    A  100000\n');
  });

  it('prints a referendum: the answers, the majority and quorum needed, and the decision', () => {
    const text = renderCountSheet({
      method: 'referendum',
      seats: 0,
      candidates: ['yes', 'no'],
      validBallots: 180,
      elected: [],
      vacant: 0,
      final: { yes: '120', no: '60' },
      rounds: [],
      lots: [],
      referendum: { yes: 120, no: 60, abstain: 20, majority: 'two-thirds', quorumVotes: 100, passed: true, reason: 'yes is exactly two thirds of yes and no (120 of 180) and meets the quorum of 100' },
    });
    expect(text).toBe(`Count sheet: Referendum
Valid ballots: 180

Referendum
  Yes: 120   No: 60   Abstained: 20 (counted for neither side)
  Majority needed: two thirds of yes and no together
  Quorum: at least 100 yes votes
  PASSED: yes is exactly two thirds of yes and no (120 of 180) and meets the quorum of 100

Result
  Final votes:
    yes  120
    no    60
`);
  });

  it.each(['plurality', 'irv', 'scottish-stv', 'meek-stv', 'schulze', 'dhondt', 'sainte-lague', 'hare-niemeyer', 'referendum'] as const)(
    'names the method %s in words within 100 characters',
    (method) => {
      const first = lines(renderCountSheet({ ...STV, method }))[0]!;
      expect(first).toMatch(/^Count sheet: [A-Z]/);
      expect(codePoints(first)).toBeLessThan(100);
    },
  );

  it('prints no control or direction-changing character that came with a name', () => {
    const sly = 'Eve\u001b[2J\u202eevE';
    const text = renderCountSheet({ ...STV, candidates: [...STV.candidates, sly], elected: [sly, 'Alice'], final: { ...STV.final, [sly]: '0.00000' } });
    expect(text.includes('\u001b') || text.includes('\u202e')).toBe(false);
    expect(text).toContain('    1. Eve?[2J?evE\n');
  });
});
