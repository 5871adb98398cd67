import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { type Ciphertext, type CiphertextVector, decrypt, encrypt, reEncrypt } from '../../../domain/crypto/elgamal';
import { baseMultiple, type Element, elementToHex, GENERATOR, ORDER, scalar } from '../../../domain/crypto/group';
import { MalformedField } from '../../../domain/crypto/jsonFields';
import { proveShuffle, shuffle, type ShuffleProof, shuffleProofFromJson, shuffleProofToJson, verifyShuffle } from '../../../domain/crypto/shuffle';
import { uniformPermutation } from '../../../domain/crypto/shuffle/permutation';
import { seededRandom } from './seededRandom';

const random = seededRandom('shuffle');
const secretKey = scalar.random(random);
const publicKey = baseMultiple(secretKey);
const context = ['election 2026', 'contest council', 'mixer 1'];

/** n papers of `width` random messages each, encrypted. */
function papers(n: number, width: number): { messages: Element[][]; ciphertexts: CiphertextVector[] } {
  const messages = Array.from({ length: n }, () => Array.from({ length: width }, () => baseMultiple(scalar.random(random))));
  return { messages, ciphertexts: messages.map((paper) => paper.map((m) => encrypt(publicKey, m, scalar.random(random)))) };
}

/** The decrypted papers as a sorted list of texts: the multiset a shuffle must keep (each paper whole, its components in order). */
const decryptedMultiset = (list: readonly CiphertextVector[]): string[] => list.map((paper) => paper.map((c) => elementToHex(decrypt(secretKey, c))).join('|')).sort();
const messageMultiset = (messages: Element[][]): string[] => messages.map((paper) => paper.map(elementToHex).join('|')).sort();

/** One mixer's step: shuffle and prove. */
function mix(inputs: readonly CiphertextVector[], mixerContext: readonly string[]) {
  const { outputs, witness } = shuffle(publicKey, inputs, random);
  return { outputs, proof: proveShuffle(publicKey, inputs, outputs, witness, mixerContext, random) };
}

const moved = (e: Element) => e.add(GENERATOR);
const movedCiphertext = (c: Ciphertext): Ciphertext => ({ alpha: c.alpha, beta: moved(c.beta) });
/** A copy of a list with entry i replaced. */
const replaced = <T>(list: readonly T[], i: number, change: (value: T) => T): T[] => list.map((value, j) => (j === i ? change(value) : value));

describe('the verifiable re-encryption shuffle', () => {
  for (const width of [1, 3]) {
    for (const n of [1, 2, 5, 20]) {
      it(`shuffles ${n} papers of width ${width}: the proof verifies and the papers decrypt to the same multiset`, () => {
        const { messages, ciphertexts } = papers(n, width);
        const { outputs, proof } = mix(ciphertexts, context);
        expect(verifyShuffle(publicKey, ciphertexts, outputs, proof, context)).toEqual({ ok: true });
        expect(decryptedMultiset(outputs)).toEqual(messageMultiset(messages));
      });
    }
  }

  test.prop([fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 })], { numRuns: 4 })(
    'two mixers in turn: each proof verifies and the papers still decrypt to the same multiset of whole papers',
    (n, width) => {
      const [mixer1, mixer2] = [
        [...context.slice(0, 2), 'mixer 1'],
        [...context.slice(0, 2), 'mixer 2'],
      ];
      const { messages, ciphertexts } = papers(n, width);
      const first = mix(ciphertexts, mixer1);
      const second = mix(first.outputs, mixer2);
      expect(verifyShuffle(publicKey, ciphertexts, first.outputs, first.proof, mixer1)).toEqual({ ok: true });
      expect(verifyShuffle(publicKey, first.outputs, second.outputs, second.proof, mixer2)).toEqual({ ok: true });
      expect(decryptedMultiset(second.outputs)).toEqual(messageMultiset(messages));
    },
  );

  it('draws every order of three papers about equally often', () => {
    const counts = new Map<string, number>();
    for (let draw = 0; draw < 600; draw += 1) {
      const order = uniformPermutation(3, random).join();
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const count of counts.values()) expect(count).toBeGreaterThan(60);
  });

  describe('refuses what was changed, naming the check that fails', () => {
    const { ciphertexts: inputs } = papers(5, 3);
    const { outputs, proof } = mix(inputs, context);
    const refusal = (failed: string) => ({ ok: false, failed });

    it('verifies the untouched shuffle', () => {
      expect(verifyShuffle(publicKey, inputs, outputs, proof, context)).toEqual({ ok: true });
    });

    it('an output replaced, two outputs swapped, an input changed, another key: the challenge changes and t1 fails', () => {
      const replacedOutput = replaced(outputs, 2, () => papers(1, 3).ciphertexts[0]!);
      const swapped = outputs.map((_, i) => outputs[i === 1 ? 3 : i === 3 ? 1 : i]!);
      const changedInput = replaced(inputs, 4, (paper) => replaced(paper, 1, movedCiphertext));
      expect(verifyShuffle(publicKey, inputs, replacedOutput, proof, context)).toEqual(refusal('t1'));
      expect(verifyShuffle(publicKey, inputs, swapped, proof, context)).toEqual(refusal('t1'));
      expect(verifyShuffle(publicKey, changedInput, outputs, proof, context)).toEqual(refusal('t1'));
      expect(verifyShuffle(moved(publicKey), inputs, outputs, proof, context)).toEqual(refusal('t1'));
    });

    it('a proof made for one context does not verify for another', () => {
      for (const other of [
        ['election 2026', 'contest council', 'mixer 2'],
        ['election 2027', 'contest council', 'mixer 1'],
        [...context, ''],
        context.slice(0, 2),
        ['election 2026contest council', 'mixer 1'],
      ]) {
        expect(verifyShuffle(publicKey, inputs, outputs, proof, other)).toEqual(refusal('t1'));
      }
    });

    const elementChanges: [string, (p: ShuffleProof) => ShuffleProof][] = [
      ['permutationCommitment[2]', (p) => ({ ...p, permutationCommitment: replaced(p.permutationCommitment, 2, moved) })],
      ['commitmentChain[0]', (p) => ({ ...p, commitmentChain: replaced(p.commitmentChain, 0, moved) })],
      ['commitmentChain[4]', (p) => ({ ...p, commitmentChain: replaced(p.commitmentChain, 4, moved) })],
      ['t1', (p) => ({ ...p, t1: moved(p.t1) })],
      ['t2', (p) => ({ ...p, t2: moved(p.t2) })],
      ['t3', (p) => ({ ...p, t3: moved(p.t3) })],
      ['t4[1].alpha', (p) => ({ ...p, t4: replaced(p.t4, 1, (c) => ({ alpha: moved(c.alpha), beta: c.beta })) })],
      ['t4[2].beta', (p) => ({ ...p, t4: replaced(p.t4, 2, movedCiphertext) })],
      ['tHat[3]', (p) => ({ ...p, tHat: replaced(p.tHat, 3, moved) })],
    ];
    it.each(elementChanges)('%s changed: hashed into the challenge, so t1 fails', (_, change) => {
      expect(verifyShuffle(publicKey, inputs, outputs, change(proof), context)).toEqual(refusal('t1'));
    });

    const next = (k: bigint) => scalar.add(k, 1n);
    const responseChanges: [string, string, (p: ShuffleProof) => ShuffleProof][] = [
      ['s1', 't1', (p) => ({ ...p, s1: next(p.s1) })],
      ['s2', 't2', (p) => ({ ...p, s2: next(p.s2) })],
      ['s3', 't3', (p) => ({ ...p, s3: next(p.s3) })],
      ['s4[0]', 't4 component 0', (p) => ({ ...p, s4: replaced(p.s4, 0, next) })],
      ['s4[2]', 't4 component 2', (p) => ({ ...p, s4: replaced(p.s4, 2, next) })],
      ['sHat[3]', 'commitment chain 3', (p) => ({ ...p, sHat: replaced(p.sHat, 3, next) })],
      ['sPrime[1]', 't3', (p) => ({ ...p, sPrime: replaced(p.sPrime, 1, next) })],
    ];
    it.each(responseChanges)('%s changed: its equation fails (%s)', (_, failed, change) => {
      expect(verifyShuffle(publicKey, inputs, outputs, change(proof), context)).toEqual(refusal(failed));
    });

    // Checked in parts (on several threads, or machines), the proof gets the verdict it gets whole, the same link named.
    const chainChanges: [string, string, (p: ShuffleProof) => ShuffleProof][] = [0, 2, 4].map((i) => [`sHat[${i}]`, `commitment chain ${i}`, (p) => ({ ...p, sHat: replaced(p.sHat, i, next) })]);
    // Parts of one paper, and parts of two that leave one over.
    it.each([1, 2])('cut into parts of %i papers, gives every verdict it gives whole', (papersPerPart) => {
      expect(verifyShuffle(publicKey, inputs, outputs, proof, context, papersPerPart)).toEqual({ ok: true });
      for (const [, failed, change] of [...responseChanges, ...chainChanges]) expect(verifyShuffle(publicKey, inputs, outputs, change(proof), context, papersPerPart)).toEqual(refusal(failed));
      for (const [, change] of elementChanges) expect(verifyShuffle(publicKey, inputs, outputs, change(proof), context, papersPerPart)).toEqual(refusal('t1'));
    });

    it('a mixer that moves one component of a paper apart from the rest is caught at t4 of that component', () => {
      const { outputs: honest, witness } = shuffle(publicKey, inputs, random);
      // Component 1 of outputs 0 and 1 trade places: every message is still there, but two papers are torn apart.
      const torn = honest.map((paper, i) => (i > 1 ? paper : replaced(paper, 1, () => honest[1 - i]![1]!)));
      const lying = proveShuffle(publicKey, inputs, torn, witness, context, random);
      expect(verifyShuffle(publicKey, inputs, torn, lying, context)).toEqual(refusal('t4 component 1'));
    });

    it('a mixer that changes a message in one component is caught at t4 of that component', () => {
      const { outputs: honest, witness } = shuffle(publicKey, inputs, random);
      const forged = replaced(honest, 3, (paper) => replaced(paper, 2, (c) => reEncrypt(publicKey, movedCiphertext(c), 0n)));
      const lying = proveShuffle(publicKey, inputs, forged, witness, context, random);
      expect(verifyShuffle(publicKey, inputs, forged, lying, context)).toEqual(refusal('t4 component 2'));
    });

    it('refuses counts that do not fit, and responses that are not scalars', () => {
      const lengths = (detail: string) => ({ ok: false, failed: 'lengths', detail });
      expect(verifyShuffle(publicKey, inputs, outputs.slice(1), proof, context)).toEqual(lengths('the outputs are not 5 papers of width 3'));
      expect(
        verifyShuffle(
          publicKey,
          inputs,
          replaced(outputs, 0, (paper) => paper.slice(1)),
          proof,
          context,
        ),
      ).toEqual(lengths('the outputs are not 5 papers of width 3'));
      expect(verifyShuffle(publicKey, [], [], proof, context)).toEqual(lengths('the inputs are not N ≥ 1 papers of one width w ≥ 1'));
      expect(verifyShuffle(publicKey, inputs, outputs, { ...proof, tHat: proof.tHat.slice(1) }, context)).toEqual(lengths('tHat has 4 entries for 5 papers'));
      expect(verifyShuffle(publicKey, inputs, outputs, { ...proof, s4: [...proof.s4, 1n] }, context)).toEqual(lengths('s4 has 4 entries for width 3'));
      const notScalar = (failed: string) => ({ ok: false, failed, detail: 'not a scalar below the group order' });
      expect(verifyShuffle(publicKey, inputs, outputs, { ...proof, s2: ORDER }, context)).toEqual(notScalar('s2'));
      expect(verifyShuffle(publicKey, inputs, outputs, { ...proof, sPrime: replaced(proof.sPrime, 4, () => -1n) }, context)).toEqual(notScalar('sPrime[4]'));
    });
  });

  describe('the proof in the log', () => {
    const { ciphertexts: inputs } = papers(3, 2);
    const { outputs, proof } = mix(inputs, context);
    const json = JSON.parse(JSON.stringify(shuffleProofToJson(proof))) as Record<string, unknown>;

    it('reads back what it writes, and the read proof verifies', () => {
      const read = shuffleProofFromJson(json);
      expect(shuffleProofToJson(read)).toEqual(json);
      expect(verifyShuffle(publicKey, inputs, outputs, read, context)).toEqual({ ok: true });
    });

    const notOnCurve = `01${'00'.repeat(31)}`;
    const aboveOrder = 'ff'.repeat(32);
    const malformed: [string, string, unknown][] = [
      ['proof', 'not an object', null],
      ['proof', 'not an object', [json]],
      ['proof.extra', 'not a field of this record', { ...json, extra: [] }],
      ['proof.t2', 'not a string', { ...json, t2: undefined }],
      ['proof.s3', 'missing', Object.fromEntries(Object.entries(json).filter(([key]) => key !== 's3'))],
      ['proof.tHat', 'not an array', { ...json, tHat: 'ab' }],
      ['proof.tHat[2]', 'not the encoding of a ristretto255 element', { ...json, tHat: replaced(json.tHat as string[], 2, () => notOnCurve) }],
      ['proof.permutationCommitment[0]', 'not 64 lowercase hex digits', { ...json, permutationCommitment: replaced(json.permutationCommitment as string[], 0, (hex) => `${hex.slice(0, 62)}AB`) }],
      ['proof.s1', 'not below the group order', { ...json, s1: aboveOrder }],
      ['proof.sPrime[1]', 'not a string', { ...json, sPrime: replaced(json.sPrime as unknown[], 1, () => 7) }],
      ['proof.t4[1].beta', 'not the encoding of a ristretto255 element', { ...json, t4: replaced(json.t4 as object[], 1, (c) => ({ ...c, beta: notOnCurve })) }],
      ['proof.t4[0].gamma', 'not a field of this record', { ...json, t4: replaced(json.t4 as object[], 0, (c) => ({ ...c, gamma: '' })) }],
    ];
    it.each(malformed)('refuses malformed input, naming the field: %s: %s', (path, reason, input) => {
      expect(() => shuffleProofFromJson(input)).toThrow(new MalformedField(path, reason));
    });
  });
});
