import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SesMailer } from '../../handlers/adapters/sesMailer';
import { DynamoElectionStore } from '../../handlers/adapters/dynamoElectionStore';
import { EMPTY_HEAD, extendChain } from '../../domain';
import { StreamConflict } from '../../handlers/ports';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';

const awsError = (name: string) => Object.assign(new Error(name), { name, $metadata: {} });
const cancelled = (...codes: string[]) => new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });
const local = { region: 'eu-central-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } };

describe('SES failures never lose a registration: the queued credential is sent by the sender, or recorded as undelivered', () => {
  const ses = new SESv2Client(local);
  const sesMock = mockClient(ses);
  let app: TestApp;
  beforeAll(async () => (app = await startTestApp({ mailer: new SesMailer('elections@uni.test', ses) })));
  afterAll(() => app.stop());
  afterEach(() => sesMock.reset());
  /** An election with one voter, started: their credential, held until then, goes to SES. */
  const startedWith = async (id: string, voter: { studentId: string; email: string }) => {
    const candidates = [{ name: 'Ada Lovelace', email: 'ada@uni.test', pageLink: 'https://uni.test/ada' }];
    expect((await app.call('POST', '/elections', { id, title: 'Council', candidates, closesAt: new Date(app.clock.now().getTime() + 3_600_000).toISOString() })).status).toBe(201);
    const added = await app.call('POST', `/elections/${id}/voters`, { voters: [voter] });
    expect(added.body).toEqual({ registered: 1, alreadyRegistered: [], emailTaken: [], mail: 'held' });
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(0);
    await openElection(app, id);
  };

  it('retries a throttled send until it goes through, one message per voter', async () => {
    sesMock.on(SendEmailCommand).rejectsOnce(awsError('TooManyRequestsException')).rejectsOnce(awsError('TooManyRequestsException')).resolves({ MessageId: 'm' });
    await startedWith('throttled', { studentId: 'a1', email: 'a1@uni.test' });
    const calls = sesMock.commandCalls(SendEmailCommand);
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.args[0].input.Destination?.ToAddresses?.length === 1)).toBe(true);
  });

  it('keeps the voter registered and records the failure when SES keeps failing', async () => {
    sesMock.on(SendEmailCommand).rejects(awsError('MessageRejected'));
    await startedWith('rejected', { studentId: 'b1', email: 'b1@uni.test' });
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(1); // a rejected message is not retried
    const report = await app.call('GET', '/elections/rejected/mail');
    expect(report.body.problems).toEqual([{ studentId: 'b1', email: 'b1@uni.test', kind: 'credential', generation: 1, status: 'undelivered', reason: 'MessageRejected' }]);
    expect(await app.store.listVoters('rejected')).toEqual([{ studentId: 'b1', email: 'b1@uni.test' }]);
    expect((await app.call('GET', '/elections/rejected')).body.voterCount).toBe(1);
  });
});

describe('the store turns DynamoDB refusals into outcomes', () => {
  let dbMock: ReturnType<typeof mockClient>;
  const store = new DynamoElectionStore({ events: 'any-table', ballots: 'any-ballots', mail: 'any-mail' }, new DynamoDBClient(local));
  beforeAll(() => void (dbMock = mockClient(DynamoDBDocumentClient)));
  afterAll(() => dbMock.restore());
  afterEach(() => dbMock.reset());
  const ballot = { ballotId: 'r1', choices: ['Ada Lovelace'] };

  // The cast's items: marker, credential check, revocation check, confirmation, then one ballot per paper.
  it.each([
    [['ConditionalCheckFailed', 'None', 'None', 'ConditionalCheckFailed', 'None'], 'already_voted'],
    [['None', 'ConditionalCheckFailed', 'None', 'None', 'None'], 'invalid_token'],
    [['None', 'None', 'ConditionalCheckFailed', 'None', 'None'], 'invalid_token'],
    [['ConditionalCheckFailed', 'None', 'ConditionalCheckFailed', 'None', 'None'], 'invalid_token'],
    [['TransactionConflict', 'None', 'None', 'None', 'None'], 'contended'],
    [['None', 'None', 'None', 'TransactionConflict', 'None'], 'contended'],
  ])('cast cancelled with %j is %s', async (codes, outcome) => {
    dbMock.on(TransactWriteCommand).rejects(cancelled(...codes));
    expect(await store.castBallot('e', { tokenHash: 'ab'.repeat(32), papers: [{ box: 'e', ballot }], eligibility: [], queuedAt: new Date(0).toISOString() })).toBe(outcome);
  });

  it("tells a credential of the election that is in none of a paper's groups (not_eligible) from one that is not the election's", async () => {
    dbMock.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed', 'None', 'None', 'None'));
    const cast = { tokenHash: 'ab'.repeat(32), papers: [{ box: 'e.fac', ballot }], eligibility: [['faculty:bio']], queuedAt: new Date(0).toISOString() };
    dbMock.on(GetCommand).resolves({ Item: { electionId: 'e', studentId: 's1', email: 's1@uni.test', groups: ['faculty:cs'] } });
    expect(await store.castBallot('e', cast)).toBe('not_eligible');
    dbMock.on(GetCommand).resolves({ Item: { electionId: 'other', studentId: 's1', email: 's1@uni.test' } });
    expect(await store.castBallot('e', cast)).toBe('invalid_token');
  });

  it('reports a moved stream head as StreamConflict', async () => {
    dbMock.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed'));
    const events = extendChain('x', EMPTY_HEAD, [{ type: 'ElectionLocked', data: {} }], new Date(0).toISOString());
    await expect(store.append('x', EMPTY_HEAD, events, { phase: 'none' })).rejects.toBeInstanceOf(StreamConflict);
  });

  it('names the voters already on the roll, and those whose address another student id holds', async () => {
    // event, projection, then per voter: roll entry, credential, e-mail claim
    dbMock.on(TransactWriteCommand).rejects(cancelled('None', 'None', 'None', 'None', 'None', 'ConditionalCheckFailed', 'None', 'None', 'None', 'None', 'ConditionalCheckFailed'));
    dbMock.on(GetCommand).resolves({ Item: { studentId: 'v9' } });
    const events = extendChain('x', EMPTY_HEAD, [{ type: 'VotersRegistered', data: { count: 3 } }], new Date(0).toISOString());
    const voters = ['a', 'b', 'c'].map((c, i) => ({ studentId: `v${i}`, email: `v${i}@uni.test`, tokenHash: c.repeat(64), claimEmail: true }));
    await expect(store.appendWithVoters('x', EMPTY_HEAD, events, { phase: 'none' }, voters)).rejects.toMatchObject({
      alreadyRegistered: ['v1'],
      emailTaken: [{ studentId: 'v2', registeredAs: 'v9' }],
    });
  });
});

describe('the API answers store refusals clearly, never with a 500', () => {
  let app: TestApp;
  let front: TestApp;
  let tokens: string[];
  let castBallot: () => Promise<unknown>;
  beforeAll(async () => {
    app = await startTestApp();
    ({ tokens } = await setUpElection(app, { id: 'failing' }));
    await openElection(app, 'failing');
    // The same store, with casts answered by whatever the test sets.
    const store = Object.assign(Object.create(app.store), { castBallot: () => castBallot() });
    front = await startTestApp({ store });
  });
  afterAll(async () => {
    await front.stop();
    await app.stop();
  });

  it.each([
    ['already_voted', async () => 'already_voted', 409, 'already_voted'],
    ['contended', async () => 'contended', 409, 'cast_in_progress'],
    ['throttled after the SDK retries', async () => Promise.reject(awsError('ProvisionedThroughputExceededException')), 503, 'busy'],
  ])('a cast that is %s answers %i', async (_, behaviour, status, code) => {
    castBallot = behaviour;
    const cast = await front.call('POST', '/elections/failing/ballots', { token: tokens[0], choices: ['Ada Lovelace'] });
    expect(cast).toMatchObject({ status, body: { error: { code } } });
  });
});
