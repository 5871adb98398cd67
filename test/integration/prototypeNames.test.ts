import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin } from '../../cli/admin';
import { ApiClient } from '../../cli/apiClient';
import { auditVerify } from '../../cli/audit';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/harness';
import { closeVoting, mailResults, publishResults, tallyBallots } from '../support/lifecycleSteps';
import { distinctNames, PROTOTYPE_NAMES, twinOf, withPrototypeNames } from '../support/prototypeNames';

/**
 * An election whose id, contest ids, voter groups, candidates, lists, student ids and observer are
 * named `constructor`, `__proto__`, `toString` and the like runs through the API exactly as its
 * twin with ordinary names: the same answers, results, count sheets and `admin results`, name for
 * name, and its export verifies. Which names stand where is drawn; the ballots are set so that no
 * count draws a lot (a lot draws on the names themselves).
 */

interface Names {
  election: string;
  /** a: single, for every voter; b: list, for group 0; c: ranked, for every voter; d: referendum, for group 1. */
  contests: string[];
  titles: string[];
  groups: string[];
  /** a's candidates n1–n3. */
  single: string[];
  /** b's lists l1 and l2, then its candidates m1, m2 (on l1) and m3 (on l2). */
  list: string[];
  /** c's candidates r1–r3. */
  ranked: string[];
  /** v1–v7; v7 votes by post. */
  students: string[];
  observer: string;
}

/** Election and contest ids and groups are lowercase: of the prototype's names, `constructor` and `prototype` are such ids. */
const IDS = ['constructor', 'prototype', 'council', 'senate', 'board', 'union'];

const drawnNames: fc.Arbitrary<Names> = fc.record({
  election: fc.constantFrom(...IDS),
  contests: fc.shuffledSubarray(IDS, { minLength: 4, maxLength: 4 }),
  titles: distinctNames(4),
  groups: fc.shuffledSubarray(['constructor', 'prototype', 'faculty:informatik', 'status:doctoral'], { minLength: 2, maxLength: 2 }),
  single: distinctNames(3),
  list: distinctNames(5),
  ranked: distinctNames(3),
  students: fc.shuffledSubarray([...PROTOTYPE_NAMES, 's1', 's2', 's3'], { minLength: 7, maxLength: 7 }),
  observer: fc.constantFrom(...PROTOTYPE_NAMES),
});

/** The same names, each replaced by its twin. */
const twinned = (names: Names): Names => JSON.parse(JSON.stringify(names), (_, value: unknown) => (typeof value === 'string' ? twinOf(value) : value)) as Names;

const person = (name: string, i: number, list?: string) => ({ name, email: `c${i}@uni.test`, pageLink: 'https://uni.test/c', ...(list !== undefined && { list }) });

const VOTER_GROUPS = (g0: string, g1: string) => [[g0], [g0, g1], [g1], [], [g0], [g1], [g0]];

describe('names every object answers from its prototype, through the API', () => {
  let app: TestApp;
  const used = new Set<string>();
  let renamed = 0;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  /** An election's request, which must succeed. */
  const call = async (id: string, method: string, path: string, body?: unknown) => {
    const answer = await app.call(method, `/elections/${id}${path}`, body);
    expect(answer.status, `${method} ${id}${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
    return answer.body;
  };

  /** Four contests, voters in their groups, one by post, locked, started and voted in; `side` keeps the two elections' mailboxes apart. */
  async function setUpAndVote(names: Names, side: string, closesAt: string): Promise<void> {
    const [a, b, c, d] = names.contests as [string, string, string, string];
    const [g0, g1] = names.groups as [string, string];
    const [l1, l2, m1, m2, m3] = names.list as [string, string, string, string, string];
    const [n1, n2] = names.single as [string, string];
    const [r1, r2, r3] = names.ranked as [string, string, string];
    const id = names.election;
    const contests = [
      { id: a, title: names.titles[0], candidates: names.single.map((name, i) => person(name, i)) },
      {
        id: b,
        title: names.titles[1],
        groups: [g0],
        ballot: { kind: 'list', method: 'dhondt', seats: 2, lists: [l1, l2], votes: 2, maxPerCandidate: 2 },
        candidates: [person(m1, 0, l1), person(m2, 1, l1), person(m3, 2, l2)],
      },
      { id: c, title: names.titles[2], ballot: { kind: 'ranked', method: 'scottish-stv', seats: 1 }, candidates: names.ranked.map((name, i) => person(name, i)) },
      { id: d, title: names.titles[3], groups: [g1], ballot: { kind: 'referendum', majority: 'simple' } },
    ];
    expect((await app.call('POST', '/elections', { id, title: names.titles[0], closesAt, contests, observers: [`${names.observer}@uni.test`] })).status).toBe(201);
    const email = (k: number) => `v${k + 1}@${side}.test`;
    const groups = VOTER_GROUPS(g0, g1);
    await call(id, 'POST', '/voters', { voters: names.students.map((studentId, k) => ({ studentId, email: email(k), groups: groups[k] })) });
    await call(id, 'POST', '/postal-voters', { studentIds: [names.students[6]] });
    await call(id, 'POST', '/lock');
    await call(id, 'POST', '/start');
    // a: n1 3, n2 2; b: l1 3 (m1 2, m2 1), l2 1; c: r1 2, r2 2, r3 1, whose paper then goes to r2; d: 2 yes. Each leaves out a contest open to them but v1 and v5.
    const papers = [
      { [a]: [n1], [b]: [m1, m2], [c]: [r1] },
      { [a]: [n1], [b]: [m1], [c]: [r1, r2] },
      { [a]: [n1], [c]: [r2], [d]: ['yes'] },
      { [a]: [n2] },
      { [a]: [n2], [b]: [l2], [c]: [r2, r1] },
      { [c]: [r3, r2], [d]: ['yes'] },
    ];
    for (const [k, paper] of papers.entries()) {
      await call(id, 'POST', '/ballots', { token: app.mailer.tokenFor(email(k)), papers: Object.fromEntries(Object.entries(paper).map(([contest, choices]) => [contest, { choices }])) });
    }
  }

  /**
   * Closes, counts, mails and publishes; then what anyone reads and the CLI prints, its id, digests,
   * roll hashes and the end of its challenge period (from its own publication's moment), which no
   * twin shares, left out.
   */
  async function countAndRead(id: string) {
    for (const step of [closeVoting, tallyBallots, mailResults, publishResults]) expect((await step(app.deps, id)).ok).toBe(true);
    const { id: _id, roll: _roll, seal: _seal, challengeEndsAt: _ends, credentialsReleasedAt: _released, personalData: _personal, ...election } = await call(id, 'GET', '');
    const { id: _sameId, seal: _digests, ...results } = await call(id, 'GET', '/results');
    const printed: string[] = [];
    await admin.results(new ApiClient({ baseUrl: app.url, adminToken: ADMIN_TOKEN }), id, (line) => printed.push(line));
    const verified = await auditVerify(`${app.url}/elections/${id}/audit-log`, {}, () => undefined);
    const turnout = await call(id, 'GET', '/turnout');
    return { shown: JSON.stringify({ election, results, turnout }), adminResults: printed.filter((line) => !line.includes('digest')).join('\n'), verified };
  }

  // Each run is two elections end to end: a few runs, and the first failure is reported as it is rather than shrunk.
  test.prop([drawnNames], { numRuns: 3, endOnFailure: true })('set-up, voters in their groups, casts that leave contests out, the count, the results and the export', async (drawn) => {
    // Each run has elections of its own: an id drawn before gets a number. The twin's id differs
    // from an ordinary one's too, so ids are left out of what is compared.
    const suffix = used.has(drawn.election) ? `-${(renamed += 1)}` : '';
    used.add(drawn.election);
    const named = { ...drawn, election: `${drawn.election}${suffix}` };
    const twin = { ...twinned(drawn), election: `twin-${twinOf(drawn.election)}${suffix}` };
    const closesAt = new Date(app.clock.now().getTime() + 60_000).toISOString();
    await setUpAndVote(named, 'named', closesAt);
    await setUpAndVote(twin, 'twin', closesAt);
    app.clock.advance(61_000);
    const seen = await countAndRead(named.election);
    const seenByTwin = await countAndRead(twin.election);
    expect(seen.verified).toBe(0);
    expect(seen.shown).toBe(withPrototypeNames(seenByTwin.shown));
    expect(seen.adminResults).toBe(withPrototypeNames(seenByTwin.adminResults));
  });

  it('refuses a paper, a contest id and a group named __proto__, naming the field, where a plain object would drop it unseen', async () => {
    const closesAt = new Date(app.clock.now().getTime() + 60_000).toISOString();
    const contest = (id: string) => ({ id, title: `Council ${id}`, candidates: [person('Ada Lovelace', 0)] });
    const badId = await app.call('POST', '/elections', { id: 'proto-ids', title: 'Councils', closesAt, contests: [contest('__proto__')] });
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toMatch(/^contests\.0\.id: /);
    expect((await app.call('POST', '/elections', { id: 'proto', title: 'Councils', closesAt, contests: [contest('council'), contest('senate')] })).status).toBe(201);
    const badGroup = await app.call('POST', '/elections/proto/voters', { voters: [{ studentId: '__proto__', email: 'p@uni.test', groups: ['__proto__'] }] });
    expect(badGroup.status).toBe(400);
    expect(badGroup.body.error.message).toMatch(/^voters\.0\.groups\.0: "__proto__" is not a group/);
    expect((await app.call('POST', '/elections/proto/voters', { voters: [{ studentId: '__proto__', email: 'p@uni.test' }] })).status).toBe(200);
    for (const step of ['lock', 'start']) expect((await app.call('POST', `/elections/proto/${step}`)).status).toBe(200);
    const token = app.mailer.tokenFor('p@uni.test');
    // As a browser would send it: JSON with the key, which JSON.parse keeps as an own property.
    const stray = await app.call('POST', '/elections/proto/ballots', `{"token":"${token}","papers":{"__proto__":{"abstain":true},"council":{"choices":["Ada Lovelace"]}}}`);
    expect(stray.status).toBe(400);
    expect(stray.body.error.message).toBe('papers.__proto__: not a contest id');
    expect((await app.call('POST', '/elections/proto/ballots', { token, papers: { council: { choices: ['Ada Lovelace'] } } })).status).toBe(201);
  });
});
