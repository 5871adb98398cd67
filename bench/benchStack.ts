import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { systemClock } from '../handlers/adapters/clock';
import { DynamoElectionStore } from '../handlers/adapters/dynamoElectionStore';
import { jsonLog } from '../handlers/adapters/jsonLog';
import { newElectionId, newReceipt, newToken } from '../handlers/adapters/random';
import type { Deps, MailMessage, Mailer } from '../handlers/ports';
import { hashToken } from '../handlers/security';
import { ensureTables } from '../infra/local/createTable';
import type { TableNames } from '../infra/tableSchema';
import { startDynamoDbLocal, type RunningDynamoDb } from '../infra/local/dynamoDbLocal';
import { freePort } from '../test/support/freePort';

export const BENCH_ADMIN_TOKEN = 'bench-admin-token';
export const LOCAL = { region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

/** Keeps credential mails (to read tokens back) and drops the rest: the mailbox is measured by the fan-out benchmark. */
export class TokenMailer implements Mailer {
  readonly tokens = new Map<string, string>();
  async send({ to, text }: MailMessage): Promise<void> {
    const token = /token: (\S+)/.exec(text)?.[1];
    if (token) this.tokens.set(to, token);
  }
  async sendToEach(recipients: string[]) {
    return recipients.map((to) => ({ to, sent: true as const }));
  }
}

export interface BenchStack {
  dynamo: RunningDynamoDb;
  client: DynamoDBClient;
  deps: Deps;
  mailer: TokenMailer;
  tables: TableNames;
  stop(): Promise<void>;
}

/** DynamoDB Local in memory, the two tables, and the real handlers' dependencies around them. */
export async function startBenchStack(tables: TableNames = { events: 'bench-events', ballots: 'bench-ballots' }): Promise<BenchStack> {
  const dynamo = await startDynamoDbLocal(await freePort());
  const client = new DynamoDBClient({ ...LOCAL, endpoint: dynamo.endpoint });
  await ensureTables(client, tables);
  const mailer = new TokenMailer();
  const deps: Deps = {
    store: new DynamoElectionStore(tables, client),
    mailer,
    clock: systemClock,
    log: jsonLog('silent'),
    lifecycle: { startLifecycle: async () => undefined },
    newToken,
    newReceipt,
    newElectionId,
    adminTokenHash: hashToken(BENCH_ADMIN_TOKEN),
    publicUrl: 'http://bench.test',
  };
  return { dynamo, client, deps, mailer, tables, stop: () => dynamo.stop() };
}
