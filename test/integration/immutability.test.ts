import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evolve, extendChain, type ElectionEvent } from '../../domain';
import { closeVoting, mailResults, publishResults, tallyBallots } from '../support/lifecycleSteps';
import { StreamConflict } from '../../handlers/ports';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';

/** Invariant 6 (docs/architecture.md): events are never updated or deleted, only appended. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = Record<string, any>;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

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

describe('invariant 6: no code path can update or delete an item of the record (the mail table alone is mutable)', () => {
  const handlerFiles = (readdirSync(join(ROOT, 'handlers'), { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts'))
    .map((file) => ({ file: join('handlers', file), text: readFileSync(join(ROOT, 'handlers', file), 'utf8') }));
  const storePath = join('handlers', 'adapters', 'dynamoElectionStore.ts');
  const storeSource = readFileSync(join(ROOT, storePath), 'utf8');

  /** Each `Put: { … }` transaction item and `new PutCommand({ … })`, with its line number. */
  function putsIn(source: string): { line: number; text: string }[] {
    const puts: { line: number; text: string }[] = [];
    for (const match of source.matchAll(/\bPut:\s*\{|new PutCommand\(\s*\{/g)) {
      const open = match.index + match[0].length - 1;
      let depth = 0;
      let end = open;
      for (; end < source.length; end += 1) {
        if (source[end] === '{') depth += 1;
        else if (source[end] === '}' && --depth === 0) break;
      }
      puts.push({ line: source.slice(0, match.index).split('\n').length, text: source.slice(open, end + 1) });
    }
    return puts;
  }

  it('finds the handler sources to check', () => {
    expect(handlerFiles.length).toBeGreaterThan(10);
    expect(handlerFiles.map((f) => f.file)).toContain(storePath);
  });

  const mailQueuePath = join('handlers', 'adapters', 'dynamoMailQueue.ts');

  it('deletes and batch-writes nowhere under handlers/, and updates only in the mail queue and on the mail table', () => {
    const forbidden = ['DeleteItem', 'DeleteCommand', 'BatchWriteItem', 'BatchWriteCommand', 'BatchWrite'];
    for (const { file, text: source } of handlerFiles) {
      // String literals are data (the breach handler watches for these very names in CloudTrail), not calls.
      const text = source.replace(/'[^'\n]*'/g, "''");
      for (const word of forbidden) expect(text.includes(word), `${file} uses ${word}`).toBe(false);
      if (file !== mailQueuePath) for (const word of ['UpdateItem', 'UpdateCommand']) expect(text.includes(word), `${file} uses ${word}`).toBe(false);
      expect(text, `${file} has a Delete transaction item`).not.toMatch(/\bDelete\s*:\s*\{/);
      // The one Update transaction item, the re-issue's, names the mail table.
      for (const update of text.matchAll(/\bUpdate\s*:\s*\{\s*TableName:\s*([\w.]+)/g)) expect(update[1], `${file}: an Update transaction item on ${update[1]}`).toBe('this.mailTable');
      if (file !== storePath) expect(text, `${file} has an Update transaction item`).not.toMatch(/\bUpdate\s*:\s*\{/);
    }
    expect(readFileSync(join(ROOT, mailQueuePath), 'utf8')).toMatch(/TableName: this\.table,/);
    expect(readFileSync(join(ROOT, mailQueuePath), 'utf8')).not.toMatch(/tables\.(events|ballots)/);
  });

  it('makes every Put in the event store conditional on attribute_not_exists, except the versioned projection', () => {
    expect(storeSource).toMatch(/const IS_NEW = 'attribute_not_exists\(pk\)';/);
    const puts = putsIn(storeSource);
    // roll entry, credential, event, projection, marker, ballot, undelivered mail
    expect(puts.length).toBeGreaterThanOrEqual(7);

    const projection = puts.filter((p) => p.text.includes('keys.state('));
    expect(projection).toHaveLength(1);
    expect(projection[0]!.text).toContain("ConditionExpression: 'version = :seen'");
    expect(projection[0]!.text).toContain('ConditionExpression: IS_NEW');

    const checked = puts.filter((p) => !p.text.includes('keys.state('));
    expect(checked.length).toBeGreaterThanOrEqual(5);
    for (const put of checked) {
      expect(/ConditionExpression:\s*(IS_NEW|'attribute_not_exists\(pk\)')/.test(put.text), `Put at ${storePath}:${put.line} is not conditional:\n${put.text}`).toBe(true);
    }
  });
});
