import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { CognitoMemberDirectory } from '../../handlers/adapters/cognitoMemberDirectory';
import { ensureCommitteePool, startCognitoLocal, type RunningCognitoLocal } from '../../infra/local/cognitoLocal';
import { freePort } from '../support/freePort';
import { memberDirectoryContract } from './memberDirectory.contract';

/** An integration test: CognitoMemberDirectory on a cognito-local of this file's own (a temporary directory, a free port), a fresh pool for each case. */
describe('the Cognito member directory, on cognito-local', () => {
  let local: RunningCognitoLocal | undefined;
  beforeAll(async () => {
    local = await startCognitoLocal({ port: await freePort(), callbackUrls: ['http://127.0.0.1:3000/admin'] });
  });
  afterAll(() => local?.stop());

  memberDirectoryContract(async () => new CognitoMemberDirectory(await ensureCommitteePool(local!.client, `contract-${randomUUID()}`), local!.client));
});
