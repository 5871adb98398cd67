import { ownValue } from '../records';
import type { CountRound, CountSheet, CountingMethod, ListSection, ReferendumSection, SchulzeSection } from './sheet';

/** Lines stay shorter than this, so the sheet prints and reads in a terminal. */
const WIDTH = 99;
/** Rounds per table: a wider table is hard to follow along a row, even where it would fit. */
const MAX_COLUMNS = 8;
/** Longer names are cut in tables (in full in the round and result lines), so a round column always fits. */
const MAX_LABEL = 30;

const METHOD_IN_WORDS: Record<CountingMethod, string> = {
  plurality: 'Plurality: the most votes win',
  irv: 'Instant-runoff vote (alternative vote): lowest excluded until one has a majority',
  'scottish-stv': 'Single transferable vote, Scottish rules (SSI 2007/42, Schedule 1, rules 45 to 52)',
  'meek-stv': "Single transferable vote, Meek's method (NZ PRF Meek STV reference rule)",
  schulze: 'Schulze method (winning votes)',
  dhondt: "Party-list seats, D'Hondt (divisors 1, 2, 3, ...)",
  'sainte-lague': 'Party-list seats, Sainte-Lague/Schepers (divisors 0.5, 1.5, 2.5, ...)',
  'hare-niemeyer': 'Party-list seats, Hare-Niemeyer (largest remainder)',
  referendum: 'Referendum',
};

/** The count sheet as people read it: plain text in fixed-width columns, everything needed to check the count by hand. */
export function renderCountSheet(sheet: CountSheet): string {
  const lines = [
    ...header(sheet),
    ...votesTables(sheet),
    ...transferTables(sheet),
    ...roundLines(sheet.rounds),
    ...lotLines(sheet),
    ...(sheet.schulze ? schulzeLines(sheet.candidates, sheet.schulze) : []),
    ...(sheet.lists ? listLines(sheet.lists) : []),
    ...(sheet.referendum ? referendumLines(sheet.referendum) : []),
    ...resultLines(sheet),
  ];
  return `${lines.join('\n')}\n`;
}

const isListMethod = (sheet: CountSheet) => sheet.lists !== undefined;

function header(sheet: CountSheet): string[] {
  return [
    `Count sheet: ${METHOD_IN_WORDS[sheet.method]}`,
    ...(sheet.seats > 0 ? [`Seats: ${sheet.seats}`] : []),
    `Valid ballots: ${sheet.validBallots}`,
    ...(sheet.quota !== undefined ? [`Quota: ${sheet.quota}`] : []),
    ...(sheet.referendum ? [] : [`${isListMethod(sheet) ? 'Lists' : 'Candidates'}: ${sheet.candidates.length}`]),
    ...wholeListVoteLine(sheet),
  ].flatMap((line) => wrap(line, 2));
}

/**
 * What a vote for a whole list counted as, in a count of an election's list ballots (whose first
 * round holds its candidates' personal votes; lists given as totals have none): `one` where the
 * sheet does not say, since that was the only rule before the ballot could name it.
 */
function wholeListVoteLine(sheet: CountSheet): string[] {
  const personalVotes = Object.keys(sheet.rounds[0]?.votes ?? {}).length > sheet.candidates.length;
  if (!sheet.lists || !personalVotes) return [];
  return [
    sheet.lists.listVote === 'all'
      ? "A vote for a whole list: the voter's votes, given down the list in order (round 1)"
      : 'A vote for a whole list: one list vote for the list, none for its candidates',
  ];
}

function votesTables(sheet: CountSheet): string[] {
  const { rounds } = sheet;
  if (rounds.length === 0) return [];
  // A list count's first round also holds its candidates' personal votes, beside the lists.
  const names = new Set([...sheet.candidates, ...rounds.flatMap((r) => Object.keys(r.votes))]);
  const rows: TableRow[] = [...names].map((name) => ({ label: name, cells: rounds.map((r) => ownValue(r.votes, name) ?? '-') }));
  if (rounds.some((r) => r.nonTransferable !== undefined)) rows.push({ label: 'Non-transferable', cells: rounds.map((r) => r.nonTransferable ?? '') });
  if (rounds.some((r) => r.quota !== undefined)) rows.push({ label: 'Quota', cells: rounds.map((r) => r.quota ?? '') });
  return ['', 'Votes after each round ("-": no longer counted)', ...table(isListMethod(sheet) ? 'List' : 'Candidate', roundHeads(rounds), rows)];
}

function transferTables(sheet: CountSheet): string[] {
  const { rounds } = sheet;
  if (!rounds.some((r) => r.transfers !== undefined)) return [];
  const rows = sheet.candidates
    .filter((name) => rounds.some((r) => ownValue(r.transfers, name) !== undefined))
    .map((name) => ({ label: name, cells: rounds.map((r) => signed(ownValue(r.transfers, name))) }));
  return ['', 'Votes transferred in each round', ...table('Candidate', roundHeads(rounds), rows)];
}

const roundHeads = (rounds: CountRound[]) => rounds.map((r) => `Round ${r.round}`);
const signed = (figure: string | undefined) => (figure === undefined ? '' : /^[-+]/.test(figure) ? figure : `+${figure}`);

function roundLines(rounds: CountRound[]): string[] {
  if (rounds.length === 0) return [];
  const lines = ['', 'Rounds'];
  for (const round of rounds) {
    lines.push(...wrap(`  Round ${round.round}: ${round.action}`, 4));
    if (round.transferValue !== undefined) lines.push(`    transfer value: ${round.transferValue}`);
    for (const { candidate, reason } of round.elected) lines.push(...wrap(`    elected: ${candidate} - ${reason}`, 6));
    for (const { candidate, reason } of round.excluded) lines.push(...wrap(`    excluded: ${candidate} - ${reason}`, 6));
  }
  return lines;
}

function lotLines({ lots, referendum }: CountSheet): string[] {
  // A referendum has no tie to break: its rule says what an equal vote means.
  if (lots.length === 0) return referendum ? [] : ['', 'Lots: none (no tie was decided by lot)'];
  const lines = ['', 'Lots: ties decided by lot, in the order drawn', '  draw = sha256 of JSON [digest, contest, round, purpose, among]; chosen = among[draw mod count]'];
  for (const lot of lots) {
    lines.push(...wrap(`  round ${lot.round}, ${lot.purpose}: among ${lot.among.join(', ')}; chosen ${lot.chosen}`, 6));
    lines.push(`      draw ${lot.draw}`);
  }
  return lines;
}

function schulzeLines(candidates: string[], schulze: SchulzeSection): string[] {
  const heads = candidates.map((_, i) => String(i + 1));
  const matrix = (values: number[][]) => candidates.map((name, i) => ({ label: `${i + 1} ${name}`, cells: candidates.map((_, j) => (i === j ? '-' : String(values[i]?.[j] ?? ''))) }));
  return [
    '',
    'Pairwise preferences: ballots ranking the row candidate above the column candidate',
    ...table('Candidate', heads, matrix(schulze.preferences)),
    '',
    'Strongest paths (winning votes): strength of the strongest path from row to column',
    ...table('Candidate', heads, matrix(schulze.strongestPaths)),
    '',
    ...wrap(`Ranking: ${schulze.ranking.map((name, i) => `${i + 1}. ${name}`).join(', ')}`, 2),
  ];
}

function listLines(lists: ListSection): string[] {
  const lines = [
    '',
    'Lists',
    ...table(
      'List',
      ['Votes', 'Seats', 'Unfilled'],
      lists.results.map((r) => ({ label: r.list, cells: [r.votes, String(r.seats), String(r.emptySeats)] })),
    ),
  ];
  for (const r of lists.results) if (r.elected.length > 0) lines.push(...wrap(`  ${r.list}: ${r.elected.join(', ')}`, 4));
  lines.push('', 'Seats in the order they were given');
  for (const step of lists.steps) lines.push(...wrap(`  seat ${step.seat}: ${step.list}, ${step.quotient} (${step.reason})`, 6));
  return lines;
}

function referendumLines(referendum: ReferendumSection): string[] {
  const majority = referendum.majority === 'simple' ? 'simple (more yes than no)' : 'two thirds of yes and no together';
  return [
    '',
    'Referendum',
    `  Yes: ${referendum.yes}   No: ${referendum.no}   Abstained: ${referendum.abstain} (counted for neither side)`,
    `  Majority needed: ${majority}`,
    ...(referendum.quorumVotes !== undefined ? [`  Quorum: at least ${referendum.quorumVotes} yes votes`] : []),
    ...wrap(`  ${referendum.passed ? 'PASSED' : 'NOT PASSED'}: ${referendum.reason}`, 4),
  ];
}

function resultLines(sheet: CountSheet): string[] {
  const lines = ['', 'Result'];
  if (sheet.lists)
    lines.push(
      '  Seats by list:',
      ...aligned(
        Object.entries(sheet.lists.seatsByList).map(([list, seats]) => [list, String(seats)]),
        '    ',
      ),
    );
  // Lists given as totals only (the count command's CSV) have no candidates: their seats are the answer.
  const listsWithoutCandidates = sheet.lists !== undefined && sheet.elected.length === 0;
  if (!sheet.referendum && !listsWithoutCandidates) lines.push(...electedLines(sheet), ...excludedLines(sheet));
  if (sheet.vacant > 0) {
    const why = isListMethod(sheet) ? 'a list won more seats than it has candidates' : 're-open nominations won them';
    lines.push(`  Seats left vacant: ${sheet.vacant} (${why})`);
  }
  const finalHead = sheet.method === 'schulze' ? 'Candidates each one beats' : isListMethod(sheet) ? 'Final totals' : 'Final votes';
  lines.push(`  ${finalHead}:`, ...aligned(Object.entries(sheet.final), '    '));
  if (sheet.nonTransferable !== undefined) lines.push(`  Non-transferable: ${sheet.nonTransferable}`);
  return lines;
}

function electedLines(sheet: CountSheet): string[] {
  if (sheet.elected.length === 0) return ['  Elected: nobody'];
  const roundOf = decisionRounds(sheet.rounds, 'elected');
  return [
    '  Elected, in order of election:',
    ...sheet.elected.flatMap((name, i) => {
      const decided = roundOf.get(name);
      return wrap(`    ${i + 1}. ${name}${decided ? `, round ${decided.round} - ${decided.reason}` : ''}`, 8);
    }),
  ];
}

function excludedLines(sheet: CountSheet): string[] {
  const excluded = [...decisionRounds(sheet.rounds, 'excluded')];
  if (excluded.length === 0) return [];
  return wrap(`  Excluded: ${excluded.map(([name, { round }]) => `${name} (round ${round})`).join(', ')}`, 4);
}

function decisionRounds(rounds: CountRound[], kind: 'elected' | 'excluded'): Map<string, { round: number; reason: string }> {
  const decided = new Map<string, { round: number; reason: string }>();
  for (const round of rounds) for (const { candidate, reason } of round[kind]) decided.set(candidate, { round: round.round, reason });
  return decided;
}

interface TableRow {
  label: string;
  cells: string[];
}

/**
 * Labels on the left, figures right-aligned in columns; the columns are split over several tables
 * (each repeating the labels) so that no line is wider than WIDTH or holds more than MAX_COLUMNS.
 */
function table(corner: string, heads: string[], rows: TableRow[]): string[] {
  const labels = [corner, ...rows.map((r) => r.label)].map((label) => cut(printable(label)));
  const labelWidth = Math.max(...labels.map(length));
  const columns = heads.map((head, i) => {
    const cells = [head, ...rows.map((r) => r.cells[i] ?? '')].map(printable);
    return { cells, width: Math.max(...cells.map(length)) };
  });
  const lines: string[] = [];
  for (let start = 0; start < columns.length;) {
    let end = start + 1;
    let lineWidth = labelWidth + 2 + columns[start]!.width;
    while (end < columns.length && end - start < MAX_COLUMNS && lineWidth + 2 + columns[end]!.width <= WIDTH) {
      lineWidth += 2 + columns[end]!.width;
      end += 1;
    }
    if (start > 0) lines.push('');
    const chunk = columns.slice(start, end);
    labels.forEach((label, row) => lines.push([padEnd(label, labelWidth), ...chunk.map((c) => padStart(c.cells[row]!, c.width))].join('  ').trimEnd()));
    start = end;
  }
  return lines;
}

/** Name and figure pairs, the figures right-aligned after the longest name. */
function aligned(pairs: string[][], indent: string): string[] {
  const names = pairs.map(([name]) => cut(printable(name!)));
  const nameWidth = Math.max(0, ...names.map(length));
  const figureWidth = Math.max(0, ...pairs.map(([, figure]) => length(figure!)));
  return pairs.map(([, figure], i) => `${indent}${padEnd(names[i]!, nameWidth)}  ${padStart(printable(figure!), figureWidth)}`);
}

/** Breaks a line at spaces to fit WIDTH, continuation lines indented by `hang`; a single longer word stays whole. */
function wrap(line: string, hang: number): string[] {
  const text = printable(line);
  const indent = /^ */.exec(text)![0];
  const lines: string[] = [];
  let current = indent;
  for (const word of text.slice(indent.length).split(' ')) {
    const empty = current.trim() === '';
    if (!empty && length(current) + 1 + length(word) > WIDTH) {
      lines.push(current);
      current = ' '.repeat(hang) + word;
    } else {
      current += empty ? word : ` ${word}`;
    }
  }
  return [...lines, current];
}

/** Names come from ballot files and the organisers: no control or direction-changing character reaches the terminal. */
const printable = (text: string) => text.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}]/gu, '?');

/** Widths in code points, so a name with accents lines up like one without. */
const length = (text: string) => [...text].length;
const padEnd = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - length(text)));
const padStart = (text: string, width: number) => ' '.repeat(Math.max(0, width - length(text))) + text;
const cut = (text: string) => (length(text) > MAX_LABEL ? `${[...text].slice(0, MAX_LABEL - 1).join('')}…` : text);
