import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, HeadObjectCommand, PutObjectCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { S3AuditExportStore } from '../../handlers/adapters/s3AuditExportStore';

const awsError = (name: string, status: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
const s3 = new S3Client({ region: 'eu-central-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
const s3Mock = mockClient(s3);
const store = new S3AuditExportStore('exports-bucket', 'https://vote.uni.test', s3);
const ref = { electionId: 'council-2026', seq: 42 };

/** S3's side of the export store: what AWS answers that the local directory never will. */
describe('the S3 export store', () => {
  afterEach(() => s3Mock.reset());

  it('puts a small export in one call, only if the key is new, as gzipped NDJSON named for a download', async () => {
    s3Mock.on(PutObjectCommand).resolves({});
    await store.put(ref, Readable.from([Buffer.from('gzipped bytes')]));
    const [put] = s3Mock.commandCalls(PutObjectCommand);
    expect(put!.args[0].input).toMatchObject({
      Bucket: 'exports-bucket',
      Key: 'audit-logs/council-2026.0000000042.ndjson.gz',
      IfNoneMatch: '*',
      ContentType: 'application/x-ndjson; charset=utf-8',
      ContentEncoding: 'gzip',
      ContentDisposition: 'attachment; filename="council-2026-audit-log.ndjson"',
    });
  });

  it('leaves the first export in place when another writer got there first, and reports any other failure', async () => {
    s3Mock.on(PutObjectCommand).rejectsOnce(awsError('PreconditionFailed', 412)).rejectsOnce(awsError('ConditionalRequestConflict', 409)).rejects(awsError('AccessDenied', 403));
    await expect(store.put(ref, Readable.from([Buffer.from('a')]))).resolves.toBeUndefined();
    await expect(store.put(ref, Readable.from([Buffer.from('b')]))).resolves.toBeUndefined();
    await expect(store.put(ref, Readable.from([Buffer.from('c')]))).rejects.toThrow('AccessDenied');
  });

  it('streams a large export in parts and asks for the key to be new when completing them; a lost race aborts the upload', async () => {
    s3Mock.on(CreateMultipartUploadCommand).resolves({ UploadId: 'upload-1' });
    s3Mock.on(UploadPartCommand).resolves({ ETag: '"part"' });
    s3Mock.on(CompleteMultipartUploadCommand).rejects(awsError('PreconditionFailed', 412));
    s3Mock.on(AbortMultipartUploadCommand).resolves({});
    const sixMegabytes = Array.from({ length: 6 }, () => randomBytes(1024 * 1024));
    await store.put(ref, Readable.from(sixMegabytes));
    expect(s3Mock.commandCalls(UploadPartCommand)).toHaveLength(2);
    expect(s3Mock.commandCalls(CompleteMultipartUploadCommand)[0]!.args[0].input).toMatchObject({ Key: 'audit-logs/council-2026.0000000042.ndjson.gz', IfNoneMatch: '*', UploadId: 'upload-1' });
    expect(s3Mock.commandCalls(AbortMultipartUploadCommand)[0]!.args[0].input).toMatchObject({ UploadId: 'upload-1' });
  });

  it("links a written export on the site's own origin, where CloudFront serves it from the bucket, and none that is not written", async () => {
    s3Mock.on(HeadObjectCommand).rejectsOnce(awsError('NotFound', 404)).resolves({});
    expect(await store.link(ref)).toBeUndefined();
    expect(await store.link(ref)).toBe('https://vote.uni.test/audit-logs/council-2026.0000000042.ndjson.gz');
  });
});
