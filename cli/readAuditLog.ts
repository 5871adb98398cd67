import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import * as z from 'zod';
import type { AuditLine, ElectionEvent } from '../domain';

const count = z.int().nonnegative();

/** Every event type, listed so that the compiler notices a new one. */
const EVENT_TYPES: Record<ElectionEvent['type'], true> = {
  ElectionCreated: true,
  CandidatesAdded: true,
  VotersRegistered: true,
  PostalVotesRecorded: true,
  VotingWindowSet: true,
  ObserversSet: true,
  ElectionLocked: true,
  VotingScheduled: true,
  VotingOpened: true,
  VotingClosed: true,
  BallotBoxSealed: true,
  CountSheetRecorded: true,
  ResultsTallied: true,
  ResultsPublished: true,
  BreachDetected: true,
  LifecycleFailed: true,
  CredentialReissued: true,
  RemindersQueued: true,
  VoterAddressCorrected: true,
};

/**
 * The shape of each line, so a hand-made export cannot trip the replay; whether the content is
 * right (event data included) is the verifier's to say.
 */
const auditLine = z.discriminatedUnion('kind', [
  z.object({
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
  z.object({
    kind: z.literal('event'),
    event: z.object({
      electionId: z.string(),
      seq: z.int(),
      at: z.string(),
      prevHash: z.string(),
      hash: z.string(),
      type: z.enum(Object.keys(EVENT_TYPES) as ElectionEvent['type'][]),
      data: z.record(z.string(), z.unknown()),
    }),
  }),
  z.object({ kind: z.literal('ballot'), contest: z.string().optional(), ballotId: z.string(), choices: z.array(z.string()) }),
  z.object({ kind: z.literal('participation'), count }),
  z.object({ kind: z.literal('voter'), hash: z.string(), groups: z.array(z.string()).optional() }),
]);

/**
 * Reads an NDJSON audit export line by line, from a file or an http(s) URL, gzipped or not. The
 * API answers with a redirect to the export, which fetch follows and unpacks (Content-Encoding
 * gzip); a saved `.ndjson.gz` is told by its first bytes.
 */
export async function readAuditLog(source: string): Promise<AuditLine[]> {
  let input: AsyncIterable<Buffer>;
  if (isHttpUrl(source)) {
    const response = await fetch(source);
    if (!response.ok || !response.body) throw new Error(`GET ${source} → ${response.status}: ${(await response.text()).slice(0, 300)}`);
    input = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  } else {
    input = createReadStream(source);
  }
  const lines: AuditLine[] = [];
  let number = 0;
  for await (const text of createInterface({ input: Readable.from(gunzipped(input)), crlfDelay: Infinity })) {
    number += 1;
    if (text.trim() === '') continue;
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
    // An event's data is checked by the replay, which reports a wrong one as a finding.
    lines.push(parsed.data as AuditLine);
  }
  return lines;
}

/** An export to download rather than a file to read. */
export const isHttpUrl = (source: string) => /^https?:\/\//.test(source);

/** gzip's first two bytes. */
const GZIP_MAGIC = [0x1f, 0x8b];

/** The bytes unpacked when they are gzipped, else as they are. */
async function* gunzipped(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const chunks = input[Symbol.asyncIterator]();
  let start = Buffer.alloc(0);
  while (start.length < GZIP_MAGIC.length) {
    const next = await chunks.next();
    if (next.done) break;
    start = Buffer.concat([start, next.value]);
  }
  const whole = (async function* () {
    yield start;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  })();
  if (!GZIP_MAGIC.every((byte, i) => start[i] === byte)) return yield* whole;
  try {
    yield* pipeline(Readable.from(whole), createGunzip(), () => undefined);
  } catch (error) {
    // zlib's own errors (Z_DATA_ERROR, Z_BUF_ERROR for a cut-off file) say the file is damaged; any other is the source's.
    if (!(error as NodeJS.ErrnoException).code?.startsWith('Z_')) throw error;
    throw new Error(`the export is gzipped but damaged: ${(error as Error).message}`, { cause: error });
  }
}
