import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
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
import { serveApi } from './apiServer';
import { BREACH_DELIVERY_PATH } from './breachDeliveryPath';
import { SES_EVENT_DELIVERY_PATH } from './sesEventDeliveryPath';
import { handleSesEventDelivery } from '../../handlers/mail/sesEvents';
import { LOCAL_BREACH_SCOPE } from './cloudTrailFixture';
import { MailAlerter } from '../../handlers/adapters/mailAlerter';
import { handleBreachDelivery } from '../../handlers/breach/recordBreaches';
import { ensureTables } from './createTable';
import { startDynamoDbLocal } from './dynamoDbLocal';
import { startMailbox } from './mailbox';
import { startLocalMailSender } from './mailSender';
import { clockDelivery, REHEARSAL_CLOCK_PATH, type RehearsalClock } from './rehearsalClock';
import { localFiles } from './webFiles';

export interface LocalStackOptions {
  port: number;
  sesPort: number;
  dynamoDbPort: number;
  /** Where DynamoDB Local keeps its files, and the credential key its file; undefined keeps everything in memory. */
  dataDir?: string;
  /** The local mailbox's sending limit, as SES's MaxSendRate (messages per second). */
  sesMaxSendRate: number;
  /** How long the sender's claim on a mail holds: after a crash, the restarted sender takes it over after this. */
  mailLeaseMs?: number;
  adminToken: string;
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
    const dynamo = await startDynamoDbLocal(options.dynamoDbPort, options.dataDir);
    stops.push(dynamo.stop);
    const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: dynamo.endpoint });
    await ensureTables(client, DEFAULT_TABLES);

    const mailbox = await startMailbox(options.sesPort, { maxSendRate: options.sesMaxSendRate });
    stops.push(mailbox.stop);

    // The exports bucket's stand-in: files beside DynamoDB Local's, or a throwaway directory with --in-memory.
    const exportDir = options.dataDir ? join(options.dataDir, 'audit-exports') : await mkdtemp(join(tmpdir(), 'audit-exports-'));
    if (!options.dataDir) stops.push(() => rm(exportDir, { recursive: true, force: true }));
    await mkdir(exportDir, { recursive: true });

    let runner: LocalWorkflowRunner | undefined;
    let checks: LocalWorkflowRunner | undefined;
    const apiBase = `http://127.0.0.1:${options.port}`;
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
        adminToken: options.adminToken,
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
    return { apiUrl: api.url, mailboxUrl: mailbox.url, dynamoDbEndpoint: dynamo.endpoint, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** After a restart, every election still under way gets its workflow back, from the log. */
async function resumeLifecycles(deps: Deps): Promise<void> {
  for (const electionId of await deps.store.listElectionIds()) {
    const input = lifecycleInputOf((await deps.store.load(electionId)).state);
    if (input) await deps.lifecycle.startLifecycle(input);
  }
}
