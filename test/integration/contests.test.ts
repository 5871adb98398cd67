import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditReceipt } from '../../cli/audit';
import { auditBlt } from '../../cli/auditBlt';
import { boxName, parseBlt, verifyAuditLog, type AuditLine } from '../../domain';
import { startTestApp, type TestApp } from '../support/harness';
import { closeVoting, mailResults, publishResults, tallyBallots } from '../support/lifecycleSteps';

/**
 * A StuPa-style election through the API against DynamoDB Local: a list contest for the student
 * parliament open to all, a ranked council per faculty open to its faculty, and a referendum for
 * doctoral students. Voters in different faculties see and cast different papers with one
 * credential in one visit; postal voters are refused online and counted; the export verifies per
 * contest and a ballot moved between contests is found.
 */
const person = (name: string, list?: string) => ({ name, email: `${name.split(' ')[0]!.toLowerCase()}@uni.test`, pageLink: 'https://uni.test/c', ...(list && { list }) });

const CONTESTS = [
  {
    id: 'parliament',
    title: 'Student parliament',
    description: 'Five seats, three votes, at most two per candidate.',
    ballot: { kind: 'list', method: 'sainte-lague', seats: 5, lists: ['Green Campus', 'Open Uni'], votes: 3, maxPerCandidate: 2 },
    candidates: [person('Anna Berg', 'Green Campus'), person('Ben Kaya', 'Green Campus'), person('Clara Stein', 'Open Uni')],
  },
  {
    id: 'fac-inf',
    title: 'Faculty council Informatik',
    groups: ['faculty:informatik'],
    ballot: { kind: 'ranked', method: 'scottish-stv', seats: 2 },
    candidates: ['Ada Byron', 'Bea Cole', 'Cal Dunn'].map((n) => person(n)),
  },
  { id: 'fac-bio', title: 'Faculty council Biologie', groups: ['faculty:biologie'], ballot: { kind: 'ranked', method: 'irv', seats: 1 }, candidates: ['Dora Ek', 'Emil Falk'].map((n) => person(n)) },
  { id: 'doc-ref', title: 'Doctoral referendum', groups: ['status:doctoral'], ballot: { kind: 'referendum', majority: 'simple' } },
];

/** i1–i4 in Informatik (i4 also doctoral), b1–b3 in Biologie (b3 doctoral), p1 and p2 vote by post. */
const ROLL = [
  ...['i1', 'i2', 'i3'].map((id) => ({ studentId: id, email: `${id}@uni.test`, groups: ['faculty:informatik'] })),
  { studentId: 'i4', email: 'i4@uni.test', groups: ['faculty:informatik', 'status:doctoral'] },
  ...['b1', 'b2'].map((id) => ({ studentId: id, email: `${id}@uni.test`, groups: ['faculty:biologie'] })),
  { studentId: 'b3', email: 'b3@uni.test', groups: ['faculty:biologie', 'status:doctoral'] },
  { studentId: 'p1', email: 'p1@uni.test', groups: ['faculty:informatik'] },
  { studentId: 'p2', email: 'p2@uni.test', groups: ['faculty:biologie', 'status:doctoral'] },
];

describe('an election of several contests for voter groups', () => {
  let app: TestApp;
  const id = 'stupa';
  const token = (studentId: string) => app.mailer.tokenFor(`${studentId}@uni.test`);
  const cast = (studentId: string, papers: Record<string, unknown>) => app.call('POST', `/elections/${id}/ballots`, { token: token(studentId), papers });
  const boxSizes = async () => Promise.all(CONTESTS.map((c) => app.store.countBallots(boxName(id, CONTESTS, c.id))));

  beforeAll(async () => {
    app = await startTestApp();
    const closesAt = new Date(app.clock.now().getTime() + 60_000).toISOString();
    const created = await app.call('POST', '/elections', { id, title: 'University elections 2026', closesAt, contests: CONTESTS });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await app.call('POST', `/elections/${id}/voters`, { voters: ROLL })).status).toBe(200);
    await app.drainMail();
  });
  afterAll(() => app.stop());

  it('counts who may vote in each contest and shows every contest with its ballot and candidates', async () => {
    const { body } = await app.call('GET', `/elections/${id}`);
    expect(body.ballot).toBeUndefined();
    expect(body.contests.map((c: { id: string; eligibleVoters: number }) => [c.id, c.eligibleVoters])).toEqual([
      ['parliament', 9],
      ['fac-inf', 5],
      ['fac-bio', 4],
      ['doc-ref', 3],
    ]);
    expect(body.contests[1]).toMatchObject({ title: 'Faculty council Informatik', groups: ['faculty:informatik'], ballot: { kind: 'ranked' } });
    expect(body.contests[1].candidates.map((c: { name: string }) => c.name)).toEqual(['Ada Byron', 'Bea Cole', 'Cal Dunn']);
  });

  it('names the contest when candidates are added to an election of several', async () => {
    const unnamed = await app.call('POST', `/elections/${id}/candidates`, { candidates: [person('Finn Gray')] });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.message).toContain('contest: name the contest (parliament, fac-inf, fac-bio, doc-ref)');
    const added = await app.call('POST', `/elections/${id}/candidates`, { contest: 'fac-bio', candidates: [person('Finn Gray')] });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.contests[2].candidates.map((c: { name: string }) => c.name)).toEqual(['Dora Ek', 'Emil Falk', 'Finn Gray']);
  });

  it('marks postal voters before the start: counted per contest, their credential dead, no new link for them', async () => {
    const marked = await app.call('POST', `/elections/${id}/postal-voters`, { studentIds: ['p1', 'P2', 'nobody'] });
    expect(marked.status, JSON.stringify(marked.body)).toBe(200);
    expect(marked.body).toMatchObject({ recorded: 2, notOnRoll: ['nobody'], alreadyPostal: [] });
    expect((await app.call('POST', `/elections/${id}/postal-voters`, { studentIds: ['p1'] })).body).toMatchObject({ recorded: 0, alreadyPostal: ['p1'] });
    const { body } = await app.call('GET', `/elections/${id}`);
    expect(body.postalVoters).toBe(2);
    expect(body.contests.map((c: { postalVoters: number }) => c.postalVoters)).toEqual([2, 1, 1, 1]);
    const reissued = await app.call('POST', `/elections/${id}/voters/p1/reissue`);
    expect(reissued.status).toBe(409);
    expect(reissued.body.error.message).toContain('voted by post');
    const mail = await app.call('GET', `/elections/${id}/mail`);
    expect(mail.body.counts.postal).toBe(2);
    expect((await app.mail.voterMail(id, 'p1'))?.status).toBe('postal');
  });

  it('opens, and tells each voter exactly their papers', async () => {
    for (const step of ['lock', 'start']) expect((await app.call('POST', `/elections/${id}/${step}`)).status).toBe(200);
    const papers = async (studentId: string) => (await app.call('POST', `/elections/${id}/papers`, { token: token(studentId) })).body.contests;
    expect(await papers('i1')).toEqual(['parliament', 'fac-inf']);
    expect(await papers('i4')).toEqual(['parliament', 'fac-inf', 'doc-ref']);
    expect(await papers('b1')).toEqual(['parliament', 'fac-bio']);
    expect((await app.call('POST', `/elections/${id}/papers`, { token: 'x'.repeat(43) })).status).toBe(403);
  });

  it('refuses a paper the voter may not cast, naming it, and stores nothing of the cast', async () => {
    const refused = await cast('i1', { parliament: { choices: ['Anna Berg'] }, 'fac-bio': { choices: ['Dora Ek'] } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^papers\.fac-bio: you may not vote in "Faculty council Biologie"/);
    expect(await boxSizes()).toEqual([0, 0, 0, 0]);
    expect(await app.store.countParticipation(id)).toBe(0);
  });

  it('stores nothing when one paper is invalid, and names that paper', async () => {
    const invalid = await cast('i1', { parliament: { choices: ['Anna Berg'] }, 'fac-inf': { choices: ['Ada Byron', 'Ada Byron'] } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toBe('papers.fac-inf: "Ada Byron" is chosen more than once');
    const unknown = await cast('i1', { senate: { abstain: true } });
    expect(unknown.body.error.message).toContain('papers.senate: not a contest of this election');
    const flat = await app.call('POST', `/elections/${id}/ballots`, { token: token('i1'), choices: ['Anna Berg'] });
    expect(flat.body.error.message).toContain('papers: this election has 4 contests');
    expect(await boxSizes()).toEqual([0, 0, 0, 0]);
  });

  it('never mails a postal voter a link, and refuses the credential they would have had', async () => {
    expect(app.mailer.to('p1@uni.test')).toEqual([]);
    expect(app.mailer.to('p2@uni.test')).toEqual([]);
    const unsent = await app.deps.minter.tokenFor({ electionId: id, studentId: 'p1', generation: 1 });
    const postal = await app.call('POST', `/elections/${id}/ballots`, { token: unsent, papers: { parliament: { abstain: true } } });
    expect(postal.status).toBe(403);
  });

  const receipts: Record<string, string> = {};
  it('takes every paper of a visit in one cast, abstentions and papers left out included, and only once', async () => {
    const casts: [string, Record<string, unknown>][] = [
      ['i1', { parliament: { choices: ['Anna Berg', 'Anna Berg', 'Clara Stein'] }, 'fac-inf': { choices: ['Ada Byron', 'Bea Cole'] } }],
      ['i2', { parliament: { choices: ['Green Campus'] }, 'fac-inf': { choices: ['Bea Cole'] } }],
      ['i3', { parliament: { abstain: true }, 'fac-inf': { choices: ['Ada Byron', 'Cal Dunn'] } }],
      ['i4', { parliament: { choices: ['Open Uni'] }, 'fac-inf': { choices: ['Cal Dunn'] }, 'doc-ref': { choices: ['yes'] } }],
      ['b1', { parliament: { choices: ['Ben Kaya'] }, 'fac-bio': { choices: ['Dora Ek', 'Emil Falk'] } }],
      // b3 votes only in the referendum and leaves the other papers out.
      ['b3', { 'doc-ref': { choices: ['no'] } }],
    ];
    for (const [studentId, papers] of casts) {
      const answer = await cast(studentId, papers);
      expect(answer.status, `${studentId}: ${JSON.stringify(answer.body)}`).toBe(201);
      receipts[studentId] = answer.body.receipt;
    }
    expect((await cast('i1', { parliament: { abstain: true } })).status).toBe(409);
    expect(await boxSizes()).toEqual([5, 4, 1, 2]);
    // Per contest only once voting has closed (test/integration/smallContests.test.ts).
    expect((await app.call('GET', `/elections/${id}/turnout`)).body).toEqual({ registered: 9, voted: 6, postal: 2 });
  });

  let lines: AuditLine[];
  it('closes, counts each contest by its rule, reports turnout per contest and mails each voter their contests', async () => {
    app.clock.advance(61_000);
    for (const step of [closeVoting, tallyBallots, mailResults, publishResults]) expect((await step(app.deps, id)).ok).toBe(true);
    expect((await app.call('GET', `/elections/${id}/turnout`)).body).toEqual({
      registered: 9,
      voted: 6,
      postal: 2,
      contests: [
        { id: 'parliament', registered: 9, voted: 5, postal: 2 },
        { id: 'fac-inf', registered: 5, voted: 4, postal: 1 },
        { id: 'fac-bio', registered: 4, voted: 1, postal: 1 },
        { id: 'doc-ref', registered: 3, voted: 2, postal: 1 },
      ],
    });
    const { body } = await app.call('GET', `/elections/${id}/results`);
    expect(body.result).toBeUndefined();
    expect(body.turnout).toEqual({ voted: 6, postal: 2, registered: 9 });
    const byId = Object.fromEntries(body.contests.map((c: { id: string }) => [c.id, c]));
    expect(byId.parliament.turnout).toEqual({ voted: 5, postal: 2, registered: 9 });
    expect(byId.parliament.result).toMatchObject({ method: 'sainte-lague', ballots: 5, abstentions: 1 });
    expect(byId['fac-inf'].result).toMatchObject({ method: 'scottish-stv', ballots: 4, seats: 2 });
    // Each sheet is an event of its own; the results route puts them back under their results.
    expect(byId['fac-inf'].result.sheet.quota).toBeDefined();
    expect(byId.parliament.result.sheet.lists).toBeDefined();
    expect(byId['fac-bio'].result).toMatchObject({ method: 'irv', elected: ['Dora Ek'] });
    expect(byId['doc-ref'].result).toMatchObject({ method: 'referendum', ballots: 2 });
    expect(byId['doc-ref'].turnout).toEqual({ voted: 2, postal: 1, registered: 3 });
    expect(body.seal.contests.map((c: { contest: string; ballotCount: number }) => [c.contest, c.ballotCount])).toEqual([
      ['parliament', 5],
      ['fac-inf', 4],
      ['fac-bio', 1],
      ['doc-ref', 2],
    ]);

    const results = (studentId: string) => app.mailer.to(`${studentId}@uni.test`).find((m) => m.subject.startsWith('Results'))!.text;
    expect(results('i1')).toContain('== Student parliament ==');
    expect(results('i1')).toContain('== Faculty council Informatik ==');
    expect(results('i1')).not.toContain('Biologie');
    expect(results('b3')).toContain('== Doctoral referendum ==');
    expect(results('b3')).toContain('Turnout: 2 online and 1 by post, of 3 voters');
    expect(results('b3')).toMatch(/Decision: NOT PASSED \(.+\)/);

    const exported = await fetch(`${app.url}/elections/${id}/audit-log`);
    lines = (await exported.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditLine);
    expect(verifyAuditLog(lines).findings).toEqual([]);
  });

  it("finds every paper of a receipt, and no other voter's", async () => {
    const check = await app.call('POST', `/elections/${id}/receipts/check`, { receipt: receipts.i4 });
    expect(check.status).toBe(200);
    expect(check.body.papers).toEqual([
      { contest: 'parliament', ballotId: expect.any(String), choices: ['Open Uni'] },
      { contest: 'fac-inf', ballotId: expect.any(String), choices: ['Cal Dunn'] },
      { contest: 'doc-ref', ballotId: expect.any(String), choices: ['yes'] },
    ]);
    const ids = check.body.papers.map((p: { ballotId: string }) => p.ballotId);
    expect(new Set(ids).size).toBe(3);
  });

  it("stores each paper as nothing but its id and content, in its contest's box: no time, no order, no voter, nothing shared", async () => {
    const papers = (await app.scanAll()).filter((item) => /^ELECTION#stupa\.[a-z-]+#BALLOTS#/.test(String(item.pk)));
    expect(papers).toHaveLength(12);
    for (const item of papers) expect(Object.keys(item).sort()).toEqual(['choices', 'pk', 'sk']);
  });

  it("exports each contest's ballots apart, with no common id, and the voters' groups as counted", () => {
    const ballots = lines.filter((l): l is Extract<AuditLine, { kind: 'ballot' }> => l.kind === 'ballot');
    expect(ballots.map((b) => b.contest)).toEqual(['doc-ref', 'doc-ref', 'fac-bio', 'fac-inf', 'fac-inf', 'fac-inf', 'fac-inf', 'parliament', 'parliament', 'parliament', 'parliament', 'parliament']);
    expect(new Set(ballots.map((b) => b.ballotId)).size).toBe(ballots.length);
    const voters = lines.filter((l): l is Extract<AuditLine, { kind: 'voter' }> => l.kind === 'voter');
    expect(voters).toHaveLength(9);
    expect(voters.filter((v) => v.groups?.includes('status:doctoral'))).toHaveLength(3);
  });

  it("lets an auditor find a voter's papers by the receipt, and recount one ranked contest elsewhere, from the export alone", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'contests-'));
    const file = join(dir, 'stupa.ndjson');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const printed: string[] = [];
    expect(await auditReceipt(file, receipts.i4!, (line) => printed.push(line))).toBe(0);
    expect(printed.join('\n')).toContain('Your ballot of "Doctoral referendum" (doc-ref) is in the sealed ballot box');
    expect(printed.filter((line) => line.startsWith('Your ballot of'))).toHaveLength(3);
    await expect(auditBlt(file, join(dir, 'x.blt'), () => {})).rejects.toThrow('name one with --contest (ranked: fac-inf, fac-bio)');
    expect(await auditBlt(file, join(dir, 'fac-inf.blt'), () => {}, 'fac-inf')).toBe(0);
    const blt = parseBlt(readFileSync(join(dir, 'fac-inf.blt'), 'utf8'));
    expect(blt).toMatchObject({ seats: 2, candidates: ['Ada Byron', 'Bea Cole', 'Cal Dunn'], title: 'University elections 2026: Faculty council Informatik' });
    expect(blt.ballots.reduce((sum, b) => sum + b.weight, 0)).toBe(4);
  });

  it('finds a ballot moved from one contest to another, and a contest with more ballots than voters who could vote in it', () => {
    const moved = lines.map((l) => (l.kind === 'ballot' && l.contest === 'fac-bio' ? { ...l, contest: 'fac-inf' } : l));
    const report = verifyAuditLog(moved);
    expect(report.ok).toBe(false);
    expect(report.findings.join('\n')).toMatch(/ballot \S+ in contest "fac-inf" is not a valid ballot: "Dora Ek" is not a candidate/);
    expect(report.findings.join('\n')).toContain('contest "fac-inf" holds 5 ballots but only 4 voters could vote in it online');
    const stuffed = [...lines];
    const referendumAt = stuffed.findIndex((l) => l.kind === 'ballot' && l.contest === 'doc-ref');
    stuffed.splice(referendumAt, 0, { kind: 'ballot', contest: 'doc-ref', ballotId: 'AAAAAAAAAAAAAAAAAAAAAA', choices: ['yes'] });
    expect(verifyAuditLog(stuffed).findings.join('\n')).toContain('contest "doc-ref" holds 3 ballots but only 2 voters could vote in it online: ballots were added');
    const regrouped = lines.map((l) => (l.kind === 'voter' && l.groups?.includes('status:doctoral') ? { ...l, groups: ['faculty:informatik'] } : l));
    expect(verifyAuditLog(regrouped).findings.join('\n')).toContain("voters' groups were changed");
  });
});
