import { AdminSetUserPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { withAdminToken } from '../../handlers/adapters/adminTokenAuthenticator';
import { CognitoMemberDirectory } from '../../handlers/adapters/cognitoMemberDirectory';
import { JwtAuthenticator } from '../../handlers/adapters/jwtAuthenticator';
import { MemoryTables } from '../../handlers/adapters/memory';
import { memoryApiTokens } from '../../handlers/adapters/memory/apiTokens';
import { OAuthHostedSignIn } from '../../handlers/adapters/oauthHostedSignIn';
import { startCognitoLocal, type RunningCognitoLocal } from '../../infra/local/cognitoLocal';
import { freePort } from './freePort';
import { startTestApp, type TestApp } from './harness';

/** The password of the one member, Ada Lovelace <ada@union.test>, a committee member. */
export const MEMBER_PASSWORD = 'Correct-Horse-Battery-9';

/**
 * The API on DynamoDB Local signing members in through a cognito-local of its own, with its
 * hosted sign-in sending them back to `callbackUrls`; no admin token. Ada is its one member.
 */
export async function startHostedSignInApp(callbackUrls: string[]): Promise<{ app: TestApp; local: RunningCognitoLocal; stop: () => Promise<void> }> {
  const local = await startCognitoLocal({ port: await freePort(), callbackUrls });
  const directory = new CognitoMemberDirectory(local.userPoolId, local.client);
  const app = await startTestApp({
    directory,
    authenticator: withAdminToken(
      new JwtAuthenticator({ issuer: local.issuer, clientId: local.clientId }, { directory, tokens: memoryApiTokens(new MemoryTables()), clock: { now: () => new Date() } }),
      '',
    ),
    hostedSignIn: new OAuthHostedSignIn(local.endpoint, local.clientId),
  });
  const ada = await directory.invite({ email: 'ada@union.test', name: 'Ada Lovelace', role: 'committee' });
  await local.client.send(new AdminSetUserPasswordCommand({ UserPoolId: local.userPoolId, Username: ada.email, Password: MEMBER_PASSWORD, Permanent: true }));
  return {
    app,
    local,
    stop: async () => {
      await app.stop();
      await local.stop();
    },
  };
}
