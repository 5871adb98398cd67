// The page's own modules, typed by their JSDoc: checked with web/tsconfig.json (DOM types), not the Node one.
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../web/vote/i18n.js';

const RECEIPT = 'q3hT0pL9xZ2vW8yR5mN1aB';
const LINK = 'https://vote.uni.test/vote#election=council';

describe('the receipt file the voter page offers for download', () => {
  it('holds the election, the receipt and how to check it, in either language', () => {
    for (const [lang, check] of [
      ['en', 'Check your receipt'],
      ['de', 'Quittung prüfen'],
    ] as const) {
      const m = MESSAGES[lang];
      const text = m.receiptFile('Student council 2026', 'council', RECEIPT, LINK);
      for (const part of ['Student council 2026', 'council', RECEIPT, LINK, check]) expect(text, lang).toContain(part);
      expect(m.receiptFileName('council'), lang).toMatch(/^[a-z]+-council\.txt$/);
    }
  });

  it('says the receipt is not e-mailed, and that whoever holds it can look up the ballot', () => {
    expect(MESSAGES.en.receiptFile('T', 'e', RECEIPT, LINK)).toMatch(/not e-mailed[^]*whoever holds the receipt can look up/);
    expect(MESSAGES.de.receiptFile('T', 'e', RECEIPT, LINK)).toMatch(/nicht per E-Mail[^]*Wer die Quittung hat, kann nachsehen/);
  });
});
