import { describe, expect, it } from 'vitest';
import { isSafeText, nameKey } from '../../domain';

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
});
