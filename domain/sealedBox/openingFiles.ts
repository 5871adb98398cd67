import type { CiphertextJson, CiphertextVector } from '../crypto/elgamal';
import { elementFromHex } from '../crypto/group';
import { readCiphertext, readList } from '../crypto/jsonFields';
import { paperLayout, type DecodedPaper } from '../crypto/paperEncoding';
import type { DecryptionShare, DecryptionShareJson } from '../crypto/proofs/decryptionShare';
import { readBack } from '../crypto/sealedChecks';
import type { SealedContestStatement } from '../crypto/sealedContest';
import type { ShuffleProofJson } from '../crypto/shuffle';
import { byBallotId, canonicalJson, sha256 } from '../hashChain';
import type { ExistingElection } from '../state';
import type { SealedBallot } from '../election';

/**
 * The files of a contest's opening as they are uploaded, kept beside the log and exported: a
 * mix's outputs with its shuffle proof, a trustee's decryption shares of the last mix. Each is
 * checked as it arrives against what came before (the board or the previous mix), by the same
 * code `audit verify` runs; the log records each by its digest.
 */
export interface MixFile {
  contest: string;
  position: number;
  mixer: number;
  outputs: CiphertextJson[][];
  proof: ShuffleProofJson;
}

export interface DecryptionFile {
  contest: string;
  trustee: number;
  shares: DecryptionShareJson[][];
}

/** A file's digest: the SHA-256 of its canonical JSON, which the log's event records. */
export const openingFileDigest = (file: MixFile | DecryptionFile): string => sha256(canonicalJson(file));

/** What a contest's opening is checked against: the election key and verification keys, and the contest's paper layout. */
export function contestStatement(state: ExistingElection, contestId: string): SealedContestStatement | undefined {
  const key = state.sealed?.key;
  const contest = state.contests.find((c) => c.id === contestId);
  if (!key || !contest || !state.sealed) return undefined;
  return {
    electionId: state.electionId,
    contestId,
    publicKey: elementFromHex(key.publicKey),
    verificationKeys: key.verificationKeys.map(elementFromHex),
    threshold: state.sealed.trustees.threshold,
    layout: paperLayout(contest.ballot, contest.candidates),
  };
}

/** Papers `from` to `to` (exclusive) of a list, all of them without a range. */
export interface PaperRange {
  from: number;
  to: number;
}

/** The board as the first mix takes it: its papers in tracker order, the order the seal's digest reads them in (only those in `range`, when one is given). */
export const boardInputs = (ballots: readonly SealedBallot[], { from, to }: Partial<PaperRange> = {}): CiphertextVector[] =>
  [...ballots]
    .sort(byBallotId)
    .slice(from, to)
    .map((ballot, i) => readList(ballot.sealed?.ciphertexts, `board[${(from ?? 0) + i}].ciphertexts`, readCiphertext));

/** A mix's outputs as its file holds them: papers of ciphertexts. */
export const readOutputs = (value: unknown, path: string): CiphertextVector[] => readList(value, path, (paper, at) => readList(paper, at, readCiphertext));

/** Reads a mix file's outputs (a file the system wrote and checked before), only those in `range` when one is given. */
export const mixOutputs = (file: MixFile, { from, to }: Partial<PaperRange> = {}): CiphertextVector[] => readOutputs(file.outputs.slice(from, to), 'outputs');

/** The papers read back from the last mix and t trustees' shares (each checked before): in the last mix's order, an undecodable one as invalid. */
export const readBackPapers = (
  statement: SealedContestStatement,
  lastMix: readonly CiphertextVector[],
  decryptions: readonly { trustee: number; shares: readonly (readonly DecryptionShare[])[] }[],
): DecodedPaper[] =>
  readBack(
    statement,
    lastMix,
    decryptions.map(({ trustee, shares }) => ({ trustee, factors: shares.map((paper) => paper.map((share) => share.factor)) })),
  );
