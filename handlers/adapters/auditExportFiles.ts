import type { AuditExportRef } from '../ports';

/** Every export is under this prefix of the bucket, the only one the functions' roles may touch; the local stack serves the same path. */
export const AUDIT_EXPORT_PREFIX = 'audit-logs/';

/** An export's name wherever it is kept: the election and the event its log ends at, and what its bytes are. */
export const auditExportFileName = ({ electionId, seq }: AuditExportRef): string => `${electionId}.${String(seq).padStart(10, '0')}.ndjson.gz`;

/**
 * How an export is served, by S3 and by the local stand-in alike: NDJSON with Content-Encoding
 * gzip, which browsers, fetch and `curl --compressed` unpack as they read; saved by a browser, it
 * is the plain `.ndjson` the attachment name says.
 */
export const AUDIT_EXPORT_HEADERS = {
  'content-type': 'application/x-ndjson; charset=utf-8',
  'content-encoding': 'gzip',
  disposition: (electionId: string): string => `attachment; filename="${electionId}-audit-log.ndjson"`,
} as const;
