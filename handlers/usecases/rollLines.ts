import { createHash } from 'node:crypto';
import type { AuditVoter, ElectionState } from '../../domain';
import type { OpeningFiles, Roll } from '../ports';
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

/** The roll's lines as they are kept beside the log once the roll is deleted: one JSON line each, and the text's SHA-256, which PersonalDataDeleted records. */
export function keptRollText(voters: readonly AuditVoter[]): { text: string; digest: string } {
  const text = voters.map((voter) => `${JSON.stringify(voter)}\n`).join('');
  return { text, digest: sha256(text) };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The roll's lines of an election, from the roll, or from what was kept of it once its personal data was deleted. */
export async function currentRollLines(store: Pick<Roll, 'rollSalt' | 'rollPages'> & Pick<OpeningFiles, 'getOpeningFile'>, state: ElectionState): Promise<AuditVoter[]> {
  if (state.phase === 'none') throw new Error('an election that does not exist has no roll');
  const deleted = state.personalDataDeleted;
  if (!deleted) return rollLines(store, state.electionId);
  const text = await store.getOpeningFile(state.electionId, deleted.rollHashes);
  if (text === undefined) throw new Error(`the roll's hashes kept at the deletion of ${state.electionId}'s personal data (${deleted.rollHashes}) are missing`);
  if (sha256(text) !== deleted.rollHashes) {
    throw new Error(`the roll's hashes kept for ${state.electionId} do not have the digest its log records`);
  }
  return text === ''
    ? []
    : text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as AuditVoter);
}
