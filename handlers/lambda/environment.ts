import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { systemClock } from '../adapters/clock';
import { newLogger, powertoolsLog } from '../adapters/jsonLog';
import { KmsCredentialMinter } from '../adapters/kmsCredentialMinter';
import { newPowertoolsMetrics, powertoolsMetrics } from '../adapters/powertoolsMetrics';
import { SesMailer } from '../adapters/sesMailer';
import { SfnLifecycleStarter } from '../adapters/sfnLifecycleStarter';
import { SfnOpeningCheckStarter } from '../adapters/sfnOpeningCheckStarter';
import { buildDeps, type Capabilities } from '../composition';

/** One per container: each invocation adds its context to the logger and flushes the metrics (./observed.ts). */
export const logger = newLogger();
export const metrics = newPowertoolsMetrics();

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

/** The admin token is read from Secrets Manager once per container. */
async function adminToken(): Promise<string> {
  const { SecretString } = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: required('ADMIN_TOKEN_SECRET_ARN') }));
  if (!SecretString) throw new Error('the admin token secret is empty');
  return SecretString;
}

/** Loaded only by the functions that keep exports, so that no other function pays for loading the S3 client. */
async function s3AuditExports() {
  const { S3AuditExportStore } = await import('../adapters/s3AuditExportStore');
  return new S3AuditExportStore(required('AUDIT_EXPORT_BUCKET'), required('AUDIT_EXPORT_URL'));
}

/** The user pool's directory, the personal tokens beside the log, and the pool's sessions for the console's client. */
async function accounts() {
  const [{ CognitoMemberDirectory }, { DynamoApiTokens }] = await Promise.all([import('../adapters/cognitoMemberDirectory'), import('../adapters/dynamoApiTokens')]);
  return {
    directory: new CognitoMemberDirectory(required('USER_POOL_ID')),
    tokens: new DynamoApiTokens({ events: required('TABLE_NAME') }),
    sessions: { issuer: required('TOKEN_ISSUER'), clientId: required('USER_POOL_CLIENT_ID'), ...(process.env.SIGN_IN_URL && { signInUrl: process.env.SIGN_IN_URL }) },
  };
}

/** What a function's entry point gives it rather than its environment: the record's PDF writer, which no other function may bundle. */
export type GivenCapabilities = Pick<Capabilities, 'officialRecords'>;

/** Each capability from the environment variables the stack gives the functions that hold it (infra/). */
const FROM_ENVIRONMENT: { [K in Capability]-?: () => Capabilities[K] | Promise<Capabilities[K]> } = {
  minter: () => new KmsCredentialMinter(required('CREDENTIAL_KEY_ID')),
  lifecycle: () => new SfnLifecycleStarter(required('STATE_MACHINE_ARN')),
  openingChecks: () => new SfnOpeningCheckStarter(required('OPENING_CHECK_STATE_MACHINE_ARN')),
  auditExports: s3AuditExports,
  accounts,
  adminToken,
  // On AWS the admin token acts as ADMIN_TOKEN_MEMBER: the chair signs in with their own account.
  adminTokenMember: () => undefined,
  publicUrl: () => required('PUBLIC_URL'),
};

export type Capability = Exclude<keyof Capabilities, keyof GivenCapabilities>;

/** A Lambda handler that says which capabilities it asks lambdaDeps for, so a test can hold the stack's environment of its function to them. */
export const withCapabilities = <H extends object>(handler: H, capabilities: readonly Capability[]): H & { readonly capabilities: readonly Capability[] } => Object.assign(handler, { capabilities });

/**
 * A Lambda function's dependencies, built once per container: the tables, SES, CloudWatch's log
 * and figures, and the capabilities the function asks for, each read from its environment.
 */
export function lambdaDeps<C extends Capability>(...asked: C[]): Promise<ReturnType<typeof buildDeps<Required<Pick<Capabilities, C>>>>> {
  return lambdaDepsGiven({}, ...asked);
}

/** lambdaDeps, with what the function's entry point gives it besides. */
export function lambdaDepsGiven<C extends Capability>(given: GivenCapabilities, ...asked: C[]): Promise<ReturnType<typeof buildDeps<Required<Pick<Capabilities, C>>>>> {
  return (built ??= build(asked, given)) as never;
}

let built: Promise<unknown> | undefined;

async function build(asked: Capability[], given: GivenCapabilities) {
  const capabilities: Capabilities = { ...given };
  for (const name of asked) (capabilities as Record<Capability, unknown>)[name] = await FROM_ENVIRONMENT[name]();
  const tables = { events: required('TABLE_NAME'), ballots: required('BALLOTS_TABLE_NAME'), mail: required('MAIL_TABLE_NAME') };
  const mailer = new SesMailer(required('SENDER_EMAIL'), new SESv2Client({}), process.env.CONFIGURATION_SET);
  return buildDeps({ stores: { tables }, mailer, clock: systemClock, log: powertoolsLog(logger), metrics: powertoolsMetrics(metrics) }, capabilities);
}
