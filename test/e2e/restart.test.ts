import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { credentialToken, mailbox, spawnLocalStack, type LocalStackProcess } from '../support/localStackProcess';
import { waitFor } from '../support/waitFor';

const ADMIN = 'restart-admin-token-93ab7e';

/** Data lives in DATA_DIR: killing the local stack mid-election loses nothing, and the workflow resumes from the log. */
describe('restarting the local stack', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'election-data-'));
  let stack: LocalStackProcess | undefined;
  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps elections, voters and ballots after a kill while voting is open, and still closes and publishes on time', async () => {
    stack = await spawnLocalStack({ ADMIN_TOKEN: ADMIN, DATA_DIR: dataDir, GRACE_SECONDS: '1' }, []);
    // Room for the set-up, a kill and a restart (DynamoDB Local reopening its files) before the deadline, under a full run's load.
    const closesAt = new Date(Date.now() + 25_000).toISOString();
    const candidates = [
      { name: 'Yes', email: 'yes@uni.test', pageLink: 'https://uni.test/yes' },
      { name: 'No', email: 'no@uni.test', pageLink: 'https://uni.test/no' },
    ];
    expect((await stack.call('POST', '/elections', { id: 'referendum', title: 'Referendum', candidates, closesAt })).status).toBe(201);
    const voters = [1, 2].map((i) => ({ studentId: `r${i}`, email: `r${i}@uni.test` }));
    expect((await stack.call('POST', '/elections/referendum/voters', { voters })).status).toBe(200);
    const token = await credentialToken(stack.mailboxUrl, 'r1@uni.test');
    expect((await stack.call('POST', '/elections/referendum/lock')).status).toBe(200);
    expect((await stack.call('POST', '/elections/referendum/start')).status).toBe(200);
    expect((await stack.call('POST', '/elections/referendum/ballots', { token, choices: ['Yes'] })).status).toBe(201);
    await stack.kill();

    stack = await spawnLocalStack({ ADMIN_TOKEN: ADMIN, DATA_DIR: dataDir, GRACE_SECONDS: '1' }, []);
    expect((await stack.call('GET', '/elections/referendum')).body).toMatchObject({ phase: 'open', voterCount: 2 });
    expect((await stack.call('GET', '/elections/referendum/turnout')).body).toEqual({ registered: 2, voted: 1 });
    expect((await stack.call('POST', '/elections/referendum/ballots', { token, choices: ['No'] })).status).toBe(409);

    const results = await waitFor(
      async () => {
        const answer = await stack!.call('GET', '/elections/referendum/results');
        return answer.body.phase === 'published' && answer;
      },
      { timeoutMs: 40_000, intervalMs: 500 },
    );
    expect(results.body).toMatchObject({ phase: 'published', turnout: { voted: 1, registered: 2 } });
    expect(results.body.result.elected).toEqual(['Yes']);
    const resultMails = (await mailbox(stack.mailboxUrl)).filter((m) => m.subject === 'Results: Referendum');
    expect(resultMails.map((m) => m.destination.to[0]).sort()).toEqual(['r1@uni.test', 'r2@uni.test']);
  });
});
