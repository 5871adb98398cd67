import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeVoting, mailResults, tallyBallots } from '../support/lifecycleSteps';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';

const OBSERVERS = ['first.observer@uni.test', 'second.observer@uni.test'];

/** The values an auditor later holds the export against leave the system when the box is sealed. */
describe('the head at sealing, e-mailed to observers and voters', () => {
  let app: TestApp;
  let head: { seq: number; hash: string };
  let digest: string;
  beforeAll(async () => {
    app = await startTestApp();
    const { id, tokens } = await setUpElection(app, { id: 'anchored', voters: 3, closesInMs: 60_000 });
    expect((await app.call('PUT', `/elections/${id}/observers`, { observers: OBSERVERS })).status).toBe(200);
    await openElection(app, id);
    for (const token of tokens.slice(0, 2)) expect((await app.call('POST', `/elections/${id}/ballots`, { token, choices: ['Grace Hopper'] })).status).toBe(201);
    app.clock.advance(61_000);
    expect((await closeVoting(app.deps, id)).ok).toBe(true);
    // The workflow may run a step again (a retry, a restart): the notice still goes out once.
    for (let run = 0; run < 2; run += 1) expect((await tallyBallots(app.deps, id)).ok).toBe(true);
    const tallied = (await app.store.readEvents(id)).find((e) => e.type === 'ResultsTallied')!;
    head = { seq: tallied.seq, hash: tallied.hash };
    const { state } = await app.store.load(id);
    digest = state.phase === 'tallied' ? state.seal.digest : '';
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
  });
  afterAll(() => app.stop());

  const notices = (to: string) => app.mailer.to(to).filter((m) => m.subject === 'Ballot box sealed: Student parliament');

  it('tells every observer once, with the ballot count, the digest, the head and how to check an export against them', () => {
    for (const observer of OBSERVERS) {
      expect(notices(observer)).toHaveLength(1);
      const { text } = notices(observer)[0]!;
      expect(text).toContain('"Student parliament" (anchored) was sealed with 2 ballots');
      expect(text).toContain(`Ballot box digest (SHA-256): ${digest}`);
      expect(text).toContain(`Election log head at sealing: event ${head.seq}, ${head.hash}`);
      expect(text).toContain(`npm run cli -- audit verify <export> --expect-head ${head.hash} --expect-digest ${digest}`);
    }
  });

  it('gives every voter the same head and digest with the results, in the same words', async () => {
    expect((await mailResults(app.deps, 'anchored')).ok).toBe(true);
    const results = app.mailer.to('s3@uni.test').find((m) => m.subject === 'Results: Student parliament')!;
    // The two values themselves, on the same two lines; what the reader does with them differs (voters are pointed to the observers' view, not to a command).
    const anchors = (text: string) => text.slice(text.indexOf('Ballot box digest')).split('\n').slice(0, 2);
    expect(anchors(results.text)).toEqual(anchors(notices(OBSERVERS[0]!)[0]!.text));
    expect(results.text).toContain(`Election log head at sealing: event ${head.seq}, ${head.hash}`);
    expect(results.text).toContain('/observe#election=anchored');
    expect(results.text).not.toContain('npm');
  });
});
