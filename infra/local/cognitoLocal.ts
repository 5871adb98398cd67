import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { ROLES } from '../../domain/committee';
import { portInUse } from './freePorts';
import { waitUntilReachable } from './waitUntilReachable';

const GUARDIAN = fileURLToPath(new URL('./cognitoLocalGuardian.mjs', import.meta.url));

/** The names the local pool and its console client are found again by, in a data directory kept from an earlier start. */
export const LOCAL_POOL_NAME = 'election-committee';
export const LOCAL_CLIENT_NAME = 'admin-console';

export interface CognitoLocalOptions {
  port: number;
  /** Where cognito-local keeps the pool (`.cognito/` inside it); a temporary directory, removed at stop, when not given. */
  dataDir?: string;
  /** Where the console's sign-in may send a member back to with the authorization code (cognito-local checks redirect_uri against these). */
  callbackUrls: string[];
  /** cognito-local's output, line by line: locally, an invitation's temporary password is shown there and nowhere else. */
  onOutput?: (line: string) => void;
}

export interface RunningCognitoLocal {
  /** The endpoint of the Cognito API (the SDK's `endpoint`), and of `/oauth2/authorize` and `/oauth2/token`. */
  endpoint: string;
  userPoolId: string;
  clientId: string;
  /** The tokens' `iss`: `http://127.0.0.1:<port>/<pool id>`; its keys are at `<issuer>/.well-known/jwks.json`. */
  issuer: string;
  /** An SDK client for this cognito-local. */
  client: CognitoIdentityProviderClient;
  stop(): Promise<void>;
}

/**
 * Starts cognito-local, the stand-in for the committee's user pool, as a child process that ends
 * with this one; waits until it answers, then makes (or finds again) the pool, the console's app
 * client and a group for each role. Refuses a port that is taken: what answers there is not ours.
 */
export async function startCognitoLocal(options: CognitoLocalOptions): Promise<RunningCognitoLocal> {
  const { port } = options;
  if (await portInUse(port)) throw new Error(`port ${port} for cognito-local is in use`);
  const dir = options.dataDir ? resolve(options.dataDir) : await mkdtemp(join(tmpdir(), 'cognito-local-'));
  mkdirSync(dir, { recursive: true });
  // A CODE in our environment would make cognito-local give every invitation that one password.
  const { CODE: _code, ...environment } = process.env;
  const child = spawn(process.execPath, [GUARDIAN], {
    cwd: dir,
    env: { ...environment, PORT: String(port), HOST: '127.0.0.1', AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' },
    stdio: 'pipe',
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    const lines = output.split('\n');
    output = lines.pop()!;
    for (const line of lines) options.onOutput?.(line);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    child.stdin.end();
    await exited;
    if (!options.dataDir) await rm(dir, { recursive: true, force: true });
  };
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReachable(`${endpoint}/health`, 30_000, exited);
    const client = new CognitoIdentityProviderClient({ endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const userPoolId = await ensureCommitteePool(client);
    const clientId = await ensureConsoleClient(client, userPoolId, options.callbackUrls);
    return { endpoint, userPoolId, clientId, issuer: `${endpoint}/${userPoolId}`, client, stop };
  } catch (error) {
    await stop();
    throw new Error(`cognito-local did not start on port ${port}: ${(error as Error).message}\n${output}`, { cause: error });
  }
}

/**
 * The pool of this name with a group for each role, made unless there: as on AWS
 * (infra/committeeAccounts.ts), e-mail as the sign-in name, accounts made by admins only, MFA
 * required. Its id.
 */
export async function ensureCommitteePool(client: CognitoIdentityProviderClient, name = LOCAL_POOL_NAME): Promise<string> {
  const { UserPools = [] } = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const userPoolId = UserPools.find((pool) => pool.Name === name)?.Id ?? (await createPool(client, name));
  await ensureGroups(client, userPoolId);
  return userPoolId;
}

async function createPool(client: CognitoIdentityProviderClient, name: string): Promise<string> {
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: name,
      UsernameAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 3 } },
    }),
  );
  return UserPool!.Id!;
}

/**
 * The console's client: no secret, the authorization code grant (cognito-local checks PKCE's S256),
 * and USER_PASSWORD_AUTH, the one flow by which cognito-local signs in through the API (it has no
 * SRP). A client found again is given this start's callback URLs.
 */
async function ensureConsoleClient(client: CognitoIdentityProviderClient, userPoolId: string, callbackUrls: string[]): Promise<string> {
  const { UserPoolClients = [] } = await client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  const found = UserPoolClients.find((c) => c.ClientName === LOCAL_CLIENT_NAME)?.ClientId;
  if (found) {
    await client.send(new UpdateUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: found, CallbackURLs: callbackUrls, LogoutURLs: callbackUrls }));
    return found;
  }
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: LOCAL_CLIENT_NAME,
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: callbackUrls,
      LogoutURLs: callbackUrls,
      AccessTokenValidity: 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'hours' },
      IdTokenValidity: 60,
      RefreshTokenValidity: 12,
    }),
  );
  return UserPoolClient!.ClientId!;
}

/** A group for each role, highest first in precedence (Cognito's lowest number). */
async function ensureGroups(client: CognitoIdentityProviderClient, userPoolId: string): Promise<void> {
  const { Groups = [] } = await client.send(new ListGroupsCommand({ UserPoolId: userPoolId }));
  for (const [precedence, role] of ROLES.entries()) {
    if (Groups.some((g) => g.GroupName === role)) continue;
    await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: role, Precedence: precedence }));
  }
}
