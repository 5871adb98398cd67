import { describe, expect, it } from 'vitest';
import type { BallotDefinition, Candidate } from '../../../domain/election';
import { encrypt } from '../../../domain/crypto/elgamal';
import { baseMultiple, scalar } from '../../../domain/crypto/group';
import { combinePartialDecryptions, type CeremonyContext } from '../../../domain/crypto/keyCeremony';
import { rehearseCeremony, rehearseOpening } from '../../../domain/crypto/rehearsal';
import { paperLayout } from '../../../domain/crypto/paperEncoding';
import { proveKnowledgeOfRandomness } from '../../../domain/crypto/proofs/knowledgeOfRandomness';
import {
  sealedContestRecordFromJson,
  sealedContestRecordToJson,
  sealedContexts,
  verifySealedContest,
  type SealedContestRecord,
  type SealedContestStatement,
} from '../../../domain/crypto/sealedContest';
import { sealPaper } from '../../../domain/crypto/sealedPaper';
import { seededRandom } from './seededRandom';

const CANDIDATES: Candidate[] = Array.from({ length: 40 }, (_, i) => ({ name: `Candidate ${i}`, email: `c${i}@uni.test`, pageLink: 'https://uni.test' }));
const RANKED: BallotDefinition = { kind: 'ranked', method: 'scottish-stv', seats: 3 };

const ok = <T>(result: ({ ok: true } & T) | { ok: false; failed: unknown }): T => {
  if (!result.ok) throw new Error(`step failed: ${JSON.stringify(result.failed)}`);
  return result;
};

/**
 * The whole sealed box on the building blocks, as the app will run it: three trustees make the
 * key (two of them open the box), voters seal ranked papers of two ciphertexts each, two
 * trustees mix with proofs, two decrypt with proofs, and the check of the whole record reads back
 * the papers cast, in another order. Then each part, changed in turn, is refused and named.
 */
describe('the sealed box of one contest, from the key ceremony to the papers read back', () => {
  const random = seededRandom('sealed box');
  const context: CeremonyContext = { electionId: 'council-2026', threshold: 2, trustees: 3 };
  const rehearsed = rehearseCeremony(context, random);
  if (!rehearsed.ok) throw new Error(`the ceremony failed: ${JSON.stringify(rehearsed.failed)}`);
  const { result, secretShares } = rehearsed.ceremony;
  const { publicKey, verificationKeys } = result;
  const statement: SealedContestStatement = { electionId: 'council-2026', contestId: 'senate', publicKey, verificationKeys, threshold: 2, layout: paperLayout(RANKED, CANDIDATES) };
  const cast = Array.from({ length: 8 }, (_, voter) => ({ choices: [`Candidate ${voter}`, `Candidate ${39 - voter}`, ...(voter % 2 ? ['Candidate 20'] : [])] }));
  const board = cast.map((content) => sealPaper({ publicKey, layout: statement.layout, context: sealedContexts.paper(statement) }, content, random));

  /** Two mixes (trustees 2, then 3) and the decryptions of trustees 1 and 3, of the board given. */
  const openBox = (papers: SealedContestRecord['board'], mixers = [2, 3], decryptors = [1, 3]) => rehearseOpening(statement, papers, secretShares, { mixers, decryptors }, random);
  const record = openBox(board);
  const readBack = (papers: { ok: boolean; content?: { choices: string[] }; problem?: string }[]) => papers.map((p) => (p.content ? p.content.choices.join(' > ') : `invalid: ${p.problem}`));

  it('reads back the papers cast, in another order, every proof checked', () => {
    expect(board[0]!.ciphertexts).toHaveLength(2);
    const verified = ok(verifySealedContest(statement, record));
    const papers = readBack(verified.papers);
    expect([...papers].sort()).toEqual(cast.map((content) => content.choices.join(' > ')).sort());
    expect(papers).not.toEqual(cast.map((content) => content.choices.join(' > ')));
  });

  it('reads back the same from the record as the log holds it, and names the field of a malformed one', () => {
    const json = JSON.parse(JSON.stringify(sealedContestRecordToJson(record))) as ReturnType<typeof sealedContestRecordToJson>;
    const again = ok(verifySealedContest(statement, sealedContestRecordFromJson(json)));
    expect(readBack(again.papers)).toEqual(readBack(ok(verifySealedContest(statement, record)).papers));
    const broken = structuredClone(json);
    broken.mixes[1]!.proof.t4[0]!.beta = 'zz';
    expect(() => sealedContestRecordFromJson(broken)).toThrow('mixes[1].proof.t4[0].beta: not 64 lowercase hex digits');
    const noProof = structuredClone(json) as unknown as { board: Record<string, unknown>[] };
    delete noProof.board[2]!.proof;
    expect(() => sealedContestRecordFromJson(noProof)).toThrow('board[2].proof: missing');
    const share = structuredClone(json);
    share.decryptions[0]!.shares[4]![1]!.proof.response = share.decryptions[0]!.shares[4]![1]!.proof.response.toUpperCase();
    expect(() => sealedContestRecordFromJson(share)).toThrow('decryptions[0].shares[4][1].proof.response: not 64 lowercase hex digits');
    expect(() => sealedContestRecordFromJson({ ...json, mixes: [{ ...json.mixes[0]!, mixer: '2' }] })).toThrow('mixes[0].mixer: not a whole number');
  });

  it('reads a sealed element that is no paper as an invalid paper, and counts the others', () => {
    // A voter's page that encrypts an element that encodes nothing, with a valid proof: the box takes it, the count finds it invalid.
    const randomness = [scalar.random(random), scalar.random(random)];
    const ciphertexts = randomness.map((r) => encrypt(publicKey, baseMultiple(12345n), r));
    const garbage = { ciphertexts, proof: proveKnowledgeOfRandomness({ publicKey, ciphertexts, randomness, context: sealedContexts.paper(statement) }, random) };
    const papers = readBack(ok(verifySealedContest(statement, openBox([...board, garbage]))).papers);
    expect(papers.filter((p) => p.startsWith('invalid: piece 0: not the encoding of a message'))).toHaveLength(1);
    expect(papers.filter((p) => !p.startsWith('invalid'))).toHaveLength(8);
  });

  it('refuses a paper whose proof fails, one cast twice, or one of the wrong width', () => {
    const forged = { ...board[3]!, proof: { ...board[3]!.proof, challenge: scalar.add(board[3]!.proof.challenge, 1n) } };
    expect(verifySealedContest(statement, { ...record, board: [...board.slice(0, 3), forged, ...board.slice(4)] })).toEqual({
      ok: false,
      failed: { part: 'board', index: 3, reason: "the voter's proof fails (challenge)" },
    });
    expect(verifySealedContest(statement, { ...record, board: [...board, board[5]!] })).toEqual({ ok: false, failed: { part: 'board', index: 8, reason: 'a copy of a paper cast before it' } });
    const narrow = { ...board[0]!, ciphertexts: board[0]!.ciphertexts.slice(0, 1) };
    expect(verifySealedContest(statement, { ...record, board: [narrow, ...board.slice(1)] })).toMatchObject({
      ok: false,
      failed: { part: 'board', index: 0, reason: '1 ciphertexts where a paper of this contest has 2' },
    });
  });

  it('refuses too few mixes, a trustee mixing twice, and a mix whose output was changed', () => {
    expect(verifySealedContest(statement, openBox(board, [2]))).toMatchObject({ ok: false, failed: { part: 'mixes', index: null } });
    expect(verifySealedContest(statement, openBox(board, [2, 2]))).toEqual({
      ok: false,
      failed: { part: 'mixes', index: null, reason: '2 mixes by 1 trustees; the box needs 2 by different trustees' },
    });
    const swapped = [...record.mixes[1]!.outputs];
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    const changed = verifySealedContest(statement, { ...record, mixes: [record.mixes[0]!, { ...record.mixes[1]!, outputs: swapped }] });
    expect(changed).toMatchObject({ ok: false, failed: { part: 'mixes', index: 1 } });
    // A mix claimed by another trustee than the one whose context it was proved in.
    expect(verifySealedContest(statement, { ...record, mixes: [{ ...record.mixes[0]!, mixer: 1 }, record.mixes[1]!] })).toMatchObject({ ok: false, failed: { part: 'mixes', index: 0 } });
  });

  it('refuses fewer than t trustees, a share proved for another trustee, and a changed share; one trustee cannot open the box', () => {
    expect(verifySealedContest(statement, { ...record, decryptions: record.decryptions.slice(0, 1) })).toEqual({
      ok: false,
      failed: { part: 'decryptions', index: null, reason: 'shares of 1 different trustees where 2 are needed' },
    });
    expect(verifySealedContest(statement, { ...record, decryptions: [record.decryptions[0]!, { ...record.decryptions[1]!, trustee: 2 }] })).toMatchObject({
      ok: false,
      failed: { part: 'decryptions', index: 2 },
    });
    const [first, ...rest] = record.decryptions[1]!.shares;
    const changed = [{ ...first![0]!, factor: first![0]!.factor.add(baseMultiple(1n)) }, first![1]!];
    expect(verifySealedContest(statement, { ...record, decryptions: [record.decryptions[0]!, { trustee: 3, shares: [changed, ...rest] }] })).toEqual({
      ok: false,
      failed: { part: 'decryptions', index: 3, reason: 'paper 0: ciphertext 0: proof.challenge' },
    });
    const lastMix = record.mixes[1]!.outputs[0]![0]!;
    expect(() => combinePartialDecryptions(lastMix, [{ index: 1, share: record.decryptions[0]!.shares[0]![0]!.factor }], context)).toThrow('1 partial decryptions where 2 are needed');
  });

  it('rehearses a ceremony of one trustee with its warning, and refuses parameters no ceremony can have', () => {
    const one = rehearseCeremony({ electionId: 'club-2026', threshold: 1, trustees: 1 }, random);
    expect(one.ok && one.ceremony.result.warning).toBe('one-trustee-decrypts');
    expect(rehearseCeremony({ electionId: 'club-2026', threshold: 4, trustees: 3 }, random)).toEqual({
      ok: false,
      failed: { step: 'parameters', trustee: null, field: 'threshold', reason: 'the threshold must be a whole number from 1 to the number of trustees (3)' },
    });
  });
});
