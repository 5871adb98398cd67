/**
 * Names are shown to voters and compared on ballots, so invisible or direction-changing
 * characters could make two different names look alike. They are refused outright.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/u;

export function isSafeText(text: string): boolean {
  return !UNSAFE.test(text) && text === text.normalize('NFC') && text.trim() === text && text.length > 0;
}

/** Two candidate names are the same candidate when they differ only in case or normal form. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}
