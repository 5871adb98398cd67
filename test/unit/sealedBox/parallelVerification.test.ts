import { describe, expect, it } from 'vitest';
import { verifyAuditLog, verifyAuditLogInParallel, type AuditLine, type SealedCheckRunner } from '../../../domain';
import { runSealedCheckJob } from '../../../domain/sealedBox/sealedCheckJobs';
import { sealedExport } from '../../support/sealedExport';

/** Two papers a check, so that six papers make three checks of the board and of each trustee's shares. */
const PAPERS_PER_CHECK = 2;

/** A pool as the CLI's threads and the page's workers are: each job cloned to where it runs, and the jobs finished in another order than given. */
const pool: SealedCheckRunner = async (jobs) => {
  const verdicts = new Array<ReturnType<typeof runSealedCheckJob>>(jobs.length);
  for (const i of [...jobs.keys()].reverse()) verdicts[i] = runSealedCheckJob(structuredClone(jobs[i]!));
  return verdicts;
};

/** The report of both ways, which must be the same; its findings. */
async function findingsBothWays(lines: readonly AuditLine[]): Promise<string[]> {
  const alone = verifyAuditLog(lines);
  const inParallel = await verifyAuditLogInParallel(lines, {}, pool, PAPERS_PER_CHECK);
  expect(inParallel).toEqual(alone);
  return alone.findings;
}

/**
 * `audit verify` and the observers' view check a sealed box's proofs on several threads: the same
 * checks, joined in the same order, so that an export verifies or fails with the same findings,
 * the first failing proof of each contest named alike, however many threads ran them.
 */
describe('a sealed export checked on several threads', () => {
  it('verifies an honest export as one thread does', async () => {
    expect(await findingsBothWays(sealedExport('parallel-honest', 6))).toEqual([]);
  });

  it("names the same changed voter's proof", async () => {
    // The senate's fifth paper in tracker order carries the proof of another paper.
    const lines = sealedExport('parallel-voter', 6, {
      ballots: (ballots) => {
        const senate = ballots.filter((b) => b.contest === 'senate').sort((a, b) => (a.ballotId < b.ballotId ? -1 : 1));
        const [victim, donor] = [senate[4]!, senate[1]!];
        return ballots.map((b) => (b === victim ? { ...b, sealed: { ...b.sealed!, proof: donor.sealed!.proof } } : b));
      },
    });
    const findings = await findingsBothWays(lines);
    expect(findings).toContainEqual(expect.stringMatching(/^sealed contest "senate": board 4 fails: the voter's proof fails/));
  });

  it('names the same changed mix output', async () => {
    const lines = sealedExport('parallel-mix', 6, {
      mix: (file) => (file.contest === 'council' && file.position === 1 ? { ...file, outputs: [file.outputs[1]!, file.outputs[0]!, ...file.outputs.slice(2)] } : file),
    });
    const findings = await findingsBothWays(lines);
    expect(findings).toContainEqual(expect.stringMatching(/^sealed contest "council": mixes 1 fails: the shuffle proof fails/));
  });

  it('names the same changed decryption share', async () => {
    // Trustee 3's share of the council's fifth paper is its share of the fourth: in the third check of its shares.
    const lines = sealedExport('parallel-share', 6, {
      decryption: (file) => (file.contest === 'council' && file.trustee === 3 ? { ...file, shares: file.shares.map((paper, i) => (i === 4 ? file.shares[3]! : paper)) } : file),
    });
    const findings = await findingsBothWays(lines);
    expect(findings).toContainEqual(expect.stringMatching(/^sealed contest "council": decryptions 3 fails: paper 4: ciphertext 0: /));
  });

  it("joins the threads' verdicts instead of checking those proofs again", async () => {
    const lines = sealedExport('parallel-joined', 2);
    const claimsAFault: SealedCheckRunner = async (jobs) =>
      jobs.map((job) =>
        job.contest === 'senate' && job.check.kind === 'mix' && job.check.position === 0 ? { ok: false, failed: { part: 'mixes', index: 0, reason: 'said by the pool' } } : runSealedCheckJob(job),
      );
    const report = await verifyAuditLogInParallel(lines, {}, claimsAFault);
    expect(report.findings).toContainEqual('sealed contest "senate": mixes 0 fails: said by the pool');
  });
});
