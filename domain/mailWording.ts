import { fail, ok, type Result } from './result';
import { isSafeText } from './text';

/**
 * The committee's own words in the voters' mail: the sender's display name, a greeting above and
 * a closing below the system's text. Plain text, short, and never a way to send voters elsewhere:
 * no link, no address, no letters of several scripts in one word (`Wаhlausschuss` with a Cyrillic
 * а), nothing invisible or direction-changing.
 */
export interface MailWording {
  senderName?: string;
  greeting?: string;
  closing?: string;
}

export const MAIL_WORDING_LIMITS = { senderName: 60, greeting: 120, closing: 600, closingLines: 8 } as const;

/** A web address or a mail address in any of the forms a mail client turns into a link. */
const LINK = /[a-z][a-z0-9+.-]*:\/\/|\b(?:www|ftp)\.|@|\b[\p{L}\p{N}-]+\.(?:[a-z]{2,24})(?:\/|\b(?!\.))/iu;
/** What would change the sender's address rather than name it. */
const ADDRESS_SYNTAX = /[<>"@,;:\\]/;
const SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u, /\p{Script=Armenian}/u, /\p{Script=Cherokee}/u];

/** A word whose letters come from two of the scripts whose letters look alike. */
function mixedScriptWord(line: string): string | undefined {
  return line.split(/[^\p{L}\p{M}]+/u).find((word) => SCRIPTS.filter((script) => script.test(word)).length > 1);
}

function lineProblem(line: string): string | undefined {
  if (line !== '' && !isSafeText(line)) return 'must be NFC text without control, invisible or direction-changing characters or outer spaces';
  if (LINK.test(line)) return 'may not hold a link or an address: voters follow only the links the system writes';
  const mixed = mixedScriptWord(line);
  if (mixed) return `"${mixed}" mixes letters of several scripts in one word, as look-alike tricks do`;
  return undefined;
}

/** The wording as given, or the first field that cannot be, named. */
export function checkMailWording(wording: MailWording): Result<MailWording> {
  const { senderName, greeting, closing } = wording;
  if (senderName !== undefined) {
    if (senderName.length === 0 || senderName.length > MAIL_WORDING_LIMITS.senderName) return fail('invalid', `senderName: must be 1 to ${MAIL_WORDING_LIMITS.senderName} characters`);
    if (ADDRESS_SYNTAX.test(senderName)) return fail('invalid', 'senderName: a name only, without < > " @ , ; : or \\');
    const problem = lineProblem(senderName);
    if (problem) return fail('invalid', `senderName: ${problem}`);
  }
  if (greeting !== undefined) {
    if (greeting.length === 0 || greeting.length > MAIL_WORDING_LIMITS.greeting || greeting.includes('\n'))
      return fail('invalid', `greeting: must be one line of 1 to ${MAIL_WORDING_LIMITS.greeting} characters`);
    const problem = lineProblem(greeting);
    if (problem) return fail('invalid', `greeting: ${problem}`);
  }
  if (closing !== undefined) {
    const lines = closing.split('\n');
    if (closing.trim().length === 0 || closing.length > MAIL_WORDING_LIMITS.closing || lines.length > MAIL_WORDING_LIMITS.closingLines) {
      return fail('invalid', `closing: must be 1 to ${MAIL_WORDING_LIMITS.closing} characters on at most ${MAIL_WORDING_LIMITS.closingLines} lines`);
    }
    for (const [i, line] of lines.entries()) {
      const problem = lineProblem(line);
      if (problem) return fail('invalid', `closing: line ${i + 1} ${problem}`);
    }
  }
  return ok({ ...(senderName !== undefined && { senderName }), ...(greeting !== undefined && { greeting }), ...(closing !== undefined && { closing }) });
}
