import { namesOnBallot, type BallotContent, type BallotDefinition, type Candidate } from '../election';

/**
 * How a paper of one contest is written as bytes before it is encrypted, and read back after the
 * box is opened. Every paper of a contest has the same length (so that its size tells nothing),
 * and each has exactly one encoding: decoding refuses anything else, so a voter cannot mark an
 * otherwise valid paper with stray bits that a buyer of their vote would look for.
 *
 * Options are numbered in the order `namesOnBallot` gives them (the candidates, then RON, the
 * lists or the referendum's answers). Two layouts, the shorter for the ballot's kind:
 * - `ranked`: a ranking is an order, written as its length and then each option's number in
 *   order of preference (as Belenios writes a ranked ballot as a sequence);
 * - every other kind: how many votes each option has, one field per option, of as many bits as
 *   the most one option may get (1 bit for single, multi and referendum, so an approval is a
 *   bitmap; enough for maxPerCandidate on a list ballot, and 1 for the list vote itself).
 * The bits are packed most significant first into whole bytes, zero-padded.
 */
export type PaperLayout =
  | { kind: 'ranking'; options: readonly string[]; lengthBits: number; itemBits: number; maxLength: number; bytes: number }
  | { kind: 'counts'; options: readonly string[]; countBits: number; maxCount: number; bytes: number };

/** Bits to write any whole number from 0 to `most`. */
const bitsFor = (most: number): number => Math.max(1, Math.ceil(Math.log2(most + 1)));

export function paperLayout(ballot: BallotDefinition, candidates: readonly Candidate[]): PaperLayout {
  const options = namesOnBallot(ballot, candidates);
  if (ballot.kind === 'ranked') {
    const lengthBits = bitsFor(options.length);
    const itemBits = bitsFor(Math.max(options.length - 1, 1));
    return { kind: 'ranking', options, lengthBits, itemBits, maxLength: options.length, bytes: Math.ceil((lengthBits + options.length * itemBits) / 8) };
  }
  const maxCount = ballot.kind === 'list' ? ballot.maxPerCandidate : 1;
  const countBits = bitsFor(maxCount);
  return { kind: 'counts', options, countBits, maxCount, bytes: Math.ceil((options.length * countBits) / 8) };
}

/**
 * A paper's bytes. The content is one the ballot allows (the voter's page fills it as the cast
 * does, with fillBallot); a name not on the ballot is a bug of the caller and throws.
 */
export function paperToBytes(layout: PaperLayout, { choices }: BallotContent): Uint8Array {
  const number = (name: string) => {
    const index = layout.options.indexOf(name);
    if (index < 0) throw new RangeError(`"${name}" is not on this ballot`);
    return index;
  };
  const fields: [value: number, bits: number][] = [];
  if (layout.kind === 'ranking') {
    fields.push([choices.length, layout.lengthBits]);
    for (const name of choices) fields.push([number(name), layout.itemBits]);
  } else {
    const counts = new Array<number>(layout.options.length).fill(0);
    for (const name of choices) counts[number(name)]! += 1;
    if (counts.some((count) => count > layout.maxCount)) throw new RangeError(`an option has more than ${layout.maxCount} votes`);
    for (const count of counts) fields.push([count, layout.countBits]);
  }
  let bits = 0n;
  let used = 0;
  for (const [value, width] of fields) {
    bits = (bits << BigInt(width)) | BigInt(value);
    used += width;
  }
  bits <<= BigInt(layout.bytes * 8 - used);
  const out = new Uint8Array(layout.bytes);
  for (let i = layout.bytes - 1; i >= 0; i -= 1) {
    out[i] = Number(bits & 0xffn);
    bits >>= 8n;
  }
  return out;
}

/** What decoding found: the paper's content, or why these bytes are not a paper of this contest (the count takes such a paper as invalid). */
export type DecodedPaper = { ok: true; content: BallotContent } | { ok: false; problem: string };

/**
 * Reads a paper back from its bytes; refuses a length, an option number, a length of ranking or
 * a count the layout does not allow, and any bit set in the padding. Whether the content is one
 * the ballot allows (no more votes than allowed, a list vote alone) is ballotProblem's to say,
 * as for every paper.
 */
export function paperFromBytes(layout: PaperLayout, bytes: Uint8Array): DecodedPaper {
  if (bytes.length !== layout.bytes) return { ok: false, problem: `${bytes.length} bytes, not ${layout.bytes}` };
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let left = layout.bytes * 8;
  const read = (width: number): number => {
    left -= width;
    return Number((bits >> BigInt(left)) & ((1n << BigInt(width)) - 1n));
  };
  const choices: string[] = [];
  if (layout.kind === 'ranking') {
    const length = read(layout.lengthBits);
    if (length > layout.maxLength) return { ok: false, problem: `a ranking of ${length}, longer than the ${layout.maxLength} options` };
    for (let i = 0; i < length; i += 1) {
      const index = read(layout.itemBits);
      if (index >= layout.options.length) return { ok: false, problem: `option ${index} of ${layout.options.length}` };
      choices.push(layout.options[index]!);
    }
  } else {
    for (const name of layout.options) {
      const count = read(layout.countBits);
      if (count > layout.maxCount) return { ok: false, problem: `${count} votes for one option, more than ${layout.maxCount}` };
      for (let i = 0; i < count; i += 1) choices.push(name);
    }
    choices.sort();
  }
  // What was not read (a shorter ranking's unused places, the last byte's spare bits) must be zero.
  if ((bits & ((1n << BigInt(left)) - 1n)) !== 0n) return { ok: false, problem: 'bits set after the paper' };
  return { ok: true, content: { choices } };
}
