import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin } from '../../cli/admin';
import { ApiClient } from '../../cli/apiClient';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/harness';
import { closeVoting } from '../support/lifecycleSteps';

/**
 * Secrecy of small contests, through the API, the CLI and DynamoDB Local: a contest in which fewer
 * than 10 voters may vote online is named in a warning from the first import on, in the lock's
 * answer and by `admin lock`, without stopping the lock; a contest of 10 is not. While voting
 * runs, turnout is published overall only: per contest it would show which papers each voter cast.
 */
const person = (name: string) => ({ name, email: `${name.split(' ')[0]!.toLowerCase()}@uni.test`, pageLink: 'https://uni.test/c' });

const CONTESTS = [
  { id: 'parliament', title: 'Student parliament', ballot: { kind: 'single' }, candidates: [person('Anna Berg'), person('Ben Kaya')] },
  { id: 'fac-inf', title: 'Faculty council Informatik', groups: ['faculty:informatik'], ballot: { kind: 'single' }, candidates: [person('Ada Byron'), person('Bea Cole')] },
  { id: 'fac-bio', title: 'Faculty council Biologie', groups: ['faculty:biologie'], ballot: { kind: 'single' }, candidates: [person('Dora Ek'), person('Emil Falk')] },
];

/** Ten voters in Informatik (the threshold: not small), three in Biologie; each election's at addresses of its own, whose mail tells its tokens apart. */
const rollOf = (election: string) => [
  ...Array.from({ length: 10 }, (_, i) => ({ studentId: `i${i + 1}`, email: `i${i + 1}@${election}.test`, groups: ['faculty:informatik'] })),
  ...Array.from({ length: 3 }, (_, i) => ({ studentId: `b${i + 1}`, email: `b${i + 1}@${election}.test`, groups: ['faculty:biologie'] })),
];

const SMALL_BIO = {
  code: 'small_contest',
  field: 'contests.2',
  contest: 'fac-bio',
  onlineVoters: 3,
  message: 'contests.2 ("Faculty council Biologie"): only 3 voters may vote in it online, fewer than 10: its published ballots and count may show how each of them voted',
};

describe('contests small enough to show how their voters voted', () => {
  let app: TestApp;
  let cli: ApiClient;
  const printed = async (run: (out: (line: string) => void) => Promise<unknown>) => {
    const lines: string[] = [];
    await run((line) => lines.push(line));
    return lines.join('\n');
  };
  /** Creates the election and registers its roll. */
  const create = async (id: string, body: object) => {
    const closesAt = new Date(app.clock.now().getTime() + 60_000).toISOString();
    const created = await app.call('POST', '/elections', { id, title: 'University elections 2026', closesAt, ...body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await app.call('POST', `/elections/${id}/voters`, { voters: rollOf(id) })).status).toBe(200);
    return created.body;
  };

  beforeAll(async () => {
    app = await startTestApp();
    cli = new ApiClient({ baseUrl: app.url, adminToken: ADMIN_TOKEN });
  });
  afterAll(() => app.stop());

  it('warns of no contest before any voter is on the roll, then of each small one in set-up', async () => {
    expect((await create('faculties', { contests: CONTESTS })).warnings).toBeUndefined();
    expect((await app.call('GET', '/elections/faculties')).body.warnings).toEqual([SMALL_BIO]);
  });

  it('counts only the voters who may vote online: postal voters make a contest of 10 small', async () => {
    expect((await app.call('POST', '/elections/faculties/postal-voters', { studentIds: ['i9', 'i10'] })).status).toBe(200);
    const { warnings } = (await app.call('GET', '/elections/faculties')).body;
    expect(warnings.map((w: { contest: string; onlineVoters: number }) => [w.contest, w.onlineVoters])).toEqual([
      ['fac-inf', 8],
      ['fac-bio', 3],
    ]);
  });

  it('carries the warnings in the lock’s answer, and locks all the same', async () => {
    await create('faculties-api', { contests: CONTESTS });
    const locked = await app.call('POST', '/elections/faculties-api/lock');
    expect(locked.status).toBe(200);
    expect(locked.body.phase).toBe('locked');
    expect(locked.body.warnings).toEqual([SMALL_BIO]);
  });

  it('prints the warnings at `admin lock`, and none for an election whose contests are large', async () => {
    await create('faculties-cli', { contests: CONTESTS });
    const small = await printed((out) => admin.step(cli, 'faculties-cli', 'lock', out));
    expect(small).toContain('faculties-cli is now locked.');
    expect(small).toContain(`  WARNING: ${SMALL_BIO.message}.`);
    expect(small).not.toContain('fac-inf');

    await create('parliament', { ballot: { kind: 'single' }, candidates: [person('Anna Berg'), person('Ben Kaya')] });
    const large = await printed((out) => admin.step(cli, 'parliament', 'lock', out));
    expect(large).toContain('parliament is now locked.');
    expect(large).not.toContain('WARNING');
    expect((await app.call('GET', '/elections/parliament')).body.warnings).toBeUndefined();
  });

  it('publishes turnout overall only while voting runs, and per contest once it has closed', async () => {
    const id = 'faculties';
    expect((await app.call('POST', `/elections/${id}/lock`)).status).toBe(200);
    expect((await app.call('POST', `/elections/${id}/start`)).status).toBe(200);
    const cast = async (studentId: string, papers: object) =>
      expect((await app.call('POST', `/elections/${id}/ballots`, { token: app.mailer.tokenFor(`${studentId}@${id}.test`), papers })).status).toBe(201);
    await cast('i1', { parliament: { choices: ['Anna Berg'] }, 'fac-inf': { choices: ['Ada Byron'] } });
    // b1 leaves the parliament's paper out: per contest, the next poll would show it.
    await cast('b1', { 'fac-bio': { choices: ['Dora Ek'] } });

    expect((await app.call('GET', `/elections/${id}/turnout`)).body).toEqual({ registered: 13, voted: 2, postal: 2 });
    const status = await printed((out) => admin.status(cli, id, out));
    expect(status).toContain('turnout:    2 online and 2 by post, of 13');
    expect(status).toContain('per contest once voting has closed');
    expect(status).not.toMatch(/^ {4}turnout:/m);

    app.clock.advance(61_000);
    expect((await closeVoting(app.deps, id)).ok).toBe(true);
    expect((await app.call('GET', `/elections/${id}/turnout`)).body).toEqual({
      registered: 13,
      voted: 2,
      postal: 2,
      contests: [
        { id: 'parliament', registered: 13, voted: 1, postal: 2 },
        { id: 'fac-inf', registered: 10, voted: 1, postal: 2 },
        { id: 'fac-bio', registered: 3, voted: 1 },
      ],
    });
    expect(await printed((out) => admin.status(cli, id, out))).toContain('    turnout:    1 of 3');
  });
});
