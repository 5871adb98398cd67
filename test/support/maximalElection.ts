import { LIMITS, type Candidate } from '../../domain';

/**
 * The largest election the API takes: every title, name, e-mail and link as long as allowed, in
 * 4-byte characters where the field takes them (CJK ideographs beyond the BMP are letters, and
 * none looks like another). The README's limits work out how many such candidates fit.
 */
export const MAXIMAL_CANDIDATES = 83;

/** `count` different 4-byte letters, starting at `from` in CJK Extension B. */
const letters = (count: number, from: number) => Array.from({ length: count }, (_, k) => String.fromCodePoint(0x20000 + from + k)).join('');

/** An address of 254 characters, the most the API takes: a 64-character local part and 63-character labels. */
export const maximalEmail = (tag: string) => `${tag.padEnd(64, 'x')}@${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(56)}.test`;

export const maximalTitle = letters(LIMITS.titleCharacters, 0x9000);

export const maximalObservers = (count: number = LIMITS.observers) => Array.from({ length: count }, (_, i) => maximalEmail(`observer${i}`));

const ORIGIN = 'https://u.test/';

export function maximalCandidate(i: number): Candidate {
  return {
    name: letters(LIMITS.nameCharacters, i * LIMITS.nameCharacters),
    email: maximalEmail(`candidate${i}`),
    pageLink: `${ORIGIN}${String.fromCodePoint(0x30000).repeat(LIMITS.pageLinkCharacters - ORIGIN.length)}`,
  };
}

export const maximalCandidates = (count: number, from = 0) => Array.from({ length: count }, (_, i) => maximalCandidate(from + i));
