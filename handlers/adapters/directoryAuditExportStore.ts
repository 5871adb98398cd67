import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, stat, unlink } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AuditExportRef, AuditExportStore } from '../ports';
import { AUDIT_EXPORT_HEADERS, auditExportFileName } from './auditExportFiles';

/** What a request may name: an export's file, and nothing that could leave the directory. */
const FILE_PATH = /^\/(([a-z0-9][a-z0-9-]*)\.\d{10}\.ndjson\.gz)$/;

export interface LocalAuditExports {
  store: AuditExportStore;
  /** Where the files are served; the store's links point here. */
  url: string;
  stop(): Promise<void>;
}

/**
 * The local stand-in for the exports bucket: a data directory, and a loopback HTTP server that
 * streams its files as S3 serves the objects (the same headers, constant memory). The API's
 * redirect leads here instead of to a presigned URL; locally an export is exactly as public as the
 * route that links to it, so the links carry no signature.
 */
export async function serveAuditExportDirectory(dir: string, { host = '127.0.0.1', port = 0 } = {}): Promise<LocalAuditExports> {
  await mkdir(dir, { recursive: true });
  const server = createServer((request, response) => {
    serveFile(dir, request, response).catch(() => response.destroy());
  });
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(port, host, () => listening());
  });
  const address = server.address();
  const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
  return {
    store: new DirectoryAuditExportStore(dir, url),
    url,
    stop: () =>
      new Promise((stopped) => {
        server.close(() => stopped());
        server.closeAllConnections();
      }),
  };
}

/** Exports as files of one directory, each written once: under a temporary name first, then linked to its own, which fails if it exists. */
export class DirectoryAuditExportStore implements AuditExportStore {
  constructor(
    private readonly dir: string,
    private readonly url: string,
  ) {}

  async put(ref: AuditExportRef, gzipped: Readable): Promise<void> {
    const name = auditExportFileName(ref);
    const partial = join(this.dir, `.${name}.${randomUUID()}.part`);
    try {
      await pipeline(gzipped, createWriteStream(partial, { flags: 'wx' }));
      await link(partial, join(this.dir, name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
    } finally {
      await unlink(partial).catch(() => undefined);
    }
  }

  async link(ref: AuditExportRef): Promise<string | undefined> {
    const name = auditExportFileName(ref);
    const found = await stat(join(this.dir, name)).catch(() => undefined);
    return found ? `${this.url}/${name}` : undefined;
  }
}

async function serveFile(dir: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  request.resume();
  if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405, { allow: 'GET, HEAD' }).end();
  const file = await auditExportFile(dir, new URL(request.url ?? '/', 'http://localhost').pathname);
  if (!file) return void response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('no such export\n');
  response.writeHead(200, file.headers);
  if (request.method === 'HEAD') return void response.end();
  await pipeline(file.open(), response);
}

/** An export's file of the directory by request path (`/<name>`), with the headers S3 sends for it; undefined unless it is one. */
export async function auditExportFile(dir: string, path: string): Promise<{ headers: Record<string, string>; open(): Readable } | undefined> {
  const match = FILE_PATH.exec(path);
  const file = match && join(dir, match[1]!);
  const found = file ? await stat(file).catch(() => undefined) : undefined;
  if (!file || !found?.isFile()) return undefined;
  return {
    headers: {
      'content-type': AUDIT_EXPORT_HEADERS['content-type'],
      'content-encoding': AUDIT_EXPORT_HEADERS['content-encoding'],
      'content-disposition': AUDIT_EXPORT_HEADERS.disposition(match![2]!),
      'content-length': String(found.size),
    },
    open: () => createReadStream(file),
  };
}
