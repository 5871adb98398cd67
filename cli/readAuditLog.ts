import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { AuditLine } from '../domain';

/** Reads an NDJSON audit export line by line, from a file or an http(s) URL. */
export async function readAuditLog(source: string): Promise<AuditLine[]> {
  let input: NodeJS.ReadableStream;
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source);
    if (!response.ok || !response.body) throw new Error(`GET ${source} → ${response.status}: ${(await response.text()).slice(0, 300)}`);
    input = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  } else {
    input = createReadStream(source);
  }
  const lines: AuditLine[] = [];
  let number = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    number += 1;
    if (text.trim() === '') continue;
    try {
      lines.push(JSON.parse(text) as AuditLine);
    } catch {
      throw new Error(`line ${number} is not JSON`);
    }
  }
  return lines;
}
