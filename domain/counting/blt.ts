import { COUNT_LIMITS, type CountLimits } from '../limits';
import type { RankedBallots } from './ballots';

/** A ranked-ballot file in the ERS .blt format, as read. */
export interface BltFile {
  title: string;
  candidates: string[];
  seats: number;
  withdrawn: string[];
  ballots: RankedBallots[];
  /** The quoted lines after the title, when there are any: an ERS file's source and comment. */
  notes?: string[];
}

/**
 * Reads the ERS .blt format (used by OpenSTV, droop, the ERS's own counter and most others):
 *
 *     4 2            candidates and seats
 *     -2             optional: withdrawn candidates, as negative numbers
 *     3 1 2 4 0      a ballot line: weight, then candidate numbers in order of preference, then 0
 *     0              the end of the ballots
 *     "Name one"     each candidate's name, in number order
 *     "Title"        the election's title
 *     "Source"       optional: further quoted lines, as the ERS's own files (the ERBS validation
 *     "Comment"      set among them) give a source and a comment; ERS programs read past them
 *
 * Comments start with #. A ballot line may start with an id in parentheses, which is skipped.
 * Equal rankings ("1=2") and skipped ranks ("-") are refused: the rules counted here take neither.
 * So is a file past COUNT_LIMITS (candidates, ballot lines, preferences, ballots). Errors name the line.
 */
export function parseBlt(text: string, limits: CountLimits = COUNT_LIMITS): BltFile {
  const lines = text
    .split(/\r?\n/)
    .map((raw, i) => ({ number: i + 1, text: stripComment(raw).trim() }))
    .filter((line) => line.text !== '');
  let at = 0;
  const next = () => lines[at++];
  const problem = (line: { number: number } | undefined, message: string) => new Error(`line ${line?.number ?? lines.length + 1}: ${message}`);

  const header = next();
  const sizes = header?.text.split(/\s+/).map(Number);
  if (!header || sizes!.length !== 2 || !sizes!.every((n) => Number.isInteger(n) && n > 0)) {
    throw problem(header, 'the first line must be the number of candidates and the number of seats, for example "4 2"');
  }
  const [candidateCount, seats] = sizes as [number, number];
  if (candidateCount > limits.candidates) throw problem(header, `${candidateCount} candidates: a count takes at most ${limits.candidates}`);
  const candidateNumber = (token: string, line: { number: number }) => {
    const n = Number(token);
    if (!Number.isInteger(n) || n < 1 || n > candidateCount) throw problem(line, `"${token}" is not a candidate number (1 to ${candidateCount})`);
    return n;
  };

  const withdrawnNumbers: number[] = [];
  if (lines[at]?.text.startsWith('-')) {
    const line = next()!;
    for (const token of line.text.split(/\s+/)) withdrawnNumbers.push(candidateNumber(token.replace(/^-/, ''), line));
  }

  const rankings: { numbers: number[]; weight: number }[] = [];
  let ranks = 0;
  let ballots = 0n;
  for (;;) {
    const line = next();
    if (!line) throw problem(line, 'the ballots must end with a line holding only 0');
    if (line.text === '0') break;
    if (rankings.length === limits.ballotLines) throw problem(line, `more than ${limits.ballotLines} ballot lines: a count takes at most ${limits.ballotLines}`);
    const tokens = line.text.replace(/^\([^)]*\)\s*/, '').split(/\s+/);
    if (tokens.at(-1) !== '0') throw problem(line, 'a ballot line must end with 0');
    const weight = tokens[0]!;
    if (!/^\d+$/.test(weight) || BigInt(weight) === 0n) throw problem(line, `"${weight}" is not a ballot weight (a whole number of ballots)`);
    ballots += BigInt(weight);
    if (ballots > BigInt(limits.ballots)) throw problem(line, `the weights add up to more than ${limits.ballots} ballots, the most a count states exactly`);
    const numbers: number[] = [];
    const ranked = new Set<number>();
    for (const token of tokens.slice(1, -1)) {
      if (token.includes('=')) throw problem(line, `equal rankings ("${token}") are not allowed`);
      if (token === '-') throw problem(line, 'skipped ranks ("-") are not allowed');
      const n = candidateNumber(token, line);
      if (ranked.has(n)) throw problem(line, `candidate ${n} is ranked twice`);
      ranked.add(n);
      numbers.push(n);
    }
    ranks += numbers.length;
    if (ranks > limits.ranks) throw problem(line, `more than ${limits.ranks} preferences on the ballot lines so far: a count takes at most ${limits.ranks}`);
    rankings.push({ numbers, weight: Number(weight) });
  }

  const quoted = (what: string) => {
    const line = next();
    const match = line && /^"((?:[^"\\]|\\.)*)"$/.exec(line.text);
    if (!match) throw problem(line, `expected ${what} in double quotes`);
    return match[1]!.replace(/\\(.)/g, '$1');
  };
  const candidates = Array.from({ length: candidateCount }, (_, i) => quoted(`the name of candidate ${i + 1}`));
  if (new Set(candidates).size !== candidates.length) throw problem(lines[at - 1], 'two candidates have the same name');
  const title = at < lines.length ? quoted('the title') : '';
  const notes: string[] = [];
  while (at < lines.length) notes.push(quoted('a source or comment after the title'));

  return {
    title,
    candidates,
    seats,
    withdrawn: withdrawnNumbers.map((n) => candidates[n - 1]!),
    ballots: rankings.filter((r) => r.numbers.length > 0).map(({ numbers, weight }) => ({ ranking: numbers.map((n) => candidates[n - 1]!), weight })),
    ...(notes.length > 0 && { notes }),
  };
}

/** Writes ballots as a .blt file that other counters read: candidates numbered in the given order, one line per group. */
export function writeBlt({ title, candidates, seats, withdrawn, ballots }: BltFile): string {
  const numberOf = new Map(candidates.map((name, i) => [name, i + 1]));
  const quote = (text: string) => `"${text.replace(/(["\\])/g, '\\$1')}"`;
  const lines = [`${candidates.length} ${seats}`];
  if (withdrawn.length > 0) lines.push(withdrawn.map((name) => `-${numberOf.get(name)}`).join(' '));
  for (const { ranking, weight } of ballots) {
    const numbers = ranking.map((name) => {
      const n = numberOf.get(name);
      if (n === undefined) throw new Error(`"${name}" is ranked but is not a candidate`);
      return n;
    });
    lines.push([weight, ...numbers, 0].join(' '));
  }
  lines.push('0', ...candidates.map(quote), quote(title));
  return `${lines.join('\n')}\n`;
}

/** A # starts a comment, except inside a quoted name. */
function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    if (line[i] === '\\' && quoted) i += 1;
    else if (line[i] === '"') quoted = !quoted;
    else if (line[i] === '#' && !quoted) return line.slice(0, i);
  }
  return line;
}
