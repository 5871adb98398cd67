import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openElection, startTestApp, type TestApp } from '../support/harness';
import { closeVoting, mailResults, publishResults, tallyBallots } from '../support/lifecycleSteps';
import { MAXIMAL_CANDIDATES, maximalCandidates, maximalObservers, maximalTitle } from '../support/maximalElection';

/**
 * Every election the API accepts can be tallied and stored: DynamoDB Local refuses an item over
 * 400 KB as DynamoDB does, so an election whose state outgrew it would fail here at the tally.
 */
describe('the largest election the API accepts', () => {
  let app: TestApp;
  beforeAll(async () => (app = await startTestApp()));
  afterAll(() => app.stop());

  const closesAt = () => new Date(app.clock.now().getTime() + 60_000).toISOString();
  const refusal = (response: { status: number; body: any }) => ({ status: response.status, message: String(response.body?.error?.message) });

  it('runs from creation to published, and one candidate more is refused naming the field', async () => {
    const id = 'largest';
    const seats = MAXIMAL_CANDIDATES - 1;
    const created = await app.call('POST', '/elections', {
      id,
      title: maximalTitle,
      ballot: { kind: 'multi', maxChoices: seats },
      candidates: maximalCandidates(50),
      observers: maximalObservers(),
      closesAt: closesAt(),
    });
    expect(created.status).toBe(201);
    const added = await app.call('POST', `/elections/${id}/candidates`, { candidates: maximalCandidates(MAXIMAL_CANDIDATES - 50, 50) });
    expect(added.status).toBe(200);
    const oneMore = await app.call('POST', `/elections/${id}/candidates`, { candidates: maximalCandidates(1, MAXIMAL_CANDIDATES) });
    expect(refusal(oneMore)).toEqual({ status: 400, message: expect.stringMatching(/^candidates: the election would be too large to store once tallied/) });

    const roll = [1, 2, 3].map((n) => ({ studentId: `s${n}`, email: `s${n}@uni.test` }));
    expect((await app.call('POST', `/elections/${id}/voters`, { voters: roll })).status).toBe(200);
    await openElection(app, id);
    // Two ballots that overlap in all but one candidate each: every name is counted, and all but a few tie.
    const names = maximalCandidates(MAXIMAL_CANDIDATES).map((c) => c.name);
    const ballots = [{ choices: names.slice(0, seats) }, { choices: names.slice(-seats) }, { abstain: true }];
    for (const [i, ballot] of ballots.entries()) {
      const cast = await app.call('POST', `/elections/${id}/ballots`, { token: app.mailer.tokenFor(roll[i]!.email), ...ballot });
      expect(cast.status).toBe(201);
    }

    app.clock.advance(61_000);
    for (const step of [closeVoting, tallyBallots, mailResults, publishResults]) expect(await step(app.deps, id)).toMatchObject({ ok: true });
    const results = await app.call('GET', `/elections/${id}/results`);
    expect(results.status).toBe(200);
    expect(results.body.phase).toBe('published');
    expect(results.body.result.counts).toHaveLength(MAXIMAL_CANDIDATES);
    expect(results.body.result.elected.length + results.body.result.tied.length).toBe(MAXIMAL_CANDIDATES);
    expect(app.mailer.to('s1@uni.test').at(-1)!.subject).toBe(`Results: ${maximalTitle}`);
  });

  it('refuses one maximal candidate too many in the request that creates the election', async () => {
    const response = await app.call('POST', '/elections', {
      title: maximalTitle,
      candidates: maximalCandidates(MAXIMAL_CANDIDATES + 1),
      observers: maximalObservers(),
      closesAt: closesAt(),
    });
    expect(refusal(response)).toEqual({ status: 400, message: expect.stringMatching(/^candidates: the election would be too large/) });
  });

  it('refuses 400 candidates with 200-character names, which once answered 500', async () => {
    const candidates = Array.from({ length: 400 }, (_, i) => ({
      name: `${i}`.padStart(200, '語'),
      email: `c${i}@uni.test`,
      pageLink: `https://uni.test/${'a'.repeat(400)}`,
    }));
    const response = await app.call('POST', '/elections', { title: 'Council', candidates, closesAt: closesAt() });
    expect(refusal(response)).toEqual({ status: 400, message: expect.stringMatching(/^candidates\b/) });
  });

  it('refuses a deadline with half a million fractional digits, which once answered 500', async () => {
    const response = await app.call('POST', '/elections', { title: 'Council', closesAt: `2099-01-01T00:00:00.${'0'.repeat(500_000)}Z` });
    expect(refusal(response)).toEqual({ status: 400, message: expect.stringMatching(/^closesAt: /) });
  });
});
