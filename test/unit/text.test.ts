import { describe, expect, it } from 'vitest';
import { findNameClash, isSafeText, nameKey, nameProblem } from '../../domain';

describe('isSafeText: names that cannot look like another name', () => {
  const safe = ['Zoë Müller', 'José', 'Alice Adams', 'Chen Wei 陈伟', 'Łukasz Żółć', "O'Brien-Smith", 'Ана Петровић', 'A'];
  for (const text of safe) {
    it(`accepts ${JSON.stringify(text)}`, () => {
      expect(isSafeText(text)).toBe(true);
    });
  }

  const unsafe: [string, string][] = [
    ['the empty string', ''],
    ['only spaces', '   '],
    ['a leading space', ' Alice'],
    ['a trailing space', 'Alice '],
    ['a trailing newline', 'Alice\n'],
    ['a NUL character', 'Ali\u0000ce'],
    ['a tab', 'Alice\tAdams'],
    ['a line break inside', 'Alice\nAdams'],
    ['DEL', 'Alice\u007f'],
    ['a C1 control character', 'Alice\u0085Adams'],
    ['a zero-width space (U+200B)', 'Ali\u200bce'],
    ['a zero-width joiner (U+200D)', 'Ali\u200dce'],
    ['a right-to-left mark (U+200F)', 'Alice\u200f'],
    ['a right-to-left override (U+202E)', 'Alice \u202eecilA'],
    ['a left-to-right embedding (U+202A)', '\u202aAlice'],
    ['a word joiner (U+2060)', 'Ali\u2060ce'],
    ['a bidi isolate (U+2066)', 'Alice\u2066Bob\u2069'],
    ['a byte-order mark (U+FEFF)', '\ufeffAlice'],
    ['an interlinear annotation (U+FFF9)', 'Alice\ufff9'],
    ['decomposed (non-NFC) text', 'Zoë Müller'.normalize('NFD')],
    ['e followed by a combining acute accent', 'Jose\u0301'],
  ];
  for (const [what, text] of unsafe) {
    it(`refuses ${what}`, () => {
      expect(isSafeText(text)).toBe(false);
    });
  }
});

describe('nameKey: when two names are the same candidate', () => {
  it('ignores case', () => {
    expect(nameKey('Alice Adams')).toBe(nameKey('ALICE adams'));
  });

  it('ignores the Unicode normal form', () => {
    expect(nameKey('Zoë Müller')).toBe(nameKey('Zoë Müller'.normalize('NFD')));
  });

  it('keeps different names apart', () => {
    expect(nameKey('Alice Adams')).not.toBe(nameKey('Alice Adam'));
    expect(nameKey('José')).not.toBe(nameKey('Jose'));
  });

  it('is the same for names that look alike (the UTS #39 skeleton), whatever their case', () => {
    expect(nameKey('Аda')).toBe(nameKey('Ada'));
    expect(nameKey('ΑDΑ')).toBe(nameKey('ada'));
    expect(nameKey('Straße')).toBe(nameKey('STRASSE'));
  });
});

describe('nameProblem: a name a voter can read', () => {
  const SPACING = 'must separate words by single plain spaces, without blank-looking characters';
  const UNSAFE = 'must be NFC text without control, invisible or direction-changing characters or outer spaces';

  it.each(['Ada Lovelace', 'Chen Wei 陈伟', 'R2-D2', '7', 'Ана Петровић'])('accepts %j', (name) => {
    expect(nameProblem(name)).toBeUndefined();
  });

  it.each([
    ['no letter or digit', '-- * --', 'must contain a letter or a digit'],
    ['only an emoji', '😀', 'must contain a letter or a digit'],
    ['two spaces in a row', 'Ada  Lovelace', SPACING],
    ['a Braille blank (U+2800) at the end', 'Ada\u2800', SPACING],
    ['a Braille blank between words', 'Ada\u2800Lovelace', SPACING],
    ['a halfwidth Hangul filler (U+FFA0)', 'Ada\uffa0Lovelace', UNSAFE],
    ['a no-break space', 'Ada\u00a0Lovelace', SPACING],
    ['an ideographic space', 'Ada\u3000Lovelace', SPACING],
    ['only a Braille blank', '\u2800', SPACING],
    ['a Hangul filler (U+3164), which renders as nothing in some fonts', 'Ada\u3164Lovelace', UNSAFE],
    ['a tab', 'Ada\tLovelace', UNSAFE],
    ['an invisible character', 'Ada\u200bLovelace', UNSAFE],
  ])('refuses a name with %s', (_, name, problem) => {
    expect(nameProblem(name)).toBe(problem);
  });
});

describe('findNameClash: names a voter could mistake for each other', () => {
  it('finds a new name that looks like one already there, and says it is not the same name', () => {
    expect(findNameClash(['Ada', 'Bob'], ['Carol', 'Аda'])).toEqual({ index: 1, name: 'Аda', other: 'Ada', otherIndex: undefined, same: false });
  });

  it('finds two new names that look alike, with the position of the first', () => {
    expect(findNameClash([], ['Ian Smith', 'Grace', 'lan Smith'])).toEqual({ index: 2, name: 'lan Smith', other: 'Ian Smith', otherIndex: 0, same: false });
  });

  it('calls a name that differs only in case or compatibility form the same name', () => {
    expect(findNameClash(['Ada Lovelace'], ['ADA LOVELACE'])).toMatchObject({ same: true });
    expect(findNameClash(['Ada'], ['Ａｄａ'])).toMatchObject({ same: true });
  });

  it('finds nothing among names that only share letters or differ by an accent', () => {
    expect(findNameClash(['Ada', 'José', 'Zoë'], ['Adam', 'Jose', 'Zoe', 'Ida'])).toBeUndefined();
  });
});
