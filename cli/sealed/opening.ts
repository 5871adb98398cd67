import { ciphertextToJson, type CiphertextVector } from '../../domain/crypto/elgamal';
import type { Element, RandomBytes } from '../../domain/crypto/group';
import { readCiphertext, readElement, readList } from '../../domain/crypto/jsonFields';
import { decryptionShareToJson, partialDecryptions } from '../../domain/crypto/proofs/decryptionShare';
import { sealedContexts } from '../../domain/crypto/sealedContest';
import type { ShareFileSecret } from '../../domain/crypto/shareFile';
import { proveShuffle, shuffle, shuffleProofFromJson, shuffleProofToJson, verifyShuffle } from '../../domain/crypto/shuffle';
import type { PublicElectionView } from '../../contract/views';
import { fresh, type OpeningView, type SealedApi } from './api';

/**
 * A trustee's part in opening one contest's box after the close, as the command line runs it: a
 * mix (which needs no secret, but is done as a trustee: the box needs mixes by different ones),
 * or a decryption of the last mix with the trustee's share. Shared by `trustee open` (every
 * trustee whose share file is at hand) and `trustee mix` / `trustee decrypt` (one trustee).
 */
export interface ContestToOpen {
  electionId: string;
  contestId: string;
  publicKey: Element;
}

/** The contest's statement from a sealed election whose key is published and whose voting has closed. */
export function contestToOpen(election: PublicElectionView, contestId: string): ContestToOpen {
  if (election.box !== 'sealed' || election.electionKey === undefined) throw new Error(`${election.id} is not a sealed election with a published key: there is no box to open`);
  if (!election.contests.some((c) => c.id === contestId)) throw new Error(`--contest ${contestId}: not a contest of ${election.id} (${election.contests.map((c) => c.id).join(', ')})`);
  if (!election.opening) throw new Error(`${election.id} is ${election.phase}: its box is opened after the close`);
  return { electionId: election.id, contestId, publicKey: readElement(election.electionKey, 'electionKey') };
}

const papersOf = (json: unknown, path: string): CiphertextVector[] => readList(json, path, (paper, paperPath) => readList(paper, paperPath, readCiphertext));

/** The papers of the board (position 0) or of mix `position − 1`: what mix `position` takes as its input. */
async function mixInputs(api: SealedApi, contest: ContestToOpen, position: number): Promise<CiphertextVector[]> {
  if (position === 0) {
    const board = await api.board(contest.electionId, contest.contestId);
    return papersOf(
      board.map((paper) => paper.ciphertexts),
      'board.papers',
    );
  }
  return papersOf((await api.mix(contest.electionId, contest.contestId, position - 1)).outputs, `mixes[${position - 1}].outputs`);
}

/**
 * Mixes the contest's box once more as `mixer`: shuffles the board or the last mix, proves it, and
 * posts it. Returns the position and how many papers it mixed. `mixesKnown`: the mixes the caller
 * knows are in (it posted them), which the opening view is read again until it shows.
 */
export async function mixContest(api: SealedApi, contest: ContestToOpen, mixer: number, random: RandomBytes, mixesKnown = 0): Promise<{ position: number; papers: number }> {
  const opening = await fresh(
    () => api.opening(contest.electionId, contest.contestId),
    (answer) => answer.mixes.length >= mixesKnown,
  );
  const position = opening.mixes.length;
  const before = opening.mixes.find((mix) => mix.mixer === mixer);
  if (before) throw new Error(`trustee ${mixer} mixed contest ${contest.contestId} already (mix ${before.position}): the box needs mixes by different trustees`);
  const inputs = await mixInputs(api, contest, position);
  if (inputs.length === 0) throw new Error(`contest ${contest.contestId} has no papers on its board: there is nothing to mix`);
  const { outputs, witness } = shuffle(contest.publicKey, inputs, random);
  const proof = proveShuffle(contest.publicKey, inputs, outputs, witness, sealedContexts.mix(contest, position, mixer), random);
  await api.postMix(contest.electionId, contest.contestId, { mixer, outputs: outputs.map((paper) => paper.map(ciphertextToJson)), proof: shuffleProofToJson(proof) });
  return { position, papers: outputs.length };
}

/**
 * Decrypts the contest's last mix with one trustee's share, after checking every mix from the
 * board on: a trustee decrypts only papers proved to be a shuffle of the board, since decrypting
 * the board itself (or a mix that is not one) would link voters to their papers.
 */
export async function decryptContest(api: SealedApi, contest: ContestToOpen, share: ShareFileSecret, random: RandomBytes, mixesKnown = 0): Promise<{ papers: number }> {
  const opening = await fresh(
    () => api.opening(contest.electionId, contest.contestId),
    (answer) => answer.mixes.length >= mixesKnown,
  );
  if (opening.mixes.length < opening.mixesNeeded) {
    throw new Error(`contest ${contest.contestId} has ${opening.mixes.length} of the ${opening.mixesNeeded} mixes it needs: it is decrypted after them`);
  }
  if (opening.decryptions.some((d) => d.trustee === share.trustee)) throw new Error(`trustee ${share.trustee} decrypted contest ${contest.contestId} already`);
  const lastMix = await checkedMixes(api, contest, opening);
  const context = sealedContexts.decryption(contest, share.trustee);
  const shares = lastMix.map((paper) => partialDecryptions(share.secretShare, paper, context, random).map(decryptionShareToJson));
  await api.postDecryption(contest.electionId, contest.contestId, { trustee: share.trustee, shares });
  return { papers: lastMix.length };
}

/** Every mix of the contest checked against its input, from the board on; the last mix's papers. */
async function checkedMixes(api: SealedApi, contest: ContestToOpen, opening: OpeningView): Promise<CiphertextVector[]> {
  let inputs = await mixInputs(api, contest, 0);
  for (const { position } of opening.mixes) {
    const mix = await api.mix(contest.electionId, contest.contestId, position);
    const outputs = papersOf(mix.outputs, `mixes[${position}].outputs`);
    const verified = verifyShuffle(contest.publicKey, inputs, outputs, shuffleProofFromJson(mix.proof, `mixes[${position}].proof`), sealedContexts.mix(contest, position, mix.mixer));
    if (!verified.ok)
      throw new Error(
        `mix ${position} of contest ${contest.contestId} (by trustee ${mix.mixer}) is not proved a shuffle of its input: ${verified.failed}${verified.detail ? ` (${verified.detail})` : ''}; decrypt nothing and tell the committee`,
      );
    inputs = outputs;
  }
  return inputs;
}
