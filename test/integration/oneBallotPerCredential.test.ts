import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballotIdOf } from '../../domain';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';

/**
 * Invariant 1 (docs/architecture.md): N concurrent or retried casts with one token → exactly one accepted,
 * all others rejected with 403/409; nothing half-written (ballots = participation markers).
 */
describe('invariant 1: one ballot per credential', () => {
  let app: TestApp;
  beforeAll(async () => (app = await startTestApp()));
  afterAll(() => app.stop());

  const cast = (id: string, token: string, choice = 'Ada Lovelace') => app.call('POST', `/elections/${id}/ballots`, { token, choices: [choice] });

  it('accepts exactly one of 200 concurrent casts with the same token and stores one ballot and one marker', async () => {
    const { id, tokens } = await setUpElection(app, { id: 'one-token-race', voters: 1, closesInMs: 10 * 60_000 });
    await openElection(app, id);
    const token = tokens[0]!;
    const candidates = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'];

    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => cast(id, token, candidates[i % 3])));

    const statuses = answers.map((a) => a.status);
    const accepted = answers.filter((a) => a.status === 201);
    expect(accepted).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 403 || s === 409)).toBe(true);
    for (const refused of answers.filter((a) => a.status !== 201)) {
      expect(['already_voted', 'cast_in_progress', 'invalid_token']).toContain(refused.body.error.code);
    }
    expect(typeof accepted[0]!.body.receipt).toBe('string');

    expect(await app.store.countBallots(id)).toBe(1);
    expect(await app.store.countParticipation(id)).toBe(1);
    const ballots = await app.store.readBallots(id);
    expect(ballots.map((b) => b.ballotId)).toEqual([ballotIdOf(accepted[0]!.body.receipt)]);
  });

  it('answers every sequential retry after a successful cast with 409 already_voted and stores nothing more', async () => {
    const { id, tokens } = await setUpElection(app, { id: 'one-token-retry', voters: 1, closesInMs: 10 * 60_000 });
    await openElection(app, id);
    const token = tokens[0]!;

    const first = await cast(id, token);
    expect(first.status).toBe(201);

    for (const choice of ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Ada Lovelace', 'Grace Hopper']) {
      const retry = await cast(id, token, choice);
      expect(retry).toMatchObject({ status: 409, body: { error: { code: 'already_voted' } } });
    }
    const abstain = await app.call('POST', `/elections/${id}/ballots`, { token, abstain: true });
    expect(abstain).toMatchObject({ status: 409, body: { error: { code: 'already_voted' } } });

    expect(await app.store.countBallots(id)).toBe(1);
    expect(await app.store.countParticipation(id)).toBe(1);
    const ballots = await app.store.readBallots(id);
    expect(ballots).toEqual([{ ballotId: ballotIdOf(first.body.receipt), choices: ['Ada Lovelace'] }]);
  });

  it('accepts exactly one cast per token when 20 tokens each cast 10 times concurrently, with ballots = markers = 20', async () => {
    const voters = 20;
    const castsPerToken = 10;
    const { id, tokens } = await setUpElection(app, { id: 'many-token-race', voters, closesInMs: 10 * 60_000 });
    await openElection(app, id);

    const attempts = tokens.flatMap((token, voter) => Array.from({ length: castsPerToken }, () => ({ token, voter })));
    const answers = await Promise.all(attempts.map(async ({ token, voter }) => ({ voter, answer: await cast(id, token) })));

    expect(answers.filter(({ answer }) => answer.status === 201)).toHaveLength(voters);
    for (let voter = 0; voter < voters; voter += 1) {
      const mine = answers.filter((a) => a.voter === voter).map((a) => a.answer.status);
      expect(
        mine.filter((s) => s === 201),
        `voter s${voter + 1}`,
      ).toHaveLength(1);
      expect(
        mine.filter((s) => s !== 201).every((s) => s === 403 || s === 409),
        `voter s${voter + 1}: ${mine}`,
      ).toBe(true);
    }

    const ballots = await app.store.countBallots(id);
    const markers = await app.store.countParticipation(id);
    expect(ballots).toBe(voters);
    expect(markers).toBe(voters);
    const receipts = answers.filter(({ answer }) => answer.status === 201).map(({ answer }) => answer.body.receipt as string);
    expect(new Set(receipts).size).toBe(voters);
    expect((await app.store.readBallots(id)).map((b) => b.ballotId).sort()).toEqual(receipts.map(ballotIdOf).sort());
  });

  it('leaves nothing half-written: the ballot and marker counts stay equal after the races', async () => {
    for (const id of ['one-token-race', 'one-token-retry', 'many-token-race']) {
      expect(await app.store.countBallots(id), id).toBe(await app.store.countParticipation(id));
    }
    expect(app.log.lines.filter((line) => JSON.parse(line).level === 'error')).toEqual([]);
    expect(app.log.lines.filter((line) => JSON.parse(line).status === 500)).toEqual([]);
  });
});
