import type { CiphertextVector } from './elgamal';
import { createTrusteeCertificate, dealShares, reviewShares, verifyCeremony, type CeremonyContext, type CeremonyFailure, type CeremonyResult, type CeremonyTranscript } from './keyCeremony';
import type { RandomBytes } from './group';
import { partialDecryptions } from './proofs/decryptionShare';
import { sealedContexts, type SealedContestRecord, type SealedContestStatement } from './sealedContest';
import { proveShuffle, shuffle } from './shuffle';

/**
 * Every trustee's part of the sealed box run on one machine, for rehearsals and tests only: the
 * machine that runs it holds every secret share, which is exactly what the sealed box exists to
 * prevent in a real election. Real trustees each run their own steps (keyCeremony.ts) on their own
 * machines and keep their share in a share file.
 */
export interface RehearsedCeremony {
  transcript: CeremonyTranscript;
  result: CeremonyResult;
  /** Trustee j's secret share x_j at position j − 1. */
  secretShares: bigint[];
}

/** The whole key ceremony of `context.trustees` trustees, each step checked as a trustee's own machine checks it; the first failure is returned as verifyCeremony names it. */
export function rehearseCeremony(context: CeremonyContext, random: RandomBytes): { ok: true; ceremony: RehearsedCeremony } | { ok: false; failed: CeremonyFailure } {
  const trustees = Array.from({ length: context.trustees }, (_, position) => position + 1);
  const made = trustees.map((trustee) => createTrusteeCertificate(context, trustee, random));
  const certificates = made.map((m) => m.certificate);
  const dealings = [];
  for (const dealer of trustees) {
    const dealt = dealShares(context, certificates, dealer, random);
    if (!dealt.ok) return dealt;
    dealings.push(dealt.dealing);
  }
  const reviews = [];
  const secretShares: bigint[] = [];
  for (const trustee of trustees) {
    const reviewed = reviewShares(context, certificates, dealings, trustee, made[trustee - 1]!.transportSecret, random);
    if (!reviewed.ok) return reviewed;
    reviews.push(reviewed.review);
    // A trustee who complained has no share; the ceremony then fails in verifyCeremony below.
    secretShares.push(reviewed.secretShare ?? 0n);
  }
  const transcript: CeremonyTranscript = { ...context, certificates, dealings, reviews };
  const result = verifyCeremony(transcript);
  return result.ok ? { ok: true, ceremony: { transcript, result, secretShares } } : result;
}

/**
 * Opens one contest's box from the board, as the committee does after the close: a mix by each
 * of `mixers` in turn, each proved, then the decryption shares of each of `decryptors`, proved
 * against their verification keys. The record it returns is what verifySealedContest checks.
 */
export function rehearseOpening(
  statement: SealedContestStatement,
  board: SealedContestRecord['board'],
  secretShares: readonly bigint[],
  { mixers, decryptors }: { mixers: readonly number[]; decryptors: readonly number[] },
  random: RandomBytes,
): SealedContestRecord {
  let inputs: CiphertextVector[] = board.map((paper) => paper.ciphertexts);
  const mixes = mixers.map((mixer, position) => {
    const { outputs, witness } = shuffle(statement.publicKey, inputs, random);
    const proof = proveShuffle(statement.publicKey, inputs, outputs, witness, sealedContexts.mix(statement, position, mixer), random);
    inputs = outputs;
    return { mixer, outputs, proof };
  });
  const decryptions = decryptors.map((trustee) => ({
    trustee,
    shares: inputs.map((paper) => partialDecryptions(secretShares[trustee - 1]!, paper, sealedContexts.decryption(statement, trustee), random)),
  }));
  return { board, mixes, decryptions };
}
