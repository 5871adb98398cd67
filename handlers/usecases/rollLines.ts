import type { AuditVoter } from '../../domain';
import type { Roll } from '../ports';
import { rollHash } from '../security';

/**
 * The roll as keyed hashes of student ids, with each voter's groups, sorted by hash: an order that
 * says nothing about whose each one is. Only the two reads it makes: the export benchmark hands it
 * the roll it seeded.
 */
export async function rollLines(store: Pick<Roll, 'rollSalt' | 'rollPages'>, electionId: string): Promise<AuditVoter[]> {
  const salt = await store.rollSalt(electionId);
  const voters: AuditVoter[] = [];
  for await (const page of store.rollPages(electionId)) for (const { studentId, groups } of page) voters.push({ hash: rollHash(salt, studentId), ...(groups && { groups }) });
  return voters.sort((a, b) => (a.hash < b.hash ? -1 : 1));
}
