import { rectifyConfusion } from 'unicode-confusables';

/**
 * Names are shown to voters and compared on ballots, so invisible or direction-changing
 * characters could make two different names look alike. They are refused outright.
 */
// Controls, format characters (bidi marks, zero-width, tags), lone surrogates, private use,
// line/paragraph separators, and everything Unicode says renders as nothing.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;

export function isSafeText(text: string): boolean {
  return !UNSAFE.test(text) && text === text.normalize('NFC') && text.trim() === text && text.length > 0;
}

/**
 * A blank that could hide a difference between two names: any but the plain space (no-break and
 * other spaces, the Braille blank U+2800), or two spaces in a row. The Hangul fillers are
 * default-ignorable, so `isSafeText` refuses them already.
 */
const HIDING_BLANK = /\u2800|(?! )\p{White_Space}| {2}/u;

/**
 * Why `text` cannot be a name voters read on the ballot (a candidate's, the election's title), or
 * undefined when it can. A name is refused, never changed: what is stored is what was sent.
 */
export function nameProblem(text: string): string | undefined {
  if (!isSafeText(text)) return 'must be NFC text without control, invisible or direction-changing characters or outer spaces';
  if (HIDING_BLANK.test(text)) return 'must separate words by single plain spaces, without blank-looking characters';
  if (!/[\p{L}\p{N}]/u.test(text)) return 'must contain a letter or a digit';
  return undefined;
}

/** Case folding as far as JavaScript has it: upper then lower case makes "ß" and "SS" one. */
const fold = (text: string) => text.toUpperCase().toLowerCase();

/** UTS #39's skeleton: NFD, each character replaced by its prototype from Unicode's confusables.txt, NFD again. */
function skeleton(text: string): string {
  return rectifyConfusion(text.normalize('NFD')).normalize('NFD');
}

/** Names that are the same once case and Unicode normal form are set aside. */
const sameNameKey = (name: string) => fold(name.normalize('NFKC'));

/**
 * Names that look alike whatever their case ("Ada", Cyrillic "Аda", "ADA"): no two candidates
 * share this key, so a voter's typed name finds at most one candidate by it.
 */
export function nameKey(name: string): string {
  return fold(skeleton(sameNameKey(name)));
}

/** Names that look alike as written: a capital I is a small l here ("Ian", "lan"), as it is on screen. */
const shapeKey = (name: string) => skeleton(name.normalize('NFKC'));

export interface NameClash {
  /** The position in `added` of the name that clashes. */
  index: number;
  name: string;
  other: string;
  /** The other name's position in `added`; undefined when it was there before. */
  otherIndex?: number;
  /** The same name, not only alike: it differs only in case or normal form. */
  same: boolean;
}

/**
 * The first of `added` that is, or looks like, a name in `existing` or an earlier one in `added`.
 * One rule for every set of names a voter tells apart: candidates today, lists or contests later.
 * The names are ones `nameProblem` accepts, so no blank hides a difference between them.
 */
export function findNameClash(existing: readonly string[], added: readonly string[]): NameClash | undefined {
  type Seen = { name: string; index?: number };
  const byNameKey = new Map<string, Seen>();
  const byShapeKey = new Map<string, Seen>();
  const remember = (seen: Seen) => {
    byNameKey.set(nameKey(seen.name), seen);
    byShapeKey.set(shapeKey(seen.name), seen);
  };
  for (const name of existing) remember({ name });
  for (const [index, name] of added.entries()) {
    const match = byNameKey.get(nameKey(name)) ?? byShapeKey.get(shapeKey(name));
    if (match) return { index, name, other: match.name, otherIndex: match.index, same: sameNameKey(name) === sameNameKey(match.name) };
    remember({ name, index });
  }
  return undefined;
}
