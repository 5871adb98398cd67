import { createHash } from 'node:crypto';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boxName } from '../../domain';
import { BOARD_PAGE_PAPERS } from '../../contract/sealedBox';
import { keys } from '../../handlers/adapters/keys';
import { startTestApp, type TestApp } from '../support/harness';

const ID = 'board-pages';
const PAPERS = BOARD_PAGE_PAPERS + 1;
const CANDIDATES = ['Ada Lovelace', 'Grace Hopper'].map((name, i) => ({ name, email: `c${i}@uni.test`, pageLink: `https://uni.test/c${i}` }));

/**
 * The public board of a sealed box, a page at a time after the last tracker seen: every paper once,
 * in tracker order, each page read from the box's shards without reading the whole box. The
 * papers are written into the ballots table as the cast writes them (their content is the
 * board's to show, not to check), so that a box of more than a page costs the test no sealing and
 * no cast's transaction.
 */
describe('the board of a sealed box, page by page', () => {
  let app: TestApp;
  beforeAll(async () => (app = await startTestApp()));
  afterAll(() => app.stop());

  it(`gives ${PAPERS} papers in two pages, the second after the tracker the first names`, async () => {
    const closesAt = new Date(app.clock.now().getTime() + 3_600_000).toISOString();
    expect((await app.call('POST', '/elections', { id: ID, title: 'Council', candidates: CANDIDATES, closesAt, box: 'sealed', trustees: { count: 3, threshold: 2 } })).status).toBe(201);
    const { state } = await app.store.load(ID);
    if (state.phase === 'none') throw new Error('no election');
    const box = boxName(ID, state.contests, 'main');
    const trackers = Array.from({ length: PAPERS }, (_, i) => createHash('sha256').update(`paper ${i}`).digest('hex'));
    const db = DynamoDBDocumentClient.from(app.client);
    for (let from = 0; from < PAPERS; from += 25) {
      const items = trackers.slice(from, from + 25).map((tracker) => ({ ...keys.ballot(box, tracker), sealed: JSON.stringify({ ciphertexts: [{ alpha: tracker, beta: tracker }], proof: {} }) }));
      const { UnprocessedItems } = await db.send(new BatchWriteCommand({ RequestItems: { [app.tables.ballots]: items.map((Item) => ({ PutRequest: { Item } })) } }));
      expect(UnprocessedItems ?? {}).toEqual({});
    }

    const first = await app.call('GET', `/elections/${ID}/board/main`);
    expect(first.status).toBe(200);
    expect(first.body.papers).toHaveLength(BOARD_PAGE_PAPERS);
    expect(first.body.next).toBe(first.body.papers.at(-1).tracker);
    const second = await app.call('GET', `/elections/${ID}/board/main?after=${first.body.next}`);
    expect(second.body.papers).toHaveLength(1);
    expect(second.body.next).toBeUndefined();
    expect([...first.body.papers, ...second.body.papers].map((paper: { tracker: string }) => paper.tracker)).toEqual([...trackers].sort());
    expect(second.body.papers[0]).toEqual({
      tracker: [...trackers].sort().at(-1),
      ciphertexts: [{ alpha: second.body.papers[0].tracker, beta: second.body.papers[0].tracker }],
      proof: expect.any(Object),
    });

    expect(await app.call('GET', `/elections/${ID}/board/main?after=500`)).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('after') } } });
  });
});
