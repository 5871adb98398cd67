import { createHmac } from 'node:crypto';
import { AUDIT_FORMAT, AUDIT_VERSION, auditLines, fail, ok, type AuditLine, type Result } from '../../domain';
import type { Deps } from '../ports';

/**
 * The whole log of a published election, for auditors: every event with its hashes, every
 * ballot by id, the participation count, and the roll only as keyed hashes of student ids
 * (the key stays in the system, so low-entropy ids cannot be guessed back from the export).
 */
export async function exportAuditLog(deps: Pick<Deps, 'store'>, electionId: string): Promise<Result<AuditLine[]>> {
  const { state } = await deps.store.load(electionId);
  if (state.phase === 'none') return fail('not_found', `no election "${electionId}"`);
  if (state.phase !== 'published') return fail('wrong_phase', `the audit log is available once the results are published (the election is ${state.phase})`);
  const [events, ballots, participation, voters, salt] = await Promise.all([
    deps.store.readEvents(electionId),
    deps.store.readBallots(electionId),
    deps.store.countParticipation(electionId),
    deps.store.listVoters(electionId),
    deps.store.rollSalt(electionId),
  ]);
  const voterHashes = voters.map((v) => createHmac('sha256', salt).update(v.studentId).digest('hex')).sort();
  return ok(
    auditLines({
      header: {
        kind: 'header',
        format: AUDIT_FORMAT,
        version: AUDIT_VERSION,
        electionId,
        title: state.title,
        events: events.length,
        ballots: ballots.length,
        participation,
        voters: voterHashes.length,
        breaches: state.breaches.length,
      },
      events,
      ballots,
      participation,
      voterHashes,
    }),
  );
}
