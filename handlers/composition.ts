import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TableNames } from './adapters/tableSchema';
import { DynamoElectionStore } from './adapters/dynamoElectionStore';
import { DynamoMailQueue } from './adapters/dynamoMailQueue';
import { newElectionId, newReceipt, secureBytes } from './adapters/random';
import type { AuditExportStore, Clock, OfficialRecords, CredentialMinter, Deps, ElectionStore, LifecycleStarter, Log, MailQueue, Mailer, Metrics, OpeningCheckStarter } from './ports';
import { hashToken } from './security';
import type { Member } from '../domain/committee';
import { withAdminToken } from './adapters/adminTokenAuthenticator';
import { JwtAuthenticator, type SessionPool } from './adapters/jwtAuthenticator';
import { OAuthHostedSignIn } from './adapters/oauthHostedSignIn';
import { NoDirectory, type ApiTokens, type MemberDirectory } from './ports';

/**
 * Where the election's tables live: DynamoDB's (AWS's by default, DynamoDB Local's through a
 * client for its endpoint), or stores already made, such as the in-memory twins (memoryStores()).
 */
export type StoreChoice = { tables: TableNames; client?: DynamoDBClient } | { store: ElectionStore; mail: MailQueue };

/** What every function of one environment (AWS, the local stack, a test, a benchmark) shares. */
export interface DepsEnvironment {
  stores: StoreChoice;
  mailer: Mailer;
  clock: Clock;
  log: Log;
  metrics: Metrics;
}

/** What a function may do beyond the tables and the mail: each function is given only what it uses. */
export interface Capabilities {
  /** Derives voters' tokens: the sender and the re-issuers. */
  minter?: CredentialMinter;
  /** Starts the lifecycle workflow: the admin API. */
  lifecycle?: LifecycleStarter;
  /** Starts the opening-check workflow: the admin API. */
  openingChecks?: OpeningCheckStarter;
  /** Writes and links audit exports: the read API and the publish step. */
  auditExports?: AuditExportStore;
  /** Writes official records as PDFs: the record's function, given it by its entry point (the PDF library is in no other bundle). */
  officialRecords?: OfficialRecords;
  /** The committee's accounts: the admin API signs members in and manages them, the lifecycle mails them. */
  accounts?: Accounts;
  /** The admin token, kept only as its hash: the 2019 command API's `administrator_token`, and on the REST API the bootstrap member's token. */
  adminToken?: string;
  /** Whom the admin token acts as on the REST API (ADMIN_TOKEN_MEMBER when not named). */
  adminTokenMember?: Member;
  /** The voter page's address, linked from the voters' mails and the results mail. */
  publicUrl?: string;
}

/** Where the committee's accounts are: the directory of members, their personal API tokens, and the pool whose sessions are theirs. */
export interface Accounts {
  directory: MemberDirectory;
  tokens: ApiTokens;
  /** Without it, only personal API tokens and the admin token sign in. `signInUrl`: the pool's hosted sign-in, which the console sends members to. */
  sessions?: SessionPool & { signInUrl?: string };
}

/** The dependencies of a function that links no page: everything but the public URL. */
export type FunctionDeps = Omit<Deps, 'publicUrl'>;

const refuse = (what: string) => () => Promise.reject(new Error(`this function may not ${what}`));

/** A function not given the workflow has no business starting it. */
const startRefused = refuse('start the lifecycle workflow');
const noWorkflow: LifecycleStarter = { startLifecycle: startRefused, resumeLifecycle: startRefused, endWait: startRefused };

/** A function not given the opening-check workflow checks every upload itself, or starts nothing. */
const noOpeningChecks: OpeningCheckStarter = {
  inlineCiphertexts: Number.POSITIVE_INFINITY,
  ciphertextsPerPart: Number.POSITIVE_INFINITY,
  startOpeningCheck: refuse('start the opening-check workflow'),
  isRunning: refuse('ask after the opening-check workflow'),
};

/** For a function not given the credential key, deriving a token is a bug. */
const noCredentialKey: CredentialMinter = { tokenFor: refuse('derive credentials') };

/** Asked of the API by a member, not a bug of ours: answered as a refusal (handlers/usecases/members.ts). */
const noDirectory = () => Promise.reject(new NoDirectory());

/** A function not given the accounts knows no member and keeps no token: only the admin token signs in to it. */
const noAccounts: Accounts = {
  directory: {
    members: async () => [],
    member: async () => undefined,
    invite: noDirectory,
    setRole: noDirectory,
    remove: noDirectory,
  },
  tokens: { putToken: refuse('keep API tokens'), tokenByHash: async () => undefined, tokensOf: async () => [], revokeToken: refuse('revoke API tokens') },
};

/** For a function not given the record's PDF writer, writing one is a bug. */
const noOfficialRecords: OfficialRecords = { pdf: refuse('write official records') };

/** For a function not given the exports, touching one is a bug. */
const noAuditExports: AuditExportStore = { put: refuse('write audit exports'), link: refuse('read audit exports') };

function storesOf(choice: StoreChoice): { store: ElectionStore; mail: MailQueue } {
  if ('store' in choice) return { store: choice.store, mail: choice.mail };
  return { store: new DynamoElectionStore(choice.tables, choice.client), mail: new DynamoMailQueue(choice.tables, choice.client) };
}

/**
 * The one composition root: the dependency set of a function, from its environment's adapters and
 * the capabilities it is given. What it is not given refuses when used, so that a function that
 * reaches for another's power fails loudly instead of acting; a function given no public URL has
 * none in its type.
 */
export function buildDeps<C extends Capabilities>(environment: DepsEnvironment, capabilities: C): C extends { publicUrl: string } ? Deps : FunctionDeps;
export function buildDeps(environment: DepsEnvironment, capabilities: Capabilities): FunctionDeps & { publicUrl?: string } {
  const { stores, ...shared } = environment;
  const { adminToken, adminTokenMember, accounts, minter, lifecycle, openingChecks, auditExports, officialRecords, publicUrl } = capabilities;
  const { directory, tokens, sessions } = accounts ?? noAccounts;
  const adminTokenHash = adminToken ? hashToken(adminToken) : '';
  // Each capability one by one: one passed as undefined still gets its refusing stand-in.
  return {
    ...storesOf(stores),
    ...shared,
    minter: minter ?? noCredentialKey,
    lifecycle: lifecycle ?? noWorkflow,
    openingChecks: openingChecks ?? noOpeningChecks,
    auditExports: auditExports ?? noAuditExports,
    officialRecords: officialRecords ?? noOfficialRecords,
    ...(publicUrl !== undefined && { publicUrl }),
    newReceipt,
    newElectionId,
    secureBytes,
    adminTokenHash,
    directory,
    apiTokens: tokens,
    authenticator: withAdminToken(new JwtAuthenticator(sessions, { directory, tokens, clock: shared.clock }), adminTokenHash, adminTokenMember),
    hostedSignIn: sessions?.signInUrl ? new OAuthHostedSignIn(sessions.signInUrl, sessions.clientId) : undefined,
  };
}
