import { elementFromHex } from '../crypto/group';
import { MalformedField, readCiphertext, readElement, readList } from '../crypto/jsonFields';
import type { PaperLayout } from '../crypto/paperEncoding';
import { decryptionShareFromJson } from '../crypto/proofs/decryptionShare';
import { knowledgeOfRandomnessFromJson } from '../crypto/proofs/knowledgeOfRandomness';
import { PAPERS_PER_CHECK, planSealedChecks, runSealedCheck, sealedCheckKey, type SealedCheck, type SealedCheckInput, type SealedCheckVerdict } from '../crypto/sealedChecks';
import { shuffleProofFromJson } from '../crypto/shuffle';
import { paperWidth } from '../crypto/sealedPaper';
import type { OpeningFilePart } from '../auditLog';
import type { SealedBallot } from '../election';
import type { ExistingElection } from '../state';
import { openingOf } from './opening';
import { contestStatement } from './openingFiles';
import { joinParts, openingSources, type OpeningSources } from './verifyOpening';

/**
 * The sealed box's proofs as jobs for other threads (worker threads in `audit verify`, Web Workers
 * in the observers' view): each job is one check of planSealedChecks with only the JSON it reads,
 * a slice of the board or of a trustee's shares, or one mix with its input, so that it is cloned to
 * a worker cheaply. Its verdict comes back and the replay (verifyAuditLog) joins the verdicts
 * instead of checking those proofs again.
 */
export interface SealedCheckJob {
  contest: string;
  check: SealedCheck;
  statement: { electionId: string; contestId: string; publicKey: string; verificationKeys: readonly string[]; threshold: number; layout: PaperLayout };
  input: SealedCheckInputJson;
}

/** A check's input as the export's JSON holds it: what SealedCheckInput holds, every element in its hex. */
export type SealedCheckInputJson =
  | { kind: 'board'; from: number; width: number; papers: readonly { ciphertexts?: unknown; proof?: unknown }[] }
  | { kind: 'mix'; position: number; mixer: number; inputs: readonly unknown[]; outputs: unknown; proof: unknown }
  | { kind: 'decryption'; trustee: number; from: number; papers: readonly unknown[]; shares: readonly unknown[] }
  | { kind: 'readBack'; papers: readonly unknown[]; factors: readonly { trustee: number; factors: readonly unknown[] }[] };

/** Verdicts found before the replay: the plan's size of a check, and each verdict by contest, then by sealedCheckKey. */
export interface SealedVerdicts {
  papersPerCheck: number;
  byContest: ReadonlyMap<string, ReadonlyMap<string, SealedCheckVerdict>>;
}

/**
 * Every check of every contest's opening that the export holds whole, the mixes first: they are
 * the longest, and a pool that starts them first ends its work most evenly. A contest whose files
 * are missing or changed has none: the replay names that without checking a proof.
 */
export function sealedCheckJobs(state: ExistingElection, boxes: ReadonlyMap<string, readonly SealedBallot[]>, parts: readonly OpeningFilePart[], papersPerCheck = PAPERS_PER_CHECK): SealedCheckJob[] {
  const box = state.sealed;
  if (!box?.opening) return [];
  const files = joinParts(parts, []);
  const jobs = state.contests.flatMap((contest) => {
    const statement = contestStatement(state, contest.id);
    const key = box.key;
    if (!statement || !key || openingOf(box, contest.id).papers === 0) return [];
    let sources: OpeningSources;
    try {
      sources = openingSources(boxes.get(contest.id) ?? [], openingOf(box, contest.id), files);
    } catch (error) {
      if (error instanceof MalformedField) return [];
      throw error;
    }
    const jobStatement = {
      electionId: state.electionId,
      contestId: contest.id,
      publicKey: key.publicKey,
      verificationKeys: key.verificationKeys,
      threshold: statement.threshold,
      layout: statement.layout,
    };
    return contestJobs(sources, paperWidth(statement.layout), papersPerCheck).map(({ check, input }) => ({ contest: contest.id, check, statement: jobStatement, input }));
  });
  return [...jobs.filter((job) => job.check.kind === 'mix'), ...jobs.filter((job) => job.check.kind !== 'mix')];
}

/** One contest's checks, planned from the sizes its files give, each with the slice of JSON it reads. */
function contestJobs({ board, mixes, decryptions }: OpeningSources, width: number, papersPerCheck: number): { check: SealedCheck; input: SealedCheckInputJson }[] {
  const boardPapers = board.map((ballot) => ({ ciphertexts: ballot.sealed?.ciphertexts, proof: ballot.sealed?.proof }));
  const outputsOf = (position: number): readonly unknown[] => {
    if (position < 0) return boardPapers.map((paper) => paper.ciphertexts);
    const outputs = mixes[position]?.file.outputs;
    return Array.isArray(outputs) ? outputs : [];
  };
  const decrypted = outputsOf(mixes.length - 1);
  const sharesOf = (trustee: number): readonly unknown[] => {
    const shares: unknown = decryptions.find((d) => d.trustee === trustee)?.file.shares;
    return Array.isArray(shares) ? shares : [];
  };
  const plan = planSealedChecks({ papers: board.length, mixes: mixes.length, decrypted: decrypted.length, trustees: decryptions.map((d) => d.trustee) }, papersPerCheck);
  return plan.map((check): { check: SealedCheck; input: SealedCheckInputJson } => {
    switch (check.kind) {
      case 'board':
        return { check, input: { kind: 'board', from: check.from, width, papers: boardPapers.slice(check.from, check.to) } };
      case 'mix': {
        const mix = mixes[check.position]!;
        return { check, input: { kind: 'mix', position: check.position, mixer: mix.mixer, inputs: outputsOf(check.position - 1), outputs: mix.file.outputs, proof: mix.file.proof } };
      }
      case 'decryption':
        return {
          check,
          input: { kind: 'decryption', trustee: check.trustee, from: check.from, papers: decrypted.slice(check.from, check.to), shares: sharesOf(check.trustee).slice(check.from, check.to) },
        };
      case 'readBack': {
        // Only the factors: their proofs are the decryption checks' part.
        const factorsOf = (paper: unknown) => (Array.isArray(paper) ? paper.map((share: { factor?: unknown } | undefined) => share?.factor) : paper);
        const factors = decryptions.map(({ trustee }) => ({ trustee, factors: sharesOf(trustee).slice(check.from, check.to).map(factorsOf) }));
        return { check, input: { kind: 'readBack', papers: decrypted.slice(check.from, check.to), factors } };
      }
    }
  });
}

/**
 * Runs one job where it was sent: its verdict, or undefined where its JSON cannot be read (the
 * replay reads the whole record and names the field), or where papers cannot be read back from
 * shares that the replay then refuses before it reads any.
 */
export function runSealedCheckJob(job: SealedCheckJob): SealedCheckVerdict | undefined {
  try {
    const statement = { ...job.statement, publicKey: elementFromHex(job.statement.publicKey), verificationKeys: job.statement.verificationKeys.map(elementFromHex) };
    return runSealedCheck(statement, readInput(job.input));
  } catch (error) {
    if (error instanceof MalformedField || job.input.kind === 'readBack') return undefined;
    throw error;
  }
}

const readPapers = (value: unknown, path: string) => readList(value, path, (paper, at) => readList(paper, at, readCiphertext));

function readInput(input: SealedCheckInputJson): SealedCheckInput {
  switch (input.kind) {
    case 'board':
      return {
        ...input,
        papers: input.papers.map((paper, i) => ({
          ciphertexts: readList(paper.ciphertexts, `board[${i}].ciphertexts`, readCiphertext),
          proof: knowledgeOfRandomnessFromJson(paper.proof, `board[${i}].proof`),
        })),
      };
    case 'mix':
      return { ...input, inputs: readPapers(input.inputs, 'inputs'), outputs: readPapers(input.outputs, 'outputs'), proof: shuffleProofFromJson(input.proof, 'proof') };
    case 'decryption':
      return {
        ...input,
        papers: readPapers(input.papers, 'papers'),
        shares: readList(input.shares, 'shares', (paper, at) => readList(paper, at, decryptionShareFromJson)),
      };
    case 'readBack':
      return {
        ...input,
        papers: readPapers(input.papers, 'papers'),
        factors: input.factors.map(({ trustee, factors }) => ({ trustee, factors: readList(factors, 'factors', (paper, at) => readList(paper, at, readElement)) })),
      };
  }
}

/** The verdicts a pool answered for `jobs`, in their order, as the replay looks them up; a job without one is checked again there. */
export function verdictsOf(jobs: readonly SealedCheckJob[], verdicts: readonly (SealedCheckVerdict | undefined)[], papersPerCheck: number): SealedVerdicts {
  const byContest = new Map<string, Map<string, SealedCheckVerdict>>();
  for (const [i, job] of jobs.entries()) {
    const verdict = verdicts[i];
    if (verdict === undefined) continue;
    const contest = byContest.get(job.contest) ?? new Map<string, SealedCheckVerdict>();
    contest.set(sealedCheckKey(job.check), verdict);
    byContest.set(job.contest, contest);
  }
  return { papersPerCheck, byContest };
}
