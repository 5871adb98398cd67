import pLimit from 'p-limit';
import { personalDataDueAt, undecidedObjections, type ElectionState } from '../../domain';
import type { BallotBox, Deps, EffectsLedger, EventStream, OpeningFiles, PersonalMail, PersonalRecords, Roll } from '../ports';
import { runCommand } from '../runCommand';
import { hashToken } from '../security';
import { auditExportLink } from './auditExport';
import { keptRollText, rollLines } from './rollLines';

/** Tokens derived at once: one KMS call each on AWS, well inside its request quota. */
const CONCURRENCY = 16;

export type DeletionDeps = {
  store: EventStream & Roll & OpeningFiles & PersonalRecords & EffectsLedger & BallotBox;
  mail: PersonalMail;
} & Pick<Deps, 'minter' | 'clock' | 'log' | 'auditExports'>;

/** What the deletion of one election's personal data did: `due` when nothing was done yet, and why not. */
export type DeletionOutcome =
  | { outcome: 'deleted'; electionId: string; at: string; credentials: number; mailItems: number; rollEntries: number; otherItems: number }
  | { outcome: 'kept'; electionId: string; reason: string }
  | { outcome: 'done-before'; electionId: string };

/** What to do with a published election's personal data now: nothing yet (and why), delete it, or finish a deletion cut short. */
export function retentionStep(state: ElectionState, now: Date, erased: boolean): 'delete' | 'finish' | 'nothing' | { keep: string } {
  if (state.phase !== 'published') return 'nothing';
  if (state.personalDataDeleted) return erased ? 'nothing' : 'finish';
  const election = { ...state, objections: state.objections ?? [] };
  const dueAt = personalDataDueAt(election);
  if (now.getTime() < Date.parse(dueAt)) return { keep: `due at ${dueAt}` };
  const undecided = undecidedObjections(election);
  return undecided.length > 0 ? { keep: `objection(s) ${undecided.join(', ')} undecided` } : 'delete';
}

/**
 * Deletes a published election's personal data once it is due: first the roll's keyed hashes are
 * kept beside the log (the export lists them ever after), then the log records the deletion, then
 * the credentials, the mail and the roll with its salt go, and a mark says it is all gone. A run
 * cut short anywhere is finished by the next: the recorded deletion says what is left to erase,
 * and every erasure deletes only what is still there. Last, the export is written again, so
 * that the one auditors fetch holds the deletion.
 */
export async function deletePersonalData(deps: DeletionDeps, electionId: string): Promise<DeletionOutcome> {
  const { state } = await deps.store.load(electionId);
  const erased = await deps.store.isDone({ kind: 'personal-data-erased', electionId });
  const step = retentionStep(state, deps.clock.now(), erased);
  if (step === 'nothing') return state.phase === 'published' ? { outcome: 'done-before', electionId } : { outcome: 'kept', electionId, reason: `the election is ${state.phase}` };
  if (typeof step === 'object') return { outcome: 'kept', electionId, reason: step.keep };
  if (step === 'delete') await recordDeletion(deps, electionId);
  const counts = await erase(deps, electionId);
  await deps.store.markDone({ kind: 'personal-data-erased', electionId });
  const exported = await auditExportLink(deps, electionId);
  if (!exported.ok) throw new Error(`the audit export was not written again: ${exported.error.message}`);
  const { state: after } = await deps.store.load(electionId);
  const at = after.phase === 'published' ? after.personalDataDeleted!.at : deps.clock.now().toISOString();
  deps.log.info('personal data deleted', { electionId, ...counts });
  return { outcome: 'deleted', electionId, at, ...counts };
}

/** Keeps the roll's keyed hashes beside the log and records the deletion: from here on the export reads the roll from what was kept. */
async function recordDeletion(deps: DeletionDeps, electionId: string): Promise<void> {
  const { text, digest } = keptRollText(await rollLines(deps.store, electionId));
  await deps.store.putOpeningFile(electionId, digest, text);
  const applied = await runCommand(deps, electionId, { type: 'DeletePersonalData', now: deps.clock.now(), rollHashes: digest });
  if (!applied.ok) throw new Error(`the deletion of ${electionId}'s personal data was refused: ${applied.error.message}`);
}

/** Credentials first (found through the mail items' generations), then the mail, then the roll and its salt: each step needs what the next deletes. */
async function erase(deps: DeletionDeps, electionId: string) {
  const limit = pLimit(CONCURRENCY);
  let credentials = 0;
  for await (const page of deps.mail.voterCredentialPages(electionId)) {
    const refs = page.flatMap(({ studentId, generation }) => Array.from({ length: generation }, (_, i) => ({ electionId, studentId, generation: i + 1 })));
    const hashes = await Promise.all(refs.map((ref) => limit(async () => hashToken(await deps.minter.tokenFor(ref)))));
    credentials += await deps.store.eraseCredentials(hashes);
  }
  const mailItems = await deps.mail.eraseElectionMail(electionId);
  const { rollEntries, otherItems } = await deps.store.eraseVoterRecords(electionId);
  return { credentials, mailItems, rollEntries, otherItems };
}
