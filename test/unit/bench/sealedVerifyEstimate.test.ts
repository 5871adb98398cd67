import { describe, expect, it } from 'vitest';
import { sealedVerifyEstimate } from '../../../bench/sealedBox';

describe("the estimate of a sealed election's verification", () => {
  it('counts every voter proof, every mix over every paper and each decryption share per ciphertext, and halves the sum on two threads', () => {
    const estimate = sealedVerifyEstimate({ voters: 1_000, contests: 3, mixesPerContest: 2, decryptionsPerContest: 2 }, { verifyPaperMs: 2, mixVerifyMsPerPaper: 3, verifyShareMs: 5 });
    expect(estimate).toEqual({ voters: 1_000, contests: 3, paperSeconds: 6, mixSeconds: 18, shareSeconds: 30, oneThreadSeconds: 54, twoThreadSeconds: 27 });
  });
});
