import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballotIdOf } from '../../domain';
import { closeVoting, mailResults, publishResults, tallyBallots } from '../support/lifecycleSteps';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';

/**
 * Invariant 3 (docs/architecture.md): every ballot acknowledged with 2xx is counted;
 * ballots counted = participation markers = acknowledged casts.
 */
describe('invariant 3: nothing lost', () => {
  let app: TestApp;
  beforeAll(async () => (app = await startTestApp()));
  afterAll(() => app.stop());

  const VOTERS = 300;
  /** The last few voters stay at home, so markers must match casts, not the roll. */
  const ABSENT = 17;
  const CONCURRENCY = 25;
  const OPTIONS = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'abstain'] as const;
  type Option = (typeof OPTIONS)[number];

  let id: string;
  let roll: { studentId: string; email: string }[];
  let answers: { option: Option; status: number; receipt?: string }[];

  it('registers 300 voters in one request, mails each a distinct credential as voting opens and acknowledges every bounded-concurrency cast with 201', async () => {
    const election = await setUpElection(app, { id: 'nothing-lost', voters: VOTERS, closesInMs: 60 * 60_000 });
    id = election.id;
    roll = election.roll;
    expect((await app.call('GET', `/elections/${id}`)).body).toMatchObject({ voterCount: VOTERS });
    expect((await app.store.listVoters(id)).length).toBe(VOTERS);
    await openElection(app, id);
    expect(new Set(election.tokens).size).toBe(VOTERS);
    expect(election.tokens).not.toContain('');

    const limit = pLimit(CONCURRENCY);
    answers = await Promise.all(
      election.tokens.slice(0, VOTERS - ABSENT).map((token, i) =>
        limit(async () => {
          // An uneven mix, so a count swapped between candidates would show.
          const option = OPTIONS[(i * i + i) % OPTIONS.length]!;
          const body = option === 'abstain' ? { token, abstain: true } : { token, choices: [option] };
          const answer = await app.call('POST', `/elections/${id}/ballots`, body);
          return { option, status: answer.status, receipt: answer.body?.receipt as string | undefined };
        }),
      ),
    );
    expect(answers.map((a) => a.status).filter((s) => s !== 201)).toEqual([]);
  }, 180_000);

  it('holds ballots = participation markers = acknowledged casts before the close', async () => {
    const acknowledged = answers.filter((a) => a.status >= 200 && a.status < 300).length;
    expect(acknowledged).toBe(VOTERS - ABSENT);
    expect(await app.store.countBallots(id)).toBe(acknowledged);
    expect(await app.store.countParticipation(id)).toBe(acknowledged);
    expect((await app.call('GET', `/elections/${id}/turnout`)).body).toEqual({ registered: VOTERS, voted: acknowledged });
    const receipts = answers.map((a) => a.receipt!);
    expect(new Set(receipts).size).toBe(acknowledged);
    expect((await app.store.readBallots(id)).map((b) => b.ballotId).sort()).toEqual(receipts.map(ballotIdOf).sort());
  });

  it('tallies exactly the acknowledged casts per candidate after close', async () => {
    app.clock.advance(60 * 60_000 + 1_000);
    expect((await closeVoting(app.deps, id)).ok).toBe(true);
    const tallied = await tallyBallots(app.deps, id);
    if (!tallied.ok || tallied.value.state.phase !== 'tallied') throw new Error(`tally failed: ${JSON.stringify(tallied)}`);
    const { results, seal } = tallied.value.state;
    const result = results.main!;

    const acknowledged = answers.filter((a) => a.status === 201);
    const expected = (option: Option) => acknowledged.filter((a) => a.option === option).length;
    expect(result.ballots).toBe(acknowledged.length);
    expect(seal.ballotCount).toBe(acknowledged.length);
    expect(result.abstentions).toBe(expected('abstain'));
    for (const name of ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'] as const) {
      expect(result.counts.find((c) => c.candidate === name)?.votes, name).toBe(expected(name));
    }
    expect(await app.store.countBallots(id)).toBe(acknowledged.length);
    expect(await app.store.countParticipation(id)).toBe(acknowledged.length);

    const published = await app.call('GET', `/elections/${id}/results`);
    expect(published.status).toBe(200);
    expect(published.body.result).toEqual(result);
    expect(published.body.turnout).toEqual({ voted: acknowledged.length, registered: VOTERS });
  });

  it('e-mails the results to every voter on the roll, voters and non-voters alike', async () => {
    const mailed = await mailResults(app.deps, id);
    expect(mailed).toEqual({ ok: true, value: { undelivered: 0 } });
    expect((await publishResults(app.deps, id)).ok).toBe(true);

    const results = app.mailer.sent.filter((m) => m.subject === 'Results: Student parliament');
    expect(results).toHaveLength(VOTERS);
    expect(new Set(results.map((m) => m.to))).toEqual(new Set(roll.map((v) => v.email)));

    const acknowledged = answers.filter((a) => a.status === 201);
    const count = (option: Option) => acknowledged.filter((a) => a.option === option).length;
    for (const voter of roll) {
      const mail = app.mailer.to(voter.email).find((m) => m.subject === 'Results: Student parliament');
      expect(mail, voter.email).toBeDefined();
      for (const name of ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'] as const) {
        expect(mail!.text).toContain(`${name}: ${count(name)}\n`);
      }
      expect(mail!.text).toContain(`Abstentions: ${count('abstain')}`);
      expect(mail!.text).toContain(`Turnout: ${acknowledged.length} of ${VOTERS} voters`);
    }
  });
});
