import { writeFileSync } from 'node:fs';
import { groupRankings, namesOnBallot, writeBlt, type BallotDefinition, type Candidate } from '../domain';
import { readAuditLog } from './readAuditLog';

/**
 * `audit blt <export|url> [--out file]`: the ranked ballots of a published election as an ERS .blt
 * file, to recount them with another counter (OpenSTV, droop, the ERS's own). Read from the audit
 * export, so it needs no token and works on a downloaded file; candidates are numbered in ballot
 * order, RON (when offered) last as a candidate named "RON".
 */
export async function auditBlt(source: string, outFile: string | undefined, out: (line: string) => void): Promise<number> {
  const lines = await readAuditLog(source);
  let title = '';
  let ballot: BallotDefinition | undefined;
  const candidates: Candidate[] = [];
  const rankings: string[][] = [];
  for (const line of lines) {
    if (line.kind === 'event' && line.event.type === 'ElectionCreated') ({ title, ballot } = line.event.data as { title: string; ballot: BallotDefinition });
    if (line.kind === 'event' && line.event.type === 'CandidatesAdded') candidates.push(...(line.event.data as { candidates: Candidate[] }).candidates);
    if (line.kind === 'ballot') rankings.push(line.choices);
  }
  if (!ballot) throw new Error(`${source} holds no ElectionCreated event: is it an audit export?`);
  if (ballot.kind !== 'ranked') throw new Error(`this election's ballot is ${ballot.kind}, not ranked: only ranked ballots are written as .blt`);
  const text = writeBlt({ title, candidates: namesOnBallot(ballot, candidates), seats: ballot.seats, withdrawn: [], ballots: groupRankings(rankings) });
  if (outFile === undefined) {
    process.stdout.write(text);
    return 0;
  }
  writeFileSync(outFile, text);
  out(`Wrote ${rankings.filter((r) => r.length > 0).length.toLocaleString('en')} ranked ballot(s) (blank ones left out) for ${ballot.seats} seat(s) to ${outFile}.`);
  return 0;
}
