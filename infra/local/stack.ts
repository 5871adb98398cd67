import { startLocalRetentionSweeper } from './retentionSweeper';
import { AdminSetUserPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { commandLineRedirectUri } from '../../contract/commandLineSignIn';
import { createApiHandler } from '../../handlers/api/router';
import { systemClock } from '../../handlers/adapters/clock';
import { DirectoryAuditExportStore } from '../../handlers/adapters/directoryAuditExportStore';
import { AUDIT_EXPORT_PREFIX } from '../../handlers/adapters/auditExportFiles';
import { LocalCredentialMinter } from '../../handlers/adapters/localCredentialMinter';
import { noMetrics } from '../../handlers/adapters/noMetrics';
import { SesMailer } from '../../handlers/adapters/sesMailer';
import { buildDeps } from '../../handlers/composition';
import type { Deps, Log } from '../../handlers/ports';
import { lifecycleTaskHandlers } from '../../handlers/lifecycle';
import { lifecycleInputOf } from '../../handlers/usecases/startVoting';
import { LocalWorkflowRunner } from '../../workflows/localRunner';
import { LocalOpeningChecks } from '../../workflows/localOpeningChecks';
import { openingCheckTaskHandlers } from '../../handlers/openingCheck';
import { synthesizeLifecycleDefinition, synthesizeOpeningCheckDefinition } from '../../workflows/synthesizeDefinition';
import { DEFAULT_TABLES } from '../../handlers/adapters/tableSchema';
import { CognitoMemberDirectory } from '../../handlers/adapters/cognitoMemberDirectory';
import { DynamoApiTokens } from '../../handlers/adapters/dynamoApiTokens';
import type { Member } from '../../domain/committee';
import { serveApi } from './apiServer';
import { BREACH_DELIVERY_PATH } from './breachDeliveryPath';
import { SES_EVENT_DELIVERY_PATH } from './sesEventDeliveryPath';
import { handleSesEventDelivery } from '../../handlers/mail/sesEvents';
import { LOCAL_BREACH_SCOPE } from './cloudTrailFixture';
import { MailAlerter } from '../../handlers/adapters/mailAlerter';
import { handleBreachDelivery } from '../../handlers/breach/recordBreaches';
import { ensureTables } from './createTable';
import { startDynamoDbLocal } from './dynamoDbLocal';
import { startCognitoLocal } from './cognitoLocal';
import { ensureChair, type LocalChair } from './committeeChair';
import { invitationMail, invitationRelay, type LocalInvitation } from './invitationRelay';
import { startMailbox } from './mailbox';
import { startLocalMailSender } from './mailSender';
import { clockDelivery, REHEARSAL_CLOCK_PATH, type RehearsalClock } from './rehearsalClock';
import { localFiles } from './webFiles';
import { officialRecordWriter } from '../../record';

export interface LocalStackOptions {
  port: number;
  sesPort: number;
  dynamoDbPort: number;
  /** cognito-local, the committee's user pool. */
  cognitoPort: number;
  /** Where DynamoDB Local keeps its files, cognito-local its pool (`cognito/`), and the credential key its file; undefined keeps everything in memory. */
  dataDir?: string;
  /** The local mailbox's sending limit, as SES's MaxSendRate (messages per second). */
  sesMaxSendRate: number;
  /** How long the sender's claim on a mail holds: after a crash, the restarted sender takes it over after this. */
  mailLeaseMs?: number;
  adminToken: string;
  /** The bootstrap committee member, made in the pool unless there: the admin token acts as them. */
  chair: LocalChair;
  publicUrl?: string;
  senderEmail: string;
  /** The observers who receive breach alerts (the CDK app's observerEmails). */
  observerEmails: string[];
  /** How long after closesAt the workflow waits before the tally. */
  graceSeconds: number;
  log: Log;
  /** A rehearsal's clock, moved forward at REHEARSAL_CLOCK_PATH; absent, the stack runs on real time. */
  rehearsalClock?: RehearsalClock;
}

export interface LocalStack {
  apiUrl: string;
  mailboxUrl: string;
  dynamoDbEndpoint: string;
  cognitoEndpoint: string;
  /** The chair's account as the pool has it: the admin token acts as this member. */
  chair: Member & { email: string };
  stop(): Promise<void>;
}

/** Local stand-ins need credentials and a region in the request; their values do not matter. */
const LOCAL_AWS = { region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

/** The whole system on one machine: the same handlers and table schema, local stand-ins for AWS. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const apiBase = `http://127.0.0.1:${options.port}`;
    let mailInvitation: ((invitation: LocalInvitation) => Promise<unknown>) | undefined;
    // The two slowest to start, side by side: a Java program and a Node one.
    const [dynamo, cognito] = await bothStarted(
      startDynamoDbLocal(options.dynamoDbPort, options.dataDir),
      startCognitoLocal({
        port: options.cognitoPort,
        dataDir: options.dataDir && join(options.dataDir, 'cognito'),
        // The console's addresses, where its sign-in may send a member back, and `election login`'s.
        callbackUrls: [...new Set([apiBase, `http://localhost:${options.port}`, options.publicUrl ?? apiBase].map((base) => `${base}/admin`)), commandLineRedirectUri()],
        // Each invitation, which cognito-local prints, into the mailbox as Cognito would mail it (once the mailbox runs).
        onOutput: invitationRelay((invitation) => void mailInvitation?.(invitation)),
      }),
      stops,
    );
    const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: dynamo.endpoint });
    const directory = new CognitoMemberDirectory(cognito.userPoolId, cognito.client);
    const [chair] = await Promise.all([ensureChair(directory, options.chair), ensureTables(client, DEFAULT_TABLES)]);
    // The chair signs in to the console with their account too: its password is the admin token, which acts as the chair already.
    await cognito.client.send(new AdminSetUserPasswordCommand({ UserPoolId: cognito.userPoolId, Username: chair.email, Password: options.adminToken, Permanent: true }));

    const mailbox = await startMailbox(options.sesPort, { maxSendRate: options.sesMaxSendRate });
    stops.push(mailbox.stop);
    const invitations = new SesMailer(options.senderEmail, new SESv2Client({ ...LOCAL_AWS, endpoint: mailbox.url }));
    mailInvitation = (invitation) =>
      invitations.send(invitationMail(invitation, `${options.publicUrl ?? apiBase}/admin`)).catch((error: unknown) => options.log.warn('invitation not mailed', { error: (error as Error).name }));

    // The exports bucket's stand-in: files beside DynamoDB Local's, or a throwaway directory with --in-memory.
    const exportDir = options.dataDir ? join(options.dataDir, 'audit-exports') : await mkdtemp(join(tmpdir(), 'audit-exports-'));
    if (!options.dataDir) stops.push(() => rm(exportDir, { recursive: true, force: true }));
    await mkdir(exportDir, { recursive: true });

    let runner: LocalWorkflowRunner | undefined;
    let checks: LocalWorkflowRunner | undefined;
    const deps = buildDeps(
      {
        stores: { tables: DEFAULT_TABLES, client },
        mailer: new SesMailer(options.senderEmail, new SESv2Client({ ...LOCAL_AWS, endpoint: mailbox.url })),
        clock: options.rehearsalClock ?? systemClock,
        log: options.log,
        // CloudWatch's figures have no local reader: the log says what happened.
        metrics: noMetrics,
      },
      {
        minter: options.dataDir ? LocalCredentialMinter.fromKeyFile(join(options.dataDir, 'credential-key')) : new LocalCredentialMinter(),
        lifecycle: { startLifecycle: (input) => runner!.startLifecycle(input), resumeLifecycle: (input) => runner!.resumeLifecycle(input), endWait: () => runner!.endWait() },
        openingChecks: new LocalOpeningChecks(() => checks!),
        // Linked on the API's own origin, as CloudFront serves them on AWS: the observers' view fetches them.
        auditExports: new DirectoryAuditExportStore(exportDir, `/${AUDIT_EXPORT_PREFIX.slice(0, -1)}`),
        officialRecords: officialRecordWriter(),
        accounts: { directory, tokens: new DynamoApiTokens(DEFAULT_TABLES, client), sessions: { issuer: cognito.issuer, clientId: cognito.clientId, signInUrl: cognito.endpoint } },
        adminToken: options.adminToken,
        adminTokenMember: { id: chair.id, name: chair.name, role: chair.role },
        publicUrl: options.publicUrl ?? apiBase,
      },
    );
    runner = new LocalWorkflowRunner(synthesizeLifecycleDefinition({ graceSeconds: options.graceSeconds }), lifecycleTaskHandlers(deps), options.log, {
      clock: deps.clock,
      ...(options.rehearsalClock && { sleep: options.rehearsalClock.sleep }),
    });
    checks = new LocalWorkflowRunner(synthesizeOpeningCheckDefinition(), openingCheckTaskHandlers(deps), options.log, { clock: deps.clock });
    const workflows = [runner, checks];
    stops.push(() => Promise.all(workflows.map((workflow) => workflow.stop())).then(() => undefined));
    const breaches = handleBreachDelivery({ ...deps, alerter: new MailAlerter(deps.mailer, options.observerEmails), scope: LOCAL_BREACH_SCOPE });
    const api = await serveApi(createApiHandler(deps), options.port, '127.0.0.1', {
      deliveries: {
        [BREACH_DELIVERY_PATH]: breaches,
        [SES_EVENT_DELIVERY_PATH]: handleSesEventDelivery(deps),
        ...(options.rehearsalClock && { [REHEARSAL_CLOCK_PATH]: clockDelivery(options.rehearsalClock) }),
      },
      files: localFiles({ auditExportDir: exportDir }),
      log: options.log,
    });
    stops.push(api.stop);
    const sender = await startLocalMailSender(deps, { client, mailTable: DEFAULT_TABLES.mail, leaseMs: options.mailLeaseMs ?? 30_000, sweepEveryMs: 2_000 });
    stops.push(sender.stop);
    await resumeLifecycles(deps);
    const retention = startLocalRetentionSweeper(deps, { ...(options.rehearsalClock && { sleep: options.rehearsalClock.sleep }) });
    stops.push(retention.stop);
    return { apiUrl: api.url, mailboxUrl: mailbox.url, dynamoDbEndpoint: dynamo.endpoint, cognitoEndpoint: cognito.endpoint, chair, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface Service {
  stop(): Promise<void>;
}

/**
 * Two services starting at once, once both have: each that started is among the stops, also when
 * the other did not start, whose failure is then thrown.
 */
async function bothStarted<A extends Service, B extends Service>(a: Promise<A>, b: Promise<B>, stops: (() => Promise<void>)[]): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b]);
  for (const started of [first, second]) if (started.status === 'fulfilled') stops.push(started.value.stop);
  if (first.status === 'rejected') throw first.reason;
  if (second.status === 'rejected') throw second.reason;
  return [first.value, second.value];
}

/** After a restart, every election still under way gets its workflow back, from the log. */
async function resumeLifecycles(deps: Deps): Promise<void> {
  for (const electionId of await deps.store.listElectionIds()) {
    const input = lifecycleInputOf((await deps.store.load(electionId)).state);
    if (input) await deps.lifecycle.startLifecycle(input);
  }
}
