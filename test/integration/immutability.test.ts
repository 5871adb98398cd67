import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evolve, extendChain, type ElectionEvent } from '../../domain';
import { closeVoting, mailResults, publishResults, tallyBallots } from '../support/lifecycleSteps';
import { StreamConflict } from '../../handlers/ports';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';

/** Invariant 6 (docs/architecture.md): events are never updated or deleted, only appended. */

type Item = Record<string, any>;

describe('invariant 6: the event stream is append-only', () => {
  let app: TestApp;
  beforeAll(async () => (app = await startTestApp()));
  afterAll(() => app.stop());

  /** The stream's items exactly as DynamoDB holds them, in key order. */
  async function rawStream(electionId: string): Promise<Item[]> {
    const db = DynamoDBDocumentClient.from(app.client);
    const items: Item[] = [];
    let ExclusiveStartKey: Item | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: app.tables.events,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :event)',
          ExpressionAttributeValues: { ':pk': `ELECTION#${electionId}`, ':event': 'EVENT#' },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }

  it('keeps every event captured after setup byte-identical through voting, close, tally, mailing and publishing', async () => {
    const { id, tokens } = await setUpElection(app, { id: 'append-only', voters: 4, closesInMs: 60_000 });
    const eventsAfterSetup = await app.store.readEvents(id);
    const itemsAfterSetup = await rawStream(id);
    expect(eventsAfterSetup.length).toBeGreaterThan(0);
    expect(itemsAfterSetup).toHaveLength(eventsAfterSetup.length);

    await openElection(app, id);
    const eventsAfterStart = await app.store.readEvents(id);
    for (const [i, token] of tokens.entries()) {
      const cast = await app.call('POST', `/elections/${id}/ballots`, { token, choices: [i % 2 ? 'Grace Hopper' : 'Ada Lovelace'] });
      expect(cast.status).toBe(201);
    }
    // Refused changes must not touch the stream either.
    expect((await app.call('POST', `/elections/${id}/candidates`, { candidates: [{ name: 'Late Comer', email: 'late@uni.test', pageLink: 'https://uni.test/late' }] })).status).toBe(409);
    expect((await app.call('POST', `/elections/${id}/lock`)).status).toBe(409);
    app.clock.advance(61_000);
    for (const step of [closeVoting, tallyBallots, mailResults, publishResults]) expect((await step(app.deps, id)).ok, step.name).toBe(true);
    // Repeated lifecycle steps (a retried workflow) append nothing.
    for (const step of [closeVoting, tallyBallots, publishResults]) expect((await step(app.deps, id)).ok, step.name).toBe(true);

    const eventsAtEnd = await app.store.readEvents(id);
    const itemsAtEnd = await rawStream(id);
    expect(eventsAtEnd.length).toBeGreaterThan(eventsAfterStart.length);
    expect(eventsAfterStart.length).toBeGreaterThan(eventsAfterSetup.length);
    expect(eventsAtEnd.slice(0, eventsAfterSetup.length)).toStrictEqual(eventsAfterSetup);
    expect(eventsAtEnd.slice(0, eventsAfterStart.length)).toStrictEqual(eventsAfterStart);
    expect(itemsAtEnd.slice(0, itemsAfterSetup.length)).toStrictEqual(itemsAfterSetup);
    expect(JSON.stringify(itemsAtEnd.slice(0, itemsAfterSetup.length))).toBe(JSON.stringify(itemsAfterSetup));

    // Appended, not rewritten: gapless numbering and an unbroken chain.
    expect(eventsAtEnd.map((e) => e.seq)).toEqual(eventsAtEnd.map((_, i) => i + 1));
    for (let i = 1; i < eventsAtEnd.length; i += 1) expect(eventsAtEnd[i]!.prevHash).toBe(eventsAtEnd[i - 1]!.hash);
    expect(eventsAtEnd.map((e) => e.type).slice(-4)).toEqual(['VotingClosed', 'BallotBoxSealed', 'ResultsTallied', 'ResultsPublished']);
  });

  it('rejects an append from a stale head with StreamConflict and leaves the stream and projection unchanged', async () => {
    const { id } = await setUpElection(app, { id: 'stale-head', voters: 2 });
    const stale = await app.store.load(id);
    expect((await app.call('POST', `/elections/${id}/lock`)).status).toBe(200);

    const eventsBefore = await app.store.readEvents(id);
    const itemsBefore = await rawStream(id);
    const loadedBefore = await app.store.load(id);
    expect(loadedBefore.head.seq).toBeGreaterThan(stale.head.seq);

    const intruding: ElectionEvent[] = [{ type: 'ObserversSet', data: { observers: ['intruder@uni.test'] } }];
    const events = extendChain(id, stale.head, intruding, app.clock.now().toISOString());
    const next = intruding.reduce(evolve, stale.state);
    await expect(app.store.append(id, stale.head, events, next)).rejects.toBeInstanceOf(StreamConflict);

    // The same with voters riding along: neither the event nor the voter nor their queued mail lands.
    const withVoter = extendChain(id, stale.head, [{ type: 'VotersRegistered', data: { count: 1 } }], app.clock.now().toISOString());
    await expect(
      app.store.appendWithVoters(id, stale.head, withVoter, evolve(stale.state, withVoter[0]!), [{ studentId: 'intruder', email: 'intruder@uni.test', claimEmail: true }]),
    ).rejects.toBeInstanceOf(StreamConflict);

    expect(await app.store.readEvents(id)).toStrictEqual(eventsBefore);
    expect(await rawStream(id)).toStrictEqual(itemsBefore);
    expect(await app.store.load(id)).toStrictEqual(loadedBefore);
    expect(await app.mail.voterMail(id, 'intruder')).toBeUndefined();
    expect((await app.store.listVoters(id)).map((v) => v.studentId).sort()).toEqual(['s1', 's2']);
  });

  it('lets exactly one of two concurrent appends from the same head win; the loser gets StreamConflict', async () => {
    const { id } = await setUpElection(app, { id: 'append-race', voters: 1 });
    const { state, head } = await app.store.load(id);
    const attempt = (observer: string) => {
      const decided: ElectionEvent[] = [{ type: 'ObserversSet', data: { observers: [observer] } }];
      return app.store.append(id, head, extendChain(id, head, decided, app.clock.now().toISOString()), decided.reduce(evolve, state));
    };
    const outcomes = await Promise.allSettled([attempt('first@uni.test'), attempt('second@uni.test')]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(StreamConflict);

    const events = await app.store.readEvents(id);
    expect(events).toHaveLength(head.seq + 1);
    expect((await app.store.load(id)).head).toEqual({ seq: head.seq + 1, hash: events.at(-1)!.hash });
  });
});

describe('invariant 6: no request, step or sender updates or deletes an item of the record (the mail table alone is mutable)', () => {
  /** One write as the code sent it to DynamoDB, whichever client or command it came through. */
  interface Write {
    command: string;
    table: string;
    kind: 'Put' | 'Update' | 'Delete' | 'ConditionCheck' | 'Batch';
    key?: string;
    condition?: string;
  }
  let app: TestApp;
  const writes: Write[] = [];

  /** Every write of every command, from the SDK's middleware: what the code does, not what its source says. */
  function record(command: string, input: Item): void {
    const item = (kind: Write['kind'], body: Item): Write => ({ command, table: body.TableName, kind, key: JSON.stringify(body.Key ?? body.Item?.sk?.S ?? ''), condition: body.ConditionExpression });
    if (command === 'PutItemCommand') writes.push(item('Put', input));
    if (command === 'UpdateItemCommand') writes.push(item('Update', input));
    if (command === 'DeleteItemCommand') writes.push(item('Delete', input));
    if (command === 'BatchWriteItemCommand') for (const table of Object.keys(input.RequestItems ?? {})) writes.push({ command, table, kind: 'Batch' });
    if (command === 'TransactWriteItemsCommand') {
      for (const entry of input.TransactItems ?? []) {
        for (const kind of ['Put', 'Update', 'Delete', 'ConditionCheck'] as const) if (entry[kind]) writes.push(item(kind, entry[kind]));
      }
    }
  }

  beforeAll(async () => {
    app = await startTestApp();
    // After marshalling: the Document client's commands arrive here as the plain client's.
    app.client.middlewareStack.add(
      (next, context) => async (args) => {
        record(String(context.commandName), args.input as Item);
        return next(args);
      },
      { step: 'build', name: 'recordWrites' },
    );

    // A whole election through every path that writes: registration, a correction, a re-issue,
    // postal voters, casts, a refused cast, close, tally, results mail, publication, the export.
    const closesAt = new Date(app.clock.now().getTime() + 60_000).toISOString();
    const contests = [
      { id: 'all', title: 'Council', candidates: [{ name: 'Ada Lovelace', email: 'ada@uni.test', pageLink: 'https://uni.test/ada' }] },
      { id: 'inf', title: 'Informatik', groups: ['faculty:inf'], ballot: { kind: 'referendum', majority: 'simple' } },
    ];
    expect((await app.call('POST', '/elections', { id: 'record', title: 'Recorded', closesAt, contests })).status).toBe(201);
    const voters = ['v1', 'v2', 'v3', 'v4'].map((studentId) => ({ studentId, email: `${studentId}@uni.test`, groups: ['faculty:inf'] }));
    expect((await app.call('POST', '/elections/record/voters', { voters })).status).toBe(200);
    expect((await app.call('PUT', '/elections/record/voters/v4/email', { email: 'v4.new@uni.test' })).status).toBe(200);
    expect((await app.call('POST', '/elections/record/voters/v3/reissue')).status).toBe(200);
    expect((await app.call('POST', '/elections/record/postal-voters', { studentIds: ['v2'] })).status).toBe(200);
    for (const step of ['lock', 'start']) expect((await app.call('POST', `/elections/record/${step}`)).status).toBe(200);
    const token = app.mailer.tokenFor('v1@uni.test');
    expect((await app.call('POST', '/elections/record/ballots', { token, papers: { all: { choices: ['Ada Lovelace'] }, inf: { choices: ['yes'] } } })).status).toBe(201);
    expect((await app.call('POST', '/elections/record/ballots', { token, papers: { all: { abstain: true } } })).status).toBe(409);
    await app.drainMail();
    app.clock.advance(61_000);
    for (const step of [closeVoting, tallyBallots, mailResults, publishResults]) expect((await step(app.deps, 'record')).ok).toBe(true);
    expect((await fetch(`${app.url}/elections/record/audit-log`)).status).toBe(200);
  });
  afterAll(() => app.stop());

  it('sees the writes of every path', () => {
    expect(new Set(writes.map((w) => w.table))).toEqual(new Set(Object.values(app.tables)));
    expect(writes.filter((w) => w.table === app.tables.events && w.kind === 'Put').length).toBeGreaterThan(20);
  });

  it('deletes nothing and batch-writes nothing, anywhere', () => {
    expect(writes.filter((w) => w.kind === 'Delete' || w.kind === 'Batch')).toEqual([]);
  });

  it('updates only the mail table', () => {
    const updates = writes.filter((w) => w.kind === 'Update');
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.filter((w) => w.table !== app.tables.mail)).toEqual([]);
  });

  it('puts every item of the events table and the ballot box only where none was, except the projection, only over the version it read', () => {
    const record = writes.filter((w) => w.kind === 'Put' && w.table !== app.tables.mail);
    const projection = record.filter((w) => w.key === JSON.stringify('STATE'));
    expect(projection.length).toBeGreaterThan(5);
    for (const put of projection) expect(['attribute_not_exists(pk)', 'version = :seen']).toContain(put.condition);
    const rest = record.filter((w) => w.key !== JSON.stringify('STATE'));
    expect(rest.length).toBeGreaterThan(20);
    expect(rest.filter((w) => w.condition !== 'attribute_not_exists(pk)')).toEqual([]);
  });
});
