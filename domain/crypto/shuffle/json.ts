import { type CiphertextJson, ciphertextToJson } from '../elgamal';
import { type Element, elementToHex, scalarToHex } from '../group';
import { at, MalformedField, readCiphertext, readElement, readList, readObject, readScalar } from '../jsonFields';
import { shuffleGenerators, type ShuffleProof } from './statement';
import type { ShuffleCheck, ShuffleConclusion, ShufflePartSums } from './verify';

/** A shuffle proof as it is written in the log: every element and scalar in its one canonical encoding (64 lowercase hex digits). */
export interface ShuffleProofJson {
  permutationCommitment: string[];
  commitmentChain: string[];
  t1: string;
  t2: string;
  t3: string;
  t4: CiphertextJson[];
  tHat: string[];
  s1: string;
  s2: string;
  s3: string;
  s4: string[];
  sHat: string[];
  sPrime: string[];
}

const FIELDS: readonly string[] = ['permutationCommitment', 'commitmentChain', 't1', 't2', 't3', 't4', 'tHat', 's1', 's2', 's3', 's4', 'sHat', 'sPrime'] satisfies (keyof ShuffleProofJson)[];

export function shuffleProofToJson(proof: ShuffleProof): ShuffleProofJson {
  const elements = (list: readonly Element[]) => list.map(elementToHex);
  return {
    permutationCommitment: elements(proof.permutationCommitment),
    commitmentChain: elements(proof.commitmentChain),
    t1: elementToHex(proof.t1),
    t2: elementToHex(proof.t2),
    t3: elementToHex(proof.t3),
    t4: proof.t4.map(ciphertextToJson),
    tHat: elements(proof.tHat),
    s1: scalarToHex(proof.s1),
    s2: scalarToHex(proof.s2),
    s3: scalarToHex(proof.s3),
    s4: proof.s4.map(scalarToHex),
    sHat: proof.sHat.map(scalarToHex),
    sPrime: proof.sPrime.map(scalarToHex),
  };
}

/**
 * Reads a shuffle proof from the log, refusing anything but the shape shuffleProofToJson writes: a
 * MalformedField (../jsonFields.ts) names the field (and index) that is missing, unknown, of the
 * wrong type or not a canonical encoding, e.g. "proof.tHat[3]: not the encoding of a ristretto255
 * element". Whether the counts fit the papers is the verifier's question ('lengths').
 */
export function shuffleProofFromJson(json: unknown, path = 'proof'): ShuffleProof {
  const proof = readObject(json, path, FIELDS);
  type Reader<T> = (value: unknown, path: string) => T;
  const one = <T>(name: keyof ShuffleProofJson, read: Reader<T>): T => read(proof.get(name), at(path, name));
  const each = <T>(name: keyof ShuffleProofJson, read: Reader<T>): T[] => readList(proof.get(name), at(path, name), read);
  return {
    permutationCommitment: each('permutationCommitment', readElement),
    commitmentChain: each('commitmentChain', readElement),
    t1: one('t1', readElement),
    t2: one('t2', readElement),
    t3: one('t3', readElement),
    t4: each('t4', readCiphertext),
    tHat: each('tHat', readElement),
    s1: one('s1', readScalar),
    s2: one('s2', readScalar),
    s3: one('s3', readScalar),
    s4: each('s4', readScalar),
    sHat: each('sHat', readScalar),
    sPrime: each('sPrime', readScalar),
  };
}

/** What a check's parts and its conclusion need of the whole statement, beyond the statement itself (the key and the context): how it travels to the machines that check the parts. */
export interface ShuffleCheckJson {
  papers: number;
  width: number;
  digest: string;
  c: string;
  lastLink: string;
}

export const shuffleCheckToJson = ({ papers, width, digest, c, lastLink }: ShuffleCheck): ShuffleCheckJson => ({
  papers,
  width,
  digest: scalarToHex(digest),
  c: scalarToHex(c),
  lastLink: elementToHex(lastLink),
});

/** A check prepared elsewhere, for the statement of this key and context. */
export function shuffleCheckFromJson(json: unknown, publicKey: Element, context: readonly string[], path = 'shuffle'): ShuffleCheck {
  const fields = readObject(json, path, ['papers', 'width', 'digest', 'c', 'lastLink']);
  const count = (name: string) => {
    const value = fields.get(name);
    if (!Number.isInteger(value) || (value as number) < 1) throw new MalformedField(at(path, name), 'not a positive whole number');
    return value as number;
  };
  return {
    publicKey,
    context,
    papers: count('papers'),
    width: count('width'),
    h: shuffleGenerators(context, 0).h,
    digest: readScalar(fields.get('digest'), at(path, 'digest')),
    c: readScalar(fields.get('c'), at(path, 'c')),
    lastLink: readElement(fields.get('lastLink'), at(path, 'lastLink')),
  };
}

/** One part's sums, as the part's machine hands them to the conclusion. */
export interface ShufflePartSumsJson {
  commitments: string;
  productOfU: string;
  t3: string;
  t4: CiphertextJson[];
  brokenLink?: number;
}

export const shufflePartSumsToJson = (sums: ShufflePartSums): ShufflePartSumsJson => ({
  commitments: elementToHex(sums.commitments),
  productOfU: scalarToHex(sums.productOfU),
  t3: elementToHex(sums.t3),
  t4: sums.t4.map(ciphertextToJson),
  ...(sums.brokenLink !== undefined && { brokenLink: sums.brokenLink }),
});

export function shufflePartSumsFromJson(json: unknown, path: string): ShufflePartSums {
  const fields = readObject(json, path);
  const brokenLink = fields.get('brokenLink');
  if (brokenLink !== undefined && !Number.isInteger(brokenLink)) throw new MalformedField(at(path, 'brokenLink'), 'not a whole number');
  return {
    commitments: readElement(fields.get('commitments'), at(path, 'commitments')),
    productOfU: readScalar(fields.get('productOfU'), at(path, 'productOfU')),
    t3: readElement(fields.get('t3'), at(path, 't3')),
    t4: readList(fields.get('t4'), at(path, 't4'), readCiphertext),
    ...(brokenLink !== undefined && { brokenLink: brokenLink as number }),
  };
}

/** The commitments and responses of a proof, read without its per-paper lists: what the conclusion needs. */
export function shuffleConclusionFromJson(json: unknown, path = 'proof'): ShuffleConclusion {
  const proof = readObject(json, path);
  const one = <T>(name: keyof ShuffleProofJson, read: (value: unknown, path: string) => T): T => read(proof.get(name), at(path, name));
  return {
    t1: one('t1', readElement),
    t2: one('t2', readElement),
    t3: one('t3', readElement),
    t4: readList(proof.get('t4'), at(path, 't4'), readCiphertext),
    s1: one('s1', readScalar),
    s2: one('s2', readScalar),
    s3: one('s3', readScalar),
    s4: readList(proof.get('s4'), at(path, 's4'), readScalar),
  };
}
