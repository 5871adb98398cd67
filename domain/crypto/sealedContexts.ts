import type { BallotContext } from './proofs/knowledgeOfRandomness';
import type { SealedContestStatement } from './sealedContest';

/** The contexts every proof of the contest is bound to, written once for the prover and the verifier. */
export const sealedContexts = {
  paper: ({ electionId, contestId }: Pick<SealedContestStatement, 'electionId' | 'contestId'>): BallotContext => ({ electionId, contestId }),
  mix: ({ electionId, contestId }: Pick<SealedContestStatement, 'electionId' | 'contestId'>, position: number, mixer: number): string[] => [
    electionId,
    contestId,
    `mix ${position}`,
    `trustee ${mixer}`,
  ],
  decryption: ({ electionId, contestId }: Pick<SealedContestStatement, 'electionId' | 'contestId'>, trustee: number): string => `${electionId}/${contestId}/decryption/trustee ${trustee}`,
};
