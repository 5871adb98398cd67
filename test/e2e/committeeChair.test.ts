import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CognitoIdentityProviderClient, ListUsersCommand, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_POOL_NAME } from '../../infra/local/cognitoLocal';
import { spawnLocalStack, type LocalStackProcess } from '../support/localStackProcess';

const ADMIN = 'chair-admin-token-7d41e9';
const CHAIR = { CHAIR_EMAIL: 'ada@uni.test', CHAIR_NAME: 'Ada Lovelace' };

/** Every account in the local committee pool, as cognito-local itself lists them: the address and the `sub`. */
async function accounts(cognitoUrl: string): Promise<{ email: string; sub: string }[]> {
  const client = new CognitoIdentityProviderClient({ endpoint: cognitoUrl, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const { UserPools = [] } = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    const pool = UserPools.find((p) => p.Name === LOCAL_POOL_NAME);
    if (!pool) throw new Error(`cognito-local at ${cognitoUrl} has no pool ${LOCAL_POOL_NAME}`);
    const { Users = [] } = await client.send(new ListUsersCommand({ UserPoolId: pool.Id }));
    const attribute = (user: (typeof Users)[number], name: string) => user.Attributes?.find((a) => a.Name === name)?.Value ?? '';
    return Users.map((user) => ({ email: attribute(user, 'email'), sub: attribute(user, 'sub') }));
  } finally {
    client.destroy();
  }
}

/**
 * `npm start` runs the committee's accounts on cognito-local: the chair it makes is the member the
 * admin token acts as, so the log names a person, and the same person after a restart.
 */
describe("the local stack's chair", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-chair-'));
  let stack: LocalStackProcess | undefined;
  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const start = () => spawnLocalStack({ ADMIN_TOKEN: ADMIN, DATA_DIR: dataDir, ...CHAIR }, []);
  /** Each event of the election's log with who it names, as GET …/events answers. */
  const whoDidWhat = async (electionId: string) => {
    const { status, body } = await stack!.call('GET', `/elections/${electionId}/events?after=0`);
    expect(status).toBe(200);
    return (body.events as { type: string; by?: unknown }[]).map((event) => ({ type: event.type, by: event.by }));
  };
  const allBy = (events: { type: string }[], by: unknown) => events.map(({ type }) => ({ type, by }));

  it("records the admin token's actions as the chair's, cognito-local's account, and finds the same chair after a restart", async () => {
    stack = await start();
    const [chair, ...others] = await accounts(stack.cognitoUrl);
    expect(others).toEqual([]);
    expect(chair).toEqual({ email: CHAIR.CHAIR_EMAIL, sub: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const asChair = { id: chair!.sub, name: CHAIR.CHAIR_NAME };
    expect(stack.output()).toContain(`Chair:        Ada Lovelace <ada@uni.test>, id ${chair!.sub}`);
    expect(stack.output()).toContain(`cognito-local at ${stack.cognitoUrl}`);
    expect(stack.output()).toMatch(/Admin token: {2}chair-admin-token-7d41e9 \(from ADMIN_TOKEN\): acts as the chair/);

    const candidates = ['Grace Hopper', 'Alan Turing'].map((name, i) => ({ name, email: `c${i}@uni.test`, pageLink: `https://uni.test/c${i}` }));
    expect((await stack.call('POST', '/elections', { id: 'council', title: 'Student council', ballot: { kind: 'single' }, candidates })).status).toBe(201);
    const created = await whoDidWhat('council');
    expect(created.map((event) => event.type)).toContain('ElectionCreated');
    expect(created).toEqual(allBy(created, asChair));

    await stack.stop();
    stack = await start();
    // One account still, the same one: the chair was found again, not made a second time.
    expect(await accounts(stack.cognitoUrl)).toEqual([chair]);
    expect(stack.output()).toContain(`id ${chair!.sub}`);
    expect((await stack.call('POST', '/elections', { id: 'faculty', title: 'Faculty council', ballot: { kind: 'single' }, candidates })).status).toBe(201);
    const later = await whoDidWhat('faculty');
    expect(later.map((event) => event.type)).toContain('ElectionCreated');
    expect(later).toEqual(allBy(later, asChair));
    expect(await whoDidWhat('council')).toEqual(created);
    // Two starts of the whole stack on a data directory.
  }, 180_000);
});
