import { describe, expect, it } from 'vitest';
import { baseMultiple, GENERATOR, multiple, ORDER, scalar, scalarToHex } from '../../../domain/crypto/group';
import { MalformedField } from '../../../domain/crypto/jsonFields';
import {
  type DiscreteLogarithm,
  type EqualLogarithms,
  proofFromJson,
  proofToJson,
  proveEqualLogarithms,
  proveKeyKnowledge,
  proveKnowledge,
  verifyEqualLogarithms,
  verifyKeyKnowledge,
  verifyKnowledge,
} from '../../../domain/crypto/proofs/sigma';
import { seededRandom } from './seededRandom';

const random = seededRandom('sigma');
const tag = 'sealed-box/test/v1';
const context = ['election-2027-board', 'chair', 3];
const other = () => baseMultiple(scalar.random(random));
const refused = { ok: false, failed: 'challenge' };

describe("Schnorr's proof of knowledge of discrete logarithms, one or several under one challenge", () => {
  const secrets = [scalar.random(random), scalar.random(random), scalar.random(random)];
  const bases = [GENERATOR, other(), other()];
  const statement: DiscreteLogarithm[] = secrets.map((x, k) => ({ base: bases[k]!, image: multiple(bases[k]!, x) }));
  const proof = proveKnowledge(tag, context, statement, secrets, random);

  it('verifies an honest proof, of several secrets and of one', () => {
    expect(verifyKnowledge(tag, context, statement, proof)).toEqual({ ok: true });
    expect(verifyKnowledge(tag, context, statement.slice(0, 1), proveKnowledge(tag, context, statement.slice(0, 1), secrets.slice(0, 1), random))).toEqual({ ok: true });
  });

  it('refuses a changed challenge, response, base or image, tag or context', () => {
    expect(verifyKnowledge(tag, context, statement, { ...proof, challenge: scalar.add(proof.challenge, 1n) })).toEqual(refused);
    statement.forEach((equation, k) => {
      const responses = proof.responses.map((response, j) => (j === k ? scalar.add(response, 1n) : response));
      expect(verifyKnowledge(tag, context, statement, { ...proof, responses }), `response ${k}`).toEqual(refused);
      for (const part of ['base', 'image'] as const) {
        const changed = statement.map((e, j) => (j === k ? { ...equation, [part]: other() } : e));
        expect(verifyKnowledge(tag, context, changed, proof), `${part} ${k}`).toEqual(refused);
      }
    });
    expect(verifyKnowledge('sealed-box/test/v2', context, statement, proof)).toEqual(refused);
    context.forEach((_, k) =>
      expect(
        verifyKnowledge(
          tag,
          context.map((part, j) => (j === k ? 'other' : part)),
          statement,
          proof,
        ),
        `context ${k}`,
      ).toEqual(refused),
    );
    expect(verifyKnowledge(tag, [...context, 'more'], statement, proof)).toEqual(refused);
  });

  it('refuses responses not one a secret or out of range, a challenge out of range, and will not prove without one secret for each', () => {
    expect(verifyKnowledge(tag, context, statement, { ...proof, responses: proof.responses.slice(1) })).toEqual({ ok: false, failed: 'responses' });
    expect(verifyKnowledge(tag, context, statement, { ...proof, responses: proof.responses.map((r, k) => (k === 2 ? r + ORDER : r)) })).toEqual({ ok: false, failed: 'responses', index: 2 });
    expect(verifyKnowledge(tag, context, statement, { ...proof, challenge: proof.challenge - ORDER })).toEqual(refused);
    expect(() => proveKnowledge(tag, context, statement, secrets.slice(1), random)).toThrow('secrets: 2 for 3 discrete logarithms');
  });

  it('proves knowledge of a key X = x·B in the compact form (challenge, response)', () => {
    const secret = scalar.random(random);
    const keyProof = proveKeyKnowledge(tag, context, secret, random);
    expect(verifyKeyKnowledge(tag, context, baseMultiple(secret), keyProof)).toEqual({ ok: true });
    expect(verifyKeyKnowledge(tag, context, other(), keyProof)).toEqual(refused);
    expect(verifyKeyKnowledge(tag, context, baseMultiple(secret), { ...keyProof, response: ORDER })).toEqual({ ok: false, failed: 'response' });
  });
});

describe("Chaum–Pedersen's proof of equality of discrete logarithms", () => {
  const secret = scalar.random(random);
  const base = other();
  const statement: EqualLogarithms = { publicKey: baseMultiple(secret), base, image: multiple(base, secret) };
  const proof = proveEqualLogarithms(tag, context, statement, secret, random);

  it('verifies an honest proof, also as read back from its JSON', () => {
    expect(verifyEqualLogarithms(tag, context, statement, proof)).toEqual({ ok: true });
    expect(verifyEqualLogarithms(tag, context, statement, proofFromJson(JSON.parse(JSON.stringify(proofToJson(proof))), 'proof'))).toEqual({ ok: true });
  });

  it('refuses a changed challenge or response, any element of the statement changed, another tag or context', () => {
    expect(verifyEqualLogarithms(tag, context, statement, { ...proof, challenge: scalar.add(proof.challenge, 1n) })).toEqual(refused);
    expect(verifyEqualLogarithms(tag, context, statement, { ...proof, response: scalar.add(proof.response, 1n) })).toEqual(refused);
    for (const part of ['publicKey', 'base', 'image'] as const) expect(verifyEqualLogarithms(tag, context, { ...statement, [part]: other() }, proof), part).toEqual(refused);
    expect(verifyEqualLogarithms('sealed-box/test/v2', context, statement, proof)).toEqual(refused);
    expect(verifyEqualLogarithms(tag, context.slice(1), statement, proof)).toEqual(refused);
  });

  it('refuses logarithms that differ, even with a proof made honestly from either one', () => {
    const unequal = { ...statement, image: multiple(base, scalar.add(secret, 1n)) };
    expect(verifyEqualLogarithms(tag, context, unequal, proveEqualLogarithms(tag, context, unequal, secret, random))).toEqual(refused);
    expect(verifyEqualLogarithms(tag, context, unequal, proveEqualLogarithms(tag, context, unequal, scalar.add(secret, 1n), random))).toEqual(refused);
  });

  it('refuses a response out of range, and is not a proof of knowledge of the key alone', () => {
    expect(verifyEqualLogarithms(tag, context, statement, { ...proof, response: proof.response + ORDER })).toEqual({ ok: false, failed: 'response' });
    expect(verifyKeyKnowledge(tag, context, statement.publicKey, proof)).toEqual(refused);
  });

  it('reads only the JSON it writes, naming the field at fault', () => {
    const json = proofToJson(proof);
    expect(json).toEqual({ challenge: scalarToHex(proof.challenge), response: scalarToHex(proof.response) });
    expect(() => proofFromJson({ challenge: json.challenge }, 'share.proof')).toThrow(new MalformedField('share.proof.response', 'missing'));
    expect(() => proofFromJson({ ...json, commitment: json.challenge }, 'share.proof')).toThrow(new MalformedField('share.proof.commitment', 'not a field of this record'));
    expect(() => proofFromJson({ ...json, response: 'ff'.repeat(32) }, 'share.proof')).toThrow(new MalformedField('share.proof.response', 'not below the group order'));
  });
});
