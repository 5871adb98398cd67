import { MAIL_STATUSES, type MailReport } from '../contract/mailReport';

const IN_FLIGHT = MAIL_STATUSES.slice(0, 3);
const SETTLED = MAIL_STATUSES.slice(3).filter((status) => status !== 'postal' && status !== 'held');

/** Addresses and bounce reasons come from outside (students, remote mail servers): no control character reaches the terminal. */
const printable = (text: string) => text.replace(/\p{Cc}/gu, '?');

/**
 * The counts in two lines, what is still on its way and what became of the rest, each after
 * `indent`; a line for the credentials held until voting opens and one for postal voters, when
 * there are any.
 */
export function mailCountLines(counts: MailReport['counts'], indent: string): string[] {
  const list = (statuses: readonly (keyof MailReport['counts'])[]) => statuses.map((s) => `${(counts[s] ?? 0).toLocaleString('en')} ${s}`).join(', ');
  const { postal = 0, held = 0 } = counts;
  const more = ' '.repeat(indent.length);
  return [
    `${indent}${list(IN_FLIGHT)}`,
    `${more}${list(SETTLED)}`,
    ...(held > 0 ? [`${more}${held.toLocaleString('en')} held: mailed with the voting links, as voting opens or at the time set for them`] : []),
    ...(postal > 0 ? [`${more}${postal.toLocaleString('en')} voted by post: no online credential`] : []),
  ];
}

/** Each row's cells padded to their column's widest, so the rows line up. */
function aligned(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
}

/** The report as an admin reads it: the counts, then every voter whose mail did not arrive and what to do about it. */
export function mailReportLines(electionId: string, report: MailReport): string[] {
  const lines = [`${electionId}: credential mail`, ...mailCountLines(report.counts, '  ')];
  if (report.problems.length === 0) return [...lines, 'No credential mail is undelivered, bounced or complained of.'];
  const rows = report.problems.map((p) => [p.studentId, p.email, p.status, p.reason ?? ''].map(printable));
  return [
    ...lines,
    `${report.problems.length.toLocaleString('en')} voter(s) whose credential mail did not arrive:`,
    ...aligned([['student id', 'e-mail', 'status', 'reason'], ...rows]).map((line) => `  ${line}`),
    'Re-issue after correcting the cause (the new link goes to the address on the roll; the old one stops working):',
    `  npm run cli -- admin reissue ${electionId} <student id>`,
  ];
}
