import { studentIdKey, type Language } from '../domain';
import { email, voter } from './requestSchemas';

/**
 * The voter CSV's rules, apart from reading the file: the CLI (`admin voters`) parses the file
 * with csv-parse and the console (web/lib/rules.ts) parses the text picked in the browser with
 * the same parser and the same options (VOTER_CSV_OPTIONS), then both check the rows here.
 */

export interface BadRow {
  line: number;
  problem: string;
}

/** A voter as the CSV gives them: groups, when the third column has any, folded as the roll keeps them; the fourth column's language. */
export type CsvVoter = { studentId: string; email: string; groups?: string[]; language?: Language };

/** A parsed row: its fields and the line of the file it ends on (csv-parse's `info.lines`). */
export interface CsvRow {
  record: string[];
  line: number;
}

/** csv-parse's options for a voter CSV: the same in the CLI and the browser. */
export const VOTER_CSV_OPTIONS = { relax_column_count: true, skip_empty_lines: true, trim: true, info: true, bom: true } as const;

export const VOTER_CSV_COLUMNS = 'student_id,email[,groups[,language]]';
const COLUMNS = VOTER_CSV_COLUMNS;

/** One column holding a `;`: a spreadsheet saved with `;` between columns, as some locales do. */
const semicolonSeparated = (record: string[]) => record.length === 1 && record[0]!.includes(';');
const emailFirst = (record: string[]) => record.length >= 2 && email.safeParse(record[0]).success && !email.safeParse(record[1]).success;

/** What is wrong with the whole file, said once rather than on every line: empty, `;`-separated, columns swapped. */
function fileShapeProblem(header: string[] | undefined, records: string[][]): string | undefined {
  if (records.length === 0) return `holds no voters: give one ${COLUMNS} row a voter`;
  if (records.every(semicolonSeparated)) return `its columns are separated by ";", the roll's by ",": save it as comma-separated ${COLUMNS} (";" only separates a voter's groups)`;
  const headerSwapped = header !== undefined && /e-?mail/i.test(header[0] ?? '') && /student.?id/i.test(header[1] ?? '');
  if (headerSwapped || records.every(emailFirst)) return `the e-mail comes first, the student id second: the roll's order is ${COLUMNS}, so swap the first two columns`;
  return undefined;
}

/**
 * Checks `student_id,email[,groups[,language]]` rows (a header line is optional; groups separated
 * by `;`, as in `faculty:informatik;status:doctoral`; the language `de` or `en`, empty for the
 * election's) before anything is sent: the voters to register,
 * every bad row by line, or `fileProblem` when the file as a whole is not a roll.
 */
export function checkVoterRows(rows: CsvRow[]): { voters: CsvVoter[]; bad: BadRow[]; fileProblem?: string } {
  // The header line is optional; it is looked for in either column order, to name a swap.
  const header = rows[0] && /^(student.?id|e-?mail)\b/i.test(rows[0].record[0] ?? '') ? rows[0].record : undefined;
  const data = header ? rows.slice(1) : rows;
  const fileProblem = fileShapeProblem(
    header,
    data.map((row) => row.record),
  );
  if (fileProblem) return { voters: [], bad: [], fileProblem };
  const voters: CsvVoter[] = [];
  const bad: BadRow[] = [];
  const seen = new Map<string, number>();
  data.forEach(({ record, line }) => {
    if (record.length < 2 || record.length > 4)
      return void bad.push({ line, problem: `expected 2 to 4 columns (${COLUMNS}), found ${record.length}${semicolonSeparated(record) ? ': separate the columns with ","' : ''}` });
    if (emailFirst(record)) return void bad.push({ line, problem: `the e-mail is in the first column: the order is ${COLUMNS}` });
    const groups = (record[2] ?? '')
      .split(';')
      .map((g) => g.trim())
      .filter(Boolean);
    const language = (record[3] ?? '').toLowerCase();
    const parsed = voter.safeParse({ studentId: record[0], email: record[1], ...(groups.length > 0 && { groups }), ...(language && { language }) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const column = issue.path[0] === 'email' ? 'email' : issue.path[0] === 'groups' ? 'groups' : issue.path[0] === 'language' ? 'language' : 'student_id';
      return void bad.push({ line, problem: `${column}: ${issue.message}` });
    }
    // The roll compares ids without case or width (`TWICE` is `twice`), and so does this check.
    const first = seen.get(studentIdKey(parsed.data.studentId));
    if (first !== undefined) return void bad.push({ line, problem: `student_id ${parsed.data.studentId} already on line ${first}` });
    seen.set(studentIdKey(parsed.data.studentId), line);
    voters.push(parsed.data);
  });
  return { voters, bad };
}
