import type { Readable } from 'node:stream';

/** An election's audit export: its log as it stood at event `seq`. The log only grows, so an export never changes. */
export interface AuditExportRef {
  electionId: string;
  seq: number;
}

/**
 * Where published audit exports are kept (a private S3 bucket on AWS, a directory locally), as
 * gzipped NDJSON: each written once, then handed out by a short-lived link.
 */
export interface AuditExportStore {
  /** Writes the export from its gzipped bytes; when it is there already (another writer won), the first one stands. */
  put(ref: AuditExportRef, gzipped: Readable): Promise<void>;
  /** A short-lived URL of the export, or undefined while it is not written. */
  link(ref: AuditExportRef): Promise<string | undefined>;
}
