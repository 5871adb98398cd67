import { combinePartialDecryptions } from './ceremony/combination';
import type { CiphertextVector } from './elgamal';
import type { Element } from './group';
import type { DecodedPaper } from './paperEncoding';
import { verifyPartialDecryptions, type DecryptionShare } from './proofs/decryptionShare';
import { verifyKnowledgeOfRandomness } from './proofs/knowledgeOfRandomness';
import { sealedContexts } from './sealedContexts';
import type { SealedContestFailure, SealedContestRecord, SealedContestStatement } from './sealedContest';
import { openPaper, paperWidth } from './sealedPaper';
import { verifyShuffle, type ShuffleProof } from './shuffle';

/**
 * The work of one contest's record cut into parts that need nothing of each other, so that a
 * verifier can run them on several threads: the voters' proofs of a range of papers, one mix's
 * shuffle proof against its input, a range of one trustee's decryption shares, and the reading
 * back of a range of papers from the shares. What needs the whole record (no paper twice, enough
 * mixes by different trustees, enough trustees, shares of every paper) stays in
 * verifySealedContest, which joins the parts' verdicts in this plan's order.
 */
export type SealedCheck =
  { kind: 'board'; from: number; to: number } | { kind: 'mix'; position: number } | { kind: 'decryption'; trustee: number; from: number; to: number } | { kind: 'readBack'; from: number; to: number };

/** A part's verdict: the failure named as verifySealedContest names it, the paper's index counted on the whole board; a reading back gives its papers. */
export type SealedCheckVerdict = { ok: true; papers?: DecodedPaper[] } | { ok: false; failed: SealedContestFailure };

/** What one check reads of the record and nothing more, so that it travels to another thread cheaply. */
export type SealedCheckInput =
  | { kind: 'board'; from: number; width: number; papers: SealedContestRecord['board'] }
  | { kind: 'mix'; position: number; mixer: number; inputs: readonly CiphertextVector[]; outputs: readonly CiphertextVector[]; proof: ShuffleProof }
  | { kind: 'decryption'; trustee: number; from: number; papers: readonly CiphertextVector[]; shares: readonly (readonly DecryptionShare[])[] }
  | { kind: 'readBack'; papers: readonly CiphertextVector[]; factors: readonly { trustee: number; factors: readonly (readonly Element[])[] }[] };

/**
 * Papers in one check of the board or of a trustee's shares: some 1 to 3 seconds of a thread on
 * the 2-core machine (2.3 ms a voter's proof, 6.6 ms a share), short enough to share the work
 * evenly and to show progress, long enough that handing a check to a thread costs little.
 */
export const PAPERS_PER_CHECK = 500;

/** The sizes a plan is made from, which the record's files give without reading a single element. */
export interface SealedRecordShape {
  papers: number;
  mixes: number;
  /** Papers of the last mix (of the board, without one): what the trustees decrypt. */
  decrypted: number;
  /** The trustees who decrypted, in the record's order. */
  trustees: readonly number[];
}

export const shapeOf = (record: SealedContestRecord): SealedRecordShape => ({
  papers: record.board.length,
  mixes: record.mixes.length,
  decrypted: lastMixOf(record).length,
  trustees: record.decryptions.map((d) => d.trustee),
});

/** The papers the trustees decrypt: the last mix's outputs, or the board's papers where there is no mix. */
export const lastMixOf = (record: SealedContestRecord): readonly CiphertextVector[] => record.mixes.at(-1)?.outputs ?? record.board.map((paper) => paper.ciphertexts);

/** Every part of a record of this shape, in the order verifySealedContest names a failure: the board, each mix, each trustee's shares; then the papers read back. */
export function planSealedChecks(shape: SealedRecordShape, papersPerCheck = PAPERS_PER_CHECK): SealedCheck[] {
  const ranges = (count: number) => Array.from({ length: Math.ceil(count / papersPerCheck) }, (_, i) => ({ from: i * papersPerCheck, to: Math.min(count, (i + 1) * papersPerCheck) }));
  return [
    ...ranges(shape.papers).map((range) => ({ kind: 'board' as const, ...range })),
    ...Array.from({ length: shape.mixes }, (_, position) => ({ kind: 'mix' as const, position })),
    ...shape.trustees.flatMap((trustee) => ranges(shape.decrypted).map((range) => ({ kind: 'decryption' as const, trustee, ...range }))),
    ...ranges(shape.decrypted).map((range) => ({ kind: 'readBack' as const, ...range })),
  ];
}

/** A check's input cut from the record in memory. */
export function checkInput(statement: Pick<SealedContestStatement, 'layout'>, record: SealedContestRecord, check: SealedCheck): SealedCheckInput {
  switch (check.kind) {
    case 'board':
      return { kind: 'board', from: check.from, width: paperWidth(statement.layout), papers: record.board.slice(check.from, check.to) };
    case 'mix': {
      const mix = record.mixes[check.position]!;
      const inputs = check.position === 0 ? record.board.map((paper) => paper.ciphertexts) : record.mixes[check.position - 1]!.outputs;
      return { kind: 'mix', position: check.position, mixer: mix.mixer, inputs, outputs: mix.outputs, proof: mix.proof };
    }
    case 'decryption': {
      const shares = record.decryptions.find((d) => d.trustee === check.trustee)?.shares ?? [];
      return { kind: 'decryption', trustee: check.trustee, from: check.from, papers: lastMixOf(record).slice(check.from, check.to), shares: shares.slice(check.from, check.to) };
    }
    case 'readBack': {
      const factors = record.decryptions.map(({ trustee, shares }) => ({ trustee, factors: shares.slice(check.from, check.to).map((paper) => paper.map((share) => share.factor)) }));
      return { kind: 'readBack', papers: lastMixOf(record).slice(check.from, check.to), factors };
    }
  }
}

/** Runs one part: the proofs of its part, the first failure named with its index on the whole board or its paper in the last mix; or the papers it reads back. */
export function runSealedCheck(statement: SealedContestStatement, input: SealedCheckInput): SealedCheckVerdict {
  const fail = (part: SealedContestFailure['part'], index: number | null, reason: string) => ({ ok: false as const, failed: { part, index, reason } });
  switch (input.kind) {
    case 'board': {
      for (const [offset, paper] of input.papers.entries()) {
        const i = input.from + offset;
        if (paper.ciphertexts.length !== input.width) return fail('board', i, `${paper.ciphertexts.length} ciphertexts where a paper of this contest has ${input.width}`);
        const verified = verifyKnowledgeOfRandomness({ publicKey: statement.publicKey, ciphertexts: paper.ciphertexts, context: sealedContexts.paper(statement) }, paper.proof);
        if (!verified.ok) return fail('board', i, `the voter's proof fails (${verified.failed})`);
      }
      return { ok: true };
    }
    case 'mix': {
      const { position, mixer } = input;
      if (!Number.isInteger(mixer) || mixer < 1 || mixer > statement.verificationKeys.length) return fail('mixes', position, `mixer ${mixer} is not a trustee`);
      const verified = verifyShuffle(statement.publicKey, input.inputs, input.outputs, input.proof, sealedContexts.mix(statement, position, mixer));
      if (!verified.ok) return fail('mixes', position, `the shuffle proof fails (${verified.failed}${verified.detail ? `: ${verified.detail}` : ''})`);
      return { ok: true };
    }
    case 'decryption': {
      const { trustee } = input;
      const key = statement.verificationKeys[trustee - 1];
      if (!Number.isInteger(trustee) || key === undefined) return fail('decryptions', trustee, `trustee ${trustee} is not one of the ${statement.verificationKeys.length}`);
      for (const [offset, paper] of input.papers.entries()) {
        const i = input.from + offset;
        const shares = input.shares[offset];
        if (shares === undefined) return fail('decryptions', trustee, `paper ${i}: no shares`);
        const verified = verifyPartialDecryptions(key, paper, shares, sealedContexts.decryption(statement, trustee));
        if (!verified.ok) return fail('decryptions', trustee, `paper ${i}: ${'index' in verified ? `ciphertext ${verified.index}: ` : ''}${verified.failed}`);
      }
      return { ok: true };
    }
    case 'readBack':
      return { ok: true, papers: readBack(statement, input.papers, input.factors) };
  }
}

/** Papers of the last mix combined from t trustees' decryption factors (each proved before) and read back; one that decodes to no paper of the contest as invalid. */
export function readBack(
  statement: Pick<SealedContestStatement, 'threshold' | 'verificationKeys' | 'layout'>,
  papers: readonly CiphertextVector[],
  factors: readonly { trustee: number; factors: readonly (readonly Element[])[] }[],
): DecodedPaper[] {
  const parameters = { threshold: statement.threshold, trustees: statement.verificationKeys.length };
  return papers.map((paper, i) =>
    openPaper(
      statement.layout,
      paper.map((ciphertext, k) =>
        combinePartialDecryptions(
          ciphertext,
          factors.map(({ trustee, factors: byPaper }) => ({ index: trustee, share: byPaper[i]![k]! })),
          parameters,
        ),
      ),
    ),
  );
}

/** A check's name, the same for equal checks: how verdicts found elsewhere are looked up. */
export function sealedCheckKey(check: SealedCheck): string {
  switch (check.kind) {
    case 'board':
      return `board ${check.from}-${check.to}`;
    case 'mix':
      return `mix ${check.position}`;
    case 'decryption':
      return `decryption ${check.trustee} ${check.from}-${check.to}`;
    case 'readBack':
      return `read back ${check.from}-${check.to}`;
  }
}
