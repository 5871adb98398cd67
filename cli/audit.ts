import { verifyAuditLog } from '../domain';
import { readAuditLog } from './readAuditLog';

/** `audit verify <file-or-url>`: replays the log; exit code 0 only when nothing is wrong. */
export async function auditVerify(source: string, out: (line: string) => void): Promise<number> {
  const started = performance.now();
  const lines = await readAuditLog(source);
  const report = verifyAuditLog(lines);
  out(`Audit of ${report.electionId ?? 'an unknown election'} (${source})`);
  out(`  events: ${report.events}, ballots: ${report.ballots}, participation: ${report.participation ?? 'missing'}, final phase: ${report.finalPhase}`);
  if (report.breaches > 0) out(`  COMPROMISED: ${report.breaches} breach(es) were recorded while the election was locked (BreachDetected events)`);
  out(`  checked: hash chain, event order and validity by decide, ballots against participation and seal, tally recomputed`);
  if (report.ok) {
    out(`VERIFIED: no discrepancy (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return 0;
  }
  out(`FAILED: ${report.findings.length} discrepanc${report.findings.length === 1 ? 'y' : 'ies'}`);
  for (const finding of report.findings) out(`  - ${finding}`);
  return 1;
}

/** `audit receipt <file-or-url> <receipt>`: is this ballot in the sealed box of a log that verifies? */
export async function auditReceipt(source: string, receipt: string, out: (line: string) => void): Promise<number> {
  const lines = await readAuditLog(source);
  const report = verifyAuditLog(lines);
  const found = lines.some((l) => l.kind === 'ballot' && l.ballotId === receipt);
  out(found ? `Your ballot ${receipt} is in the sealed ballot box.` : `No ballot with receipt ${receipt} is in this ballot box.`);
  if (!report.ok) out(`But this log does NOT verify (${report.findings.length} discrepancies): run audit verify.`);
  return found && report.ok ? 0 : 1;
}
