import type { CiphertextJson } from '../crypto/elgamal';
import { elementFromHex } from '../crypto/group';
import { MalformedField, readCiphertext, readList } from '../crypto/jsonFields';
import { paperLayout } from '../crypto/paperEncoding';
import { knowledgeOfRandomnessFromJson, verifyKnowledgeOfRandomness } from '../crypto/proofs/knowledgeOfRandomness';
import { sealedContexts } from '../crypto/sealedContest';
import { paperWidth } from '../crypto/sealedPaper';
import { sha256 } from '../hashChain';
import { ownValue } from '../records';
import { fail, ok, type Result } from '../result';
import type { ExistingElection } from '../state';

/** A contest's sealed paper as the voter's page sends it and the board publishes it. */
export interface SealedPaperJson {
  ciphertexts: CiphertextJson[];
  proof: unknown;
}

/** A sealed paper that passed its checks, with its tracker: its id on the board. */
export interface CheckedSealedPaper {
  contest: string;
  tracker: string;
  paper: SealedPaperJson;
}

/**
 * A paper's tracker: the SHA-256 of its ciphertexts' first components (α, the part only the
 * voter's randomness makes), in order. The board keeps each paper under it, so a second paper
 * with the same α — a copy of another voter's (Cortier–Smyth's replay on Helios), with or
 * without a changed β — finds its place taken; a re-randomised copy has a new α and no valid proof.
 */
export const trackerOf = (ciphertexts: readonly CiphertextJson[]): string => sha256(ciphertexts.map((c) => c.alpha).join(''));

/** The receipt of a sealed cast: its papers' trackers, in the election's order of contests. */
export const receiptOfTrackers = (papers: readonly CheckedSealedPaper[]): string => papers.map((p) => p.tracker).join('.');

/**
 * Checks a voter's sealed papers as the cast receives them: each for a contest of the election,
 * as many ciphertexts as its papers have, every element canonical, and the voter's proof of
 * knowledge of their randomness bound to this election and contest under the election key. A
 * refusal names the field (`papers.council.proof.challenge`).
 */
export function checkSealedCast(state: ExistingElection, papers: Readonly<Record<string, SealedPaperJson>>): Result<CheckedSealedPaper[]> {
  const key = state.sealed?.key;
  if (!key) return fail('wrong_phase', 'papers: this election has no sealed box');
  const ids = state.contests.map((c) => c.id);
  const stray = Object.keys(papers).find((id) => !ids.includes(id));
  if (stray !== undefined) return fail('invalid', `papers.${stray}: not a contest of this election (${ids.join(', ')})`);
  const publicKey = elementFromHex(key.publicKey);
  const checked: CheckedSealedPaper[] = [];
  for (const contest of state.contests) {
    const paper = ownValue(papers, contest.id);
    if (paper === undefined) continue;
    const field = `papers.${contest.id}`;
    const width = paperWidth(paperLayout(contest.ballot, contest.candidates));
    try {
      const ciphertexts = readList(paper.ciphertexts, `${field}.ciphertexts`, readCiphertext, width);
      const proof = knowledgeOfRandomnessFromJson(paper.proof, `${field}.proof`);
      const verified = verifyKnowledgeOfRandomness({ publicKey, ciphertexts, context: sealedContexts.paper({ electionId: state.electionId, contestId: contest.id }) }, proof);
      if (!verified.ok) return fail('invalid', `${field}.proof: does not prove knowledge of the paper's randomness for this election and contest (${verified.failed})`);
    } catch (error) {
      if (error instanceof MalformedField) return fail('invalid', `${error.path}: ${error.reason}`);
      throw error;
    }
    checked.push({ contest: contest.id, tracker: trackerOf(paper.ciphertexts), paper: { ciphertexts: paper.ciphertexts, proof: paper.proof } });
  }
  if (checked.length === 0) return fail('invalid', 'papers: give at least one sealed paper (an abstention is sealed too)');
  return ok(checked);
}
