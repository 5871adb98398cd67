import { randomBytes } from 'node:crypto';
import type { ElectionState } from '../domain';
import { ciphertextToJson } from '../domain/crypto/elgamal';
import { elementFromHex, type RandomBytes } from '../domain/crypto/group';
import { paperLayout } from '../domain/crypto/paperEncoding';
import { knowledgeOfRandomnessToJson } from '../domain/crypto/proofs/knowledgeOfRandomness';
import { rehearseCeremony } from '../domain/crypto/rehearsal';
import { sealedContexts } from '../domain/crypto/sealedContest';
import { sealPaper } from '../domain/crypto/sealedPaper';
import type { SealedPaperJson } from '../domain/sealedBox/sealedCast';
import type { EventStream } from '../handlers/ports';
import { runCommand } from '../handlers/runCommand';

export const benchRandom: RandomBytes = (n) => new Uint8Array(randomBytes(n));

/** A sealed election's committee in the benchmarks: 2 of 3 trustees, so each contest has 2 mixes and 2 decryptions. */
export const BENCH_TRUSTEES = { count: 3, threshold: 2 };

/**
 * The key ceremony of a created sealed election, every trustee's part rehearsed on this machine
 * (domain/crypto/rehearsal.ts) and each message given to the election as the ceremony's routes
 * give it. Returns the trustees' secret shares, for the opening.
 */
export async function rehearseElectionKey(deps: { store: EventStream; clock: { now(): Date } }, electionId: string): Promise<bigint[]> {
  const rehearsed = rehearseCeremony({ electionId, threshold: BENCH_TRUSTEES.threshold, trustees: BENCH_TRUSTEES.count }, benchRandom);
  if (!rehearsed.ok) throw new Error(`the rehearsed ceremony of ${electionId} failed: ${JSON.stringify(rehearsed.failed)}`);
  const { certificates, dealings, reviews } = rehearsed.ceremony.transcript;
  for (const message of [...certificates, ...dealings, ...reviews]) {
    const given = await runCommand(deps, electionId, { type: 'GiveCeremonyMessage', message });
    if (!given.ok) throw new Error(`a ceremony message of ${electionId} was refused: ${given.error.message}`);
  }
  return rehearsed.ceremony.secretShares;
}

/**
 * `count` voters' papers, each contest's choices (by contest id) sealed afresh for each voter as the voter page
 * seals them (a copy of another voter's paper is refused), by contest id: what a sealed cast
 * sends under `papers`.
 */
export function sealedPapers(state: ElectionState, choices: ReadonlyMap<string, string[]>, count: number): Record<string, SealedPaperJson>[] {
  if (state.phase === 'none' || !state.sealed?.key) throw new Error('not a sealed election with a published key');
  const publicKey = elementFromHex(state.sealed.key.publicKey);
  const statements = [...choices].map(([contestId, paper]) => {
    const contest = state.contests.find((c) => c.id === contestId);
    if (!contest) throw new Error(`${contestId} is not a contest of ${state.electionId}`);
    return { contestId, paper, statement: { publicKey, layout: paperLayout(contest.ballot, contest.candidates), context: sealedContexts.paper({ electionId: state.electionId, contestId }) } };
  });
  return Array.from({ length: count }, () =>
    Object.fromEntries(
      statements.map(({ contestId, paper, statement }) => {
        const sealed = sealPaper(statement, { choices: paper }, benchRandom);
        return [contestId, { ciphertexts: sealed.ciphertexts.map(ciphertextToJson), proof: knowledgeOfRandomnessToJson(sealed.proof) }];
      }),
    ),
  );
}
