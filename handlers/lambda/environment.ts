import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { systemClock } from '../adapters/clock';
import { DynamoElectionStore } from '../adapters/dynamoElectionStore';
import { DynamoMailQueue } from '../adapters/dynamoMailQueue';
import { newLogger, powertoolsLog } from '../adapters/jsonLog';
import { KmsCredentialMinter } from '../adapters/kmsCredentialMinter';
import { newPowertoolsMetrics, powertoolsMetrics } from '../adapters/powertoolsMetrics';
import { newElectionId, newReceipt } from '../adapters/random';
import { SesMailer } from '../adapters/sesMailer';
import { SfnLifecycleStarter } from '../adapters/sfnLifecycleStarter';
import type { AuditExportStore, CredentialMinter, Deps, LifecycleStarter } from '../ports';
import { hashToken } from '../security';

/** One per container: each invocation adds its context to the logger and flushes the metrics (./observed.ts). */
export const logger = newLogger();
export const metrics = newPowertoolsMetrics();

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

/** A function without the workflow's ARN in its environment has no business starting it. */
const noWorkflow: LifecycleStarter = {
  startLifecycle: () => Promise.reject(new Error('this function may not start the lifecycle workflow')),
  resumeLifecycle: () => Promise.reject(new Error('this function may not start the lifecycle workflow')),
};

/** Only the sender and the re-issuers hold the credential key; for any other function, deriving a token is a bug. */
const noCredentialKey: CredentialMinter = {
  tokenFor: () => Promise.reject(new Error('this function may not derive credentials')),
};

/** Only the read API and the publish step keep audit exports; for any other function, touching one is a bug. */
const noAuditExports: AuditExportStore = {
  put: () => Promise.reject(new Error('this function may not write audit exports')),
  link: () => Promise.reject(new Error('this function may not read audit exports')),
};

/** Imported only where the bucket is configured, so that no other function pays for loading the S3 client. */
async function s3AuditExports(bucket: string, siteUrl: string): Promise<AuditExportStore> {
  const { S3AuditExportStore } = await import('../adapters/s3AuditExportStore');
  return new S3AuditExportStore(bucket, siteUrl);
}

/**
 * The adapters of a Lambda function, from its environment, built once per container. The admin
 * token is read from Secrets Manager and kept only as its hash.
 */
async function build(): Promise<Deps> {
  const secretArn = process.env.ADMIN_TOKEN_SECRET_ARN;
  let adminTokenHash = '';
  if (secretArn) {
    const { SecretString } = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretArn }));
    if (!SecretString) throw new Error('the admin token secret is empty');
    adminTokenHash = hashToken(SecretString);
  }
  const stateMachineArn = process.env.STATE_MACHINE_ARN;
  const credentialKey = process.env.CREDENTIAL_KEY_ID;
  const exportBucket = process.env.AUDIT_EXPORT_BUCKET;
  const tables = { events: required('TABLE_NAME'), ballots: required('BALLOTS_TABLE_NAME'), mail: required('MAIL_TABLE_NAME') };
  return {
    store: new DynamoElectionStore(tables),
    mail: new DynamoMailQueue(tables),
    minter: credentialKey ? new KmsCredentialMinter(credentialKey) : noCredentialKey,
    mailer: new SesMailer(required('SENDER_EMAIL'), new SESv2Client({}), process.env.CONFIGURATION_SET),
    clock: systemClock,
    log: powertoolsLog(logger),
    metrics: powertoolsMetrics(metrics),
    lifecycle: stateMachineArn ? new SfnLifecycleStarter(stateMachineArn) : noWorkflow,
    auditExports: exportBucket ? await s3AuditExports(exportBucket, required('AUDIT_EXPORT_URL')) : noAuditExports,
    newReceipt,
    newElectionId,
    adminTokenHash,
    publicUrl: required('PUBLIC_URL'),
  };
}

let deps: Promise<Deps> | undefined;
export const lambdaDeps = (): Promise<Deps> => (deps ??= build());
