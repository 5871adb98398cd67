import { type Ciphertext, type CiphertextJson, ciphertextFromJson, ciphertextToJson } from '../elgamal';
import { type Element, elementFromHex, elementToHex, scalarFromHex, scalarToHex } from '../group';
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
 * RangeError names the field (and index) that is missing, unknown, of the wrong type or not a
 * canonical encoding, e.g. "tHat[3]: not the encoding of a ristretto255 element". Whether the
 * counts fit the papers is the verifier's question ('lengths').
 */
export function shuffleProofFromJson(json: unknown): ShuffleProof {
  const proof = plainObject(json, 'proof');
  const unknown = Object.keys(proof).find((key) => !FIELDS.includes(key));
  if (unknown !== undefined) throw new RangeError(`${unknown}: not a field of a shuffle proof`);
  const field = (name: keyof ShuffleProofJson): unknown => {
    if (!Object.hasOwn(proof, name)) throw new RangeError(`${name}: missing`);
    return proof[name];
  };
  const list = <T>(name: keyof ShuffleProofJson, read: (value: unknown, path: string) => T): T[] => {
    const value = field(name);
    if (!Array.isArray(value)) throw new RangeError(`${name}: not an array`);
    return value.map((entry, i) => read(entry, `${name}[${i}]`));
  };
  return {
    permutationCommitment: list('permutationCommitment', element),
    commitmentChain: list('commitmentChain', element),
    t1: element(field('t1'), 't1'),
    t2: element(field('t2'), 't2'),
    t3: element(field('t3'), 't3'),
    t4: list('t4', ciphertext),
    tHat: list('tHat', element),
    s1: scalar(field('s1'), 's1'),
    s2: scalar(field('s2'), 's2'),
    s3: scalar(field('s3'), 's3'),
    s4: list('s4', scalar),
    sHat: list('sHat', scalar),
    sPrime: list('sPrime', scalar),
  };
}

function plainObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RangeError(`${path}: not an object`);
  return value as Record<string, unknown>;
}

/** Runs a decoder of the group module on a string, prefixing its RangeError with the path of the value. */
function decoded<T>(value: unknown, path: string, decode: (hex: string) => T): T {
  if (typeof value !== 'string') throw new RangeError(`${path}: not a string`);
  try {
    return decode(value);
  } catch (error) {
    throw new RangeError(`${path}: ${(error as Error).message}`, { cause: error });
  }
}

const element = (value: unknown, path: string): Element => decoded(value, path, elementFromHex);
const scalar = (value: unknown, path: string): bigint => decoded(value, path, scalarFromHex);

/** A ciphertext {alpha, beta} of two strings, read by ciphertextFromJson, whose RangeError names alpha or beta. */
function ciphertext(value: unknown, path: string): Ciphertext {
  const object = plainObject(value, path);
  if (Object.keys(object).sort().join() !== 'alpha,beta' || typeof object.alpha !== 'string' || typeof object.beta !== 'string') {
    throw new RangeError(`${path}: not a ciphertext of two strings alpha and beta`);
  }
  try {
    return ciphertextFromJson({ alpha: object.alpha, beta: object.beta });
  } catch (error) {
    throw new RangeError(`${path}.${(error as Error).message}`, { cause: error });
  }
}
