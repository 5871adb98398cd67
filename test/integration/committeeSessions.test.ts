import { createHmac, createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  CreateUserPoolClientCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CognitoMemberDirectory } from '../../handlers/adapters/cognitoMemberDirectory';
import { JwtAuthenticator, MEMBER_READ_MS } from '../../handlers/adapters/jwtAuthenticator';
import { MemoryTables } from '../../handlers/adapters/memory';
import { memoryApiTokens } from '../../handlers/adapters/memory/apiTokens';
import { ensureCommitteePool, startCognitoLocal, type RunningCognitoLocal } from '../../infra/local/cognitoLocal';
import { freePort } from '../support/freePort';

const CONSOLE = 'http://127.0.0.1:3000/admin';
const PASSWORD = 'Correct-Horse-Battery-9';

/**
 * The committee's sessions end to end on the local stand-in: cognito-local started as the local
 * stack starts it, a member invited through the directory, signed in through the Cognito API, and
 * their access token judged by the authenticator against the pool's published keys.
 */
describe('committee sessions on cognito-local', () => {
  let local: RunningCognitoLocal;
  let directory: CognitoMemberDirectory;
  let authenticator: JwtAuthenticator;
  let now = new Date();

  beforeAll(async () => {
    local = await startCognitoLocal({ port: await freePort(), callbackUrls: [CONSOLE] });
    directory = new CognitoMemberDirectory(local.userPoolId, local.client);
    authenticator = new JwtAuthenticator({ issuer: local.issuer, clientId: local.clientId }, { directory, tokens: memoryApiTokens(new MemoryTables()), clock: { now: () => now } });
  });
  afterAll(() => local?.stop());
  afterEach(() => vi.useRealTimers());

  /** A first sign-in: a temporary password, as the invitation would bring, answered with a new one. */
  const firstSignIn = async (email: string, clientId = local.clientId, userPoolId = local.userPoolId): Promise<AuthenticationResultType> => {
    await local.client.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: email, Password: 'Temporary-Pass-1', Permanent: false }));
    const start = await local.client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: 'Temporary-Pass-1' } }));
    expect(start.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const answer = await local.client.send(
      new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: start.Session, ChallengeResponses: { USERNAME: email, NEW_PASSWORD: PASSWORD } }),
    );
    return answer.AuthenticationResult!;
  };
  const address = () => `member-${randomUUID().slice(0, 8)}@uni.test`;

  it('finds the pool, the client and the groups again when started again on the same data', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'cognito-data-'));
    try {
      const first = await startCognitoLocal({ port: await freePort(), dataDir, callbackUrls: [CONSOLE] });
      const ids = { userPoolId: first.userPoolId, clientId: first.clientId };
      const ada = await new CognitoMemberDirectory(first.userPoolId, first.client).invite({ email: 'ada@uni.test', name: 'Ada Lovelace', role: 'committee' });
      await first.stop();
      const again = await startCognitoLocal({ port: await freePort(), dataDir, callbackUrls: [CONSOLE] });
      try {
        expect({ userPoolId: again.userPoolId, clientId: again.clientId }).toEqual(ids);
        expect(again.issuer).toBe(`${again.endpoint}/${again.userPoolId}`);
        expect(await new CognitoMemberDirectory(again.userPoolId, again.client).members()).toEqual([ada]);
      } finally {
        await again.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("signs an invited member in: their access token is their session, with their directory name and their group's role", async () => {
    const email = address();
    const ada = await directory.invite({ email, name: 'Ada Lovelace', role: 'committee' });
    const tokens = await firstSignIn(email);
    expect(await authenticator.memberFor(tokens.AccessToken!)).toEqual({ id: ada.id, name: 'Ada Lovelace', role: 'committee', via: 'session' });
    // The ID token is the console's to read, not a key to the API.
    expect(await authenticator.memberFor(tokens.IdToken!)).toBeUndefined();
  });

  it('requires TOTP at sign-in once the pool requires MFA: refused until one is set up, then asked for its code', async () => {
    const email = address();
    await directory.invite({ email, name: 'Grace Hopper', role: 'helpdesk' });
    const { AccessToken } = await firstSignIn(email);
    const signIn = () => local.client.send(new InitiateAuthCommand({ ClientId: local.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD } }));
    // cognito-local has no MFA_SETUP challenge: a member without TOTP cannot sign in by password at all.
    await expect(signIn()).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    const { SecretCode } = await local.client.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    expect(await local.client.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totp(SecretCode!) }))).toMatchObject({ Status: 'SUCCESS' });
    const challenge = await signIn();
    expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const answer = (code: string) =>
      local.client.send(
        new RespondToAuthChallengeCommand({
          ClientId: local.clientId,
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code },
        }),
      );
    await expect(answer(String((Number(totp(SecretCode!)) + 1) % 1_000_000).padStart(6, '0'))).rejects.toMatchObject({ name: 'CodeMismatchException' });
    const { AuthenticationResult } = await answer(totp(SecretCode!));
    expect(await authenticator.memberFor(AuthenticationResult!.AccessToken!)).toMatchObject({ name: 'Grace Hopper', role: 'helpdesk', via: 'session' });
  });

  it('refuses a token of another pool, one issued to another client, a forged one, a changed one, and an expired one', async () => {
    const email = address();
    await directory.invite({ email, name: 'Alan Turing', role: 'committee' });
    const genuine = (await firstSignIn(email)).AccessToken!;
    expect(await authenticator.memberFor(genuine)).toMatchObject({ role: 'committee' });

    // cognito-local signs every pool's tokens with one key: only the issuer tells the pools apart.
    const otherPool = await ensureCommitteePool(local.client, `other-${randomUUID()}`);
    const otherPoolClient = await consoleClient(otherPool);
    await new CognitoMemberDirectory(otherPool, local.client).invite({ email, name: 'Alan Turing', role: 'committee' });
    expect(await authenticator.memberFor((await firstSignIn(email, otherPoolClient, otherPool)).AccessToken!)).toBeUndefined();

    const otherClient = await consoleClient(local.userPoolId);
    expect(await authenticator.memberFor((await firstSignIn(email, otherClient)).AccessToken!)).toBeUndefined();

    const [header, payload] = genuine.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(await authenticator.memberFor(signedWithAnotherKey(header, claims))).toBeUndefined();
    const promoted = Buffer.from(JSON.stringify({ ...claims, sub: randomUUID() })).toString('base64url');
    expect(await authenticator.memberFor(`${header}.${promoted}.${genuine.split('.')[2]}`)).toBeUndefined();

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(claims.exp * 1000 + 1000));
    expect(await authenticator.memberFor(genuine)).toBeUndefined();
  });

  it('gives no role to a member in no group, acts with a lowered role, and ends a removed member’s sessions, each within a minute', async () => {
    const loner = address();
    await local.client.send(
      new AdminCreateUserCommand({
        UserPoolId: local.userPoolId,
        Username: loner,
        UserAttributes: [
          { Name: 'email', Value: loner },
          { Name: 'name', Value: 'No Group' },
        ],
        MessageAction: 'SUPPRESS',
      }),
    );
    expect(await authenticator.memberFor((await firstSignIn(loner)).AccessToken!)).toBeUndefined();

    const [edsgerEmail, barbaraEmail] = [address(), address()];
    const edsger = await directory.invite({ email: edsgerEmail, name: 'Edsger Dijkstra', role: 'committee' });
    const barbara = await directory.invite({ email: barbaraEmail, name: 'Barbara Liskov', role: 'observer' });
    // In two groups, the higher counts.
    await local.client.send(new AdminAddUserToGroupCommand({ UserPoolId: local.userPoolId, Username: barbara.id, GroupName: 'helpdesk' }));
    const edsgers = (await firstSignIn(edsgerEmail)).AccessToken!;
    const barbaras = (await firstSignIn(barbaraEmail)).AccessToken!;
    expect(await authenticator.memberFor(edsgers)).toMatchObject({ role: 'committee' });
    expect(await authenticator.memberFor(barbaras)).toMatchObject({ role: 'helpdesk' });

    await directory.setRole(edsger.id, 'observer');
    await directory.remove(barbara.id);
    now = new Date(now.getTime() + MEMBER_READ_MS);
    expect(await authenticator.memberFor(edsgers)).toEqual({ id: edsger.id, name: 'Edsger Dijkstra', role: 'observer', via: 'session' });
    expect(await authenticator.memberFor(barbaras)).toBeUndefined();
  });

  const consoleClient = async (userPoolId: string) => {
    const { UserPoolClient } = await local.client.send(
      new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: `other-${randomUUID()}`, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }),
    );
    return UserPoolClient!.ClientId!;
  };
});

/** The same header and claims, signed by a key that is not the pool's. */
function signedWithAnotherKey(header: string, claims: object): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const body = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${createSign('RSA-SHA256').update(body).sign(privateKey).toString('base64url')}`;
}

/** The TOTP code of a base32 secret now (RFC 6238: HMAC-SHA1, 30 seconds, 6 digits), as an authenticator app shows it. */
function totp(secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
