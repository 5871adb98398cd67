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

/** Two candidate names are the same candidate when they differ only in case or normal form. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}
