import { ciphertextToJson, type CiphertextJson, type CiphertextVector } from './elgamal';
import { type Element, elementToHex } from './group';
import type { DecodedPaper, PaperLayout } from './paperEncoding';
import { at, MalformedField, readCiphertext, readList, readObject } from './jsonFields';
import { decryptionShareFromJson, decryptionShareToJson, type DecryptionShare, type DecryptionShareJson } from './proofs/decryptionShare';
import { knowledgeOfRandomnessFromJson, knowledgeOfRandomnessToJson, type KnowledgeOfRandomnessProof, type KnowledgeOfRandomnessProofJson } from './proofs/knowledgeOfRandomness';
import { checkInput, lastMixOf, PAPERS_PER_CHECK, planSealedChecks, runSealedCheck, shapeOf, type SealedCheck, type SealedCheckVerdict } from './sealedChecks';
import { shuffleProofFromJson, shuffleProofToJson, type ShuffleProof, type ShuffleProofJson } from './shuffle';

/**
 * One contest's sealed box from the cast to the papers read back, as the log will hold it, and
 * its check: what the system checks as each part arrives and what `audit verify` and the
 * observers' view replay. The parts:
 * - the board: every sealed paper in the order it was cast, with the voter's proof;
 * - the mixes: each mixer's outputs with its shuffle proof, each taking the one before as input;
 * - the decryptions: t trustees' shares of every ciphertext of the last mix, with proofs.
 * Each proof is bound to its own context (below), so none can be moved to another election,
 * contest, mix or trustee.
 */
export interface SealedContestRecord {
  board: readonly { ciphertexts: CiphertextVector; proof: KnowledgeOfRandomnessProof }[];
  mixes: readonly { mixer: number; outputs: readonly CiphertextVector[]; proof: ShuffleProof }[];
  /** Trustee `trustee`'s shares: for each paper of the last mix, one per ciphertext. */
  decryptions: readonly { trustee: number; shares: readonly (readonly DecryptionShare[])[] }[];
}

/** What the record is checked against: the election key and the trustees' verification keys from the verified key ceremony, and the contest's paper layout. */
export interface SealedContestStatement {
  electionId: string;
  contestId: string;
  publicKey: Element;
  verificationKeys: readonly Element[];
  threshold: number;
  layout: PaperLayout;
}

export { sealedContexts } from './sealedContexts';

/** Where a record fails: the part, the position in it (a paper, a mix, a trustee's share), and why. */
export interface SealedContestFailure {
  part: 'board' | 'mixes' | 'decryptions';
  index: number | null;
  reason: string;
}

/** How many mixes a box needs: two by different trustees where there are two or more, so that one honest mixer is enough to unlink voters from papers. */
export const mixesNeeded = (trustees: number): number => Math.min(2, trustees);

/**
 * Checks the whole record and reads the papers back: every voter's proof (and no paper twice),
 * every mix's proof against the one before, enough mixes by different trustees, at least t
 * trustees' shares each proved against their verification key, then combines and opens each paper.
 * A paper that decodes to no paper of the contest is in the result as invalid, with its reason;
 * the count takes it so. The first failure found is named.
 *
 * The proofs are checked, and the papers read back, in the parts planSealedChecks cuts them into
 * (./sealedChecks.ts); a verifier that ran those parts on other threads (planned with the same
 * `papersPerCheck`) hands their verdicts in as `checked`, and only a part it has no verdict for
 * is run here. The parts are joined in the plan's order, so the failure named is the same
 * however they were run.
 */
export function verifySealedContest(
  statement: SealedContestStatement,
  record: SealedContestRecord,
  checked: (check: SealedCheck) => SealedCheckVerdict | undefined = () => undefined,
  papersPerCheck = PAPERS_PER_CHECK,
): { ok: true; papers: DecodedPaper[] } | { ok: false; failed: SealedContestFailure } {
  const fail = (part: SealedContestFailure['part'], index: number | null, reason: string) => ({ ok: false as const, failed: { part, index, reason } });
  const plan = planSealedChecks(shapeOf(record), papersPerCheck);
  const verdictOf = (check: SealedCheck) => checked(check) ?? runSealedCheck(statement, checkInput(statement, record, check));
  const seen = new Set<string>();
  for (const check of plan.filter((c) => c.kind === 'board')) {
    const verdict = verdictOf(check);
    const failedAt = verdict.ok ? check.to : (verdict.failed.index ?? check.from);
    for (let i = check.from; i < failedAt; i += 1) {
      // The same sealed paper twice is a copy of another voter's cast (the replay Cortier and Smyth found in Helios).
      const key = record.board[i]!.ciphertexts.map((c) => elementToHex(c.alpha)).join('');
      if (seen.has(key)) return fail('board', i, 'a copy of a paper cast before it');
      seen.add(key);
    }
    if (!verdict.ok) return verdict;
  }

  const mixers = new Set(record.mixes.map((mix) => mix.mixer));
  if (record.mixes.length < mixesNeeded(statement.verificationKeys.length) || mixers.size < record.mixes.length) {
    return fail('mixes', null, `${record.mixes.length} mixes by ${mixers.size} trustees; the box needs ${mixesNeeded(statement.verificationKeys.length)} by different trustees`);
  }
  for (const check of plan.filter((c) => c.kind === 'mix')) {
    const verdict = verdictOf(check);
    if (!verdict.ok) return verdict;
  }

  const inputs = lastMixOf(record);
  const trustees = new Set(record.decryptions.map((d) => d.trustee));
  if (record.decryptions.length < statement.threshold || trustees.size < record.decryptions.length) {
    return fail('decryptions', null, `shares of ${trustees.size} different trustees where ${statement.threshold} are needed`);
  }
  for (const { trustee, shares } of record.decryptions) {
    if (!Number.isInteger(trustee) || statement.verificationKeys[trustee - 1] === undefined)
      return fail('decryptions', trustee, `trustee ${trustee} is not one of the ${statement.verificationKeys.length}`);
    if (shares.length !== inputs.length) return fail('decryptions', trustee, `shares of ${shares.length} papers where the last mix has ${inputs.length}`);
    for (const check of plan.filter((c) => c.kind === 'decryption' && c.trustee === trustee)) {
      const verdict = verdictOf(check);
      if (!verdict.ok) return verdict;
    }
  }
  const papers = plan.flatMap((check) => {
    if (check.kind !== 'readBack') return [];
    const given = checked(check);
    const verdict = given?.ok && given.papers ? given : runSealedCheck(statement, checkInput(statement, record, check));
    return verdict.ok ? (verdict.papers ?? []) : [];
  });
  return { ok: true, papers };
}

/** The record as the log and the export hold it: every element and scalar in its canonical hex. */
export interface SealedContestRecordJson {
  board: { ciphertexts: CiphertextJson[]; proof: KnowledgeOfRandomnessProofJson }[];
  mixes: { mixer: number; outputs: CiphertextJson[][]; proof: ShuffleProofJson }[];
  decryptions: { trustee: number; shares: DecryptionShareJson[][] }[];
}

export const sealedContestRecordToJson = (record: SealedContestRecord): SealedContestRecordJson => ({
  board: record.board.map((paper) => ({ ciphertexts: paper.ciphertexts.map(ciphertextToJson), proof: knowledgeOfRandomnessToJson(paper.proof) })),
  mixes: record.mixes.map((mix) => ({ mixer: mix.mixer, outputs: mix.outputs.map((paper) => paper.map(ciphertextToJson)), proof: shuffleProofToJson(mix.proof) })),
  decryptions: record.decryptions.map((d) => ({ trustee: d.trustee, shares: d.shares.map((paper) => paper.map(decryptionShareToJson)) })),
});

/** Reads a record from the log or an export; throws a MalformedField naming the path (`mixes[1].proof.t4[0].beta: …`) of the first field that is missing, extra or not canonical. */
export function sealedContestRecordFromJson(json: unknown): SealedContestRecord {
  const record = readObject(json, 'record', ['board', 'mixes', 'decryptions']);
  const papers = (value: unknown, path: string) => readList(value, path, (paper, paperPath) => readList(paper, paperPath, readCiphertext));
  const index = (value: unknown, path: string): number => {
    if (!Number.isInteger(value)) throw new MalformedField(path, 'not a whole number');
    return value as number;
  };
  return {
    board: readList(record.get('board'), 'board', (value, path) => {
      const paper = readObject(value, path, ['ciphertexts', 'proof']);
      return { ciphertexts: readList(paper.get('ciphertexts'), at(path, 'ciphertexts'), readCiphertext), proof: knowledgeOfRandomnessFromJson(paper.get('proof'), at(path, 'proof')) };
    }),
    mixes: readList(record.get('mixes'), 'mixes', (value, path) => {
      const mix = readObject(value, path, ['mixer', 'outputs', 'proof']);
      return { mixer: index(mix.get('mixer'), at(path, 'mixer')), outputs: papers(mix.get('outputs'), at(path, 'outputs')), proof: shuffleProofFromJson(mix.get('proof'), at(path, 'proof')) };
    }),
    decryptions: readList(record.get('decryptions'), 'decryptions', (value, path) => {
      const decryption = readObject(value, path, ['trustee', 'shares']);
      const shares = readList(decryption.get('shares'), at(path, 'shares'), (paper, paperPath) => readList(paper, paperPath, decryptionShareFromJson));
      return { trustee: index(decryption.get('trustee'), at(path, 'trustee')), shares };
    }),
  };
}
