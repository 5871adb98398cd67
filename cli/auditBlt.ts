import { writeFileSync } from 'node:fs';
import { groupRankings, namesOnBallot, replay, writeBlt, type VerifyOptions } from '../domain';
import { verifyLines, type VerifyRun } from './verifyLines';
import { readAuditLog } from './readAuditLog';

/**
 * `audit blt <export|url> [--contest id] [--out file] [--expect-head <hash>] [--expect-digest <digest>]`:
 * the ranked ballots of a published election (of one of its contests, when it has several) as an
 * ERS .blt file, to recount them with another counter (OpenSTV, droop, the ERS's own). Read from
 * the audit export, so it needs no token and works on a downloaded file, but only from one that
 * verifies, against the e-mailed head and digest when given: a rewritten box is refused, never
 * converted. Candidates are numbered in ballot order, RON (when offered) last as a candidate named "RON".
 */
export async function auditBlt(source: string, outFile: string | undefined, out: (line: string) => void, contestId?: string, expected: VerifyOptions = {}, run?: VerifyRun): Promise<number> {
  const lines = await readAuditLog(source);
  const report = await verifyLines(lines, expected, run);
  if (!report.ok) {
    const [first] = report.findings;
    throw new Error(
      `${source} does not verify, so no .blt is written from it (${report.findings.length} discrepanc${report.findings.length === 1 ? 'y' : 'ies'}, the first: ${first}): run audit verify`,
    );
  }
  const state = replay(lines.flatMap((l) => (l.kind === 'event' ? [l.event] : [])));
  if (state.phase === 'none') throw new Error(`${source} holds no ElectionCreated event: is it an audit export?`);
  const ranked = state.contests.filter((c) => c.ballot.kind === 'ranked').map((c) => c.id);
  if (contestId === undefined && state.contests.length > 1) throw new Error(`this election has ${state.contests.length} contests: name one with --contest (ranked: ${ranked.join(', ') || 'none'})`);
  const contest = contestId === undefined ? state.contests[0]! : state.contests.find((c) => c.id === contestId);
  if (!contest) throw new Error(`no contest "${contestId}" in this election (${state.contests.map((c) => c.id).join(', ')})`);
  const { ballot, candidates } = contest;
  if (ballot.kind !== 'ranked')
    throw new Error(`${state.contests.length > 1 ? `contest ${contest.id}'s` : "this election's"} ballot is ${ballot.kind}, not ranked: only ranked ballots are written as .blt`);
  const several = state.contests.length > 1;
  const rankings = lines.flatMap((l) => (l.kind === 'ballot' && (!several || l.contest === contest.id) ? [l.choices] : []));
  const title = several ? `${state.title}: ${contest.title}` : state.title;
  const text = writeBlt({ title, candidates: namesOnBallot(ballot, candidates), seats: ballot.seats, withdrawn: [], ballots: groupRankings(rankings) });
  if (outFile === undefined) {
    process.stdout.write(text);
    return 0;
  }
  writeFileSync(outFile, text);
  out(`Verified ${anchoredTo(expected)}.`);
  out(`Wrote ${rankings.filter((r) => r.length > 0).length.toLocaleString('en')} ranked ballot(s) (blank ones left out) for ${ballot.seats} seat(s) to ${outFile}.`);
  return 0;
}

/** What the export was held to before its ballots were written out. */
function anchoredTo({ expectHead, expectDigest }: VerifyOptions): string {
  if (expectHead !== undefined) return 'against the e-mailed head at sealing';
  if (expectDigest !== undefined) return 'with its ballot box against the e-mailed digest';
  return 'within itself only (NOT ANCHORED: pass --expect-head and --expect-digest from the e-mails)';
}
