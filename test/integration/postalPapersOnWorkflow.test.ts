import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditVerify } from '../../cli/audit';
import { latestEntry, postalEntriesIn, type Member } from '../../domain';
import { runCommand } from '../../handlers/runCommand';
import { serveAuditExportDirectory, type LocalAuditExports } from '../../handlers/adapters/directoryAuditExportStore';
import { lifecycleTaskHandlers } from '../../handlers/lifecycle';
import { LocalWorkflowRunner } from '../../workflows/localRunner';
import { synthesizeLifecycleDefinition } from '../../workflows/synthesizeDefinition';
import { mailHeldCredentials, memberWithToken, runnerOnAppClock, startTestApp, type TestApp } from '../support/harness';
import { waitFor } from '../support/waitFor';

const ID = 'postal-council';
const VOTERS = ['s1', 's2', 's3', 's4', 's5'].map((studentId) => ({ studentId, email: `${studentId}@uni.test` }));
const person = (name: string) => ({ name, email: 'c@uni.test', pageLink: 'https://uni.test/c' });
const CONTESTS = [
  { id: 'council', title: 'Council', ballot: { kind: 'ranked', method: 'scottish-stv', seats: 1 }, candidates: ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'].map(person) },
  { id: 'fees', title: 'Lower the fees?', ballot: { kind: 'referendum', majority: 'simple', quorumPercent: 50 } },
];
const COUNCIL_PAPERS = [{ choices: ['Grace Hopper', 'Ada Lovelace'] }, { choices: ['Grace Hopper'] }];

/**
 * An election with two postal voters, run by the real workflow on the local runner against
 * DynamoDB Local: counted online, provisional; two committee members enter each contest's postal
 * papers (a mismatch refused), which are counted in with the online ones and change both results;
 * then accepted, published with the postal papers counted, and its export verifies.
 */
describe('postal papers in the count, on the workflow', () => {
  let app: TestApp;
  let runner: LocalWorkflowRunner;
  let exports: LocalAuditExports;
  let ada: Record<string, string>;
  let grace: Record<string, string>;
  let graceMember: Member;
  beforeAll(async () => {
    exports = await serveAuditExportDirectory(mkdtempSync(join(tmpdir(), 'postal-exports-')));
    app = await startTestApp({ auditExports: exports.store });
    runner = new LocalWorkflowRunner(synthesizeLifecycleDefinition({ graceSeconds: 1 }), lifecycleTaskHandlers(app.deps), app.log, runnerOnAppClock(app));
    app.workflow = runner;
    const signedUp = await Promise.all([memberWithToken(app, 'Ada Lovelace', 'committee'), memberWithToken(app, 'Grace Hopper', 'committee')]);
    [ada, grace] = signedUp.map((m) => m.headers) as [Record<string, string>, Record<string, string>];
    graceMember = signedUp[1]!.member;
  });
  afterAll(async () => {
    await runner.stop();
    await app.stop();
    await exports.stop();
  });

  const enter = (body: unknown, headers: Record<string, string>) => app.call('POST', `/elections/${ID}/postal-papers`, body, headers);
  const results = async (id = ID) => (await app.call('GET', `/elections/${id}/results`)).body;
  const resultOf = (body: { contests: { id: string; result: Record<string, unknown> }[] }, contest: string) => body.contests.find((c) => c.id === contest)!.result;

  it('counts the postal papers entered twice in with the online ones, and publishes them once accepted', async () => {
    const closesAt = new Date(app.clock.now().getTime() + 60_000).toISOString();
    expect((await app.call('POST', '/elections', { id: ID, title: 'Student council', contests: CONTESTS, closesAt, acceptance: 'committee' })).status).toBe(201);
    expect((await app.call('POST', `/elections/${ID}/voters`, { voters: VOTERS })).status).toBe(200);
    expect((await app.call('POST', `/elections/${ID}/postal-voters`, { studentIds: ['s4', 's5'] })).status).toBe(200);
    for (const step of ['lock', 'start']) {
      expect((await app.call('POST', `/elections/${ID}/${step}`)).status).toBe(202);
      expect((await app.call('POST', `/elections/${ID}/${step}`, undefined, ada)).status).toBe(200);
    }
    await mailHeldCredentials(app, ID);
    // Online Ada leads the council and the referendum misses its quorum of 3 yes votes.
    const online: [string, string[], string][] = [
      ['s1', ['Grace Hopper'], 'yes'],
      ['s2', ['Ada Lovelace'], 'no'],
      ['s3', ['Ada Lovelace'], 'yes'],
    ];
    for (const [studentId, council, fees] of online) {
      const token = app.mailer.tokenFor(`${studentId}@uni.test`);
      expect((await app.call('POST', `/elections/${ID}/ballots`, { token, papers: { council: { choices: council }, fees: { choices: [fees] } } })).status).toBe(201);
    }
    // Too early: voting is open.
    expect((await enter({ contest: 'council', papers: COUNCIL_PAPERS }, ada)).body.error.code).toBe('wrong_phase');

    app.clock.advance(61_000);
    await waitFor(async () => (await app.call('GET', `/elections/${ID}`)).body.awaitingAcceptance === true);
    expect(resultOf(await results(), 'council')).toMatchObject({ elected: ['Ada Lovelace'] });
    expect(resultOf(await results(), 'fees')).toMatchObject({ passed: false });
    const refusedAcceptance = await app.call('POST', `/elections/${ID}/acceptance`, undefined, ada);
    expect(refusedAcceptance).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
    expect(refusedAcceptance.body.error.message).toContain('postalPapers: the postal papers of "council", "fees" are not agreed yet');

    // The council's papers: Ada's first entry; she may not give the second; Grace's differing one is refused, her matching one agrees.
    expect((await enter({ contest: 'council', papers: COUNCIL_PAPERS }, ada)).status).toBe(200);
    expect((await enter({ contest: 'council', papers: COUNCIL_PAPERS }, ada)).body.error).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/^entry: Ada Lovelace gave the first entry/),
    });
    const differing = await enter({ contest: 'council', papers: [{ choices: ['Grace Hopper'] }, { choices: ['Ada Lovelace'] }] }, grace);
    expect(differing.status).toBe(409);
    expect(differing.body.error).toEqual({
      code: 'entries_differ',
      message:
        'the second entry of "council" differs from the first: papers: 1 paper(s) differ (2 in the first entry, 2 in the second); only in the first: [Grace Hopper, Ada Lovelace]; only in the second: [Ada Lovelace]',
    });
    const agreed = await enter({ contest: 'council', papers: [...COUNCIL_PAPERS].reverse() }, grace);
    expect(agreed.status).toBe(200);
    expect(agreed.body).toMatchObject({ counted: false, contests: [{ contest: 'council', postalVoters: 2, agreed: { by: { name: 'Grace Hopper' }, figures: { papers: 2 } } }, { contest: 'fees' }] });

    // The referendum's, hand-counted: two yes. The last agreement counts every contest again.
    const totals = { contest: 'fees', totals: { papers: 2, abstentions: 0, votes: [{ name: 'yes', votes: 2 }] } };
    expect((await enter(totals, grace)).status).toBe(200);
    const counted = await enter(totals, ada);
    expect(counted.body).toMatchObject({ counted: true, contests: [{ contest: 'council' }, { contest: 'fees', first: { by: { name: 'Grace Hopper' } }, agreed: { by: { name: 'Ada Lovelace' } } }] });
    expect((await app.call('GET', `/elections/${ID}/postal-papers`, undefined, ada)).body).toEqual(counted.body);
    // Grace wins the council with the postal papers, the referendum reaches its quorum with them.
    expect(resultOf(await results(), 'council')).toMatchObject({ ballots: 5, elected: ['Grace Hopper'] });
    expect(resultOf(await results(), 'fees')).toMatchObject({
      ballots: 5,
      passed: true,
      counts: [
        { candidate: 'yes', votes: 4 },
        { candidate: 'no', votes: 1 },
      ],
    });
    // The turnout names the papers cast online and those by post apart.
    expect((await results()).contests.map((c: { turnout: unknown }) => c.turnout)).toEqual([
      { voted: 3, postal: 2, postalPapers: { valid: 2, invalid: 0 }, registered: 5 },
      { voted: 3, postal: 2, postalPapers: { valid: 2, invalid: 0 }, registered: 5 },
    ]);

    expect((await app.call('POST', `/elections/${ID}/acceptance`, undefined, ada)).status).toBe(202);
    expect((await app.call('POST', `/elections/${ID}/acceptance`, undefined, grace)).status).toBe(200);
    await runner.settled(ID);
    expect(await results()).toMatchObject({ phase: 'published' });
    expect(resultOf(await results(), 'council')).toMatchObject({ elected: ['Grace Hopper'] });
    const types = (await app.store.readEvents(ID)).map((e) => e.type);
    expect(types.slice(types.indexOf('ResultsTallied'))).toEqual([
      'ResultsTallied',
      'PostalPapersEntered',
      'PostalPapersEntered',
      'PostalPapersAgreed',
      'PostalPapersEntered',
      'PostalPapersEntered',
      'PostalPapersAgreed',
      'CountSheetRecorded',
      'CountSheetRecorded',
      'PostalCounted',
      'ActionProposed',
      'ResultsAccepted',
      'OfficialRecordIssued',
      'ResultsPublished',
    ]);
    const resultsMail = app.mailer.to('s1@uni.test').find((m) => m.subject.startsWith('Results'))!;
    expect(resultsMail.text).toContain('Turnout: 3 online and 2 by post, of 5 voters\nPostal papers counted: 2 valid, 0 invalid');
    const out: string[] = [];
    expect(await auditVerify(`${app.url}/elections/${ID}/audit-log`, {}, (line) => out.push(line))).toBe(0);
  });

  it('counts agreed postal papers in at the acceptance when their count was not recorded with the agreement', async () => {
    const id = 'postal-late';
    const closesAt = new Date(app.clock.now().getTime() + 60_000).toISOString();
    const candidates = ['Ada Lovelace', 'Grace Hopper'].map(person);
    expect((await app.call('POST', '/elections', { id, title: 'Late count', candidates, closesAt, acceptance: 'committee' })).status).toBe(201);
    expect(
      (
        await app.call('POST', `/elections/${id}/voters`, {
          voters: [
            { studentId: 'l1', email: 'l1@uni.test' },
            { studentId: 'l2', email: 'l2@uni.test' },
          ],
        })
      ).status,
    ).toBe(200);
    expect((await app.call('POST', `/elections/${id}/postal-voters`, { studentIds: ['l2'] })).status).toBe(200);
    for (const step of ['lock', 'start']) {
      expect((await app.call('POST', `/elections/${id}/${step}`)).status).toBe(202);
      expect((await app.call('POST', `/elections/${id}/${step}`, undefined, ada)).status).toBe(200);
    }
    await mailHeldCredentials(app, id);
    expect((await app.call('POST', `/elections/${id}/ballots`, { token: app.mailer.tokenFor('l1@uni.test'), choices: ['Ada Lovelace'] })).status).toBe(201);
    app.clock.advance(61_000);
    await waitFor(async () => (await app.call('GET', `/elections/${id}`)).body.awaitingAcceptance === true);
    const paper = { papers: [{ choices: ['Grace Hopper'] }], invalid: 0 };
    expect((await app.call('POST', `/elections/${id}/postal-papers`, { contest: 'main', ...paper }, ada)).status).toBe(200);
    // The second entry agreed, as a request that ended before it could count them in leaves it.
    const first = latestEntry(postalEntriesIn(await app.store.readEvents(id)), 'main', 1)!;
    const agreed = await runCommand(app.deps, id, { type: 'EnterPostalPapers', contest: 'main', entry: 2, count: paper, first }, undefined, { by: { id: graceMember.id, name: graceMember.name } });
    expect(agreed.ok).toBe(true);
    expect((await app.call('GET', `/elections/${id}/postal-papers`, undefined, ada)).body.counted).toBe(false);
    expect((await app.call('POST', `/elections/${id}/acceptance`, undefined, ada)).status).toBe(202);
    expect((await app.call('GET', `/elections/${id}/postal-papers`, undefined, ada)).body.counted).toBe(true);
    expect((await results(id)).result).toMatchObject({ ballots: 2, tied: ['Ada Lovelace', 'Grace Hopper'] });
  });
});
