import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { studentIdKey } from '../domain';
import { email, voter } from '../handlers/api/schemas';
import type { EmailTaken } from '../handlers/ports';
import type { ApiClient } from './apiClient';

/** The API's limit of voters per request. */
const BATCH = 5000;

export interface BadRow {
  line: number;
  problem: string;
}

/** A voter as the CSV gives them: groups, when the third column has any, folded as the roll keeps them. */
export type CsvVoter = { studentId: string; email: string; groups?: string[] };

const COLUMNS = 'student_id,email[,groups]';

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
 * Reads `student_id,email[,groups]` rows (a header line is optional; groups separated by `;`,
 * as in `faculty:informatik;status:doctoral`) and checks every one before anything is sent.
 */
export function readVoterCsv(path: string): { voters: CsvVoter[]; bad: BadRow[] } {
  const rows = parse(readFileSync(path), { relax_column_count: true, skip_empty_lines: true, trim: true, info: true, bom: true }) as unknown as { record: string[]; info: { lines: number } }[];
  // The header line is optional; it is looked for in either column order, to name a swap.
  const header = rows[0] && /^(student.?id|e-?mail)\b/i.test(rows[0].record[0] ?? '') ? rows[0].record : undefined;
  const data = header ? rows.slice(1) : rows;
  const shapeProblem = fileShapeProblem(
    header,
    data.map((row) => row.record),
  );
  if (shapeProblem) throw new Error(`${path}: ${shapeProblem}`);
  const voters: CsvVoter[] = [];
  const bad: BadRow[] = [];
  const seen = new Map<string, number>();
  data.forEach(({ record, info }) => {
    const line = info.lines;
    if (record.length !== 2 && record.length !== 3)
      return void bad.push({ line, problem: `expected 2 or 3 columns (${COLUMNS}), found ${record.length}${semicolonSeparated(record) ? ': separate the columns with ","' : ''}` });
    if (emailFirst(record)) return void bad.push({ line, problem: `the e-mail is in the first column: the order is ${COLUMNS}` });
    const groups = (record[2] ?? '')
      .split(';')
      .map((g) => g.trim())
      .filter(Boolean);
    const parsed = voter.safeParse({ studentId: record[0], email: record[1], ...(groups.length > 0 && { groups }) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const column = issue.path[0] === 'email' ? 'email' : issue.path[0] === 'groups' ? 'groups' : 'student_id';
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

export interface ImportSummary {
  registered: number;
  alreadyRegistered: number;
  /** Refused: their address is on the roll under another student id. */
  emailTaken: EmailTaken[];
  /** Named only by an API that mailed inside the request; one that queues the mail leaves it out. */
  undelivered: string[];
}

/** Sends the voters in batches the API takes, with retries, reporting progress after each batch. */
export async function importVoters(api: ApiClient, electionId: string, voters: CsvVoter[], progress: (done: number, total: number) => void): Promise<ImportSummary> {
  const summary: ImportSummary = { registered: 0, alreadyRegistered: 0, emailTaken: [], undelivered: [] };
  progress(0, voters.length);
  for (let i = 0; i < voters.length; i += BATCH) {
    const batch = voters.slice(i, i + BATCH);
    const answer = await api.request<{ registered: number; alreadyRegistered: string[]; emailTaken: EmailTaken[]; undelivered?: string[]; stoppedEarly?: string }>(
      'POST',
      `/elections/${encodeURIComponent(electionId)}/voters`,
      { voters: batch },
    );
    summary.registered += answer.registered;
    summary.alreadyRegistered += answer.alreadyRegistered.length;
    summary.emailTaken.push(...answer.emailTaken);
    summary.undelivered.push(...(answer.undelivered ?? []));
    if (answer.stoppedEarly) throw new Error(`the election stopped taking voters after ${i + answer.registered}: ${answer.stoppedEarly}`);
    progress(Math.min(i + BATCH, voters.length), voters.length);
  }
  return summary;
}
