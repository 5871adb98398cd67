import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { checkVoterRows, VOTER_CSV_OPTIONS, type BadRow, type CsvVoter } from '../contract/voterCsv';
import type { EmailTaken } from '../contract/views';
import type { ApiClient } from './apiClient';

export type { BadRow, CsvVoter } from '../contract/voterCsv';

/** The API's limit of voters per request. */
const BATCH = 5000;

/**
 * Reads `student_id,email[,groups[,language]]` rows (a header line is optional; groups separated by `;`,
 * as in `faculty:informatik;status:doctoral`) and checks every one before anything is sent.
 */
export function readVoterCsv(path: string): { voters: CsvVoter[]; bad: BadRow[] } {
  const rows = parse(readFileSync(path), VOTER_CSV_OPTIONS) as unknown as { record: string[]; info: { lines: number } }[];
  const { voters, bad, fileProblem } = checkVoterRows(rows.map(({ record, info }) => ({ record, line: info.lines })));
  if (fileProblem) throw new Error(`${path}: ${fileProblem}`);
  return { voters, bad };
}

export interface ImportSummary {
  registered: number;
  alreadyRegistered: number;
  /** Refused: their address is on the roll under another student id. */
  emailTaken: EmailTaken[];
  /** Named only by an API that mailed inside the request; one that queues the mail leaves it out. */
  undelivered: string[];
  /** The credentials wait for voting to open, rather than going out now. */
  held: boolean;
}

/** Sends the voters in batches the API takes, with retries, reporting progress after each batch. */
export async function importVoters(api: ApiClient, electionId: string, voters: CsvVoter[], progress: (done: number, total: number) => void): Promise<ImportSummary> {
  const summary: ImportSummary = { registered: 0, alreadyRegistered: 0, emailTaken: [], undelivered: [], held: false };
  progress(0, voters.length);
  for (let i = 0; i < voters.length; i += BATCH) {
    const batch = voters.slice(i, i + BATCH);
    const answer = await api.request<{ registered: number; alreadyRegistered: string[]; emailTaken: EmailTaken[]; undelivered?: string[]; mail?: string; stoppedEarly?: string }>(
      'POST',
      `/elections/${encodeURIComponent(electionId)}/voters`,
      { voters: batch },
    );
    summary.registered += answer.registered;
    summary.alreadyRegistered += answer.alreadyRegistered.length;
    summary.emailTaken.push(...answer.emailTaken);
    summary.undelivered.push(...(answer.undelivered ?? []));
    summary.held = answer.mail === 'held';
    if (answer.stoppedEarly) throw new Error(`the election stopped taking voters after ${i + answer.registered}: ${answer.stoppedEarly}`);
    progress(Math.min(i + BATCH, voters.length), voters.length);
  }
  return summary;
}
