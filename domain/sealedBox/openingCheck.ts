import type { CiphertextVector } from '../crypto/elgamal';
import { readElement, readList, readScalar, readSlice, MalformedField } from '../crypto/jsonFields';
import { decryptionShareFromJson, verifyPartialDecryptions } from '../crypto/proofs/decryptionShare';
import { sealedContexts, type SealedContestStatement } from '../crypto/sealedContest';
import { shuffleProofFromJson } from '../crypto/shuffle';
import {
  shuffleCheckFromJson,
  shuffleCheckToJson,
  shuffleConclusionFromJson,
  shufflePartSumsFromJson,
  shufflePartSumsToJson,
  type ShuffleCheckJson,
  type ShufflePartSumsJson,
} from '../crypto/shuffle/json';
import { checkShufflePart, concludeShuffleCheck, partsOf, prepareShuffleCheck, type ShufflePart } from '../crypto/shuffle/verify';
import { fail, ok, type Result } from '../result';
import { readOutputs, type DecryptionFile, type MixFile } from './openingFiles';

/**
 * The system's check of an uploaded opening file, in three steps so that a large one runs on many
 * machines (the opening-check workflow) and a small one in one request, with the same verdict and
 * the same refusal: plan (every field read, the lengths, the shuffle's hashes of the whole
 * statement), each part of the papers (its share of the shuffle's sums, or its trustee's shares
 * proved), then the conclusion (the shuffle's equations from the parts' sums, or the first part
 * that failed). Each step takes only what it needs and returns JSON, which travels between them.
 */
export type OpeningUpload = { kind: 'mix'; file: MixFile } | { kind: 'decryption'; file: DecryptionFile };

export interface OpeningCheckPlan {
  parts: { index: number; from: number; to: number }[];
  /** The shuffle's hashes of the whole statement, which every part of a mix's check needs; null for a decryption. */
  shuffle: ShuffleCheckJson | null;
}

/** One part's verdict: a mix's part gives its sums (the equations are checked at the conclusion), a decryption's part the first share that fails, if one does. */
export type OpeningPartVerdict = { kind: 'mix'; sums: ShufflePartSumsJson } | { kind: 'decryption'; refusal: string | null };

/** The whole upload read and held to its input (the board or the mix before, or the last mix), then cut into parts of at most `papersPerPart` papers. */
export function planOpeningCheck(statement: SealedContestStatement, inputs: readonly CiphertextVector[], upload: OpeningUpload, papersPerPart: number): Result<OpeningCheckPlan> {
  return readingFields<OpeningCheckPlan>(() => {
    const parts = partsOf(inputs.length, papersPerPart).map(([from, to], index) => ({ index, from, to }));
    if (upload.kind === 'decryption') {
      const { file } = upload;
      if (statement.verificationKeys[file.trustee - 1] === undefined) return fail('invalid', `trustee: ${file.trustee} is not one of the ${statement.verificationKeys.length} trustees`);
      const shares = readList(file.shares, 'shares', (paper, at) => readList(paper, at, decryptionShareFromJson));
      if (shares.length !== inputs.length) return fail('invalid', `shares: shares of ${shares.length} papers where the last mix has ${inputs.length}`);
      return ok({ parts, shuffle: null });
    }
    const { file } = upload;
    const outputs = readOutputs(file.outputs, 'outputs');
    if (outputs.length !== inputs.length) return fail('invalid', `outputs: ${outputs.length} papers where the mix's input has ${inputs.length}`);
    const prepared = prepareShuffleCheck(statement.publicKey, inputs, outputs, shuffleProofFromJson(file.proof, 'proof'), mixContext(statement, file));
    if (!prepared.ok) return shuffleFails(prepared);
    return ok({ parts, shuffle: shuffleCheckToJson(prepared.check) });
  });
}

/**
 * Papers `from` to `to` of a planned check; `inputs` are those papers of its input. Only this
 * part's entries of the upload are decoded, so that a part's cost does not grow with the upload.
 */
export function checkOpeningPart(
  statement: SealedContestStatement,
  inputs: readonly CiphertextVector[],
  upload: OpeningUpload,
  shuffle: ShuffleCheckJson | null,
  { from, to }: { from: number; to: number },
): OpeningPartVerdict {
  if (upload.kind === 'decryption') {
    const { file } = upload;
    const key = statement.verificationKeys[file.trustee - 1]!;
    const shares = readSlice(file.shares, 'shares', from, to, (paper, at) => readList(paper, at, decryptionShareFromJson));
    for (const [offset, paper] of inputs.entries()) {
      const verified = verifyPartialDecryptions(key, paper, shares[offset]!, sealedContexts.decryption(statement, file.trustee));
      if (!verified.ok)
        return {
          kind: 'decryption',
          refusal: `shares[${from + offset}]${'index' in verified ? `[${verified.index}]` : ''}: the share does not prove a decryption by trustee ${file.trustee} (${verified.failed})`,
        };
    }
    return { kind: 'decryption', refusal: null };
  }
  const { file } = upload;
  const check = shuffleCheckFromJson(shuffle, statement.publicKey, mixContext(statement, file));
  const proof = file.proof as unknown as Record<string, unknown>;
  const elements = (name: string) => readSlice(proof[name], `proof.${name}`, from, to, readElement);
  const scalars = (name: string) => readSlice(proof[name], `proof.${name}`, from, to, readScalar);
  const part: ShufflePart = {
    from,
    to,
    inputs,
    outputs: readOutputs(
      readSlice(file.outputs, 'outputs', from, to, (paper) => paper),
      'outputs',
    ),
    permutationCommitment: elements('permutationCommitment'),
    chainBefore: from === 0 ? check.h : readSlice(proof.commitmentChain, 'proof.commitmentChain', from - 1, from, readElement)[0]!,
    commitmentChain: elements('commitmentChain'),
    tHat: elements('tHat'),
    sHat: scalars('sHat'),
    sPrime: scalars('sPrime'),
  };
  return { kind: 'mix', sums: shufflePartSumsToJson(checkShufflePart(check, part)) };
}

/** The verdict from every part's, in the order of the papers: the mix's equations, or the first share that fails. */
export function concludeOpeningCheck(statement: SealedContestStatement, upload: OpeningUpload, plan: OpeningCheckPlan, verdicts: readonly OpeningPartVerdict[]): Result<void> {
  if (verdicts.length !== plan.parts.length) throw new Error(`the check has verdicts of ${verdicts.length} of its ${plan.parts.length} parts`);
  if (upload.kind === 'decryption') {
    const refusal = verdicts.find((verdict) => verdict.kind === 'decryption' && verdict.refusal !== null);
    return refusal?.kind === 'decryption' && refusal.refusal !== null ? fail('invalid', refusal.refusal) : ok(undefined);
  }
  const check = shuffleCheckFromJson(plan.shuffle, statement.publicKey, mixContext(statement, upload.file));
  const sums = verdicts.map((verdict, i) => {
    if (verdict.kind !== 'mix') throw new Error(`part ${i} of a mix's check has a decryption's verdict`);
    return shufflePartSumsFromJson(verdict.sums, `parts[${i}]`);
  });
  const verified = concludeShuffleCheck(check, shuffleConclusionFromJson(upload.file.proof), sums);
  return verified.ok ? ok(undefined) : shuffleFails(verified);
}

/** The whole check in this thread, as one request makes it. */
export function checkOpeningUpload(statement: SealedContestStatement, inputs: readonly CiphertextVector[], upload: OpeningUpload): Result<void> {
  const plan = planOpeningCheck(statement, inputs, upload, Math.max(1, inputs.length));
  if (!plan.ok) return plan;
  const verdicts = plan.value.parts.map((part) => checkOpeningPart(statement, inputs.slice(part.from, part.to), upload, plan.value.shuffle, part));
  return concludeOpeningCheck(statement, upload, plan.value, verdicts);
}

const mixContext = (statement: SealedContestStatement, file: MixFile) => sealedContexts.mix(statement, file.position, file.mixer);

const shuffleFails = (verified: { failed: string; detail?: string }): Result<never> =>
  fail('invalid', `proof: the shuffle proof fails (${verified.failed}${verified.detail ? `: ${verified.detail}` : ''})`);

function readingFields<T>(read: () => Result<T>): Result<T> {
  try {
    return read();
  } catch (error) {
    if (error instanceof MalformedField) return fail('invalid', `${error.path}: ${error.reason}`);
    throw error;
  }
}
