import type { Contest } from '../contest';
import { mixesNeeded } from '../crypto/sealedContest';
import type { ElectionEvent } from '../events';
import { fail, ok, type Result } from '../result';
import type { SealedBoxSetup } from './keyCeremonyLog';

/**
 * The opening of a sealed contest's box after the seal, as the log records it: each mix (a
 * trustee's re-encryption and permutation of the board or of the mix before, with its proof),
 * then t trustees' decryption shares of the last mix. The files themselves (outputs, proofs,
 * shares) are kept beside the log under their SHA-256 `digest`, which the event records; the
 * system checks each proof before it asks for the event (handlers/usecases/openSealedBox.ts), and
 * the export holds the files, so anyone checks them again (verifySealedContest).
 */
export interface ContestOpening {
  contest: string;
  /** The papers on its board at the seal: a contest nobody voted in has nothing to mix or decrypt. */
  papers?: number;
  mixes: { position: number; mixer: number; papers: number; digest: string }[];
  decryptions: { trustee: number; digest: string }[];
}

export const openingOf = (box: SealedBoxSetup, contest: string): ContestOpening => box.opening?.find((o) => o.contest === contest) ?? { contest, mixes: [], decryptions: [] };

/** Whether a contest's box has all it needs to be read: enough mixes, and t trustees' shares. */
export const isOpened = (box: SealedBoxSetup, opening: ContestOpening): boolean => nextOpeningStep(box, opening) === 'opened';

/** What the next step of a contest's opening is: another mix, a decryption, or nothing. */
export function nextOpeningStep(box: SealedBoxSetup, opening: ContestOpening): 'mix' | 'decryption' | 'opened' {
  if (opening.papers === 0) return 'opened';
  if (opening.mixes.length < mixesNeeded(box.trustees.count)) return 'mix';
  return opening.decryptions.length < box.trustees.threshold ? 'decryption' : 'opened';
}

export function acceptMix(box: SealedBoxSetup, contest: Contest, mix: { position: number; mixer: number; papers: number; digest: string }, boardPapers: number): Result<ElectionEvent[]> {
  const opening = openingOf(box, contest.id);
  if (!Number.isInteger(mix.mixer) || mix.mixer < 1 || mix.mixer > box.trustees.count) return fail('invalid', `mixer: ${mix.mixer} is not one of the ${box.trustees.count} trustees`);
  if (opening.papers === 0) return fail('conflict', `contest ${contest.id}: nobody voted in it, so there is nothing to mix`);
  if (opening.decryptions.length > 0) return fail('conflict', `contest ${contest.id}: the trustees have begun to decrypt its last mix; no more mixes`);
  if (mix.position !== opening.mixes.length)
    return fail('conflict', `contest ${contest.id}: this mix was made of mix ${mix.position}'s input, but ${opening.mixes.length} mixes are in: shuffle the last one`);
  if (opening.mixes.some((m) => m.mixer === mix.mixer)) return fail('conflict', `mixer: trustee ${mix.mixer} has already mixed contest ${contest.id}; another trustee mixes next`);
  if (opening.mixes.length >= mixesNeeded(box.trustees.count)) return fail('conflict', `contest ${contest.id}: it has its ${mixesNeeded(box.trustees.count)} mixes; the trustees decrypt the last one`);
  if (mix.papers !== boardPapers) return fail('invalid', `outputs: ${mix.papers} papers where the board has ${boardPapers}`);
  return ok([{ type: 'MixAccepted', data: { contest: contest.id, ...mix } }]);
}

export function acceptDecryption(box: SealedBoxSetup, contest: Contest, decryption: { trustee: number; digest: string }): Result<ElectionEvent[]> {
  const opening = openingOf(box, contest.id);
  if (!Number.isInteger(decryption.trustee) || decryption.trustee < 1 || decryption.trustee > box.trustees.count)
    return fail('invalid', `trustee: ${decryption.trustee} is not one of the ${box.trustees.count} trustees`);
  const step = nextOpeningStep(box, opening);
  if (opening.papers === 0) return fail('conflict', `contest ${contest.id}: nobody voted in it, so there is nothing to decrypt`);
  if (step === 'mix') return fail('conflict', `contest ${contest.id}: it has ${opening.mixes.length} of its ${mixesNeeded(box.trustees.count)} mixes; decryption follows them`);
  if (opening.decryptions.some((d) => d.trustee === decryption.trustee)) return fail('conflict', `trustee: trustee ${decryption.trustee} has already decrypted contest ${contest.id}`);
  if (step === 'opened') return fail('conflict', `contest ${contest.id}: ${box.trustees.threshold} trustees have decrypted it already`);
  return ok([{ type: 'DecryptionAccepted', data: { contest: contest.id, ...decryption } }]);
}

/** At the seal: each contest's board size, from which its opening starts. */
export const openingsAtSeal = (seals: readonly { contest: string; ballotCount: number }[]): ContestOpening[] =>
  seals.map(({ contest, ballotCount }) => ({ contest, papers: ballotCount, mixes: [], decryptions: [] }));

export function evolveOpening(box: SealedBoxSetup, event: Extract<ElectionEvent, { type: 'MixAccepted' | 'DecryptionAccepted' }>): SealedBoxSetup {
  const current = openingOf(box, event.data.contest);
  const next: ContestOpening =
    event.type === 'MixAccepted'
      ? { ...current, mixes: [...current.mixes, { position: event.data.position, mixer: event.data.mixer, papers: event.data.papers, digest: event.data.digest }] }
      : { ...current, decryptions: [...current.decryptions, { trustee: event.data.trustee, digest: event.data.digest }] };
  return { ...box, opening: [...(box.opening ?? []).filter((o) => o.contest !== next.contest), next] };
}
