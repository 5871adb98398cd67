// The trustee page's rules for its next step, typed by their JSDoc and checked with web/tsconfig.json.
import { describe, expect, it } from 'vitest';
import { ceremonyTask, contestTask } from '../../web/trustee/plan.js';

type CeremonyView = Parameters<typeof ceremonyTask>[0];
type OpeningView = Parameters<typeof contestTask>[0];

const proof = { challenge: 'c', response: 'r' };
const certificate = (trustee: number) => ({ trustee, transportKey: `key-${trustee}`, proof });
const dealing = (dealer: number) => ({ dealer, commitments: [], shares: [], proof });
const review = (trustee: number) => ({ trustee, outcome: 'acknowledged' as const, verificationKey: `y-${trustee}`, proof });
const ceremony = (certificates: number[], dealings: number[] = [], reviews: number[] = []): CeremonyView => ({
  electionId: 'council',
  threshold: 2,
  trustees: 3,
  certificates: certificates.map(certificate),
  dealings: dealings.map(dealing),
  reviews: reviews.map(review),
});
const mine = { held: 'key-2', accepted: 'key-2' };

describe("the trustee page's next step in the key ceremony", () => {
  it('asks for a certificate first, and says the ceremony started over when the certificate it saw is gone', () => {
    expect(ceremonyTask(ceremony([1]), 2, {})).toEqual({ kind: 'certify', restarted: false });
    // Made here but refused by the server: not a restart.
    expect(ceremonyTask(ceremony([1]), 2, { held: 'key-2' })).toEqual({ kind: 'certify', restarted: false });
    expect(ceremonyTask(ceremony([]), 2, mine)).toEqual({ kind: 'certify', restarted: true });
  });

  it('asks for the transport-secret file when this tab does not hold the secret of the certificate the ceremony has', () => {
    expect(ceremonyTask(ceremony([1, 2]), 2, {})).toEqual({ kind: 'resume' });
    expect(ceremonyTask(ceremony([1, 2]), 2, { held: 'key-other' })).toEqual({ kind: 'resume' });
  });

  it('waits for the others at each step, naming them, and takes its own step when the step before is complete', () => {
    expect(ceremonyTask(ceremony([2]), 2, mine)).toEqual({ kind: 'wait', step: 'certificates', waitingFor: [1, 3] });
    expect(ceremonyTask(ceremony([1, 2, 3]), 2, mine)).toEqual({ kind: 'deal' });
    expect(ceremonyTask(ceremony([1, 2, 3], [2]), 2, mine)).toEqual({ kind: 'wait', step: 'dealings', waitingFor: [1, 3] });
    expect(ceremonyTask(ceremony([1, 2, 3], [3, 1, 2]), 2, mine)).toEqual({ kind: 'review' });
    expect(ceremonyTask(ceremony([1, 2, 3], [1, 2, 3], [2, 3]), 2, mine)).toEqual({ kind: 'wait', step: 'reviews', waitingFor: [1] });
    expect(ceremonyTask(ceremony([1, 2, 3], [1, 2, 3], [1, 2, 3]), 2, mine)).toEqual({ kind: 'verifying' });
  });

  it('is complete once the key is published, whatever the lists still hold', () => {
    expect(ceremonyTask({ ...ceremony([]), publicKey: 'y' }, 2, {})).toEqual({ kind: 'complete', publicKey: 'y' });
  });
});

describe("the trustee page's next step in a contest's opening", () => {
  const opening = (mixers: number[], decryptors: number[] = [], opened = false): OpeningView => ({
    contest: 'main',
    mixesNeeded: 2,
    threshold: 2,
    mixes: mixers.map((mixer, position) => ({ position, mixer, papers: 5, digest: `d${position}` })),
    decryptions: decryptors.map((trustee) => ({ trustee, digest: `t${trustee}` })),
    opened,
  });

  it('mixes the board, then the last mix, while mixes are needed and this trustee has not mixed', () => {
    expect(contestTask(opening([]), 1)).toEqual({ kind: 'mix', position: 0 });
    expect(contestTask(opening([3]), 1)).toEqual({ kind: 'mix', position: 1 });
    expect(contestTask(opening([1]), 1)).toEqual({ kind: 'wait-mixes' });
  });

  it('decrypts the last mix once the mixes are complete, unless it has, or t trustees have', () => {
    expect(contestTask(opening([3, 1]), 2)).toEqual({ kind: 'decrypt', position: 1 });
    expect(contestTask(opening([3, 1], [2]), 2)).toEqual({ kind: 'wait-decryptions' });
    expect(contestTask(opening([3, 1], [1, 3]), 2)).toEqual({ kind: 'enough' });
    expect(contestTask(opening([3, 1], [1, 3], true), 2)).toEqual({ kind: 'opened' });
  });
});
