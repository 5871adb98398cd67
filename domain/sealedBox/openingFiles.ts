import type { CiphertextJson, CiphertextVector } from '../crypto/elgamal';
import { elementFromHex } from '../crypto/group';
import { MalformedField, readCiphertext, readList } from '../crypto/jsonFields';
import { paperLayout, type DecodedPaper } from '../crypto/paperEncoding';
import { decryptionShareFromJson, verifyPartialDecryptions, type DecryptionShare, type DecryptionShareJson } from '../crypto/proofs/decryptionShare';
import { readBack } from '../crypto/sealedChecks';
import { sealedContexts, type SealedContestStatement } from '../crypto/sealedContest';
import { shuffleProofFromJson, verifyShuffle, type ShuffleProofJson } from '../crypto/shuffle';
import { byBallotId, canonicalJson, sha256 } from '../hashChain';
import { fail, ok, type Result } from '../result';
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

/** The board as the first mix takes it: its papers in tracker order, the order the seal's digest reads them in. */
export const boardInputs = (ballots: readonly SealedBallot[]): CiphertextVector[] =>
  [...ballots].sort(byBallotId).map((ballot, i) => readList(ballot.sealed?.ciphertexts, `board[${i}].ciphertexts`, readCiphertext));

const readOutputs = (value: unknown, path: string): CiphertextVector[] => readList(value, path, (paper, at) => readList(paper, at, readCiphertext));

/** Reads a mix file's outputs (a file the system wrote and checked before). */
export const mixOutputs = (file: MixFile): CiphertextVector[] => readOutputs(file.outputs, 'outputs');

/** Checks a mixer's upload against its input; the refusal names the field or the proof's failed equation. */
export function checkMix(statement: SealedContestStatement, inputs: readonly CiphertextVector[], file: MixFile): Result<CiphertextVector[]> {
  return readingFields(() => {
    const outputs = readOutputs(file.outputs, 'outputs');
    if (outputs.length !== inputs.length) return fail('invalid', `outputs: ${outputs.length} papers where the mix's input has ${inputs.length}`);
    const proof = shuffleProofFromJson(file.proof, 'proof');
    const verified = verifyShuffle(statement.publicKey, inputs, outputs, proof, sealedContexts.mix(statement, file.position, file.mixer));
    if (!verified.ok) return fail('invalid', `proof: the shuffle proof fails (${verified.failed}${verified.detail ? `: ${verified.detail}` : ''})`);
    return ok(outputs);
  });
}

/** Checks a trustee's shares of every ciphertext of the last mix against their verification key. */
export function checkDecryption(statement: SealedContestStatement, lastMix: readonly CiphertextVector[], file: DecryptionFile): Result<DecryptionShare[][]> {
  return readingFields(() => {
    const key = statement.verificationKeys[file.trustee - 1];
    if (key === undefined) return fail('invalid', `trustee: ${file.trustee} is not one of the ${statement.verificationKeys.length} trustees`);
    const shares = readList(file.shares, 'shares', (paper, at) => readList(paper, at, decryptionShareFromJson));
    if (shares.length !== lastMix.length) return fail('invalid', `shares: shares of ${shares.length} papers where the last mix has ${lastMix.length}`);
    for (const [i, paper] of lastMix.entries()) {
      const verified = verifyPartialDecryptions(key, paper, shares[i]!, sealedContexts.decryption(statement, file.trustee));
      if (!verified.ok)
        return fail('invalid', `shares[${i}]${'index' in verified ? `[${verified.index}]` : ''}: the share does not prove a decryption by trustee ${file.trustee} (${verified.failed})`);
    }
    return ok(shares);
  });
}

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

function readingFields<T>(read: () => Result<T>): Result<T> {
  try {
    return read();
  } catch (error) {
    if (error instanceof MalformedField) return fail('invalid', `${error.path}: ${error.reason}`);
    throw error;
  }
}
