import { describe, expect, it } from 'vitest';
import { ballotIdOf } from '../../domain';

const RECEIPT = 'q3hT0pL9xZ2vW8yR5mN1aB';

describe('the ballot id of a receipt', () => {
  it('is the first 128 bits of SHA-256 over the receipt, base64url, the same every time', () => {
    // printf '%s' q3hT0pL9xZ2vW8yR5mN1aB | sha256sum | cut -c1-32 | xxd -r -p | base64 | tr '+/' '-_' | tr -d '='
    expect(ballotIdOf(RECEIPT)).toBe('LMegSfVOs4M3F8zKvCJYng');
    expect(ballotIdOf(RECEIPT)).toBe(ballotIdOf(RECEIPT));
  });

  it('looks like a receipt (22 base64url characters) but is not the receipt', () => {
    const ballotId = ballotIdOf(RECEIPT);
    expect(ballotId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(ballotId).not.toBe(RECEIPT);
  });

  it('differs for receipts that differ in one character, and is not its own inverse', () => {
    expect(ballotIdOf(`${RECEIPT.slice(0, -1)}C`)).not.toBe(ballotIdOf(RECEIPT));
    expect(ballotIdOf(ballotIdOf(RECEIPT))).not.toBe(RECEIPT);
  });
});
