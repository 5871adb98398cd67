import { readCiphertext, readList, MalformedField } from '../crypto/jsonFields';
import type { DecodedPaper } from '../crypto/paperEncoding';
import { decryptionShareFromJson } from '../crypto/proofs/decryptionShare';
import { knowledgeOfRandomnessFromJson } from '../crypto/proofs/knowledgeOfRandomness';
import { sealedCheckKey } from '../crypto/sealedChecks';
import { verifySealedContest, type SealedContestRecord } from '../crypto/sealedContest';
import { shuffleProofFromJson } from '../crypto/shuffle';
import type { SealedBallot } from '../election';
import type { OpeningFilePart } from '../auditLog';
import type { ExistingElection } from '../state';
import { openingOf } from './opening';
import type { SealedVerdicts } from './sealedCheckJobs';
import { contestStatement, openingFileDigest, type DecryptionFile, type MixFile } from './openingFiles';

/**
 * What `audit verify` and the observers' view check of a sealed box, from the export alone: every
 * voter's proof on the board and no paper twice, every mix's proof against the board or the mix
 * before, enough mixes by different trustees, t trustees' decryption shares each proved against
 * their verification key from the ceremony, every file the one its event names (its digest);
 * then the papers are read back, which the replay counts. Each failure is a finding that names
 * the contest, the part and why. `checked`: the proofs' verdicts found on other threads
 * (./sealedCheckJobs.ts); a proof without one is checked here.
 */
export function verifyOpenings(
  state: ExistingElection,
  boxes: ReadonlyMap<string, readonly SealedBallot[]>,
  parts: readonly OpeningFilePart[],
  findings: string[],
  checked?: SealedVerdicts,
): Map<string, DecodedPaper[]> {
  const opened = new Map<string, DecodedPaper[]>();
  const box = state.sealed;
  if (!box || !box.opening) return opened;
  const files = joinParts(parts, findings);
  for (const contest of state.contests) {
    const statement = contestStatement(state, contest.id);
    if (!statement) continue;
    if (openingOf(box, contest.id).papers === 0) {
      opened.set(contest.id, []);
      continue;
    }
    const where = `sealed contest "${contest.id}"`;
    try {
      const record = recordOf(openingSources(boxes.get(contest.id) ?? [], openingOf(box, contest.id), files));
      const verdicts = checked?.byContest.get(contest.id);
      const verified = verifySealedContest(statement, record, (check) => verdicts?.get(sealedCheckKey(check)), checked?.papersPerCheck);
      if (verified.ok) opened.set(contest.id, verified.papers);
      else findings.push(`${where}: ${verified.failed.part}${verified.failed.index === null ? '' : ` ${verified.failed.index}`} fails: ${verified.failed.reason}`);
    } catch (error) {
      if (!(error instanceof MalformedField)) throw error;
      findings.push(`${where}: ${error.path}: ${error.reason}`);
    }
  }
  return opened;
}

/** The opening files from their lines, each whole and in order, by digest. */
export function joinParts(parts: readonly OpeningFilePart[], findings: string[]): Map<string, string> {
  const byDigest = new Map<string, OpeningFilePart[]>();
  for (const part of parts) byDigest.set(part.digest, [...(byDigest.get(part.digest) ?? []), part]);
  const files = new Map<string, string>();
  for (const [digest, list] of byDigest) {
    const whole = list.length === list[0]!.parts && list.every((p, i) => p.part === i && p.parts === list[0]!.parts);
    if (whole) files.set(digest, list.map((p) => p.text).join(''));
    else findings.push(`the opening file ${digest} is not in the export whole: its parts are missing or out of order`);
  }
  return files;
}

/** A contest's opening as the export holds it: the board in tracker order, and each recorded mix's and decryption's file, parsed and held to its event. */
export interface OpeningSources {
  board: readonly SealedBallot[];
  mixes: readonly { position: number; mixer: number; file: MixFile }[];
  decryptions: readonly { trustee: number; file: DecryptionFile }[];
}

/** The contest's opening from the export's board and files; throws a MalformedField naming the mix or decryption whose file is missing, changed or not its event's. */
export function openingSources(board: readonly SealedBallot[], opening: ReturnType<typeof openingOf>, files: ReadonlyMap<string, string>): OpeningSources {
  const fileOf = <T extends MixFile | DecryptionFile>(digest: string, what: string): T => {
    const text = files.get(digest);
    if (text === undefined) throw new MalformedField(what, `its file ${digest} is not in the export`);
    let file: T;
    try {
      file = JSON.parse(text) as T;
    } catch {
      throw new MalformedField(what, `its file ${digest} is not JSON`);
    }
    if (openingFileDigest(file) !== digest) throw new MalformedField(what, `its file does not hash to ${digest}, the digest its event records: it was changed`);
    return file;
  };
  return {
    board: [...board].sort((a, b) => (a.ballotId < b.ballotId ? -1 : a.ballotId > b.ballotId ? 1 : 0)),
    mixes: opening.mixes.map(({ position, mixer, digest }) => {
      const file = fileOf<MixFile>(digest, `mixes[${position}]`);
      if (file.contest !== opening.contest || file.position !== position || file.mixer !== mixer)
        throw new MalformedField(`mixes[${position}]`, 'its file is for another contest, position or mixer than its event');
      return { position, mixer, file };
    }),
    decryptions: opening.decryptions.map(({ trustee, digest }) => {
      const file = fileOf<DecryptionFile>(digest, `decryptions of trustee ${trustee}`);
      if (file.contest !== opening.contest || file.trustee !== trustee) throw new MalformedField(`decryptions of trustee ${trustee}`, 'its file is for another contest or trustee than its event');
      return { trustee, file };
    }),
  };
}

/** The contest's record as verifySealedContest takes it, every element read and held canonical. */
function recordOf({ board, mixes, decryptions }: OpeningSources): SealedContestRecord {
  return {
    board: board.map((ballot, i) => ({
      ciphertexts: readList(ballot.sealed?.ciphertexts, `board[${i}].ciphertexts`, readCiphertext),
      proof: knowledgeOfRandomnessFromJson(ballot.sealed?.proof, `board[${i}].proof`),
    })),
    mixes: mixes.map(({ position, mixer, file }) => ({
      mixer,
      outputs: readList(file.outputs, `mixes[${position}].outputs`, (paper, at) => readList(paper, at, readCiphertext)),
      proof: shuffleProofFromJson(file.proof, `mixes[${position}].proof`),
    })),
    decryptions: decryptions.map(({ trustee, file }) => ({
      trustee,
      shares: readList(file.shares, `decryptions of trustee ${trustee}.shares`, (paper, at) => readList(paper, at, decryptionShareFromJson)),
    })),
  };
}
