import { randomBytes, randomUUID } from 'node:crypto';
import type { Member, Role } from '../../domain/committee';
import { holdsCredentials } from '../../domain/credentialMail';
import { newApiToken } from '../../handlers/apiTokenText';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import type { TableNames } from '../../handlers/adapters/tableSchema';
import { inject } from 'vitest';
import { DynamoElectionStore, type StoreOptions } from '../../handlers/adapters/dynamoElectionStore';
import { serveAuditExportDirectory } from '../../handlers/adapters/directoryAuditExportStore';
import { DynamoMailQueue } from '../../handlers/adapters/dynamoMailQueue';
import { DynamoApiTokens } from '../../handlers/adapters/dynamoApiTokens';
import { memoryMemberDirectory } from '../../handlers/adapters/memory/memberDirectory';
import { LocalCredentialMinter } from '../../handlers/adapters/localCredentialMinter';
import { drainQueuedMail } from '../../handlers/mail/mailStream';
import { SendPacer } from '../../handlers/mail/sendPacer';
import type { SendTally } from '../../handlers/mail/sendQueuedMail';
import { createApiHandler } from '../../handlers/api/router';
import { buildDeps } from '../../handlers/composition';
import { LIFECYCLE_TASKS } from '../../handlers/lifecycle';
import { newLogger, powertoolsLog } from '../../handlers/adapters/jsonLog';
import type { BulkOutcome, Clock, Deps, LifecycleStarter, Log, MailContent, MailMessage, Mailer, MetricName, Metrics } from '../../handlers/ports';
import { serveApi } from '../../infra/local/apiServer';
import { waitFor } from './waitFor';
import { ensureTables } from '../../infra/local/createTable';
import { officialRecordWriter } from '../../record';

/**
 * Options for a LocalWorkflowRunner whose waits follow the app's clock, read every 20 ms: a test
 * sets its times a minute apart and moves the clock past each in turn, instead of racing times
 * seconds ahead with its own set-up (which lost under load).
 */
export const runnerOnAppClock = (app: Pick<TestApp, 'clock'>) => ({
  clock: app.clock,
  sleep: (ms: number, signal: AbortSignal) => delay(Math.min(ms, 20), undefined, { signal }),
});

/** Real time shifted by an offset the test controls, so a test can step past a deadline. */
export class ShiftedClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/** Keeps every message instead of sending it. */
export class RecordingMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  async send(message: MailMessage): Promise<string> {
    this.sent.push(message);
    return `message-${this.sent.length}`;
  }
  async maxSendRate(): Promise<number> {
    return 1000;
  }
  async sendToEach(recipients: string[], content: MailContent): Promise<BulkOutcome[]> {
    for (const to of recipients) this.sent.push({ to, ...content });
    return recipients.map((to) => ({ to, sent: true }));
  }
  to(address: string): MailMessage[] {
    return this.sent.filter((m) => m.to === address);
  }
  /** The voting token from the latest credential e-mail to this address (for this election, when named), in whichever language: its voting link's. */
  tokenFor(address: string, electionId?: string): string {
    const link = /\/vote#election=([^&\s]+)&token=([^&\s]+)/;
    const mail = this.to(address)
      .filter((m) => link.test(m.text) && (electionId === undefined || decodeURIComponent(m.text.match(link)![1]!) === electionId))
      .at(-1);
    const token = mail && decodeURIComponent(mail.text.match(link)![2]!);
    if (!token) throw new Error(`no credential mail to ${address}${electionId === undefined ? '' : ` for ${electionId}`}`);
    return token;
  }
  /** Whether a credential e-mail for this election went to this address. */
  hasCredential(address: string, electionId: string): boolean {
    try {
      return this.tokenFor(address, electionId).length > 0;
    } catch {
      return false;
    }
  }
}

/**
 * The deployed log (Powertools, this project's line format) keeping every line it would write, so
 * tests check exactly what is (and is not) logged.
 */
export class RecordingLog implements Log {
  readonly lines: string[] = [];
  private readonly log = powertoolsLog(newLogger({ level: 'debug', write: (line) => this.lines.push(line) }));
  info = this.log.info;
  warn = this.log.warn;
  error = this.log.error;
}

/** Keeps every figure instead of emitting it. */
export class RecordingMetrics implements Metrics {
  readonly recorded: { name: MetricName; value: number; dimensions?: Record<string, string> }[] = [];
  count(name: MetricName, value = 1, dimensions?: Record<string, string>): void {
    this.recorded.push({ name, value, ...(dimensions && { dimensions }) });
  }
  duration(name: MetricName, ms: number, dimensions?: Record<string, string>): void {
    this.recorded.push({ name, value: ms, ...(dimensions && { dimensions }) });
  }
  /** The sum of a count, over the figures that have these dimensions (all of them when none are given). */
  total(name: MetricName, dimensions: Record<string, string> = {}): number {
    const matches = (d: Record<string, string> = {}) => Object.entries(dimensions).every(([k, v]) => d[k] === v);
    return this.recorded.filter((r) => r.name === name && matches(r.dimensions)).reduce((sum, r) => sum + r.value, 0);
  }
}

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestApp {
  deps: Deps;
  store: DynamoElectionStore;
  mail: DynamoMailQueue;
  client: DynamoDBClient;
  tables: TableNames;
  /** Every item of both tables, read consistently: what a full dump of the deployment would show. */
  scanAll(): Promise<Record<string, any>[]>;
  /** The directory the audit exports are written to, as the bucket holds them on AWS. */
  exportDir: string;
  mailer: RecordingMailer;
  clock: ShiftedClock;
  log: RecordingLog;
  metrics: RecordingMetrics;
  started: string[];
  /** Fill in the token lists of setUpElection as the credentials are mailed. */
  mailedTokens: (() => void)[];
  /** When set, `start` also runs the lifecycle workflow here. */
  workflow?: LifecycleStarter;
  url: string;
  /**
   * Sends every queued mail that is due, as the mail sender beside the API would within moments.
   * `call` does it after each request that queues credentials, unless `autoDrain` is false.
   */
  drainMail(): Promise<SendTally>;
  autoDrain: boolean;
  /** Calls the API over HTTP; admin routes get the admin token unless headers say otherwise. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/** Requests after which credentials are queued: registration (2019), the start (REST), re-issue and resend. */
const QUEUES_CREDENTIALS = /\/(voters|commands|credentials|start)(\/|$)/;

/** The real handlers and store on a fresh table in the shared DynamoDB Local, served on loopback. */
export async function startTestApp(overrides: Partial<Deps> = {}, storeOptions: StoreOptions = {}): Promise<TestApp> {
  const client = new DynamoDBClient({
    endpoint: inject('dynamoDbEndpoint'),
    region: 'eu-central-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const tables = { events: `events-${randomUUID()}`, ballots: `ballots-${randomUUID()}`, mail: `mail-${randomUUID()}` };
  await ensureTables(client, tables);
  const store = new DynamoElectionStore(tables, client, storeOptions);
  const mail = new DynamoMailQueue(tables, client);
  const mailer = new RecordingMailer();
  const clock = new ShiftedClock();
  const log = new RecordingLog();
  const metrics = new RecordingMetrics();
  const started: string[] = [];
  const mailedTokens: (() => void)[] = [];
  const exportDir = mkdtempSync(join(tmpdir(), 'audit-exports-'));
  const auditExports = await serveAuditExportDirectory(exportDir);
  // Records each start; a test that wants the real workflow sets app.workflow to a runner.
  const lifecycle: LifecycleStarter = {
    startLifecycle: async (input) => {
      started.push(input.electionId);
      if (app.workflow) return app.workflow.startLifecycle(input);
      // Without the workflow, the one step of it voters need at once: the held credentials go out when due.
      if (Date.parse(input.credentialsAt) <= clock.now().getTime()) await LIFECYCLE_TASKS.ReleaseCredentials(deps)(input);
    },
    resumeLifecycle: async (input, attempt) => {
      started.push(input.electionId);
      await app.workflow?.resumeLifecycle(input, attempt);
    },
    endWait: async (taskToken) => {
      await app.workflow?.endWait(taskToken);
    },
  };
  const deps: Deps = {
    ...buildDeps(
      { stores: { store, mail }, mailer, clock, log, metrics },
      {
        minter: new LocalCredentialMinter(),
        lifecycle,
        auditExports: auditExports.store,
        officialRecords: officialRecordWriter(),
        // The committee's accounts: members in memory (the identity provider's twin), their personal tokens on the real tables.
        accounts: { directory: memoryMemberDirectory(), tokens: new DynamoApiTokens(tables, client) },
        adminToken: ADMIN_TOKEN,
        publicUrl: 'http://vote.test',
      },
    ),
    ...overrides,
  };
  const api = await serveApi(createApiHandler(deps), 0);
  const app: TestApp = {
    deps,
    store,
    mail,
    client,
    tables,
    exportDir,
    async scanAll() {
      const items: Record<string, any>[] = [];
      for (const TableName of Object.values(tables)) {
        for await (const page of paginateScan({ client: DynamoDBDocumentClient.from(client) }, { TableName, ConsistentRead: true })) items.push(...(page.Items ?? []));
      }
      return items;
    },
    mailer,
    clock,
    log,
    metrics,
    started,
    mailedTokens,
    url: api.url,
    autoDrain: true,
    async drainMail() {
      const sent = await drainQueuedMail(deps, { pacer: new SendPacer(1_000_000), leaseMs: 30_000, delivery: { sleep: async () => undefined } });
      for (const fill of mailedTokens) fill();
      return sent;
    },
    async call(method, path, body, headers = {}) {
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      if (app.autoDrain && method !== 'GET' && QUEUES_CREDENTIALS.test(path)) await app.drainMail();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async stop() {
      await api.stop();
      await auditExports.stop();
    },
  };
  return app;
}

/** An election with candidates, voters and a window, ready to lock and start. */
export async function setUpElection(app: TestApp, { id = 'e-test', voters = 3, closesInMs = 60_000, ballot = { kind: 'single' } as unknown } = {}) {
  const candidates = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'].map((name) => ({
    name,
    email: `${name.split(' ')[0]!.toLowerCase()}@uni.test`,
    pageLink: `https://uni.test/${encodeURIComponent(name)}`,
  }));
  const created = await app.call('POST', '/elections', {
    id,
    title: 'Student parliament',
    ballot,
    candidates,
    closesAt: new Date(app.clock.now().getTime() + closesInMs).toISOString(),
  });
  if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
  const roll = Array.from({ length: voters }, (_, i) => ({ studentId: `s${i + 1}`, email: `s${i + 1}@uni.test` }));
  const added = await app.call('POST', `/elections/${id}/voters`, { voters: roll });
  if (added.status !== 200) throw new Error(`voters failed: ${JSON.stringify(added.body)}`);
  // Tokens are known once credentials went to the recording mailer, at the start: the list fills in then. A test with another mailer reads its own.
  const tokens: string[] = roll.map(() => '');
  // Each voter's first credential: a re-issue later leaves the list as it was, so a test can try the revoked one.
  const fill = () => roll.forEach((v, i) => (tokens[i] ||= app.mailer.hasCredential(v.email, id) ? app.mailer.tokenFor(v.email, id) : ''));
  app.mailedTokens.push(fill);
  return { id, candidates, roll, tokens };
}

/**
 * A member with an account in the app's directory, and a personal API token of their role for a
 * day, as `tokens create` makes one: the headers that sign them in.
 */
export async function memberWithToken(app: TestApp, name: string, role: Role): Promise<{ member: Member; headers: Record<string, string> }> {
  const member = await app.deps.directory.invite({ email: `${name.split(' ')[0]!.toLowerCase()}@union.test`, name, role });
  return { member, headers: await tokenHeaders(app, member) };
}

/** A new personal API token of the member's role for a day from the app's clock, as `tokens create` makes one: the headers that sign them in. */
export async function tokenHeaders(app: TestApp, member: Member): Promise<Record<string, string>> {
  const { role } = member;
  const { text, hash } = newApiToken(randomBytes);
  const now = app.clock.now();
  await app.deps.apiTokens.putToken({
    id: randomUUID(),
    hash,
    member: { id: member.id, name: member.name },
    role,
    label: 'tests',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
  });
  return { authorization: `Bearer ${text}` };
}

/**
 * Waits until the workflow has released the credentials held until voting opened, and sends them:
 * the token lists of setUpElection fill in. Without the workflow, `start` releases them itself.
 */
export async function mailHeldCredentials(app: TestApp, id: string): Promise<void> {
  await waitFor(async () => !holdsCredentials((await app.store.load(id)).state));
  await app.drainMail();
}

/** Locks and starts the election as the admin; `confirmedBy`: the committee member who confirms each step, where the election has a committee roster. */
export async function openElection(app: TestApp, id: string, confirmedBy?: Record<string, string>) {
  for (const step of ['lock', 'start']) {
    const asked = await app.call('POST', `/elections/${id}/${step}`);
    const r = asked.status === 202 && confirmedBy ? await app.call('POST', `/elections/${id}/${step}`, undefined, confirmedBy) : asked;
    if (r.status !== 200) throw new Error(`${step} failed: ${JSON.stringify(r.body)}`);
  }
}
