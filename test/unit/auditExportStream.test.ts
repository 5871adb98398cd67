import { describe, expect, it } from 'vitest';
import { AUDIT_FORMAT, AUDIT_VERSION, auditLines, streamAuditLines, type AuditLog, type SealedBallot } from '../../domain';
import { mergeSortedPages } from '../../handlers/usecases/auditExportMerge';

async function* pagesOf<T>(...pages: T[][]): AsyncGenerator<T[]> {
  for (const page of pages) yield page;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const ballot = (ballotId: string): SealedBallot => ({ ballotId, choices: ['Ada Lovelace'] });
const byId = (b: SealedBallot) => b.ballotId;

describe('merging the ballot box shards', () => {
  it('gives every ballot once, in id order, across pages of any size, empty pages and empty shards', async () => {
    const shards = [
      pagesOf([ballot('B'), ballot('K')], [], [ballot('Q')]),
      pagesOf<SealedBallot>(),
      pagesOf([ballot('-a')], [ballot('_z'), ballot('a')]),
      pagesOf([], [ballot('C'), ballot('D'), ballot('zz')]),
    ];
    const merged = await collect(mergeSortedPages(shards, byId));
    // DynamoDB orders sort keys by their bytes; for ballot ids (base64url, all ASCII) that is JavaScript's string order.
    expect(merged.map(byId)).toEqual(['-a', 'B', 'C', 'D', 'K', 'Q', '_z', 'a', 'zz']);
  });

  it('merges many shards of random ids into the order a full sort gives', async () => {
    const ids = Array.from({ length: 2_000 }, (_, i) => `id${((i * 7919) % 2_000).toString(36).padStart(4, '0')}x${i % 13}`);
    const shards = Array.from({ length: 16 }, (_, s) => {
      const mine = ids.filter((_, i) => i % 16 === s).sort();
      const pages: SealedBallot[][] = [];
      for (let at = 0; at < mine.length; at += 7) pages.push(mine.slice(at, at + 7).map(ballot));
      return pagesOf(...pages);
    });
    expect((await collect(mergeSortedPages(shards, byId))).map(byId)).toEqual([...ids].sort());
  });

  it('fails when a shard fails, instead of ending early with part of the box', async () => {
    async function* failing(): AsyncGenerator<SealedBallot[]> {
      yield [ballot('a')];
      throw new Error('ProvisionedThroughputExceededException');
    }
    await expect(collect(mergeSortedPages([failing(), pagesOf([ballot('b')])], byId))).rejects.toThrow('ProvisionedThroughputExceededException');
  });
});

describe('the export written a line at a time', () => {
  const ballots = ['q', 'c', 'x', 'a'].map(ballot);
  const log: AuditLog = {
    header: { kind: 'header', format: AUDIT_FORMAT, version: AUDIT_VERSION, electionId: 'e', title: 'Council', events: 0, ballots: 4, participation: 4, voters: 2, breaches: 0 },
    events: [],
    ballots,
    participation: 4,
    voters: [{ hash: '1'.repeat(64) }, { hash: '2'.repeat(64) }],
  };
  const streamed = (ballotsInOrder: SealedBallot[], voters = log.voters) =>
    collect(streamAuditLines({ ...log, openingFiles: undefined, ballotsInOrder: fromArray(ballotsInOrder), voters: Promise.resolve(voters) }));

  it('has the same lines in the same order as the export built whole, so the verifier reads it unchanged', async () => {
    expect(await streamed([...ballots].sort((a, b) => (a.ballotId < b.ballotId ? -1 : 1)))).toEqual(auditLines(log));
  });

  it('refuses ballots out of id order, and a box or roll that does not hold what the header announced', async () => {
    await expect(streamed(ballots)).rejects.toThrow('ascending id order');
    await expect(streamed([ballot('a'), ballot('a'), ballot('c'), ballot('q')])).rejects.toThrow('ascending id order');
    await expect(streamed([ballot('a'), ballot('c'), ballot('q')])).rejects.toThrow('announces 4 ballots but the box held 3');
    await expect(streamed([ballot('a'), ballot('c'), ballot('q'), ballot('x')], [{ hash: '1'.repeat(64) }])).rejects.toThrow('announces 2 voters but the roll held 1');
  });
});

async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}
