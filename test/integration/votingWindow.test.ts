import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballotIdOf } from '../../domain';
import { VIEW_MAX_AGE_SECONDS } from '../../handlers/usecases/publicReadAges';
import { closeVoting, openVoting, tallyBallots } from '../support/lifecycleSteps';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';

/**
 * Invariant 2 (docs/architecture.md): no ballot is accepted before the election opens or after it closes,
 * and the tally sees every ballot acknowledged before close.
 */

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
const REFUSED_BY_WINDOW = ['wrong_phase', 'outside_window'];

describe('invariant 2: ballots only inside the voting window', () => {
  let app: TestApp;
  beforeAll(async () => (app = await startTestApp()));
  afterAll(() => app.stop());

  const cast = (id: string, token: string, choice = 'Ada Lovelace') => app.call('POST', `/elections/${id}/ballots`, { token, choices: [choice] });

  it('refuses a cast with 409 while the election is a draft and while it is locked but not started, storing nothing', async () => {
    const { id, tokens } = await setUpElection(app, { id: 'before-start', voters: 2, closesInMs: 10 * 60_000 });
    // The credential held for the first voter, mailed as voting opens.
    const token = await app.deps.minter.tokenFor({ electionId: id, studentId: 's1', generation: 1 });

    const inDraft = await cast(id, token);
    expect(inDraft.status).toBe(409);
    expect(REFUSED_BY_WINDOW).toContain(inDraft.body.error.code);

    expect((await app.call('POST', `/elections/${id}/lock`)).status).toBe(200);
    const whileLocked = await cast(id, token);
    expect(whileLocked.status).toBe(409);
    expect(REFUSED_BY_WINDOW).toContain(whileLocked.body.error.code);

    expect(await app.store.countBallots(id)).toBe(0);
    expect(await app.store.countParticipation(id)).toBe(0);

    // The refused voter can still vote once the election opens: nothing of theirs was consumed.
    expect((await app.call('POST', `/elections/${id}/start`)).status).toBe(200);
    expect(tokens[0]).toBe(token);
    expect((await cast(id, token)).status).toBe(201);
    expect(await app.store.countBallots(id)).toBe(1);
  });

  it('schedules a start before opensAt and refuses casts until the workflow opens voting at opensAt', async () => {
    const { id, tokens } = await setUpElection(app, { id: 'opens-later', voters: 1, closesInMs: 10 * 60_000 });
    const now = app.clock.now().getTime();
    const window = await app.call('PUT', `/elections/${id}/window`, {
      opensAt: new Date(now + 5 * 60_000).toISOString(),
      closesAt: new Date(now + 10 * 60_000).toISOString(),
    });
    expect(window.status).toBe(200);
    expect((await app.call('POST', `/elections/${id}/lock`)).status).toBe(200);

    const early = await app.call('POST', `/elections/${id}/start`);
    expect(early).toMatchObject({ status: 200, body: { phase: 'scheduled' } });
    expect(app.started).toContain(id);
    expect(tokens[0]).toBe('');
    expect((await cast(id, await app.deps.minter.tokenFor({ electionId: id, studentId: 's1', generation: 1 }))).status).toBe(409);
    const tooEarly = await openVoting(app.deps, id);
    expect(!tooEarly.ok && tooEarly.error.code).toBe('outside_window');

    app.clock.advance(5 * 60_000 + 1_000);
    expect((await openVoting(app.deps, id)).ok).toBe(true);
    await app.drainMail();
    expect((await cast(id, tokens[0]!)).status).toBe(201);
    expect(await app.store.countBallots(id)).toBe(1);
  });

  it('refuses casts once the clock passes closesAt although the election is still open, and after closeVoting', async () => {
    const { id, tokens } = await setUpElection(app, { id: 'after-deadline', voters: 3, closesInMs: 60_000 });
    await openElection(app, id);
    expect((await cast(id, tokens[0]!)).status).toBe(201);

    app.clock.advance(61_000);
    expect((await app.call('GET', `/elections/${id}`)).body).toMatchObject({ phase: 'open' });
    const late = await cast(id, tokens[1]!);
    expect(late).toMatchObject({ status: 409, body: { error: { code: 'outside_window' } } });
    const lateAbstain = await app.call('POST', `/elections/${id}/ballots`, { token: tokens[1]!, abstain: true });
    expect(lateAbstain.status).toBe(409);

    expect((await closeVoting(app.deps, id)).ok).toBe(true);
    app.clock.advance(VIEW_MAX_AGE_SECONDS * 1000); // the public view may be that old
    expect((await app.call('GET', `/elections/${id}`)).body).toMatchObject({ phase: 'closed' });
    const afterClose = await cast(id, tokens[2]!);
    expect(afterClose.status).toBe(409);
    expect(REFUSED_BY_WINDOW).toContain(afterClose.body.error.code);

    expect(await app.store.countBallots(id)).toBe(1);
    expect(await app.store.countParticipation(id)).toBe(1);

    const tallied = await tallyBallots(app.deps, id);
    expect(tallied.ok && tallied.value.state.phase === 'tallied' && tallied.value.state.results.main!.ballots).toBe(1);
    expect((await cast(id, tokens[2]!)).status).toBe(409);
    expect(await app.store.countBallots(id)).toBe(1);
  });

  it('refuses to close before the deadline, so voting cannot be cut short', async () => {
    const { id, tokens } = await setUpElection(app, { id: 'early-close', voters: 1, closesInMs: 10 * 60_000 });
    await openElection(app, id);
    const early = await closeVoting(app.deps, id);
    expect(early.ok).toBe(false);
    expect(!early.ok && early.error.code).toBe('outside_window');
    expect((await app.call('GET', `/elections/${id}`)).body).toMatchObject({ phase: 'open' });
    expect((await cast(id, tokens[0]!)).status).toBe(201);
  });
});

describe('invariant 2: casts racing the real deadline', () => {
  let app: TestApp;
  beforeAll(async () => (app = await startTestApp()));
  afterAll(() => app.stop());

  it('counts every cast answered 201 and refuses those arriving after the deadline, with close and a 2 s grace before the tally', async () => {
    const voters = 60;
    const { id, tokens } = await setUpElection(app, { id: 'deadline-race', voters, closesInMs: 10 * 60_000 });
    expect((await app.call('POST', `/elections/${id}/lock`)).status).toBe(200);
    // Time enough for the start to release and mail the 60 credentials before the first cast.
    const window = await app.call('PUT', `/elections/${id}/window`, {
      closesAt: new Date(app.clock.now().getTime() + 6_000).toISOString(),
    });
    expect(window.status).toBe(200);
    const started = await app.call('POST', `/elections/${id}/start`);
    expect(started.status).toBe(200);
    const closesAt = Date.parse(started.body.window.closesAt as string);

    // One cast per voter, spread evenly from 1.2 s before to 1.2 s after the deadline (real time).
    const candidates = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'] as const;
    const spreadMs = 2_400;
    const casts = tokens.map(async (token, i) => {
      const choice = candidates[i % candidates.length]!;
      await sleep(closesAt - 1_200 + (i * spreadMs) / (voters - 1) - app.clock.now().getTime());
      const sentAt = app.clock.now().getTime();
      const answer = await app.call('POST', `/elections/${id}/ballots`, { token, choices: [choice] });
      return { choice, sentAt, status: answer.status, code: answer.body?.error?.code as string | undefined, receipt: answer.body?.receipt as string | undefined };
    });

    // The lifecycle: close once the deadline has passed, wait the grace period, then tally.
    await sleep(closesAt - app.clock.now().getTime() + 50);
    const closed = await closeVoting(app.deps, id);
    expect(closed.ok).toBe(true);
    await sleep(2_000);
    const tallied = await tallyBallots(app.deps, id);
    expect(tallied.ok).toBe(true);

    const answers = await Promise.all(casts);
    const accepted = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status !== 201);
    expect(
      refused.every((a) => a.status === 409 && REFUSED_BY_WINDOW.includes(a.code ?? '')),
      JSON.stringify(refused),
    ).toBe(true);
    // Sent after the deadline ⇒ checked after it ⇒ refused.
    const sentLate = answers.filter((a) => a.sentAt >= closesAt);
    expect(sentLate.length).toBeGreaterThan(0);
    expect(sentLate.every((a) => a.status === 409)).toBe(true);
    expect(refused.length).toBeGreaterThan(0);
    expect(accepted.length).toBeGreaterThan(0);

    if (!tallied.ok || tallied.value.state.phase !== 'tallied') throw new Error('not tallied');
    const { results, seal } = tallied.value.state;
    const result = results.main!;
    expect(result.ballots).toBe(accepted.length);
    expect(seal.ballotCount).toBe(accepted.length);
    expect(await app.store.countBallots(id)).toBe(accepted.length);
    expect(await app.store.countParticipation(id)).toBe(accepted.length);
    for (const name of candidates) {
      const counted = result.counts.find((c) => c.candidate === name)?.votes;
      expect(counted, name).toBe(accepted.filter((a) => a.choice === name).length);
    }
    const stored = (await app.store.readBallots(id)).map((b) => b.ballotId).sort();
    expect(stored).toEqual(accepted.map((a) => ballotIdOf(a.receipt!)).sort());
  });
});
