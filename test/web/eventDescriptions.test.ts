// The page's own modules, typed by their JSDoc: checked with web/tsconfig.json (DOM types), not the Node one.
import { describe, expect, it } from 'vitest';
import { describe as describeEvent } from '../../web/observe/events.js';
import { MESSAGES } from '../../web/observe/i18n.js';

const counted = { electionId: 'council', seq: 40, at: '2026-03-10T09:00:00.000Z', prevHash: 'a'.repeat(64), hash: 'b'.repeat(64), type: 'LinkRequestsCounted', data: { requests: 3 } } as const;

describe("the observers' view of voters' requests for their link", () => {
  it('says how many requests came, in English and German, and that nobody who asked is recorded', () => {
    expect(describeEvent(MESSAGES.en, 'en', counted).text).toBe('3 requests by e-mail address for a voting link to be sent again (who asked, and whether a link went out, is not recorded)');
    expect(describeEvent(MESSAGES.de, 'de', { ...counted, data: { requests: 1 } }).text).toBe(
      '1 Anfrage per E-Mail-Adresse, den Wahllink noch einmal zu schicken (wer fragte und ob ein Link verschickt wurde, wird nicht festgehalten)',
    );
  });
});
