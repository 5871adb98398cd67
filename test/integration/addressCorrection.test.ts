import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin } from '../../cli/admin';
import { ApiClient } from '../../cli/apiClient';
import { verifyAuditLog, type AuditLine } from '../../domain';
import { rollHash } from '../../handlers/security';
import { ADMIN_TOKEN, setUpElection, startTestApp, type TestApp } from '../support/harness';
import { closeVoting, mailResults, publishResults, tallyBallots } from '../support/lifecycleSteps';

/**
 * A bounced address corrected after the lock, through the API, the CLI and DynamoDB Local: while
 * locked and while voting runs, for a voter who has not voted and is not postal, the new address
 * gets a new credential and the old link stops working; the log names the voter by roll hash only,
 * the roll the lock fingerprinted stays as it was, and the export verifies.
 */
const ID = 'corrections';

describe("correcting a voter's address after the lock", () => {
  let app: TestApp;
  let lockedRoll: { voters: number; fingerprint: string };
  const correct = (studentId: string, email: string) => app.call('PUT', `/elections/${ID}/voters/${studentId}/email`, { email });
  const cast = (token: string) => app.call('POST', `/elections/${ID}/ballots`, { token, choices: ['Ada Lovelace'] });
  const oldTokens = new Map<string, string>();

  beforeAll(async () => {
    app = await startTestApp();
    await setUpElection(app, { id: ID, voters: 4 });
    expect((await app.call('POST', `/elections/${ID}/postal-voters`, { studentIds: ['s4'] })).status).toBe(200);
    const locked = await app.call('POST', `/elections/${ID}/lock`);
    expect(locked.status).toBe(200);
    lockedRoll = locked.body.roll;
  });
  afterAll(() => app.stop());

  it('corrects an address while locked: the held credential goes to it as voting opens, the roll the observers were shown unchanged', async () => {
    expect(await correct('s1', 'ada.new@uni.test')).toMatchObject({ status: 200, body: { studentId: 's1', email: 'ada.new@uni.test', mail: 'held' } });
    expect(app.mailer.sent).toEqual([]);
    expect((await app.call('GET', `/elections/${ID}`)).body.roll).toEqual(lockedRoll);
  });

  it('corrects one while voting runs, with `admin correct-email` too, for a voter who has not voted; not for one who has, nor a postal voter', async () => {
    expect((await app.call('POST', `/elections/${ID}/start`)).status).toBe(200);
    // The old address never got a link; the one it would have carried is revoked all the same.
    expect(app.mailer.to('s1@uni.test')).toEqual([]);
    oldTokens.set('s1', await app.deps.minter.tokenFor({ electionId: ID, studentId: 's1', generation: 1 }));
    for (const studentId of ['s2', 's3']) oldTokens.set(studentId, app.mailer.tokenFor(`${studentId}@uni.test`));
    expect(app.mailer.tokenFor('ada.new@uni.test')).not.toBe(oldTokens.get('s1'));
    const printed: string[] = [];
    await admin.correctEmail(new ApiClient({ baseUrl: app.url, adminToken: ADMIN_TOKEN }), ID, 's2', 'grace.new@uni.test', false, (line) => printed.push(line));
    expect(printed).toEqual(['s2 now has the address grace.new@uni.test; a new credential is queued to it and the old link no longer works.']);

    expect((await cast(oldTokens.get('s3')!)).status).toBe(201);
    expect(await correct('s3', 'alan.new@uni.test')).toMatchObject({ status: 409, body: { error: { code: 'already_voted' } } });
    expect(await correct('s4', 'post.new@uni.test')).toMatchObject({ status: 409, body: { error: { code: 'postal_voter' } } });
    expect(app.mailer.to('alan.new@uni.test')).toEqual([]);
    expect(app.mailer.to('post.new@uni.test')).toEqual([]);
  });

  it('takes each corrected voter’s ballot from the new link only', async () => {
    for (const [studentId, address] of [
      ['s1', 'ada.new@uni.test'],
      ['s2', 'grace.new@uni.test'],
    ] as const) {
      expect((await cast(oldTokens.get(studentId)!)).body.error.code).toBe('invalid_token');
      expect((await cast(app.mailer.tokenFor(address))).status).toBe(201);
    }
  });

  it('refuses a correction once voting has ended, names the voters in the log by roll hash only, and the export verifies', async () => {
    app.clock.advance(61_000);
    expect((await closeVoting(app.deps, ID)).ok).toBe(true);
    expect(await correct('s1', 'late@uni.test')).toMatchObject({ status: 409, body: { error: { code: 'wrong_phase' } } });
    for (const step of [tallyBallots, mailResults, publishResults]) expect((await step(app.deps, ID)).ok).toBe(true);

    const salt = await app.store.rollSalt(ID);
    const corrections = (await app.store.readEvents(ID)).filter((e) => e.type === 'VoterAddressCorrected');
    expect(corrections.map((e) => e.data)).toEqual([{ voter: rollHash(salt, 's1') }, { voter: rollHash(salt, 's2') }]);
    expect(JSON.stringify(corrections)).not.toMatch(/s1|s2|\.new@/);

    const lines = (await (await fetch(`${app.url}/elections/${ID}/audit-log`)).text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditLine);
    expect(verifyAuditLog(lines).findings).toEqual([]);
    expect(lines.filter((line) => line.kind === 'voter')).toHaveLength(lockedRoll.voters);
  });
});
