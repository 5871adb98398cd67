import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';

describe('a cast is one DynamoDB call and no SES call', () => {
  let app: TestApp;
  const commands: string[] = [];
  beforeAll(async () => {
    app = await startTestApp();
    app.client.middlewareStack.add(
      (next, context) => async (args) => {
        commands.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'countCommands' },
    );
  });
  afterAll(() => app.stop());

  it('writes marker, ballot, credential checks and the queued confirmation in one TransactWriteItems', async () => {
    const { tokens } = await setUpElection(app, { id: 'one-call', voters: 3 });
    await openElection(app, 'one-call');
    // The first cast fills the one-second cache of the open election's state.
    expect((await app.call('POST', '/elections/one-call/ballots', { token: tokens[0], choices: ['Ada Lovelace'] })).status).toBe(201);
    const mailsBefore = app.mailer.sent.length;
    commands.length = 0;
    expect((await app.call('POST', '/elections/one-call/ballots', { token: tokens[1], choices: ['Grace Hopper'] })).status).toBe(201);
    expect(commands).toEqual(['TransactWriteItemsCommand']);
    expect(app.mailer.sent).toHaveLength(mailsBefore);

    commands.length = 0;
    expect((await app.call('POST', '/elections/one-call/ballots', { token: 'x'.repeat(43), choices: ['Ada Lovelace'] })).body.error.code).toBe('invalid_token');
    expect(commands).toEqual(['TransactWriteItemsCommand']);
    expect(await app.store.countBallots('one-call')).toBe(2);

    await app.drainMail();
    expect(app.mailer.to('s2@uni.test').map((m) => m.subject)).toContain('Your ballot was recorded: Student parliament');
  });
});
