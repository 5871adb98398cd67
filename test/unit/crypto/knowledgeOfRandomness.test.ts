import { describe, expect, it } from 'vitest';
import { type Ciphertext, encrypt, reEncrypt } from '../../../domain/crypto/elgamal';
import { baseMultiple, ORDER, scalar, scalarToHex } from '../../../domain/crypto/group';
import { encodeMessage } from '../../../domain/crypto/messageEncoding';
import {
  type KnowledgeOfRandomnessProof,
  type KnowledgeOfRandomnessStatement,
  knowledgeOfRandomnessFromJson,
  knowledgeOfRandomnessToJson,
  proveKnowledgeOfRandomness,
  verifyKnowledgeOfRandomness,
} from '../../../domain/crypto/proofs/knowledgeOfRandomness';
import { seededRandom } from './seededRandom';

describe("the voter's proof of knowledge of their paper's randomness", () => {
  const random = seededRandom('knowledge of randomness');
  const publicKey = baseMultiple(scalar.random(random));
  const context = { electionId: 'election-2027-board', contestId: 'chair' };
  const papers = ['1|3,1,2', '|part two', '|and three'].map((text) => encodeMessage(new TextEncoder().encode(text)));
  const randomness = papers.map(() => scalar.random(random));
  const ciphertexts = papers.map((paper, k) => encrypt(publicKey, paper, randomness[k]!));
  const statement: KnowledgeOfRandomnessStatement = { publicKey, ciphertexts, context };
  const proof = proveKnowledgeOfRandomness({ ...statement, randomness }, random);
  const other = () => baseMultiple(scalar.random(random));
  const refusedFor = (failed: string) => ({ ok: false, failed });

  it('verifies an honest proof, for one ciphertext and for several, also as read back from its JSON', () => {
    expect(verifyKnowledgeOfRandomness(statement, proof)).toEqual({ ok: true });
    expect(verifyKnowledgeOfRandomness(statement, knowledgeOfRandomnessFromJson(JSON.parse(JSON.stringify(knowledgeOfRandomnessToJson(proof)))))).toEqual({ ok: true });
    const single = { publicKey, ciphertexts: ciphertexts.slice(0, 1), context };
    expect(verifyKnowledgeOfRandomness(single, proveKnowledgeOfRandomness({ ...single, randomness: randomness.slice(0, 1) }, random))).toEqual({ ok: true });
  });

  it('refuses a changed challenge or any changed response', () => {
    expect(verifyKnowledgeOfRandomness(statement, { ...proof, challenge: scalar.add(proof.challenge, 1n) })).toEqual(refusedFor('challenge'));
    proof.responses.forEach((_, k) => {
      const responses = proof.responses.map((response, j) => (j === k ? scalar.add(response, 1n) : response));
      expect(verifyKnowledgeOfRandomness(statement, { ...proof, responses }), `response ${k}`).toEqual(refusedFor('challenge'));
    });
  });

  it('refuses the proof for another public key, or with any α or β changed', () => {
    expect(verifyKnowledgeOfRandomness({ ...statement, publicKey: other() }, proof)).toEqual(refusedFor('challenge'));
    ciphertexts.forEach((_, k) => {
      for (const part of ['alpha', 'beta'] as const) {
        const changed = ciphertexts.map((c, j) => (j === k ? { ...c, [part]: other() } : c));
        expect(verifyKnowledgeOfRandomness({ ...statement, ciphertexts: changed }, proof), `${part} ${k}`).toEqual(refusedFor('challenge'));
      }
    });
  });

  it('refuses the ciphertexts in another order', () => {
    const swapped = [ciphertexts[1]!, ciphertexts[0]!, ciphertexts[2]!];
    const responses = [proof.responses[1]!, proof.responses[0]!, proof.responses[2]!];
    expect(verifyKnowledgeOfRandomness({ ...statement, ciphertexts: swapped }, { ...proof, responses })).toEqual(refusedFor('challenge'));
  });

  it('refuses a proof made for another election or another contest', () => {
    expect(verifyKnowledgeOfRandomness({ ...statement, context: { ...context, electionId: 'election-2027-council' } }, proof)).toEqual(refusedFor('challenge'));
    expect(verifyKnowledgeOfRandomness({ ...statement, context: { ...context, contestId: 'treasurer' } }, proof)).toEqual(refusedFor('challenge'));
    // The two strings are hashed as two parts: moving text from one to the other is another context.
    expect(verifyKnowledgeOfRandomness({ ...statement, context: { electionId: 'election-2027-boardc', contestId: 'hair' } }, proof)).toEqual(refusedFor('challenge'));
  });

  it("refuses another voter's ciphertexts re-randomised with their proof; the very same ciphertexts are the duplicate check's to refuse", () => {
    const reRandomised: Ciphertext[] = ciphertexts.map((c) => reEncrypt(publicKey, c, scalar.random(random)));
    expect(verifyKnowledgeOfRandomness({ ...statement, ciphertexts: reRandomised }, proof)).toEqual(refusedFor('challenge'));
    const oneReRandomised = ciphertexts.map((c, k) => (k === 2 ? reRandomised[2]! : c));
    expect(verifyKnowledgeOfRandomness({ ...statement, ciphertexts: oneReRandomised }, proof)).toEqual(refusedFor('challenge'));
    expect(verifyKnowledgeOfRandomness(statement, proof)).toEqual({ ok: true });
  });

  it('refuses responses not one a ciphertext, a response or a challenge out of range, and no ciphertexts at all', () => {
    expect(verifyKnowledgeOfRandomness({ ...statement, ciphertexts: ciphertexts.slice(0, 2) }, proof)).toEqual(refusedFor('responses'));
    const outOfRange: KnowledgeOfRandomnessProof = { ...proof, responses: proof.responses.map((response, k) => (k === 1 ? response + ORDER : response)) };
    expect(verifyKnowledgeOfRandomness(statement, outOfRange)).toEqual({ ok: false, failed: 'responses', index: 1 });
    expect(verifyKnowledgeOfRandomness(statement, { ...proof, challenge: proof.challenge + ORDER })).toEqual(refusedFor('challenge'));
    expect(verifyKnowledgeOfRandomness({ ...statement, ciphertexts: [] }, { ...proof, responses: [] })).toEqual(refusedFor('ciphertexts'));
  });

  it('will not prove from randomness that does not open the ciphertexts', () => {
    const wrong = randomness.map((r, k) => (k === 1 ? scalar.add(r, 1n) : r));
    expect(() => proveKnowledgeOfRandomness({ ...statement, randomness: wrong }, random)).toThrow('randomness[1]: not the randomness of ciphertexts[1]');
    expect(() => proveKnowledgeOfRandomness({ ...statement, randomness: randomness.slice(1) }, random)).toThrow('randomness: 2 scalars for 3 ciphertexts');
    expect(() => proveKnowledgeOfRandomness({ ...statement, ciphertexts: [], randomness: [] }, random)).toThrow('ciphertexts: a paper has at least one ciphertext');
  });

  it('reads only the JSON it writes, naming the field at fault', () => {
    const json = knowledgeOfRandomnessToJson(proof);
    expect(json).toEqual({ challenge: scalarToHex(proof.challenge), responses: proof.responses.map(scalarToHex) });
    const nonCanonical = scalarToHex(ORDER - 1n).replace(/^../, 'ff');
    expect(() => knowledgeOfRandomnessFromJson(null)).toThrow('proof: not an object');
    expect(() => knowledgeOfRandomnessFromJson([json])).toThrow('proof: not an object');
    expect(() => knowledgeOfRandomnessFromJson({ responses: json.responses })).toThrow('proof.challenge: missing');
    expect(() => knowledgeOfRandomnessFromJson({ ...json, commitments: [] })).toThrow('proof.commitments: not a field of this record');
    expect(() => knowledgeOfRandomnessFromJson({ ...json, challenge: 7 })).toThrow('proof.challenge: not a string');
    expect(() => knowledgeOfRandomnessFromJson({ ...json, challenge: nonCanonical })).toThrow('proof.challenge: not below the group order');
    expect(() => knowledgeOfRandomnessFromJson({ ...json, responses: json.responses[0] })).toThrow('proof.responses: not an array');
    expect(() => knowledgeOfRandomnessFromJson({ ...json, responses: [json.responses[0], json.responses[1]!.toUpperCase()] })).toThrow('proof.responses[1]: not 64 lowercase hex digits');
  });
});
