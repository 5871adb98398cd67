import { fail, ok, type Result } from '../../domain';
import type { AuditExportRef, BallotBox, Deps, EventStream, LoadedElection, Roll, OpeningFiles } from '../ports';
import { exportAuditLog } from './exportAuditLog';

/** Exports being written by this process, so that requests arriving meanwhile wait for the one write. */
const writing = new Map<string, Promise<void>>();

type ExportDeps = { store: EventStream & Roll & BallotBox & OpeningFiles } & Pick<Deps, 'auditExports'>;

/**
 * A short-lived link to a published election's audit export. The publish step writes the export;
 * if it is missing (the step failed to, or the election was published before exports were kept),
 * the first request writes it. An export is of the log as loaded here, so one appended to later
 * (a recorded lifecycle failure) gets a new export, and an old link never shows a stale log.
 */
export async function auditExportLink(deps: ExportDeps, electionId: string): Promise<Result<string>> {
  const loaded = await deps.store.load(electionId);
  const { phase } = loaded.state;
  if (phase === 'none') return fail('not_found', `no election "${electionId}"`);
  if (phase !== 'published') return fail('wrong_phase', `the audit log is available once the results are published (the election is ${phase})`);
  const ref: AuditExportRef = { electionId, seq: loaded.head.seq };
  const link = await deps.auditExports.link(ref);
  if (link) return ok(link);
  await writeOnce(deps, ref, loaded);
  const written = await deps.auditExports.link(ref);
  if (!written) throw new Error(`the audit export of ${electionId} at event ${ref.seq} was written but is not there`);
  return ok(written);
}

function writeOnce(deps: ExportDeps, ref: AuditExportRef, loaded: LoadedElection): Promise<void> {
  const id = `${ref.electionId}@${ref.seq}`;
  let write = writing.get(id);
  if (!write) {
    write = exportAuditLog(deps, ref.electionId, loaded).finally(() => writing.delete(id));
    writing.set(id, write);
  }
  return write;
}
