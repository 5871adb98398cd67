import { describe, expect, it } from 'vitest';
import type { BallotDefinition, Candidate } from '../../../domain/election';
import { decrypt } from '../../../domain/crypto/elgamal';
import { baseMultiple, scalar } from '../../../domain/crypto/group';
import { paperLayout } from '../../../domain/crypto/paperEncoding';
import { verifyKnowledgeOfRandomness } from '../../../domain/crypto/proofs/knowledgeOfRandomness';
import { auditPaper, openPaper, paperWidth, sealPaper } from '../../../domain/crypto/sealedPaper';
import { seededRandom } from './seededRandom';

const candidates = (count: number): Candidate[] => Array.from({ length: count }, (_, i) => ({ name: `Candidate ${i}`, email: `c${i}@uni.test`, pageLink: 'https://uni.test' }));
const RANKED: BallotDefinition = { kind: 'ranked', method: 'meek-stv', seats: 3 };

describe('a sealed paper', () => {
  const random = seededRandom('sealed paper');
  const secretKey = scalar.random(random);
  const publicKey = baseMultiple(secretKey);
  const context = { electionId: 'council-2026', contestId: 'speaker' };

  it('fits a ranking of 30 candidates in one ciphertext, and one of 60 in two', () => {
    // 30 options: a length in 5 bits and 30 places of 5 bits, 155 bits in 20 bytes.
    expect(paperWidth(paperLayout(RANKED, candidates(30)))).toBe(1);
    expect(paperWidth(paperLayout(RANKED, candidates(60)))).toBe(2);
  });

  it('opens, after decryption, to what the voter chose, with a proof that verifies', () => {
    for (const count of [3, 30, 60]) {
      const layout = paperLayout(RANKED, candidates(count));
      const choices = candidates(count)
        .map((c) => c.name)
        .reverse();
      const sealed = sealPaper({ publicKey, layout, context }, { choices }, random);
      expect(sealed.ciphertexts).toHaveLength(paperWidth(layout));
      expect(verifyKnowledgeOfRandomness({ publicKey, ciphertexts: sealed.ciphertexts, context }, sealed.proof)).toEqual({ ok: true });
      expect(
        openPaper(
          layout,
          sealed.ciphertexts.map((c) => decrypt(secretKey, c)),
        ),
      ).toEqual({ ok: true, content: { choices } });
    }
  });

  it('seals the same choice differently each time', () => {
    const layout = paperLayout(RANKED, candidates(3));
    const [a, b] = [sealPaper({ publicKey, layout, context }, { choices: ['Candidate 1'] }, random), sealPaper({ publicKey, layout, context }, { choices: ['Candidate 1'] }, random)];
    expect(a.ciphertexts[0]!.alpha.equals(b.ciphertexts[0]!.alpha)).toBe(false);
  });

  it('opens an element that encodes nothing, or a piece too many, as an invalid paper with the reason', () => {
    const layout = paperLayout(RANKED, candidates(3));
    const opened = openPaper(layout, [baseMultiple(12345n)]);
    expect(opened.ok).toBe(false);
    expect(!opened.ok && opened.problem).toMatch(/^piece 0: not the encoding of a message/);
    const sealed = sealPaper({ publicKey, layout, context }, { choices: [] }, random);
    const element = decrypt(secretKey, sealed.ciphertexts[0]!);
    expect(openPaper(layout, [element, element])).toEqual({ ok: false, problem: '2 pieces, not 1' });
  });

  it("passes Benaloh's audit for what the page sealed, and names the ciphertext of a page that sealed something else", () => {
    const layout = paperLayout(RANKED, candidates(60));
    const statement = { publicKey, layout, context };
    const sealed = sealPaper(statement, { choices: ['Candidate 7', 'Candidate 59'] }, random);
    expect(auditPaper(statement, sealed.ciphertexts, sealed.randomness, { choices: ['Candidate 7', 'Candidate 59'] })).toEqual({ ok: true });
    // A page that sealed another order than the voter chose.
    expect(auditPaper(statement, sealed.ciphertexts, sealed.randomness, { choices: ['Candidate 59', 'Candidate 7'] })).toEqual({ ok: false, problem: 'ciphertext 0 does not encrypt this choice' });
    expect(auditPaper(statement, sealed.ciphertexts, sealed.randomness.slice(1), { choices: [] })).toEqual({ ok: false, problem: '2 ciphertexts and 1 randomness for a paper of 2' });
    expect(auditPaper(statement, sealed.ciphertexts, sealed.randomness, { choices: ['Nobody'] })).toEqual({
      ok: false,
      problem: 'the choice is not a paper of this contest: "Nobody" is not on this ballot',
    });
  });
});
