import { verifyAuditLog, verifyAuditLogInParallel, type AuditLine, type VerificationReport, type VerifyOptions } from '../domain';
import { sealedCheckThreads } from './sealedCheckThreads';

/** How the audit commands verify: on how many threads a sealed box's proofs are checked (1: on this one alone), and where they show how far it is. */
export interface VerifyRun {
  threads: number;
  onProgress?: (done: number, total: number) => void;
}

/** verifyAuditLog, with a sealed box's proofs checked first on `run.threads` worker threads: the same findings on any number. */
export function verifyLines(lines: readonly AuditLine[], expected: VerifyOptions, run: VerifyRun = { threads: 1 }): VerificationReport | Promise<VerificationReport> {
  return run.threads > 1 ? verifyAuditLogInParallel(lines, expected, sealedCheckThreads(run.threads, run.onProgress)) : verifyAuditLog(lines, expected);
}
