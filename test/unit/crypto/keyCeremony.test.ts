import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { openShare, readSealedShare, sealShare } from '../../../domain/crypto/ceremony/channel';
import { complaintContext, dealingContext, TAGS } from '../../../domain/crypto/ceremony/messages';
import { evaluatePolynomial } from '../../../domain/crypto/ceremony/polynomial';
import { encrypt } from '../../../domain/crypto/elgamal';
import { baseMultiple, elementFromHex, elementToHex, multiple, type RandomBytes, scalar } from '../../../domain/crypto/group';
import {
  type CeremonyContext,
  type CeremonyTranscript,
  ceremonyParameters,
  combinePartialDecryptions,
  createTrusteeCertificate,
  type Dealing,
  dealShares,
  lagrangeCoefficientsAtZero,
  reviewShares,
  type TrusteeCertificate,
  verifyCeremony,
} from '../../../domain/crypto/keyCeremony';
import { proofToJson, proveEqualLogarithms, proveKeyKnowledge } from '../../../domain/crypto/proofs/sigma';
import { seededRandom } from './seededRandom';

interface Ceremony {
  transcript: CeremonyTranscript;
  transportSecrets: bigint[];
  secretShares: (bigint | null)[];
}

const unwrap = <T>(result: ({ ok: true } & T) | { ok: false; failed: unknown }): T => {
  if (!result.ok) throw new Error(`step failed: ${JSON.stringify(result.failed)}`);
  return result;
};

const trusteeIndices = (n: number) => Array.from({ length: n }, (_, position) => position + 1);

/** Every trustee's steps in turn, as the app will run them; `deal` lets a test put a dishonest dealer in. */
function runCeremony(
  context: CeremonyContext,
  random: RandomBytes,
  deal = (certificates: TrusteeCertificate[], dealer: number) => unwrap(dealShares(context, certificates, dealer, random)).dealing,
): Ceremony {
  const made = trusteeIndices(context.trustees).map((trustee) => createTrusteeCertificate(context, trustee, random));
  const certificates = made.map(({ certificate }) => certificate);
  const transportSecrets = made.map(({ transportSecret }) => transportSecret);
  const dealings = trusteeIndices(context.trustees).map((dealer) => deal(certificates, dealer));
  const reviewed = trusteeIndices(context.trustees).map((trustee) => unwrap(reviewShares(context, certificates, dealings, trustee, transportSecrets[trustee - 1]!, random)));
  return {
    transcript: { ...context, certificates, dealings, reviews: reviewed.map(({ review }) => review) },
    transportSecrets,
    secretShares: reviewed.map(({ secretShare }) => secretShare),
  };
}

/**
 * A dealer who proves its dealing as an honest one would, but sends trustee `victim` f(victim) + 1
 * (`wrong`) or a share sealed for another election (`unreadable`), or deals the polynomial it is given.
 */
function dishonestDealing(context: CeremonyContext, random: RandomBytes, dishonesty: { victim: number; share: 'wrong' | 'unreadable' } | { coefficients: bigint[] }) {
  return (certificates: TrusteeCertificate[], dealer: number): Dealing => {
    const transportKeys = certificates.map((certificate) => elementFromHex(certificate.transportKey));
    const coefficients = 'coefficients' in dishonesty ? dishonesty.coefficients : trusteeIndices(context.threshold).map(() => scalar.random(random));
    const commitments = coefficients.map(baseMultiple);
    const shares = transportKeys.map((key, position) => {
      const recipient = position + 1;
      const share = evaluatePolynomial(coefficients, recipient);
      if ('coefficients' in dishonesty || recipient !== dishonesty.victim) return sealShare({ electionId: context.electionId, dealer, recipient }, key, share, random);
      return dishonesty.share === 'unreadable'
        ? sealShare({ electionId: 'another election', dealer, recipient }, key, share, random)
        : sealShare({ electionId: context.electionId, dealer, recipient }, key, scalar.add(share, 1n), random);
    });
    const proof = proveKeyKnowledge(TAGS.dealing, dealingContext(context, transportKeys, dealer, commitments, shares), coefficients[0]!, random);
    return { dealer, commitments: commitments.map(elementToHex), shares, proof: proofToJson(proof) };
  };
}

const clone = <T>(value: T): T => structuredClone(value);
const anotherElement = (random: RandomBytes) => elementToHex(baseMultiple(scalar.random(random)));
const flipLastHexDigit = (hex: string) => hex.slice(0, -1) + (hex.endsWith('0') ? '1' : '0');

describe('the key ceremony, 3 of 5', () => {
  const random = seededRandom('key ceremony');
  const context: CeremonyContext = { electionId: 'election-2026-council', threshold: 3, trustees: 5 };
  const { transcript, secretShares } = runCeremony(context, random);
  const verified = unwrap(verifyCeremony(transcript));

  it('verifies, and gives the key Σ A_i0 and each trustee the verification key of its share', () => {
    expect(verified.warning).toBeNull();
    expect(verified.verificationKeys).toHaveLength(5);
    secretShares.forEach((share, position) => expect(baseMultiple(share!).equals(verified.verificationKeys[position]!)).toBe(true));
    const secretKey = lagrangeCoefficientsAtZero([1, 2, 3]).reduce((sum, lambda, position) => scalar.add(sum, scalar.mul(lambda, secretShares[position]!)), 0n);
    expect(baseMultiple(secretKey).equals(verified.publicKey)).toBe(true);
  });

  it('decrypts with the partial decryptions of any 3 trustees, and with those of no 2', () => {
    const message = baseMultiple(scalar.random(random));
    const ciphertext = encrypt(verified.publicKey, message, scalar.random(random));
    const partial = (index: number) => ({ index, share: multiple(ciphertext.alpha, secretShares[index - 1]!) });
    const subsets = (size: number, from = 1): number[][] =>
      size === 0
        ? [[]]
        : trusteeIndices(5)
            .filter((index) => index >= from)
            .flatMap((index) => subsets(size - 1, index + 1).map((rest) => [index, ...rest]));
    expect(subsets(3)).toHaveLength(10);
    for (const subset of subsets(3)) expect(combinePartialDecryptions(ciphertext, subset.map(partial), context).equals(message)).toBe(true);
    // Interpolating from 2 points, as if t were 2, is the only way to combine 2 shares: it misses f(0).
    for (const subset of subsets(2)) expect(combinePartialDecryptions(ciphertext, subset.map(partial), { ...context, threshold: 2 }).equals(message)).toBe(false);
  });

  it('refuses to combine fewer than t partial decryptions, a repeated trustee, or one outside 1..n', () => {
    const ciphertext = encrypt(verified.publicKey, baseMultiple(1n), 5n);
    const share = (index: number) => ({ index, share: multiple(ciphertext.alpha, secretShares[index - 1]!) });
    expect(() => combinePartialDecryptions(ciphertext, [share(1), share(2)], context)).toThrow('2 partial decryptions where 3 are needed');
    expect(() => combinePartialDecryptions(ciphertext, [share(1), share(2), share(2)], context)).toThrow('an index appears more than once');
    expect(() => combinePartialDecryptions(ciphertext, [share(1), share(2), { index: 6, share: share(1).share }], context)).toThrow('trustee 6 is not one of the 5 trustees');
    expect(() => lagrangeCoefficientsAtZero([])).toThrow('no indices');
    expect(() => lagrangeCoefficientsAtZero([0, 1])).toThrow('index 0 is not a positive whole number');
  });

  it('names the trustee and the step of a changed certificate, and refuses a certificate copied to another trustee', () => {
    const changedKey = clone(transcript);
    changedKey.certificates[1]!.transportKey = anotherElement(random);
    expect(verifyCeremony(changedKey)).toMatchObject({ ok: false, failed: { step: 'certificate', trustee: 2, field: 'proof' } });
    for (const field of ['challenge', 'response'] as const) {
      const changedProof = clone(transcript);
      changedProof.certificates[3]!.proof[field] = flipLastHexDigit(changedProof.certificates[3]!.proof[field]);
      expect(verifyCeremony(changedProof)).toMatchObject({ ok: false, failed: { step: 'certificate', trustee: 4, field: 'proof' } });
    }
    const copied = clone(transcript);
    copied.certificates[2] = { ...copied.certificates[0]!, trustee: 3 };
    expect(verifyCeremony(copied)).toMatchObject({ ok: false, failed: { step: 'certificate', trustee: 3, field: 'proof' } });
    const nonCanonical = clone(transcript);
    nonCanonical.certificates[0]!.transportKey = 'ff'.repeat(32);
    expect(verifyCeremony(nonCanonical)).toMatchObject({ ok: false, failed: { step: 'certificate', trustee: 1, field: 'transportKey', reason: 'not the encoding of a ristretto255 element' } });
  });

  it('names the dealer of a changed commitment, proof or sealed share', () => {
    const changedCommitment = clone(transcript);
    changedCommitment.dealings[1]!.commitments[2] = anotherElement(random);
    expect(verifyCeremony(changedCommitment)).toMatchObject({ ok: false, failed: { step: 'dealing', trustee: 2, field: 'proof' } });
    for (const field of ['challenge', 'response'] as const) {
      const changedProof = clone(transcript);
      changedProof.dealings[4]!.proof[field] = flipLastHexDigit(changedProof.dealings[4]!.proof[field]);
      expect(verifyCeremony(changedProof)).toMatchObject({ ok: false, failed: { step: 'dealing', trustee: 5, field: 'proof' } });
    }
    for (const field of ['ephemeralKey', 'nonce', 'ciphertext'] as const) {
      const changedShare = clone(transcript);
      const sealed = changedShare.dealings[0]!.shares[3]!;
      sealed[field] = field === 'ephemeralKey' ? anotherElement(random) : flipLastHexDigit(sealed[field]);
      expect(verifyCeremony(changedShare)).toMatchObject({ ok: false, failed: { step: 'dealing', trustee: 1, field: 'proof' } });
    }
    const missingCommitment = clone(transcript);
    missingCommitment.dealings[2]!.commitments.pop();
    expect(verifyCeremony(missingCommitment)).toMatchObject({ ok: false, failed: { step: 'dealing', trustee: 3, field: 'commitments', reason: 'has 2 entries instead of 3' } });
    const misaddressed = clone(transcript);
    misaddressed.dealings[2]!.shares[0]!.recipient = 2;
    expect(verifyCeremony(misaddressed)).toMatchObject({ ok: false, failed: { step: 'dealing', trustee: 3, field: 'shares[0].recipient' } });
  });

  it('names the trustee of a changed acknowledgement', () => {
    const changedKey = clone(transcript);
    const review = changedKey.reviews[2]!;
    if (review.outcome !== 'acknowledged') throw new Error('expected an acknowledgement');
    review.verificationKey = anotherElement(random);
    expect(verifyCeremony(changedKey)).toMatchObject({ ok: false, failed: { step: 'review', trustee: 3, field: 'verificationKey' } });
    for (const field of ['challenge', 'response'] as const) {
      const changedProof = clone(transcript);
      const changed = changedProof.reviews[4]!;
      if (changed.outcome !== 'acknowledged') throw new Error('expected an acknowledgement');
      changed.proof[field] = flipLastHexDigit(changed.proof[field]);
      expect(verifyCeremony(changedProof)).toMatchObject({ ok: false, failed: { step: 'review', trustee: 5, field: 'proof' } });
    }
    const swapped = clone(transcript);
    [swapped.reviews[0], swapped.reviews[1]] = [swapped.reviews[1]!, swapped.reviews[0]!];
    expect(verifyCeremony(swapped)).toMatchObject({ ok: false, failed: { step: 'review', trustee: 1, field: 'trustee' } });
  });

  it('does not verify for another election or other parameters', () => {
    expect(verifyCeremony({ ...transcript, electionId: 'election-2026-senate' })).toMatchObject({ ok: false, failed: { step: 'certificate', trustee: 1, field: 'proof' } });
    expect(verifyCeremony({ ...transcript, threshold: 2 })).toMatchObject({ ok: false, failed: { step: 'certificate', trustee: 1, field: 'proof' } });
    expect(verifyCeremony({ ...transcript, threshold: 6 })).toMatchObject({ ok: false, failed: { step: 'parameters', field: 'threshold' } });
    expect(verifyCeremony({ ...transcript, reviews: transcript.reviews.slice(1) })).toMatchObject({ ok: false, failed: { step: 'parameters', field: 'reviews' } });
  });
});

describe('complaints', () => {
  const random = seededRandom('complaints');
  const context: CeremonyContext = { electionId: 'election-2026-council', threshold: 2, trustees: 4 };

  it('name the dealer who sent a share that does not match its commitments, and anyone can check them', () => {
    const { transcript, secretShares } = runCeremony(context, random, (certificates, dealer) =>
      dealer === 2 ? dishonestDealing(context, random, { victim: 4, share: 'wrong' })(certificates, dealer) : unwrap(dealShares(context, certificates, dealer, random)).dealing,
    );
    expect(transcript.reviews[3]).toMatchObject({ trustee: 4, outcome: 'complained', complaints: [{ dealer: 2 }] });
    expect(secretShares[3]).toBeNull();
    expect(verifyCeremony(transcript)).toMatchObject({
      ok: false,
      failed: { step: 'dealing', trustee: 2, field: 'shares[3]', reason: "does not match the commitments: trustee 4's complaint is upheld" },
    });
  });

  it('name the dealer who sent a share that does not open', () => {
    const { transcript } = runCeremony(context, random, (certificates, dealer) =>
      dealer === 1 ? dishonestDealing(context, random, { victim: 3, share: 'unreadable' })(certificates, dealer) : unwrap(dealShares(context, certificates, dealer, random)).dealing,
    );
    expect(verifyCeremony(transcript)).toMatchObject({
      ok: false,
      failed: { step: 'dealing', trustee: 1, field: 'shares[2]', reason: "does not decrypt: trustee 3's complaint is upheld" },
    });
  });

  it('name the complainer whose complaint is unfounded or whose proof does not hold', () => {
    const { transcript, transportSecrets } = runCeremony(context, random);
    const sealed = transcript.dealings[0]!.shares[2]!;
    const ephemeralKey = elementFromHex(sealed.ephemeralKey);
    const about = complaintContext(context, 3, 1, sealed);
    const sharedPoint = multiple(ephemeralKey, transportSecrets[2]!);
    const statement = { publicKey: baseMultiple(transportSecrets[2]!), base: ephemeralKey, image: sharedPoint };
    const proof = proofToJson(proveEqualLogarithms(TAGS.complaint, about, statement, transportSecrets[2]!, random));
    const unfounded = clone(transcript);
    unfounded.reviews[2] = { trustee: 3, outcome: 'complained', complaints: [{ dealer: 1, sharedPoint: elementToHex(sharedPoint), proof }] };
    expect(verifyCeremony(unfounded)).toMatchObject({ ok: false, failed: { step: 'review', trustee: 3, field: 'complaints', reason: expect.stringContaining('unfounded') } });
    const wrongPoint = clone(unfounded);
    if (wrongPoint.reviews[2]!.outcome !== 'complained') throw new Error('expected a complaint');
    wrongPoint.reviews[2]!.complaints[0]!.sharedPoint = anotherElement(random);
    expect(verifyCeremony(wrongPoint)).toMatchObject({ ok: false, failed: { step: 'review', trustee: 3, field: 'complaints[0].proof' } });
    for (const field of ['challenge', 'response'] as const) {
      const changedProof = clone(unfounded);
      if (changedProof.reviews[2]!.outcome !== 'complained') throw new Error('expected a complaint');
      const complaint = changedProof.reviews[2]!.complaints[0]!;
      complaint.proof[field] = flipLastHexDigit(complaint.proof[field]);
      expect(verifyCeremony(changedProof)).toMatchObject({ ok: false, failed: { step: 'review', trustee: 3, field: 'complaints[0].proof' } });
    }
    const otherDealer = clone(unfounded);
    if (otherDealer.reviews[2]!.outcome !== 'complained') throw new Error('expected a complaint');
    otherDealer.reviews[2]!.complaints[0]!.dealer = 2;
    expect(verifyCeremony(otherDealer)).toMatchObject({ ok: false, failed: { step: 'review', trustee: 3, field: 'complaints[0].proof' } });
  });

  it("refuse a review by anyone but the holder of the trustee's transport secret", () => {
    const made = trusteeIndices(2).map((trustee) => createTrusteeCertificate({ ...context, trustees: 2 }, trustee, random));
    const certificates = made.map(({ certificate }) => certificate);
    const dealings = [1, 2].map((dealer) => unwrap(dealShares({ ...context, trustees: 2 }, certificates, dealer, random)).dealing);
    expect(() => reviewShares({ ...context, trustees: 2 }, certificates, dealings, 1, made[1]!.transportSecret, random)).toThrow("not trustee 1's transport secret");
  });
});

describe('the channel from dealer to recipient', () => {
  const random = seededRandom('channel');
  const transportSecret = scalar.random(random);
  const transportKey = baseMultiple(transportSecret);
  const channel = { electionId: 'election-2026-council', dealer: 2, recipient: 5 };
  const sealed = readSealedShare(sealShare(channel, transportKey, 1234n, random), 'share', 5);
  const shared = multiple(sealed.ephemeralKey, transportSecret);

  it('opens for its recipient, and for no other election, dealer, recipient or key', () => {
    expect(openShare(channel, transportKey, sealed, shared)).toEqual({ ok: true, share: 1234n });
    for (const other of [
      { ...channel, electionId: 'election-2026-senate' },
      { ...channel, dealer: 3 },
      { ...channel, recipient: 4 },
    ]) {
      expect(openShare(other, transportKey, sealed, shared)).toEqual({ ok: false, reason: 'does not decrypt' });
    }
    expect(openShare(channel, baseMultiple(7n), sealed, shared)).toEqual({ ok: false, reason: 'does not decrypt' });
    expect(openShare(channel, transportKey, sealed, multiple(sealed.ephemeralKey, 7n))).toEqual({ ok: false, reason: 'does not decrypt' });
  });

  it('refuses a sealed share whose fields are malformed, naming the field', () => {
    const json = sealed.json;
    expect(() => readSealedShare({ ...json, nonce: 'ab' }, 'shares[4]', 5)).toThrow('not 24 bytes');
    expect(() => readSealedShare({ ...json, ciphertext: json.ciphertext.slice(2) }, 'shares[4]', 5)).toThrow('not 48 bytes');
    expect(() => readSealedShare({ ...json, ephemeralKey: 'zz' }, 'shares[4]', 5)).toThrow('not 64 lowercase hex digits');
    expect(() => readSealedShare(null, 'shares[4]', 5)).toThrow('not an object');
  });
});

describe('malformed transcripts', () => {
  const random = seededRandom('malformed');
  const context: CeremonyContext = { electionId: 'election-2026-council', threshold: 1, trustees: 2 };
  const { transcript } = runCeremony(context, random);

  it('are refused with the field named, never with a crash', () => {
    expect(verifyCeremony(null as unknown as CeremonyTranscript)).toMatchObject({ ok: false, failed: { step: 'parameters', field: 'transcript', reason: 'not an object' } });
    expect(verifyCeremony({ ...transcript, electionId: '' })).toMatchObject({ ok: false, failed: { step: 'parameters', field: 'electionId' } });
    const noProof = clone(transcript) as any;
    delete noProof.certificates[1].proof;
    expect(verifyCeremony(noProof)).toMatchObject({ ok: false, failed: { step: 'certificate', trustee: 2, field: 'proof', reason: 'not an object' } });
    const bigResponse = clone(transcript);
    bigResponse.dealings[0]!.proof.response = 'ff'.repeat(32);
    expect(verifyCeremony(bigResponse)).toMatchObject({ ok: false, failed: { step: 'dealing', trustee: 1, field: 'proof.response', reason: 'not below the group order' } });
    const strangeOutcome = clone(transcript) as any;
    strangeOutcome.reviews[1].outcome = 'maybe';
    expect(verifyCeremony(strangeOutcome)).toMatchObject({ ok: false, failed: { step: 'review', trustee: 2, field: 'outcome' } });
    const emptyComplaint = clone(transcript);
    emptyComplaint.reviews[0] = { trustee: 1, outcome: 'complained', complaints: [] };
    expect(verifyCeremony(emptyComplaint)).toMatchObject({ ok: false, failed: { step: 'review', trustee: 1, field: 'complaints' } });
  });
});

describe('parameters', () => {
  it('take 1 ≤ t ≤ n ≤ 20 and warn when one trustee can decrypt alone', () => {
    expect(ceremonyParameters(3, 5)).toEqual({ ok: true, threshold: 3, trustees: 5, warning: null });
    expect(ceremonyParameters(1, 3)).toMatchObject({ ok: true, warning: 'one-trustee-decrypts' });
    expect(ceremonyParameters(0, 3)).toMatchObject({ ok: false, failed: 'threshold' });
    expect(ceremonyParameters(4, 3)).toMatchObject({ ok: false, failed: 'threshold' });
    expect(ceremonyParameters(2.5, 3)).toMatchObject({ ok: false, failed: 'threshold' });
    expect(ceremonyParameters(1, 21)).toMatchObject({ ok: false, failed: 'trustees' });
    expect(ceremonyParameters(1, 0)).toMatchObject({ ok: false, failed: 'trustees' });
  });

  it('1 of 1: the one trustee holds the whole key, with the warning', () => {
    const random = seededRandom('one of one');
    const context: CeremonyContext = { electionId: 'rehearsal', threshold: 1, trustees: 1 };
    const { transcript, secretShares } = runCeremony(context, random);
    const verified = unwrap(verifyCeremony(transcript));
    expect(verified.warning).toBe('one-trustee-decrypts');
    expect(baseMultiple(secretShares[0]!).equals(verified.publicKey)).toBe(true);
    const message = baseMultiple(7n);
    const ciphertext = encrypt(verified.publicKey, message, 11n);
    expect(combinePartialDecryptions(ciphertext, [{ index: 1, share: multiple(ciphertext.alpha, secretShares[0]!) }], context).equals(message)).toBe(true);
  });

  it('refuse a ceremony whose dealers make the identity the election key', () => {
    const context: CeremonyContext = { electionId: 'rehearsal', threshold: 1, trustees: 1 };
    const { transcript } = runCeremony(context, seededRandom('identity'), dishonestDealing(context, seededRandom('identity dealer'), { coefficients: [0n] }));
    expect(verifyCeremony(transcript)).toMatchObject({ ok: false, failed: { step: 'dealing', trustee: null, field: 'commitments' } });
  });
});

describe('any t of n trustees recover the same message', () => {
  test.prop(
    [
      fc
        .integer({ min: 1, max: 6 })
        .chain((trustees) => fc.tuple(fc.constant(trustees), fc.integer({ min: 1, max: trustees }), fc.shuffledSubarray(trusteeIndices(trustees), { minLength: trustees, maxLength: trustees }))),
      fc.string(),
    ],
    { numRuns: 5 },
  )('for any 1 ≤ t ≤ n ≤ 6 and any t-subset', ([trustees, threshold, order], seed) => {
    const random = seededRandom(`property ${seed}`);
    const context: CeremonyContext = { electionId: 'property', threshold, trustees };
    const { transcript, secretShares } = runCeremony(context, random);
    const verified = unwrap(verifyCeremony(transcript));
    const message = baseMultiple(scalar.random(random));
    const ciphertext = encrypt(verified.publicKey, message, scalar.random(random));
    const subset = order.slice(0, threshold);
    const partials = subset.map((index) => ({ index, share: multiple(ciphertext.alpha, secretShares[index - 1]!) }));
    expect(combinePartialDecryptions(ciphertext, partials, context).equals(message)).toBe(true);
  });
});
