import { describe, expect, it } from 'vitest';
import { parseListVotesCsv } from '../../../domain/counting/listCsv';

describe('parseListVotesCsv: list totals for the count command', () => {
  it('reads one line per list, in file order, and counts their sum as the valid ballots', () => {
    // Wikipedia, "D'Hondt method", worked example (CC BY-SA 4.0): four parties, 230,000 votes.
    const file = parseListVotesCsv('list,votes\nParty A,100000\nParty B,80000\nParty C,30000\nParty D,20000\n');
    expect(file).toEqual({
      lists: [
        { name: 'Party A', candidates: [] },
        { name: 'Party B', candidates: [] },
        { name: 'Party C', candidates: [] },
        { name: 'Party D', candidates: [] },
      ],
      listVotes: new Map(Object.entries({ 'Party A': 100000, 'Party B': 80000, 'Party C': 30000, 'Party D': 20000 })),
      candidateVotes: new Map(),
      validBallots: 230000,
    });
  });

  it('takes a quoted name with a comma, a byte-order mark, CRLF line ends, spaces around cells, blank lines and a header in capitals', () => {
    const file = parseListVotesCsv('\uFEFFList,Votes\r\n"Greens, Left" , 12\r\n\r\nLiberals,0\r\n');
    expect(file.lists.map((l) => l.name)).toEqual(['Greens, Left', 'Liberals']);
    expect(file.listVotes).toEqual(new Map(Object.entries({ 'Greens, Left': 12, Liberals: 0 })));
    expect(file.validBallots).toBe(12);
  });

  it.each([
    ['', 'the file is empty: it must start with the header "list,votes"'],
    ['party,count\nA,1\n', 'line 1: the header must be "list,votes", found "party,count"'],
    ['list,votes,seats\nA,1,2\n', 'line 1: the header must be "list,votes", found "list,votes,seats"'],
    ['list;votes\nA;1\n', 'line 1: columns must be separated by commas, not semicolons ("Greens,1200")'],
    ['list,votes\nA;1\n', 'line 2: columns must be separated by commas, not semicolons ("Greens,1200")'],
    ['list,votes\n', 'the file has no lists: after the header, one line per list ("Greens,1200")'],
    ['list,votes\nA,1\nB,-3\n', 'line 3: votes cannot be negative ("-3")'],
    ['list,votes\nA,2.5\n', 'line 2: votes must be a whole number, not a fraction ("2.5")'],
    ['list,votes\nA,"2,5"\n', 'line 2: votes must be a whole number, not a fraction ("2,5")'],
    ['list,votes\nA,1e3\n', 'line 2: "1e3" is not a number of votes'],
    ['list,votes\nA,\n', 'line 2: the votes are missing'],
    ['list,votes\n,4\n', 'line 2: the list name is empty'],
    ['list,votes\nA,1\nB,2\nA,3\n', 'line 4: the list "A" is already on line 2'],
    ['list,votes\nA,1,000\n', 'line 2: expected 2 columns (list,votes), found 3; quote a list name that holds a comma and write numbers without thousands separators'],
    ['list,votes\nA\n', 'line 2: expected 2 columns (list,votes), found 1; quote a list name that holds a comma and write numbers without thousands separators'],
    ['list,votes\nA,9007199254740992\n', 'line 2: 9007199254740992 votes is too large'],
    ['list,votes\nA,9007199254740991\nB,1\n', 'line 3: the total of the votes is too large'],
  ])('refuses %j plainly', (text, message) => {
    expect(() => parseListVotesCsv(text)).toThrow(new Error(message));
  });

  it('names the line of an unclosed quote', () => {
    expect(() => parseListVotesCsv('list,votes\nA,1\n"B,2\n')).toThrow(/^line 3: .*quote/i);
  });
});
