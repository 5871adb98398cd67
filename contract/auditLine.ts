import * as z from 'zod';
import type { AuditLine } from '../domain/auditLog';
import type { ElectionEvent } from '../domain/events';
import { EXPORT_LIMITS, type ExportLimits } from '../domain/limits';

/**
 * One line of an audit export, parsed and shape-checked: node-free, so that `audit verify` and the
 * observers' view in the browser (web/lib/verifier.ts) read an export with the same code.
 */

const count = z.int().nonnegative();

/** Every event type, listed so that the compiler notices a new one. */
const EVENT_TYPES: Record<ElectionEvent['type'], true> = {
  ElectionCreated: true,
  CandidatesAdded: true,
  VotersRegistered: true,
  PostalVotesRecorded: true,
  VotingWindowSet: true,
  ObserversSet: true,
  MailWordingSet: true,
  ObjectionRecorded: true,
  ObjectionDecided: true,
  PersonalDataDeleted: true,
  ElectionLocked: true,
  VotingScheduled: true,
  VotingOpened: true,
  VotingClosed: true,
  BallotBoxSealed: true,
  CountSheetRecorded: true,
  ResultsTallied: true,
  PostalPapersEntered: true,
  PostalPapersAgreed: true,
  PostalCounted: true,
  ResultsAccepted: true,
  ResultsPublished: true,
  OfficialRecordIssued: true,
  BreachDetected: true,
  LifecycleFailed: true,
  LifecycleRetried: true,
  CredentialReissued: true,
  LinkRequestsCounted: true,
  RemindersQueued: true,
  CredentialsReleased: true,
  VoterAddressCorrected: true,
  TrusteeCertificateGiven: true,
  TrusteeDealingGiven: true,
  TrusteeReviewGiven: true,
  KeyCeremonyFailed: true,
  ElectionKeyPublished: true,
  MixAccepted: true,
  DecryptionAccepted: true,
  ActionProposed: true,
  MemberRecorded: true,
  MemberRemoved: true,
};

/**
 * The shape of each line, so a hand-made export cannot trip the replay; whether the content is
 * right (event data included) is the verifier's to say. No field beyond these: nothing on a line
 * may escape the checks, and an event holds nothing its hash does not cover.
 */
const auditLine = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('header'),
    format: z.string(),
    version: z.number(),
    electionId: z.string(),
    title: z.string(),
    events: count,
    ballots: count,
    participation: count,
    voters: count,
    breaches: count,
  }),
  z.strictObject({
    kind: z.literal('event'),
    event: z.strictObject({
      electionId: z.string(),
      seq: z.int(),
      at: z.string(),
      prevHash: z.string(),
      hash: z.string(),
      type: z.enum(Object.keys(EVENT_TYPES) as ElectionEvent['type'][]),
      data: z.record(z.string(), z.unknown()),
      // The committee member who asked for it, which the hash covers; absent for what the system did.
      by: z.strictObject({ id: z.string(), name: z.string() }).optional(),
    }),
  }),
  z.strictObject({
    kind: z.literal('ballot'),
    contest: z.string().optional(),
    ballotId: z.string(),
    choices: z.array(z.string()),
    // A sealed paper: its ciphertexts and the voter's proof, which the replay reads strictly.
    sealed: z.strictObject({ ciphertexts: z.array(z.strictObject({ alpha: z.string(), beta: z.string() })), proof: z.unknown() }).optional(),
  }),
  z.strictObject({ kind: z.literal('opening'), digest: z.string(), part: count, parts: z.int().positive(), text: z.string() }),
  z.strictObject({ kind: z.literal('participation'), count }),
  z.strictObject({ kind: z.literal('voter'), hash: z.string(), groups: z.array(z.string()).optional() }),
]);

/**
 * The line numbered `number` (from 1) as an audit line, or an error that names it. The line must
 * be exactly what the system writes: JSON.stringify of the line, which a key given twice, a space,
 * a field beyond the line's own or another spelling of a value would change. The line is returned
 * as parsed, so a key the checks would drop (`__proto__` in a record) stays where its hash covers
 * it. Its length and nesting are checked first, against EXPORT_LIMITS. An event's data is checked
 * by the replay, which reports a wrong one as a finding.
 */
export function parseAuditLine(text: string, number: number, limits: ExportLimits = EXPORT_LIMITS): AuditLine {
  // A UTF-16 unit is at most 3 bytes of UTF-8, so only a text longer than a third of the limit is counted.
  if (text.length * 3 > limits.lineBytes && utf8Bytes(text) > limits.lineBytes) throw new Error(lineTooLong(number, limits));
  if (nestedDeeperThan(text, limits.depth)) throw new Error(`line ${number} nests objects and arrays more than ${limits.depth} deep, the most a line of an export does`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`line ${number} is not JSON`);
  }
  const parsed = auditLine.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`line ${number} is not an audit log line: ${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  }
  const written = JSON.stringify(json);
  if (written !== text)
    throw new Error(
      `line ${number} is not written as the export writes its lines: it differs from character ${firstDifference(written, text) + 1} on (a key given twice, a space, or a value spelt another way)`,
    );
  return json as AuditLine;
}

const lineTooLong = (number: number, limits: ExportLimits) => `line ${number} is longer than ${limits.lineBytes} bytes, the most a line of an export takes`;

/**
 * An export's lines as its bytes arrive (unpacked), numbered from 1: split at each LF and nowhere
 * else, as the export writes them (a CR or an empty line stays for the parser to refuse), the last
 * line given even without its LF. Held to EXPORT_LIMITS as they come: past the export's size, or
 * a line past its length, the reading stops there, naming the line, before anything more is held.
 * The lines come in batches, those each chunk completes: a million-voter export is two million
 * lines, and one await per line cost `audit verify` seconds. A batch cut short by a limit is
 * given before the limit's error, so a line before it is still judged first.
 * `audit verify` and the observers' view both read with this.
 */
export async function* exportLines(chunks: AsyncIterable<Uint8Array>, limits: ExportLimits = EXPORT_LIMITS): AsyncGenerator<ExportLine[]> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line: Uint8Array[] = [];
  let lineBytes = 0;
  let total = 0;
  let number = 1;
  const take = (piece: Uint8Array, ended: boolean) => {
    line.push(piece);
    lineBytes += piece.length;
    total += piece.length + (ended ? 1 : 0);
    if (lineBytes > limits.lineBytes) throw new Error(lineTooLong(number, limits));
    if (total > limits.bytes) throw new Error(`the export is larger than ${limits.bytes} bytes unpacked, the most an export takes (at line ${number})`);
  };
  const text = () => {
    try {
      // Most lines lie within one chunk, and are decoded where they lie.
      return decoder.decode(line.length === 1 ? line[0] : joined(line, lineBytes));
    } catch (error) {
      throw new Error(`line ${number} is not UTF-8 text`, { cause: error });
    }
  };
  for await (const chunk of chunks) {
    const batch: ExportLine[] = [];
    try {
      let start = 0;
      for (let end = chunk.indexOf(LF); end !== -1; end = chunk.indexOf(LF, start)) {
        take(chunk.subarray(start, end), true);
        batch.push({ text: text(), number });
        number += 1;
        line = [];
        lineBytes = 0;
        start = end + 1;
      }
      take(chunk.subarray(start), false);
    } catch (error) {
      if (batch.length > 0) yield batch;
      throw error;
    }
    if (batch.length > 0) yield batch;
  }
  if (lineBytes > 0) yield [{ text: text(), number }];
}

/** A line of an export as read, numbered from 1. */
export interface ExportLine {
  text: string;
  number: number;
}

const LF = 0x0a;

function joined(pieces: readonly Uint8Array[], length: number): Uint8Array {
  const whole = new Uint8Array(length);
  let at = 0;
  for (const piece of pieces) {
    whole.set(piece, at);
    at += piece.length;
  }
  return whole;
}

/** UTF-8 bytes of the text, counted without encoding it. */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    // A surrogate pair is 4 bytes, 2 for each half.
    bytes += unit < 0x80 ? 1 : unit < 0x800 || (unit >= 0xd800 && unit < 0xe000) ? 2 : 3;
  }
  return bytes;
}

/** Whether objects and arrays nest more than `depth` deep, scanned over the text before JSON.parse (brackets in strings do not count). */
function nestedDeeperThan(text: string, depth: number): boolean {
  // Nesting deeper than `depth` needs more openings than that; counting them (natively) spares the scan of nearly every line.
  if (openingsUpTo(text, depth + 1) <= depth) return false;
  let level = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === BACKSLASH) i += 1;
      else if (char === QUOTE) inString = false;
    } else if (char === QUOTE) inString = true;
    else if (char === OPEN_BRACE || char === OPEN_BRACKET) {
      level += 1;
      if (level > depth) return true;
    } else if (char === CLOSE_BRACE || char === CLOSE_BRACKET) level -= 1;
  }
  return false;
}

/** How many braces and brackets open in the text, counted up to `most`, in strings too. */
function openingsUpTo(text: string, most: number): number {
  let openings = 0;
  for (const opening of ['{', '[']) {
    for (let at = text.indexOf(opening); at !== -1 && openings < most; at = text.indexOf(opening, at + 1)) openings += 1;
  }
  return openings;
}

/** The character codes of the double quote, the backslash, the braces and the brackets. */
const [QUOTE, BACKSLASH, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET] = [0x22, 0x5c, 0x7b, 0x7d, 0x5b, 0x5d] as const;

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  return i;
}
