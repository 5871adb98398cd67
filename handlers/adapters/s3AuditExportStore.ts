import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
import type { AuditExportRef, AuditExportStore } from '../ports';
import { AUDIT_EXPORT_HEADERS, AUDIT_EXPORT_PREFIX, auditExportFileName } from './auditExportFiles';

/**
 * Exports in a private S3 bucket: streamed up in parts (constant memory, any size), put only if
 * the key is new (S3's conditional write), and linked on the site's own origin, where CloudFront
 * serves `/audit-logs/*` from the bucket: a published export is public, and on the pages' origin
 * the observers' view may fetch it under its Content-Security-Policy. Stored with
 * Content-Encoding gzip, so browsers and HTTP clients unpack them on the fly, and a copy taken
 * with the AWS CLI keeps the `.ndjson.gz` name of what it is.
 */
export class S3AuditExportStore implements AuditExportStore {
  constructor(
    private readonly bucket: string,
    /** The site's address (the distribution's, or the custom domain in front of it). */
    private readonly siteUrl: string,
    private readonly client: S3Client = new S3Client({}),
  ) {}

  async put(ref: AuditExportRef, gzipped: Readable): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: objectKey(ref),
        Body: gzipped,
        ContentType: AUDIT_EXPORT_HEADERS['content-type'],
        ContentEncoding: AUDIT_EXPORT_HEADERS['content-encoding'],
        ContentDisposition: AUDIT_EXPORT_HEADERS.disposition(ref.electionId),
        // Checked when the object (or the last part's completion) lands: the first export stays.
        IfNoneMatch: '*',
      },
    });
    try {
      await upload.done();
    } catch (error) {
      gzipped.destroy();
      if (!writtenByAnother(error)) throw error;
    }
  }

  async link(ref: AuditExportRef): Promise<string | undefined> {
    const key = { Bucket: this.bucket, Key: objectKey(ref) };
    try {
      await this.client.send(new HeadObjectCommand(key));
    } catch (error) {
      if ((error as Error).name === 'NotFound') return undefined;
      throw error;
    }
    return `${this.siteUrl}/${key.Key}`;
  }
}

const objectKey = (ref: AuditExportRef) => `${AUDIT_EXPORT_PREFIX}${auditExportFileName(ref)}`;

/** The key exists (412), or another conditional write of it is under way (409): the same export either way. */
function writtenByAnother(error: unknown): boolean {
  const name = (error as Error).name;
  return name === 'PreconditionFailed' || name === 'ConditionalRequestConflict';
}
