import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readVoterCsv } from '../../cli/importVoters';
import { MAX_VOTER_GROUPS, verifyAuditLog, type AuditLine } from '../../domain';
import { startTestApp, type TestApp } from '../support/harness';
import { closeVoting, mailResults, publishResults, tallyBallots } from '../support/lifecycleSteps';

/** Voter groups on the roll: given by the API and the CSV, folded, counted per group, and replayed by the verifier. */
describe('voter groups', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  const create = async (id: string) => {
    const closesAt = new Date(app.clock.now().getTime() + 60_000).toISOString();
    expect(
      (await app.call('POST', '/elections', { id, title: 'Faculty councils', candidates: [{ name: 'Ada Byron', email: 'ada@uni.test', pageLink: 'https://uni.test/ada' }], closesAt })).status,
    ).toBe(201);
  };

  it("keeps each voter's groups on the roll, folded and once, counts them per group, and the export still verifies", async () => {
    await create('groups');
    const voters = [
      { studentId: 's1', email: 's1@uni.test', groups: ['Faculty:Informatik', 'status:doctoral', 'faculty:informatik'] },
      { studentId: 's2', email: 's2@uni.test', groups: ['faculty:physik'] },
      { studentId: 's3', email: 's3@uni.test' },
    ];
    expect((await app.call('POST', '/elections/groups/voters', { voters })).status).toBe(200);
    expect((await app.call('GET', '/elections/groups')).body.voterGroups).toEqual({ 'faculty:informatik': 1, 'status:doctoral': 1, 'faculty:physik': 1 });
    const roll = (await app.scanAll()).filter((item) => String(item.pk) === 'ELECTION#groups#ROLL');
    expect(Object.fromEntries(roll.map((item) => [item.studentId, item.groups ?? []]))).toEqual({ s1: ['faculty:informatik', 'status:doctoral'], s2: ['faculty:physik'], s3: [] });

    await app.drainMail();
    for (const step of ['lock', 'start']) expect((await app.call('POST', `/elections/groups/${step}`)).status).toBe(200);
    app.clock.advance(61_000);
    for (const step of [closeVoting, tallyBallots, mailResults, publishResults]) expect((await step(app.deps, 'groups')).ok).toBe(true);
    const lines = (await (await fetch(`${app.url}/elections/groups/audit-log`)).text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditLine);
    expect(verifyAuditLog(lines).findings).toEqual([]);
  });

  it('refuses a group that is not one, naming the field, and more than the election may hold', async () => {
    await create('bad-groups');
    const refused = await app.call('POST', '/elections/bad-groups/voters', { voters: [{ studentId: 's1', email: 's1@uni.test', groups: ['faculty informatik'] }] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^voters\.0\.groups\.0: "faculty informatik" is not a group/);
    const many = Array.from({ length: MAX_VOTER_GROUPS + 1 }, (_, i) => ({ studentId: `m${i}`, email: `m${i}@uni.test`, groups: [`course:c${i}`] }));
    const tooMany = await app.call('POST', '/elections/bad-groups/voters', { voters: many });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toBe(`voters: an election has at most ${MAX_VOTER_GROUPS} voter groups`);
  });

  it('reads groups from an optional third CSV column, separated by ";", and names a bad one by line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'groups-'));
    const file = join(dir, 'voters.csv');
    writeFileSync(file, 'student_id,email,groups\ns1,s1@uni.test,faculty:informatik; status:doctoral\ns2,s2@uni.test\ns3,s3@uni.test,\ns4,s4@uni.test,faculty informatik\n');
    const { voters, bad } = readVoterCsv(file);
    expect(voters).toEqual([
      { studentId: 's1', email: 's1@uni.test', groups: ['faculty:informatik', 'status:doctoral'] },
      { studentId: 's2', email: 's2@uni.test' },
      { studentId: 's3', email: 's3@uni.test' },
    ]);
    expect(bad).toEqual([{ line: 5, problem: expect.stringMatching(/^groups: "faculty informatik" is not a group/) }]);
  });
});
