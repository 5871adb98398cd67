import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../handlers/adapters/clock';
import { serveAuditExportDirectory } from '../handlers/adapters/directoryAuditExportStore';
import { jsonLog } from '../handlers/adapters/jsonLog';
import { noMetrics } from '../handlers/adapters/noMetrics';
import { LocalCredentialMinter } from '../handlers/adapters/localCredentialMinter';
import { buildDeps } from '../handlers/composition';
import { drainQueuedMail } from '../handlers/mail/mailStream';
import { SendPacer } from '../handlers/mail/sendPacer';
import type { Deps, LifecycleStarter, MailMessage, Mailer } from '../handlers/ports';
import { ensureTables } from '../infra/local/createTable';
import type { TableNames } from '../handlers/adapters/tableSchema';
import { startDynamoDbLocal, type RunningDynamoDb } from '../infra/local/dynamoDbLocal';
import { freePort } from '../test/support/freePort';

export const BENCH_ADMIN_TOKEN = 'bench-admin-token';
export const LOCAL = { region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

/** Keeps credential mails (to read tokens back) and drops the rest: the mailbox is measured by the fan-out benchmark. */
export class TokenMailer implements Mailer {
  readonly tokens = new Map<string, string>();
  async send({ to, text }: MailMessage): Promise<undefined> {
    const token = /token: (\S+)/.exec(text)?.[1];
    if (token) this.tokens.set(to, token);
    return undefined;
  }
  async maxSendRate(): Promise<number> {
    return 1_000_000;
  }
  async sendToEach(recipients: string[]) {
    return recipients.map((to) => ({ to, sent: true as const }));
  }
}

/** The workflow, never started: a benchmark steps an election through its lifecycle itself. */
export const IDLE_WORKFLOW: LifecycleStarter = { startLifecycle: async () => undefined, resumeLifecycle: async () => undefined, endWait: async () => undefined };

export interface BenchStack {
  dynamo: RunningDynamoDb;
  client: DynamoDBClient;
  deps: Deps;
  mailer: TokenMailer;
  tables: TableNames;
  /** Sends every queued mail now (to the token mailer): what the sender does at its pace beside the API. */
  drainMail(): Promise<unknown>;
  stop(): Promise<void>;
}

/** DynamoDB Local in memory, the three tables, and the real handlers' dependencies around them. */
export async function startBenchStack(tables: TableNames = { events: 'bench-events', ballots: 'bench-ballots', mail: 'bench-mail' }): Promise<BenchStack> {
  const dynamo = await startDynamoDbLocal(await freePort());
  const client = new DynamoDBClient({ ...LOCAL, endpoint: dynamo.endpoint });
  await ensureTables(client, tables);
  const mailer = new TokenMailer();
  const auditExports = await serveAuditExportDirectory(mkdtempSync(join(tmpdir(), 'bench-audit-exports-')));
  const deps = buildDeps(
    { stores: { tables, client }, mailer, clock: systemClock, log: jsonLog('silent'), metrics: noMetrics },
    {
      minter: new LocalCredentialMinter(),
      lifecycle: IDLE_WORKFLOW,
      auditExports: auditExports.store,
      adminToken: BENCH_ADMIN_TOKEN,
      publicUrl: 'http://bench.test',
    },
  );
  const drainMail = () => drainQueuedMail(deps, { pacer: new SendPacer(1_000_000), leaseMs: 60_000 });
  return {
    dynamo,
    client,
    deps,
    mailer,
    tables,
    drainMail,
    stop: async () => {
      await auditExports.stop();
      await dynamo.stop();
    },
  };
}
