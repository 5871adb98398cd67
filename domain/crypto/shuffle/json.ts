import { type CiphertextJson, ciphertextToJson } from '../elgamal';
import { type Element, elementToHex, scalarToHex } from '../group';
import { at, readCiphertext, readElement, readList, readObject, readScalar } from '../jsonFields';
import type { ShuffleProof } from './statement';

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
