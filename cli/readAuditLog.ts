import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { AuditLine } from '../domain/auditLog';
import { exportLines, parseAuditLine } from '../contract/auditLine';
import { EXPORT_LIMITS, type ExportLimits } from '../domain/limits';

/**
 * Reads an NDJSON audit export line by line, from a file or an http(s) URL, gzipped or not. The
 * API answers with a redirect to the export, which fetch follows and unpacks (Content-Encoding
 * gzip); a saved `.ndjson.gz` is told by its first bytes. The bytes are split into lines as they
 * unpack, and held to EXPORT_LIMITS as they come (exportLines).
 */
export async function readAuditLog(source: string, limits: ExportLimits = EXPORT_LIMITS): Promise<AuditLine[]> {
  let input: AsyncIterable<Buffer>;
  if (isHttpUrl(source)) {
    const response = await fetch(source);
    if (!response.ok || !response.body) throw new Error(`GET ${source} → ${response.status}: ${(await response.text()).slice(0, 300)}`);
    input = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  } else {
    input = createReadStream(source);
  }
  const lines: AuditLine[] = [];
  for await (const batch of exportLines(gunzipped(input), limits)) for (const { text, number } of batch) lines.push(parseAuditLine(text, number, limits));
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
