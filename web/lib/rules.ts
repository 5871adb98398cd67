import { parse } from 'csv-parse/browser/esm/sync';
import * as z from 'zod';
import type { BadRow, CsvVoter } from '../../contract/voterCsv';

/**
 * The admin console's rules, bundled for the browser as `/lib/rules.js`: a draft election is
 * checked with the API's own zod schemas (contract/requestSchemas.ts) and the POST /elections
 * route's own extra rule, and a voter CSV with the CLI's own checks (contract/voterCsv.ts) after the
 * same parser (csv-parse, same options) has read it. The console has no second copy of a rule.
 */

// The page's Content-Security-Policy allows no eval: zod validates without compiled code. Set
// before any schema is built (the modules below are loaded after this line, not hoisted above
// it), so zod never even probes `new Function`, which the policy would report.
z.config({ jitless: true });
const schemas = await import('../../contract/requestSchemas');
const voterCsv = await import('../../contract/voterCsv');
const domain = await import('../../domain');
const postalText = await import('../../contract/postalPapersText');

export type { BadRow, CsvVoter };

/** One problem of a draft: the field's path as the API names it (`contests.1.ballot.seats`), and what is wrong. */
export interface Problem {
  path: string;
  message: string;
}

/** What the form offers: the API's own limits and methods. */
export const FORM_LIMITS = {
  ...domain.LIMITS,
  contests: domain.MAX_CONTESTS,
  seats: domain.MAX_SEATS,
  lists: domain.MAX_LISTS,
  groupsPerContest: domain.MAX_GROUPS_PER_CONTEST,
  descriptionCharacters: domain.MAX_DESCRIPTION_CHARACTERS,
  votersPerRequest: 5000,
} as const;
export const RANKED_METHODS = domain.RANKED_METHODS;
export const LIST_METHODS = domain.LIST_METHODS;
export const LIST_VOTES = domain.LIST_VOTES;
/** How many days before the opening the voting links may go out, at most. */
export const CREDENTIALS_LEAD_DAYS = domain.CREDENTIALS_LEAD_DAYS;

/**
 * Every problem of a `POST /elections` body, as the API would name it: the schema's issues (all
 * of them, not the API's first five) and the route's rule that a start, reminders or a send time
 * for the voting links need a deadline.
 * The domain's own checks (IRV fills one seat, a time in the future, names that look alike) are
 * the API's alone: their refusal names the field too.
 */
export function draftProblems(body: unknown): Problem[] {
  const parsed = schemas.createElection.safeParse(body);
  const problems: Problem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        path: issue.path.length > 0 ? issue.path.join('.') : 'body',
        message: `${issue.message}${issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : ''}`,
      }));
  const withoutDeadline = typeof body === 'object' && body !== null ? schemas.needsDeadline(body) : undefined;
  if (withoutDeadline) problems.push({ path: withoutDeadline, message: 'needs closesAt too' });
  return problems;
}

function problemsOf(schema: z.ZodType, body: unknown): Problem[] {
  const parsed = schema.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** A `PUT /elections/{id}/observers` body's problems. */
export const observersProblems = (body: unknown): Problem[] => problemsOf(schemas.setObservers, body);

/** A `POST /elections/{id}/candidates` body's problems. */
export const candidatesProblems = (body: unknown): Problem[] => problemsOf(schemas.addCandidates, body);

/** One voter CSV, read as the CLI reads it: the voters, every bad row by line, or what is wrong with the whole file. */
export interface VoterCsvCheck {
  voters: CsvVoter[];
  bad: BadRow[];
  fileProblem?: string;
}

/** Checks a voter CSV's text (`student_id,email[,groups[,language]]`, header optional) with the CLI's rules; sends nothing. */
export function checkVoterCsv(text: string): VoterCsvCheck {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, voterCsv.VOTER_CSV_OPTIONS) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    // A quote left open or the like: csv-parse names the line.
    return { voters: [], bad: [], fileProblem: error instanceof Error ? error.message : String(error) };
  }
  return voterCsv.checkVoterRows(rows.map(({ record, info }) => ({ record, line: info.lines })));
}

export const VOTER_CSV_COLUMNS = voterCsv.VOTER_CSV_COLUMNS;

/** A contest's postal papers typed one a line, read as `admin postal-papers` reads its file. */
export const postalPapersFromText = postalText.postalPapersFromText;

/** Whether a contest's postal papers may be entered as hand-counted totals: the API's own rule. */
export const takesPostalTotals = domain.takesPostalTotals;
/** Every name a contest's ballot holds, in the order the API lists a contest's totals. */
export const namesOnBallot = domain.namesOnBallot;
/** The fields of an entry of totals as a refusal of a differing second entry names them, and each entry's figure it gives for one. */
export const TOTALS_FIELDS = domain.TOTALS_FIELDS;
export const differingFiguresIn = domain.differingFiguresIn;
