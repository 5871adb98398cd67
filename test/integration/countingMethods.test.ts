import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditBlt } from '../../cli/auditBlt';
import { LotBook, parseBlt, verifyAuditLog, type AuditLine, type CountSheet, type TallyResult } from '../../domain';
import { countScottishStv } from '../../domain/counting/scottishStv';
import { rechain } from '../audit/forge';
import { startTestApp, type TestApp } from '../support/harness';
import { closeVoting, mailResults, publishResults, tallyBallots } from '../support/lifecycleSteps';

/**
 * Whole elections counted by the other rules, through the API against DynamoDB Local: created,
 * voted, closed, counted, published, mailed and exported; the export verifies, and a changed
 * figure of the count sheet does not.
 */
const person = (name: string, list?: string) => ({ name, email: `${name.split(' ')[0]!.toLowerCase()}@uni.test`, pageLink: 'https://uni.test/c', ...(list && { list }) });

describe('elections counted by ranked, list and referendum rules', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  /** Creates the election, registers one voter per ballot, opens it, casts each ballot, closes, counts, mails and publishes. */
  async function runElection(id: string, definition: Record<string, unknown>, ballots: ({ choices: string[] } | { abstain: true })[], extraVoters = 0) {
    const closesAt = new Date(app.clock.now().getTime() + 60_000).toISOString();
    const created = await app.call('POST', '/elections', { id, title: `Election ${id}`, closesAt, ...definition });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const roll = Array.from({ length: ballots.length + extraVoters }, (_, i) => ({ studentId: `${id}-${i}`, email: `${id}-${i}@uni.test` }));
    expect((await app.call('POST', `/elections/${id}/voters`, { voters: roll })).status).toBe(200);
    await app.drainMail();
    for (const step of ['lock', 'start']) expect((await app.call('POST', `/elections/${id}/${step}`)).status).toBe(200);
    for (const [i, ballot] of ballots.entries()) {
      const cast = await app.call('POST', `/elections/${id}/ballots`, { token: app.mailer.tokenFor(roll[i]!.email), ...ballot });
      expect(cast.status, JSON.stringify(cast.body)).toBe(201);
    }
    app.clock.advance(61_000);
    for (const step of [closeVoting, tallyBallots, mailResults, publishResults]) expect((await step(app.deps, id)).ok).toBe(true);
    const results = await app.call('GET', `/elections/${id}/results`);
    expect(results.status).toBe(200);
    const exported = await fetch(`${app.url}/elections/${id}/audit-log`);
    const lines = (await exported.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditLine);
    return { result: results.body.result as TallyResult, lines, roll };
  }

  // Two seats, quota floor(10 / 3) + 1 = 4: Ada's surplus of 2 goes on to Bea at 0.33333 a paper
  // (2.99998), RON and then Cal are excluded, and Cal's papers take Bea over the quota.
  const STV_BALLOTS = [
    ...Array.from({ length: 6 }, () => ({ choices: ['Ada Byron', 'Bea Cole', 'Cal Dunn'] })),
    { choices: ['Cal Dunn', 'Bea Cole'] },
    { choices: ['Cal Dunn', 'Bea Cole'] },
    { choices: ['Bea Cole'] },
    { choices: ['RON'] },
    { abstain: true as const },
  ];

  it('counts Scottish STV with RON, publishes the count sheet, mails its link, and exports ballots an independent count agrees with', async () => {
    const { result, lines, roll } = await runElection(
      'stv',
      { ballot: { kind: 'ranked', method: 'scottish-stv', seats: 2, ron: true }, candidates: ['Ada Byron', 'Bea Cole', 'Cal Dunn'].map((n) => person(n)) },
      STV_BALLOTS,
    );
    expect(result).toMatchObject({ method: 'scottish-stv', ballots: 11, abstentions: 1, seats: 2, elected: ['Ada Byron', 'Bea Cole'], vacant: 0 });
    const sheet = result.sheet as CountSheet;
    expect(sheet.quota).toBe('4.00000');
    expect(sheet.validBallots).toBe(10);
    expect(sheet.rounds[0]!.votes).toMatchObject({ 'Ada Byron': '6.00000', 'Cal Dunn': '2.00000', 'Bea Cole': '1.00000', RON: '1.00000' });
    expect(sheet.rounds[1]!.votes).toMatchObject({ 'Ada Byron': '4.00000', 'Bea Cole': '2.99998' });
    expect(result.counts[0]).toEqual({ candidate: 'Ada Byron', votes: 6 });

    const mail = app.mailer.to(roll[0]!.email).find((m) => m.subject.startsWith('Results'))!;
    expect(mail.text).toContain('Counted by: single transferable vote, Scottish rules');
    expect(mail.text).toMatch(/The count sheet, round by round: \S+\/vote#election=stv&view=count-sheet/);

    expect(verifyAuditLog(lines).findings).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'blt-'));
    const exportFile = join(dir, 'stv.ndjson');
    writeFileSync(exportFile, lines.map((l) => JSON.stringify(l)).join('\n'));
    expect(await auditBlt(exportFile, join(dir, 'stv.blt'), () => {})).toBe(0);
    const blt = parseBlt(readFileSync(join(dir, 'stv.blt'), 'utf8'));
    expect(blt).toMatchObject({ seats: 2, candidates: ['Ada Byron', 'Bea Cole', 'Cal Dunn', 'RON'], title: 'Election stv' });
    expect(blt.ballots.reduce((sum, b) => sum + b.weight, 0)).toBe(10);
    expect(countScottishStv(blt, new LotBook({ digest: 'x', contest: 'recount' })).elected).toEqual(['Ada Byron', 'Bea Cole']);
  });

  it('refuses an export whose count sheet was changed, even re-hashed', async () => {
    const { lines } = await runElection(
      'forged',
      { ballot: { kind: 'ranked', method: 'scottish-stv', seats: 2 }, candidates: ['Ada Byron', 'Bea Cole', 'Cal Dunn'].map((n) => person(n)) },
      STV_BALLOTS.filter((b) => !('choices' in b) || !b.choices.includes('RON')),
    );
    const events = lines.flatMap((l) => (l.kind === 'event' ? [l.event] : []));
    const forged = rechain(
      events.map((event) => {
        if (event.type !== 'ResultsTallied') return event;
        if (!('result' in event.data)) throw new Error('one contest, one result');
        const sheet = structuredClone(event.data.result.sheet!);
        sheet.rounds[1]!.votes['Bea Cole'] = '3.99999';
        return { ...event, data: { result: { ...event.data.result, sheet } } };
      }),
    );
    const rewritten = lines.map((l) => (l.kind === 'event' ? { kind: 'event' as const, event: forged[l.event.seq - 1]! } : l));
    const findings = verifyAuditLog(rewritten).findings;
    expect(findings.some((f) => f.includes('the published result does not match the ballots'))).toBe(true);
  });

  /** Sainte-Laguë, 4 seats, 3 votes, at most 2 to a candidate: personal votes, a vote for Green Campus, two for Open Left. */
  const LIST_BALLOT = { kind: 'list', method: 'sainte-lague', seats: 4, lists: ['Green Campus', 'Open Left'], votes: 3, maxPerCandidate: 2 };
  const LIST_CANDIDATES = [person('Anna Berg', 'Green Campus'), person('Ben Kaya', 'Green Campus'), person('Clara Stein', 'Open Left')];
  const LIST_BALLOTS = [
    { choices: ['Anna Berg', 'Anna Berg', 'Ben Kaya'] },
    { choices: ['Ben Kaya', 'Clara Stein', 'Clara Stein'] },
    { choices: ['Green Campus'] },
    { choices: ['Open Left'] },
    { choices: ['Open Left'] },
  ];

  it('counts a list ballot by Sainte-Laguë with personal and list votes, and leaves the extra seat of a short list empty', async () => {
    const { result, lines } = await runElection('stupa', { ballot: LIST_BALLOT, candidates: LIST_CANDIDATES }, LIST_BALLOTS);
    // Green Campus: 2 + 2 personal + 1 list = 5; Open Left: 2 personal + 2 list = 4.
    expect(result.counts).toEqual([
      { candidate: 'Green Campus', votes: 5 },
      { candidate: 'Open Left', votes: 4 },
    ]);
    expect(result.sheet!.lists!.seatsByList).toEqual({ 'Green Campus': 2, 'Open Left': 2 });
    expect(result.elected).toEqual(['Anna Berg', 'Ben Kaya', 'Clara Stein']);
    expect(result.vacant).toBe(1);
    expect(verifyAuditLog(lines).findings).toEqual([]);
  });

  it('counts a vote for a whole list as all the voter’s votes down the list when the ballot says so, pinned in the sheet the verifier recounts', async () => {
    const refused = await app.call('POST', '/elections', { id: 'stupa-half', title: 'StuPa', ballot: { ...LIST_BALLOT, listVote: 'half' }, candidates: LIST_CANDIDATES });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^ballot\.listVote: /);
    const { result, lines } = await runElection('stupa-all', { ballot: { ...LIST_BALLOT, listVote: 'all' }, candidates: LIST_CANDIDATES }, LIST_BALLOTS);
    // The Green Campus ballot gives Anna 2 and Ben 1; each Open Left ballot gives Clara 2, its third vote lost.
    // Anna 2 + 2, Ben 1 + 1 + 1, Clara 2 + 4: Green Campus 7, Open Left 6, and no list votes.
    expect(result.sheet!.rounds[0]!.votes).toEqual({ 'Anna Berg': '4', 'Ben Kaya': '3', 'Clara Stein': '6', 'Green Campus': '0', 'Open Left': '0' });
    expect(result.counts).toEqual([
      { candidate: 'Green Campus', votes: 7 },
      { candidate: 'Open Left', votes: 6 },
    ]);
    expect(result.sheet!.lists!.listVote).toBe('all');
    expect(result.elected).toEqual(['Anna Berg', 'Ben Kaya', 'Clara Stein']);
    expect(verifyAuditLog(lines).findings).toEqual([]);
  });

  it('decides a referendum by a two-thirds majority and a quorum of registered voters, abstentions counted for neither', async () => {
    const yes = Array.from({ length: 4 }, () => ({ choices: ['yes'] }));
    const { result, lines } = await runElection(
      'vote-on-fees',
      { ballot: { kind: 'referendum', majority: 'two-thirds', quorumPercent: 25 } },
      [...yes, { choices: ['no'] }, { choices: ['no'] }, { abstain: true }],
      9,
    );
    // 4 of 6 yes+no is two thirds exactly; the quorum is ceil(16 × 25 %) = 4 yes votes.
    expect(result).toMatchObject({ method: 'referendum', passed: true, abstentions: 1, seats: 0, elected: [] });
    expect(result.sheet!.referendum).toMatchObject({ yes: 4, no: 2, abstain: 1, quorumVotes: 4, passed: true });
    expect(verifyAuditLog(lines).findings).toEqual([]);
  });
});
