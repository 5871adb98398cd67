import { describe, expect, it } from 'vitest';
import { checkMailWording, decide } from '../../domain';
import { refusal, stateIn } from './fixtures';

/** What the committee may write into the voters' mail: their words, never a way to send voters elsewhere. */
describe("the committee's wording of the voters' mail", () => {
  const message = (wording: Parameters<typeof checkMailWording>[0]) => {
    const checked = checkMailWording(wording);
    return checked.ok ? undefined : checked.error.message;
  };

  it('takes a sender name, a greeting and a closing of several lines, in German with its letters', () => {
    const wording = {
      senderName: 'Wahlausschuss der Studierendenschaft',
      greeting: 'Liebe Studierende,',
      closing: 'Mit freundlichen Grüßen\nIhr Wahlausschuss\n\nFragen? Sprechstunde z.B. am Montag im AStA-Büro.',
    };
    expect(checkMailWording(wording)).toEqual({ ok: true, value: wording });
  });

  it.each([
    ['a web address', { closing: 'Alles Weitere auf asta-uni.de/wahl' }, 'closing: line 1 may not hold a link or an address'],
    ['a link with a scheme', { greeting: 'Hallo, siehe https://example.org' }, 'greeting: may not hold a link'],
    ['www.', { closing: 'www.wahl' }, 'closing: line 1 may not hold a link'],
    ['an e-mail address', { closing: 'Fragen an\nwahl@asta.example' }, 'closing: line 2 may not hold a link or an address'],
    ['a Cyrillic а in a Latin word', { senderName: 'W\u0430hlausschuss' }, 'senderName: "W\u0430hlausschuss" mixes letters of several scripts in one word'],
    ['a zero-width space', { greeting: 'Hallo\u200b,' }, 'greeting: must be NFC text without control, invisible or direction-changing characters'],
    ['a right-to-left override', { closing: 'Gruß \u202eessuhcsslhaW' }, 'closing: line 1 must be NFC text'],
    ['an address in the sender name', { senderName: 'Wahlausschuss <noreply>' }, 'senderName: a name only, without < > " @ , ; : or \\'],
    ['a greeting of two lines', { greeting: 'Hallo\nihr' }, 'greeting: must be one line of 1 to 120 characters'],
    ['a closing of nine lines', { closing: Array.from({ length: 9 }, () => 'Zeile').join('\n') }, 'closing: must be 1 to 600 characters on at most 8 lines'],
    ['a sender name of 61 characters', { senderName: 'W'.repeat(61) }, 'senderName: must be 1 to 60 characters'],
  ])('refuses %s, naming the field', (_, wording, expected) => {
    expect(message(wording)).toContain(expected);
  });

  it('is set before the lock only, and replayed by the verifier as decided', () => {
    const draft = decide({ type: 'SetMailWording', greeting: 'Liebe Studierende,' }, stateIn('draft'));
    expect(draft).toEqual({ ok: true, value: [{ type: 'MailWordingSet', data: { greeting: 'Liebe Studierende,' } }] });
    expect(refusal(decide({ type: 'SetMailWording', greeting: 'Liebe Studierende,' }, stateIn('locked')))).toMatchObject({ code: 'wrong_phase' });
  });
});
