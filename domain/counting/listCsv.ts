import { parse } from 'csv-parse/sync';
import { COUNT_LIMITS, type CountLimits } from '../limits';

/** A party-list count's input as read from a `list,votes` CSV file. */
export interface ListVotesFile {
  /** In file order, which is ballot order; the file names no candidates, so every list's is empty. */
  lists: { name: string; candidates: string[] }[];
  /** Per list: the votes on its line, which is the list's whole total. */
  listVotes: Map<string, number>;
  /** Always empty: the file has list totals only. */
  candidateVotes: Map<string, number>;
  /** The sum of the lists' totals: each valid ballot counts for exactly one list. */
  validBallots: number;
}

const HEADER = 'list,votes';

/**
 * Reads the `election count` command's list input: a header `list,votes`, then one line per list
 * with its total. Quote a name that holds a comma ("Greens, Left"). Errors name the line.
 */
export function parseListVotesCsv(text: string, limits: CountLimits = COUNT_LIMITS): ListVotesFile {
  const rows = readRows(text);
  const [header, ...lines] = rows;
  if (!header) throw new Error(`the file is empty: it must start with the header "${HEADER}"`);
  refuseSemicolons(header);
  if (header.record.map((cell) => cell.toLowerCase()).join(',') !== HEADER) {
    throw new Error(`line ${header.line}: the header must be "${HEADER}", found "${header.record.join(',')}"`);
  }
  if (lines.length === 0) throw new Error(`the file has no lists: after the header, one line per list ("Greens,1200")`);
  const beyond = lines[limits.lists];
  if (beyond) throw new Error(`line ${beyond.line}: more than ${limits.lists} lists: a count takes at most ${limits.lists}`);

  const result: ListVotesFile = { lists: [], listVotes: new Map(), candidateVotes: new Map(), validBallots: 0 };
  const lineOf = new Map<string, number>();
  for (const row of lines) {
    refuseSemicolons(row);
    const problem = (message: string) => new Error(`line ${row.line}: ${message}`);
    if (row.record.length !== 2) {
      throw problem(`expected 2 columns (list,votes), found ${row.record.length}; quote a list name that holds a comma and write numbers without thousands separators`);
    }
    const [name, votesText] = row.record as [string, string];
    if (name === '') throw problem('the list name is empty');
    const first = lineOf.get(name);
    if (first !== undefined) throw problem(`the list "${name}" is already on line ${first}`);
    const votes = wholeVotes(votesText, problem);
    lineOf.set(name, row.line);
    result.lists.push({ name, candidates: [] });
    result.listVotes.set(name, votes);
    result.validBallots += votes;
    if (!Number.isSafeInteger(result.validBallots)) throw problem('the total of the votes is too large');
  }
  return result;
}

interface Row {
  record: string[];
  line: number;
}

function readRows(text: string): Row[] {
  try {
    const rows = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return rows.map(({ record, info }) => ({ record, line: info.lines }));
  } catch (error) {
    // csv-parse names the line in its own words ("... at line 3"); say it first, as every other error here does.
    const { lines, message } = error as { lines?: number; message: string };
    throw new Error(lines === undefined ? message : `line ${lines}: ${message}`, { cause: error });
  }
}

/** A file saved by a spreadsheet in a comma-decimal locale is `;`-separated: say so rather than "1 column". */
function refuseSemicolons(row: Row) {
  if (row.record.length === 1 && row.record[0]!.includes(';')) {
    throw new Error(`line ${row.line}: columns must be separated by commas, not semicolons ("Greens,1200")`);
  }
}

function wholeVotes(text: string, problem: (message: string) => Error): number {
  if (text === '') throw problem('the votes are missing');
  if (/^-\s*\d/.test(text)) throw problem(`votes cannot be negative ("${text}")`);
  if (/^\d*[.,]\d+$/.test(text)) throw problem(`votes must be a whole number, not a fraction ("${text}")`);
  if (!/^\d+$/.test(text)) throw problem(`"${text}" is not a number of votes`);
  const votes = Number(text);
  if (!Number.isSafeInteger(votes)) throw problem(`${text} votes is too large`);
  return votes;
}
