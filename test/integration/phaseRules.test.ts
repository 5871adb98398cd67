import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditLog, type AuditLine } from '../../domain';
import { closeVoting, mailResults, publishResults, tallyBallots } from '../support/lifecycleSteps';
import { ADMIN_TOKEN, openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';

/**
 * Invariant 5 (docs/architecture.md), over HTTP: voters only before the lock fingerprints the roll,
 * candidates only before start; lock only when unlocked; start only when locked; no results before
 * close; admin commands only with a valid admin credential.
 */

const newCandidate = (name: string) => ({ name, email: 'new@uni.test', pageLink: 'https://uni.test/new' });
const newVoters = (...ids: string[]) => ({ voters: ids.map((studentId) => ({ studentId, email: `${studentId}@uni.test` })) });

describe('invariant 5: phase rules on the REST routes', () => {
  let app: TestApp;
  beforeAll(async () => (app = await startTestApp()));
  afterAll(() => app.stop());

  const phaseOf = async (id: string) => (await app.call('GET', `/elections/${id}`)).body.phase as string;

  it('accepts voters and candidates in a draft; once locked candidates still, but no voter and no postal mark: the roll stays as fingerprinted, and the export verifies', async () => {
    const { id } = await setUpElection(app, { id: 'setup-phases', voters: 2, closesInMs: 60_000 });
    expect((await app.call('POST', `/elections/${id}/candidates`, { candidates: [newCandidate('Barbara Liskov')] })).status).toBe(200);
    expect((await app.call('POST', `/elections/${id}/voters`, newVoters('d1'))).status).toBe(200);

    expect((await app.call('POST', `/elections/${id}/lock`)).status).toBe(200);
    expect((await app.call('POST', `/elections/${id}/candidates`, { candidates: [newCandidate('Edsger Dijkstra')] })).status).toBe(200);
    const frozen = { status: 409, body: { error: { code: 'wrong_phase' } } };
    expect(await app.call('POST', `/elections/${id}/voters`, newVoters('l1'))).toMatchObject(frozen);
    expect((await app.call('POST', `/elections/${id}/voters`, newVoters('l1'))).body.error.message).toBe(
      'cannot add voters: the roll was fingerprinted when the election was locked, and stays as it was then',
    );
    expect(await app.call('POST', `/elections/${id}/postal-voters`, { studentIds: ['d1'] })).toMatchObject(frozen);
    expect(await app.store.listVoters(id)).toHaveLength(3);
    expect(app.mailer.to('l1@uni.test')).toEqual([]);

    const view = (await app.call('GET', `/elections/${id}`)).body;
    expect(view).toMatchObject({ phase: 'locked', voterCount: 3, roll: { voters: 3 } });
    expect(view.candidates.map((c: { name: string }) => c.name)).toEqual(['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Barbara Liskov', 'Edsger Dijkstra']);

    expect((await app.call('POST', `/elections/${id}/start`)).status).toBe(200);
    app.clock.advance(61_000);
    for (const step of [closeVoting, tallyBallots, mailResults, publishResults]) expect((await step(app.deps, id)).ok).toBe(true);
    const exported = (await (await fetch(`${app.url}/elections/${id}/audit-log`)).text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditLine);
    expect(verifyAuditLog(exported).findings).toEqual([]);
  });

  it('refuses voters, candidates, window and observer changes with 409 once voting has started, and after close', async () => {
    const { id } = await setUpElection(app, { id: 'setup-after-start', voters: 2, closesInMs: 60_000 });
    await openElection(app, id);
    const eventsAtStart = (await app.store.readEvents(id)).length;

    const attempts = async () => {
      const answers = [
        await app.call('POST', `/elections/${id}/voters`, newVoters('late1')),
        await app.call('POST', `/elections/${id}/candidates`, { candidates: [newCandidate('Late Comer')] }),
        await app.call('PUT', `/elections/${id}/window`, { closesAt: new Date(app.clock.now().getTime() + 3_600_000).toISOString() }),
        await app.call('PUT', `/elections/${id}/observers`, { observers: ['watcher@uni.test'] }),
      ];
      for (const answer of answers) expect(answer).toMatchObject({ status: 409, body: { error: { code: 'wrong_phase' } } });
    };
    await attempts();
    app.clock.advance(61_000);
    expect((await closeVoting(app.deps, id)).ok).toBe(true);
    await attempts();

    expect(await app.store.readEvents(id)).toHaveLength(eventsAtStart + 1); // only VotingClosed
    const view = (await app.call('GET', `/elections/${id}`)).body;
    expect(view.voterCount).toBe(2);
    expect(view.candidates).toHaveLength(3);
    expect(await app.store.listVoters(id)).toHaveLength(2);
    expect(app.mailer.to('late1@uni.test')).toEqual([]);
  });

  it('locks only an unlocked election: a second lock, a lock after start and a lock after close get 409', async () => {
    const { id } = await setUpElection(app, { id: 'lock-rules', voters: 1, closesInMs: 60_000 });
    expect((await app.call('POST', `/elections/${id}/lock`)).status).toBe(200);
    expect(await app.call('POST', `/elections/${id}/lock`)).toMatchObject({ status: 409, body: { error: { code: 'wrong_phase' } } });
    expect(await phaseOf(id)).toBe('locked');

    expect((await app.call('POST', `/elections/${id}/start`)).status).toBe(200);
    expect(await app.call('POST', `/elections/${id}/lock`)).toMatchObject({ status: 409, body: { error: { code: 'wrong_phase' } } });
    expect(await phaseOf(id)).toBe('open');

    app.clock.advance(61_000);
    expect((await closeVoting(app.deps, id)).ok).toBe(true);
    expect((await app.call('POST', `/elections/${id}/lock`)).status).toBe(409);
    expect(await phaseOf(id)).toBe('closed');
  });

  it('starts only a locked election: start on a draft gets 409 and starts no lifecycle; a second start gets 409 and only re-ensures the same one', async () => {
    const { id } = await setUpElection(app, { id: 'start-rules', voters: 1 });
    expect(await app.call('POST', `/elections/${id}/start`)).toMatchObject({ status: 409, body: { error: { code: 'wrong_phase' } } });
    expect(await phaseOf(id)).toBe('draft');
    expect(app.started).not.toContain(id);

    expect((await app.call('POST', `/elections/${id}/lock`)).status).toBe(200);
    expect((await app.call('POST', `/elections/${id}/start`)).status).toBe(200);
    expect(app.started.filter((s) => s === id)).toHaveLength(1);

    expect(await app.call('POST', `/elections/${id}/start`)).toMatchObject({ status: 409, body: { error: { code: 'wrong_phase' } } });
    expect(app.started.filter((s) => s === id)).toHaveLength(2); // idempotent: same execution name
    expect(await phaseOf(id)).toBe('open');
  });

  it('answers results with 409 not_tallied while draft, locked, open and closed, and 200 once tallied', async () => {
    const { id, tokens } = await setUpElection(app, { id: 'results-rules', voters: 1, closesInMs: 60_000 });
    const results = () => app.call('GET', `/elections/${id}/results`);
    const notYet = { status: 409, body: { error: { code: 'not_tallied' } } };

    expect(await results()).toMatchObject(notYet);
    expect((await app.call('POST', `/elections/${id}/lock`)).status).toBe(200);
    expect(await results()).toMatchObject(notYet);
    expect((await app.call('POST', `/elections/${id}/start`)).status).toBe(200);
    expect((await app.call('POST', `/elections/${id}/ballots`, { token: tokens[0]!, choices: ['Alan Turing'] })).status).toBe(201);
    expect(await results()).toMatchObject(notYet);
    app.clock.advance(61_000);
    expect(await results()).toMatchObject(notYet); // past the deadline, not yet closed
    expect((await closeVoting(app.deps, id)).ok).toBe(true);
    expect(await results()).toMatchObject(notYet);
    expect((await tallyBallots(app.deps, id)).ok).toBe(true);

    const tallied = await results();
    expect(tallied.status).toBe(200);
    expect(tallied.body.result.elected).toEqual(['Alan Turing']);
  });

  it('refuses to tally an election that is still open', async () => {
    const { id } = await setUpElection(app, { id: 'tally-open', voters: 1 });
    await openElection(app, id);
    const early = await tallyBallots(app.deps, id);
    expect(early.ok).toBe(false);
    expect(!early.ok && early.error.code).toBe('wrong_phase');
    expect((await app.call('GET', `/elections/${id}/results`)).status).toBe(409);
  });

  describe('admin credential', () => {
    const WRONG: Record<string, Record<string, string>> = {
      'a wrong token': { authorization: 'Bearer not-the-admin-token-0123456789' },
      'no header': { authorization: '' },
      'the token without Bearer': { authorization: ADMIN_TOKEN },
      'a Basic scheme': { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` },
      'the token with a character more': { authorization: `Bearer ${ADMIN_TOKEN}x` },
      'the token with a character less': { authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}` },
      'the token in upper case': { authorization: `Bearer ${ADMIN_TOKEN.toUpperCase()}` },
    };

    let id: string;
    let voterToken: string;
    beforeEach(async () => {
      if (id) return;
      const election = await setUpElection(app, { id: 'admin-auth', voters: 1 });
      id = election.id;
      voterToken = election.tokens[0]!;
    });
    let eventsBefore: number;
    beforeEach(async () => void (eventsBefore = (await app.store.readEvents(id)).length));
    afterEach(async () => {
      expect(await app.store.readEvents(id)).toHaveLength(eventsBefore);
    });

    const adminRoutes = (): [string, string, unknown][] => [
      ['POST', '/elections', { id: 'intruded', title: 'Intruded', closesAt: new Date(Date.now() + 3_600_000).toISOString() }],
      ['POST', `/elections/${id}/candidates`, { candidates: [newCandidate('Mallory')] }],
      ['POST', `/elections/${id}/voters`, newVoters('mallory')],
      ['PUT', `/elections/${id}/window`, { closesAt: new Date(app.clock.now().getTime() + 7_200_000).toISOString() }],
      ['PUT', `/elections/${id}/observers`, { observers: ['mallory@uni.test'] }],
      ['POST', `/elections/${id}/lock`, undefined],
      ['POST', `/elections/${id}/start`, undefined],
    ];

    for (const [label, headers] of Object.entries(WRONG)) {
      it(`refuses every admin route with 401 for ${label}, changing nothing`, async () => {
        for (const [method, path, body] of adminRoutes()) {
          const answer = await app.call(method, path, body, headers);
          expect(answer, `${method} ${path}`).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
        }
        expect((await app.call('GET', '/elections/intruded')).status).toBe(404);
        expect(await phaseOf(id)).toBe('draft');
        expect(app.mailer.to('mallory@uni.test')).toEqual([]);
      });
    }

    it('refuses a voter token as an admin credential with 401', async () => {
      for (const [method, path, body] of adminRoutes()) {
        const answer = await app.call(method, path, body, { authorization: `Bearer ${voterToken}` });
        expect(answer.status, `${method} ${path}`).toBe(401);
      }
    });

    it('accepts the same routes with the right admin token (the refusals above were about the credential)', async () => {
      expect((await app.call('PUT', `/elections/${id}/observers`, { observers: ['observer@uni.test'] })).status).toBe(200);
      eventsBefore += 1;
    });
  });
});

describe('invariant 5: phase rules on the thesis endpoint POST /commands', () => {
  let app: TestApp;
  beforeEach(async () => (app = await startTestApp()));
  afterEach(() => app.stop());

  const command = (body: Record<string, unknown>) => app.call('POST', '/commands', body, { authorization: '' });
  const admin = (name: string, fields: Record<string, unknown> = {}) => command({ command: name, administrator_token: ADMIN_TOKEN, ...fields });
  const addCandidates = (...names: string[]) =>
    admin('add_candidates', {
      candidates_to_add: names.map((n) => ({ candidate_full_name: n, candidate_email: 'c@uni.test', candidate_page_link: 'https://uni.test/c' })),
    });
  const addVoters = (...ids: number[]) => admin('add_voters', { voters_to_add: ids.map((i) => ({ student_id: i, student_email: `v${i}@uni.test` })) });
  const setDeadline = (inMs = 3_600_000) => admin('set_deadline', { deadline: new Date(app.clock.now().getTime() + inMs).toISOString() });

  /** The default election, set up as the thesis did: candidates, voters, deadline. */
  async function setUpThesisElection() {
    expect((await addCandidates('Marvelous Comrade', 'Also Marvelous Comrade')).status).toBe(200);
    expect((await addVoters(1, 2, 3)).status).toBe(200);
    expect((await setDeadline()).status).toBe(200);
  }

  it('locks only when unlocked and starts only when locked, answering 403 otherwise', async () => {
    await setUpThesisElection();
    expect((await admin('start')).status).toBe(403);
    expect(app.started).toEqual([]);
    expect((await admin('lock')).status).toBe(200);
    expect((await admin('lock')).status).toBe(403);
    expect((await admin('start')).status).toBe(200);
    expect(app.started).toEqual(['default']);
    expect((await admin('start')).status).toBe(403);
    expect((await admin('lock')).status).toBe(403);
    expect(app.started).toEqual(['default', 'default']); // the repeat only re-ensures the one execution
    expect((await app.call('GET', '/elections/default')).body.phase).toBe('open');
    // As in 2019, the results are published at the deadline: nobody accepts them first.
    expect((await app.call('GET', '/elections/default')).body.acceptance).toBe('automatic');
  });

  it('accepts candidates while locked but no voter, the roll being fingerprinted, and refuses both, and a new deadline, with 403 after start', async () => {
    await setUpThesisElection();
    expect((await admin('lock')).status).toBe(200);
    expect((await addVoters(4)).status).toBe(403);
    expect((await addCandidates('Third Comrade')).status).toBe(200);
    expect((await admin('start')).status).toBe(200);
    const eventsAtStart = (await app.store.readEvents('default')).length;

    expect((await addVoters(5)).status).toBe(403);
    expect((await addCandidates('Late Comrade')).status).toBe(403);
    expect((await setDeadline(7_200_000)).status).toBe(403);

    expect(await app.store.readEvents('default')).toHaveLength(eventsAtStart);
    expect(await app.store.listVoters('default')).toHaveLength(3);
    expect([...app.mailer.to('v4@uni.test'), ...app.mailer.to('v5@uni.test')]).toEqual([]);
    const candidates = await command({ command: 'get_candidates' });
    expect(candidates.status).toBe(200);
    expect(candidates.body.candidates.map((c: { candidate_full_name: string }) => c.candidate_full_name)).toEqual(['Marvelous Comrade', 'Also Marvelous Comrade', 'Third Comrade']);
  });

  it('lists candidates and takes votes only after start, one per voter (403 otherwise)', async () => {
    await setUpThesisElection();
    const vote = (id: number, name = 'Marvelous Comrade') => command({ command: 'cast_vote', voter_token: app.mailer.tokenFor(`v${id}@uni.test`), voter_id: id, candidate_full_name: name });
    expect((await command({ command: 'get_candidates' })).status).toBe(403);
    expect((await vote(1)).status).toBe(403);
    expect((await admin('lock')).status).toBe(200);
    expect((await vote(1)).status).toBe(403);
    expect((await admin('start')).status).toBe(200);
    expect((await vote(1)).status).toBe(200);
    expect((await vote(1)).status).toBe(403);
    expect((await vote(2, 'Also Marvelous Comrade')).status).toBe(200);
    // Someone else's token with one's own id does not work.
    expect((await command({ command: 'cast_vote', voter_token: app.mailer.tokenFor('v3@uni.test'), voter_id: 1, candidate_full_name: 'Marvelous Comrade' })).status).toBe(403);
    expect(await app.store.countBallots('default')).toBe(2);
  });

  it('refuses every admin command with a wrong administrator_token with 403 and changes nothing', async () => {
    const wrong = 'not-the-admin-token';
    const attempts = () => [
      command({
        command: 'add_candidates',
        administrator_token: wrong,
        candidates_to_add: [{ candidate_full_name: 'Mallory', candidate_email: 'm@uni.test', candidate_page_link: 'https://uni.test/m' }],
      }),
      command({ command: 'add_voters', administrator_token: wrong, voters_to_add: [{ student_id: 666, student_email: 'mallory@uni.test' }] }),
      command({ command: 'set_deadline', administrator_token: wrong, deadline: new Date(app.clock.now().getTime() + 3_600_000).toISOString() }),
      command({ command: 'lock', administrator_token: wrong }),
      command({ command: 'start', administrator_token: wrong }),
    ];
    // Before the default election exists: the refusal must not create it.
    for (const answer of await Promise.all(attempts())) expect(answer.status).toBe(403);
    expect((await app.call('GET', '/elections/default')).status).toBe(404);

    await setUpThesisElection();
    const events = await app.store.readEvents('default');
    for (const answer of await Promise.all(attempts())) expect(answer.status).toBe(403);
    expect(await app.store.readEvents('default')).toStrictEqual(events);
    expect(app.mailer.to('mallory@uni.test')).toEqual([]);
    expect((await app.call('GET', '/elections/default')).body.phase).toBe('draft');
  });
});
