import { Duration, RemovalPolicy, Validations, type Stack } from 'aws-cdk-lib';
import { Grant, type IRole } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { AUDIT_EXPORT_PREFIX } from '../handlers/adapters/auditExportFiles';

/** Published audit exports: written once (by the publish step, or the first request), served by CloudFront on the site's origin. */
export class AuditExports {
  readonly bucket: Bucket;
  private readonly objectsFinding: string;

  constructor(stack: Stack) {
    this.bucket = new Bucket(stack, 'AuditExports', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Our code never overwrites an export; versioning keeps the first one should anyone else.
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsPrefix: 'access-logs/',
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });
    this.objectsFinding = `AwsSolutions::AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/${AUDIT_EXPORT_PREFIX}*]`;
  }

  /** Where the exports are, and the base URL of their links. */
  environment(publicUrl: string): Record<string, string> {
    return { AUDIT_EXPORT_BUCKET: this.bucket.bucketName, AUDIT_EXPORT_URL: publicUrl };
  }

  /** Writes an export and reads it back, under the exports' prefix only. */
  grantExport(role: IRole): Grant {
    // Head, read, and the multipart upload (PutObject covers its create, parts and completion; an upload that fails is aborted).
    const objects = Grant.addToPrincipal({
      grantee: role,
      actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
      resourceArns: [`${this.bucket.bucketArn}/${AUDIT_EXPORT_PREFIX}*`],
    });
    // Without it, S3 answers a HEAD of an export not yet written with 403 instead of 404.
    const listing = Grant.addToPrincipal({ grantee: role, actions: ['s3:ListBucket'], resourceArns: [this.bucket.bucketArn] });
    Validations.of(role).acknowledge({
      id: this.objectsFinding,
      reason: 'Exports are named per election and log head, so the role holds every key under audit-logs/ of the exports bucket, and nothing else in it.',
    });
    return objects.combine(listing);
  }
}
