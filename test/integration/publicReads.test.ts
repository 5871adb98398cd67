import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../handlers/api/router';
import type { Clock, ElectionStore, ReadOptions } from '../../handlers/ports';
import { serveApi } from '../../infra/local/apiServer';
import { ADMIN_TOKEN, openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';
import { closeVoting, tallyBallots } from '../support/lifecycleSteps';

/** Time that moves only when the test says so. */
class ManualClock implements Clock {
  constructor(private at: number) {}
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

/** The store's reads as the read function makes them: which method, and whether strongly consistent. */
function countingStore(store: ElectionStore) {
  const reads: { method: string; consistent: boolean }[] = [];
  const counted = new Set(['load', 'countBallots', 'countParticipation']);
  const wrapped = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || !counted.has(String(name))) return value;
      return (electionId: string, options?: ReadOptions) => {
        reads.push({ method: String(name), consistent: options?.consistent ?? true });
        return value.call(target, electionId, options);
      };
    },
  });
  return { store: wrapped, reads };
}

/**
 * A second API handler on the same table, as a separate read function on AWS is: writes go
 * through the test app's own handler, so this one learns of them only by reading again.
 */
describe('public reads at a thousand page loads a second', () => {
  let app: TestApp;
  let reader: { url: string; stop(): Promise<void> };
  let clock: ManualClock;
  let reads: { method: string; consistent: boolean }[];
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${reader.url}${path}`, { headers });
    return { status: response.status, cacheControl: response.headers.get('cache-control'), body: (await response.json()) as any };
  };
  const readsOf = (method: string) => reads.filter((r) => r.method === method);

  beforeAll(async () => {
    app = await startTestApp();
    clock = new ManualClock(Date.now());
    const counting = countingStore(app.store);
    reads = counting.reads;
    reader = await serveApi(createApiHandler({ ...app.deps, store: counting.store, clock }), 0);
  });
  afterAll(async () => {
    await reader.stop();
    await app.stop();
  });

  it('serves 1,000 views within two seconds from one eventually consistent read, marked public for two seconds', async () => {
    const { id } = await setUpElection(app, { id: 'busy', voters: 2 });
    reads.length = 0;
    const answers = await Promise.all(Array.from({ length: 500 }, () => get(`/elections/${id}`)));
    for (let i = 0; i < 250; i += 1) answers.push(await get(`/elections/${id}`), await get(`/elections/${id}/candidates`));

    expect(answers.every((a) => a.status === 200 && a.cacheControl === 'public, max-age=2')).toBe(true);
    expect(answers[0]!.body).toMatchObject({ id, phase: 'draft', voterCount: 2 });
    expect(reads).toEqual([{ method: 'load', consistent: false }]);

    clock.advance(1_999);
    await get(`/elections/${id}`);
    expect(reads).toHaveLength(1);
    clock.advance(1);
    await get(`/elections/${id}`);
    expect(reads).toHaveLength(2);
  });

  it('shows a change made elsewhere once the view is two seconds old, not before', async () => {
    const { id } = await setUpElection(app, { id: 'stale', voters: 1 });
    expect((await get(`/elections/${id}`)).body.phase).toBe('draft');
    expect((await app.call('POST', `/elections/${id}/lock`)).status).toBe(200);
    expect((await get(`/elections/${id}`)).body.phase).toBe('draft');
    clock.advance(2_000);
    expect((await get(`/elections/${id}`)).body.phase).toBe('locked');
  });

  it('counts turnout at most once in five seconds, from the participation markers, eventually consistent', async () => {
    const { id, tokens } = await setUpElection(app, { id: 'counted', voters: 3 });
    await openElection(app, id);
    expect((await app.call('POST', `/elections/${id}/ballots`, { token: tokens[0], choices: ['Ada Lovelace'] })).status).toBe(201);
    clock.advance(60_000); // past any view cached by the tests before
    reads.length = 0;

    const answers = await Promise.all(Array.from({ length: 1_000 }, () => get(`/elections/${id}/turnout`)));
    expect(answers.every((a) => a.status === 200 && a.cacheControl === 'public, max-age=5')).toBe(true);
    expect(answers[0]!.body).toEqual({ registered: 3, voted: 1 });
    expect(readsOf('countParticipation')).toEqual([{ method: 'countParticipation', consistent: false }]);
    expect(readsOf('countBallots')).toEqual([]);
    expect(readsOf('load')).toEqual([{ method: 'load', consistent: false }]);

    expect((await app.call('POST', `/elections/${id}/ballots`, { token: tokens[1], abstain: true })).status).toBe(201);
    clock.advance(4_999);
    expect((await get(`/elections/${id}/turnout`)).body.voted).toBe(1);
    clock.advance(1);
    expect((await get(`/elections/${id}/turnout`)).body.voted).toBe(2);
    expect(readsOf('countParticipation')).toHaveLength(2);
  });

  it('keeps no refusal: an unknown election is found the moment it exists, results the moment they are tallied', async () => {
    for (const path of ['/elections/later', '/elections/later/turnout', '/elections/later/results']) {
      expect(await get(path)).toMatchObject({ status: 404, cacheControl: 'no-store', body: { error: { code: 'not_found' } } });
    }
    const { id, tokens } = await setUpElection(app, { id: 'later', voters: 1, closesInMs: 60_000 });
    expect((await get(`/elections/${id}`)).status).toBe(200);
    expect((await get(`/elections/${id}/turnout`)).body).toEqual({ registered: 1, voted: 0 });

    await openElection(app, id);
    expect((await app.call('POST', `/elections/${id}/ballots`, { token: tokens[0], choices: ['Alan Turing'] })).status).toBe(201);
    expect(await get(`/elections/${id}/results`)).toMatchObject({ status: 409, cacheControl: 'no-store', body: { error: { code: 'not_tallied' } } });
    app.clock.advance(61_000);
    expect((await closeVoting(app.deps, id)).ok).toBe(true);
    expect((await tallyBallots(app.deps, id)).ok).toBe(true);
    const results = await get(`/elections/${id}/results`);
    expect(results).toMatchObject({ status: 200, cacheControl: 'public, max-age=2', body: { result: { elected: ['Alan Turing'] } } });
  });

  it('answers admin requests uncached, from strongly consistent reads', async () => {
    const { id } = await setUpElection(app, { id: 'admin', voters: 1 });
    reads.length = 0;
    const response = await fetch(`${reader.url}/elections/${id}/lock`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((r) => r.consistent)).toBe(true);
    // This handler wrote, so its own next read shows the write at once.
    expect((await get(`/elections/${id}`)).body.phase).toBe('locked');
  });
});
