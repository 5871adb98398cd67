import { ballotAuditFromJson, ballotAuditToJson, checkBallotAudit, type AuditedElection, type BallotAuditJson } from '../../contract/ballotAudit';
import type { BallotChoice } from '../../domain/ballot';
import { ciphertextToJson, type CiphertextJson } from '../../domain/crypto/elgamal';
import { elementFromHex, type RandomBytes } from '../../domain/crypto/group';
import { paperFromBytes, paperLayout, paperToBytes } from '../../domain/crypto/paperEncoding';
import { knowledgeOfRandomnessToJson, type KnowledgeOfRandomnessProofJson } from '../../domain/crypto/proofs/knowledgeOfRandomness';
import { sealedContexts } from '../../domain/crypto/sealedContest';
import { sealPaper, type SealedPaper } from '../../domain/crypto/sealedPaper';
import { receiptOfTrackers, trackerOf } from '../../domain/sealedBox/sealedCast';

/**
 * The voter page's sealing of a sealed election's papers, bundled for the browser as
 * `/lib/seal-ballot.js` and loaded only in such an election: each paper is encrypted under the
 * election key with the proof that the voter knows its randomness (domain/crypto/sealedPaper.ts),
 * in the voter's browser, before anything is sent. A ballot is sealed either to be cast or to be
 * audited, never both (Benaloh's cast-or-audit): a cast seals afresh, and the randomness of a cast
 * paper never leaves this module, so the page cannot show it, keep it or send it.
 */

export type { AuditedElection, BallotAuditJson };
export type { BallotChoice };

/** The browser's own randomness: the one source a sealed paper may use. */
const browserRandom: RandomBytes = (n) => crypto.getRandomValues(new Uint8Array(n));

/** A paper as the voter marked it: the contest and the page's choice. */
export interface MarkedPaper {
  contest: string;
  choice: BallotChoice;
}

/** One contest's paper as it is cast: what `POST /elections/{id}/ballots` takes under `papers`. */
export interface CastPaper {
  ciphertexts: CiphertextJson[];
  proof: KnowledgeOfRandomnessProofJson;
}

/** Each paper sealed under the election key, with the content it holds, in the voter's order. */
function seal(election: AuditedElection, papers: readonly MarkedPaper[], random: RandomBytes): { contest: string; choices: string[]; sealed: SealedPaper }[] {
  const publicKey = elementFromHex(election.electionKey);
  return papers.map(({ contest: contestId, choice }) => {
    const contest = election.contests.find((c) => c.id === contestId);
    if (!contest) throw new RangeError(`papers.${contestId}: not a contest of this election`);
    const layout = paperLayout(contest.ballot, contest.candidates);
    // The content as the box will read it back after the opening: a ranking in order, any other
    // paper sorted. The page's ballot has held the marks to the ballot's rules already (a name
    // off the ballot would throw here); domain/ballot.ts's own check is left out, as it would
    // bring the name comparison's confusables table, three times the size of all this, along.
    const content = paperFromBytes(layout, paperToBytes(layout, { choices: 'abstain' in choice ? [] : choice.choices }));
    if (!content.ok) throw new RangeError(`papers.${contestId}: ${content.problem}`);
    const statement = { publicKey, layout, context: sealedContexts.paper({ electionId: election.id, contestId }) };
    return { contest: contestId, choices: content.content.choices, sealed: sealPaper(statement, content.content, random) };
  });
}

/** What a cast sends and what it should be answered with. */
export interface SealedCast {
  /** By contest id: what `POST /elections/{id}/ballots` takes under `papers`. */
  papers: Record<string, CastPaper>;
  /** Each paper's tracker, by contest id, as the board will list it, and the receipt they make: the page holds the cast's answer to them. */
  trackers: Record<string, string>;
  receipt: string;
}

/** The papers sealed for the cast; their randomness is dropped here. */
export function sealForCast(election: AuditedElection, papers: readonly MarkedPaper[], random: RandomBytes = browserRandom): SealedCast {
  // In the voter's order of papers, which is the election's order of contests, as the receipt is made.
  const cast = seal(election, papers, random).map(({ contest, sealed }) => {
    const ciphertexts = sealed.ciphertexts.map(ciphertextToJson);
    return { contest, tracker: trackerOf(ciphertexts), paper: { ciphertexts, proof: knowledgeOfRandomnessToJson(sealed.proof) } };
  });
  return {
    papers: Object.fromEntries(cast.map(({ contest, paper }) => [contest, paper])),
    trackers: Object.fromEntries(cast.map(({ contest, tracker }) => [contest, tracker])),
    receipt: receiptOfTrackers(cast),
  };
}

/** The papers sealed to be audited, randomness and choices revealed: a spoiled ballot, never to be cast. */
export function sealForAudit(election: AuditedElection, papers: readonly MarkedPaper[], random: RandomBytes = browserRandom): BallotAuditJson {
  const publicKey = elementFromHex(election.electionKey);
  return ballotAuditToJson({
    electionId: election.id,
    papers: seal(election, papers, random).map(({ contest, choices, sealed }) => ({ contest, publicKey, ciphertexts: sealed.ciphertexts, randomness: sealed.randomness, choices })),
  });
}

/** The page's own check of an audited ballot, as `audit ballot` makes it: the first failure named, a malformed field by its path. */
export function checkAudit(election: AuditedElection, audit: unknown): { ok: true; contests: string[] } | { ok: false; problem: string } {
  try {
    return checkBallotAudit(election, ballotAuditFromJson(audit));
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
}
