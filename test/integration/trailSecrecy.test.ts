import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';

/**
 * Issue: the trail keeps every write to the events table, with its item keys, for a year. A cast
 * must therefore never send a request that puts a voter-linked key (credential hash, marker) and a
 * ballot-linked key (ballot id) into a table whose writes the trail logs for the cast path. The
 * CDK stack logs the ballot box and the events table only for writers other than the cast functions,
 * and the mail table not at all (test/infra/stack.test.ts); here we look at every write request the
 * store actually sends to DynamoDB during a whole election.
 */

interface WriteRequest {
  operation: string;
  /** Each table the request writes, with the items' keys and contents as DynamoDB receives them. */
  tables: Map<string, string[]>;
}

describe('the trail cannot link a voter to a ballot', () => {
  let app: TestApp;
  const writes: WriteRequest[] = [];
  let ballotIds: string[];
  let voterKeys: string[];

  beforeAll(async () => {
    app = await startTestApp();
    // What goes over the wire: the serialized request body, as CloudTrail would record its parameters.
    app.client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers?: Record<string, string>; body?: string | Uint8Array };
        const operation = request.headers?.['x-amz-target']?.split('.')[1] ?? '';
        if (/Put|Update|Delete|Write/.test(operation) && request.body) writes.push({ operation, tables: tablesOf(operation, JSON.parse(Buffer.from(request.body).toString('utf8'))) });
        return next(args);
      },
      { step: 'finalizeRequest', name: 'recordWrites' },
    );
    const { id, tokens } = await setUpElection(app, { id: 'trail', voters: 4 });
    await openElection(app, id);
    writes.length = 0;
    for (const [i, token] of tokens.entries()) {
      const cast = await app.call('POST', `/elections/${id}/ballots`, i === 3 ? { token, abstain: true } : { token, choices: ['Grace Hopper'] });
      expect(cast.status).toBe(201);
    }
    ballotIds = (await app.store.readBallots(id)).map((b) => b.ballotId);
    const items = await app.scanAll();
    voterKeys = items.filter((item) => String(item.pk).startsWith('CREDENTIAL#')).map((item) => String(item.pk).slice('CREDENTIAL#'.length));
  });
  afterAll(() => app.stop());

  it('writes each cast as one transaction: marker and ballot in the ballot box, the credential only checked, the confirmation queued', () => {
    const casts = writes.filter((w) => w.operation === 'TransactWriteItems');
    expect(casts).toHaveLength(4);
    for (const cast of casts) {
      expect([...cast.tables.keys()].sort()).toEqual([app.tables.ballots, app.tables.events, app.tables.mail].sort());
      const [marker, ballot] = cast.tables.get(app.tables.ballots)!;
      expect(marker).toMatch(/"pk":\{"S":"ELECTION#trail#VOTED#\d\d"\}/);
      expect(ballot).toMatch(/"pk":\{"S":"ELECTION#trail#BALLOTS#\d\d"\}/);
      // The credential and its revocation, checked and not written: the cast changes nothing in the events table.
      expect(cast.tables.get(app.tables.events)!.map((key) => JSON.parse(key).sk.S)).toEqual(['CREDENTIAL', 'REVOKED']);
      expect(cast.tables.get(app.tables.mail)!).toHaveLength(1);
      expect(cast.tables.get(app.tables.mail)![0]).toMatch(/"sk":\{"S":"CONFIRM#[0-9a-f]{64}"\}/);
    }
    expect(ballotIds).toHaveLength(4);
    expect(voterKeys).toHaveLength(4);
  });

  it('puts no ballot id or choice among the events table items of any request', () => {
    for (const write of writes) {
      const logged = (write.tables.get(app.tables.events) ?? []).join('\n');
      for (const ballotId of ballotIds) expect(logged).not.toContain(ballotId);
      expect(logged).not.toContain('Grace Hopper');
    }
  });

  it('never puts a voter-linked key and a ballot-linked key into one request outside the ballot box', () => {
    for (const write of writes) {
      for (const [table, items] of write.tables) {
        if (table === app.tables.ballots) continue;
        const text = items.join('\n');
        const voterLinked = voterKeys.some((key) => text.includes(key));
        const ballotLinked = ballotIds.some((id) => text.includes(id));
        expect(voterLinked && ballotLinked, `${write.operation} on ${table}`).toBe(false);
      }
    }
  });
});

/** The items a write request puts, grouped by table, as JSON text of the marshalled items. */
function tablesOf(operation: string, body: Record<string, any>): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  const add = (table: string, item: unknown) => tables.set(table, [...(tables.get(table) ?? []), JSON.stringify(item)]);
  if (operation === 'TransactWriteItems') {
    for (const entry of body.TransactItems as Record<string, { TableName: string; Item?: unknown; Key?: unknown }>[]) {
      const [action] = Object.values(entry);
      add(action!.TableName, action!.Item ?? action!.Key);
    }
  } else if (operation === 'BatchWriteItem') {
    for (const [table, requests] of Object.entries(body.RequestItems as Record<string, unknown[]>)) for (const request of requests) add(table, request);
  } else {
    add(body.TableName, body.Item ?? body.Key);
  }
  return tables;
}
