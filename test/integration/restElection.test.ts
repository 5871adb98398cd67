import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballotIdOf } from '../../domain';
import { closeVoting, mailResults, publishResults, tallyBallots } from '../support/lifecycleSteps';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';

describe('a whole election through the REST routes', () => {
  let app: TestApp;
  beforeAll(async () => (app = await startTestApp()));
  afterAll(() => app.stop());

  it('creates, registers, votes, closes, tallies, mails and publishes', async () => {
    const { id, tokens, roll } = await setUpElection(app, { id: 'rest', voters: 3 });
    // Nobody has a link before voting opens; the credential the first voter will get is refused until then.
    expect(app.mailer.sent).toEqual([]);
    const unsent = await app.deps.minter.tokenFor({ electionId: id, studentId: 's1', generation: 1 });
    expect((await app.call('POST', `/elections/${id}/ballots`, { token: unsent, choices: ['Ada Lovelace'] })).status).toBe(409);
    await openElection(app, id);
    expect(app.started).toEqual([id]);
    expect(tokens[0]).toBe(unsent);
    expect(app.mailer.to('s1@uni.test')[0]!.text).toContain(`http://vote.test/vote#election=rest&token=${tokens[0]}`);

    const receipts: string[] = [];
    for (const [token, choice] of [
      [tokens[0], 'Ada Lovelace'],
      [tokens[1], 'ada lovelace'],
      [tokens[2], 'Grace Hopper'],
    ] as const) {
      const cast = await app.call('POST', `/elections/${id}/ballots`, { token, choices: [choice] });
      expect(cast.status).toBe(201);
      receipts.push(cast.body.receipt);
    }
    const again = await app.call('POST', `/elections/${id}/ballots`, { token: tokens[0], abstain: true });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'already_voted' } } });
    // The confirmation is queued by the cast and sent by the mail sender.
    expect(app.mailer.to('s1@uni.test').at(-1)!.subject).toBe('Your voting credential: Student parliament');
    await app.drainMail();
    expect(app.mailer.to('s1@uni.test').at(-1)!.subject).toBe('Your ballot was recorded: Student parliament');
    expect((await app.call('GET', `/elections/${id}/turnout`)).body).toEqual({ registered: 3, voted: 3 });
    expect((await app.call('GET', `/elections/${id}/results`)).status).toBe(409);

    app.clock.advance(61_000);
    expect((await closeVoting(app.deps, id)).ok).toBe(true);
    expect((await tallyBallots(app.deps, id)).ok).toBe(true);
    expect((await mailResults(app.deps, id)).ok).toBe(true);
    const check = (receipt: unknown) => app.call('POST', `/elections/${id}/receipts/check`, { receipt });
    expect(await check(receipts[2])).toMatchObject({ status: 409, body: { error: { code: 'not_published' } } });
    expect((await publishResults(app.deps, id)).ok).toBe(true);

    const { seal } = (await app.call('GET', `/elections/${id}/results`)).body;
    expect(await check(receipts[2])).toEqual({ status: 200, body: { ballotId: ballotIdOf(receipts[2]!), choices: ['Grace Hopper'], sealDigest: seal.digest } });
    expect((await check(receipts[1])).body.choices).toEqual(['Ada Lovelace']);
    expect(await check('A'.repeat(22))).toMatchObject({ status: 404, body: { error: { code: 'receipt_not_found' } } });
    expect(await check('short')).toMatchObject({ status: 400, body: { error: { message: 'receipt: must be a 22-character receipt, or the trackers of a sealed cast' } } });
    expect((await app.call('POST', `/elections/${id}/receipts/check`, { receipt: receipts[2], token: tokens[2] })).status).toBe(400);
    expect((await app.call('POST', '/elections/nope/receipts/check', { receipt: receipts[2] })).status).toBe(404);

    const results = await app.call('GET', `/elections/${id}/results`);
    expect(results.status).toBe(200);
    expect(results.body.result.counts).toEqual([
      { candidate: 'Ada Lovelace', votes: 2 },
      { candidate: 'Grace Hopper', votes: 1 },
      { candidate: 'Alan Turing', votes: 0 },
    ]);
    expect(results.body.result.elected).toEqual(['Ada Lovelace']);
    for (const voter of roll) {
      const mail = app.mailer.to(voter.email).at(-1)!;
      expect(mail.subject).toBe('Results: Student parliament');
      expect(mail.text).toContain('Ada Lovelace: 2\nGrace Hopper: 1');
      expect(mail.text).toContain('Results and a check of your receipt: http://vote.test/vote#election=rest');
    }
    expect((await app.call('GET', `/elections/${id}`)).body).toMatchObject({ phase: 'published', locked: false });
  });
});
