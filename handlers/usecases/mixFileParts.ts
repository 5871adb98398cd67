import { fail, ok, type ExistingElection, type Result } from '../../domain';
import { openingOf } from '../../domain/sealedBox/opening';
import type { OpeningFiles } from '../ports';

/**
 * A mix's file read back as its text, whole or a part at a time: an answer of Lambda's may carry
 * at most 6 MB, and a mix of 20,000 ranked papers is larger. A part of the answer is this many
 * of the parts the file is kept in (3,000,000 characters, some 3.2 MB with its escaped quotes).
 */
export const KEPT_PARTS_PER_ANSWER = 10;

export type MixText = { whole: string } | { part: number; parts: number; text: string };

/** Part `part` (from 1) of mix `position`'s text, or, without `part`, the whole text when it fits in one answer. */
export async function mixText(store: OpeningFiles, state: ExistingElection, contestId: string, position: number, part: number | undefined): Promise<Result<MixText>> {
  const mix = state.sealed ? openingOf(state.sealed, contestId).mixes.find((m) => m.position === position) : undefined;
  if (!mix) return fail('not_found', `contest ${contestId} has no mix ${position}`);
  const kept = await store.countOpeningFileParts(state.electionId, mix.digest);
  if (kept === 0) throw new Error(`the file of mix ${position} of contest ${contestId} (${mix.digest}) is missing`);
  const parts = Math.ceil(kept / KEPT_PARTS_PER_ANSWER);
  if (part === undefined) {
    if (parts > 1) return fail('invalid', `part: mix ${position} is too large for one answer: read it in ${parts} parts, ?part=1 to ?part=${parts}`);
    return ok({ whole: await store.readOpeningFileParts(state.electionId, mix.digest, 0, kept) });
  }
  if (part > parts) return fail('not_found', `part: mix ${position} has ${parts} part${parts === 1 ? '' : 's'} (1 to ${parts}), not ${part}`);
  return ok({ part, parts, text: await store.readOpeningFileParts(state.electionId, mix.digest, (part - 1) * KEPT_PARTS_PER_ANSWER, KEPT_PARTS_PER_ANSWER) });
}
