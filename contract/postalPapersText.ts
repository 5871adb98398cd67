import type { BallotChoice } from '../domain/ballot';

/**
 * A contest's postal papers as the committee types or saves them, one paper a line: the names in
 * the order marked (a ranking's preferences first to last), separated by commas; `-` for a blank
 * paper and `invalid` for an invalid one; empty lines skipped. Read alike by `admin postal-papers`
 * and the console, so that a file and the console's box take the same text.
 */
export function postalPapersFromText(text: string): { papers: BallotChoice[]; invalid: number } {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const papers = lines.filter((line) => line !== INVALID).map((line): BallotChoice => (line === BLANK ? { abstain: true } : { choices: line.split(',').map((name) => name.trim()) }));
  return { papers, invalid: lines.length - papers.length };
}

const BLANK = '-';
const INVALID = 'invalid';
