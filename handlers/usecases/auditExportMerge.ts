/**
 * Merges paged streams that are each sorted by `key` into one sorted stream. It holds one page of
 * each stream, plus the next page, read ahead while this one is merged. The next item is found
 * by scanning the heads: for the ballot box's sixteen shards that is cheaper than keeping a heap.
 */
export async function* mergeSortedPages<T>(sources: AsyncIterable<T[]>[], key: (item: T) => string): AsyncGenerator<T> {
  const cursors = sources.map((source) => new PageCursor(source[Symbol.asyncIterator]()));
  try {
    const live = (await Promise.all(cursors.map(async (cursor) => ((await cursor.fill()) ? cursor : undefined)))).filter((c) => c !== undefined);
    while (live.length > 0) {
      let first = 0;
      for (let i = 1; i < live.length; i += 1) if (key(live[i]!.head) < key(live[first]!.head)) first = i;
      const cursor = live[first]!;
      yield cursor.head;
      if (!(await cursor.advance())) live.splice(first, 1);
    }
  } finally {
    await Promise.all(cursors.map((cursor) => cursor.close()));
  }
}

class PageCursor<T> {
  private page: T[] = [];
  private index = 0;
  private ahead: Promise<IteratorResult<T[]>>;

  constructor(private readonly pages: AsyncIterator<T[]>) {
    this.ahead = this.readAhead();
  }

  get head(): T {
    return this.page[this.index]!;
  }

  /** Moves to the next item; false when the stream has none left. */
  async advance(): Promise<boolean> {
    this.index += 1;
    return this.fill();
  }

  /** Makes sure an item is at the head, reading pages (and skipping empty ones) as needed. */
  async fill(): Promise<boolean> {
    while (this.index >= this.page.length) {
      const result = await this.ahead;
      if (result.done) return false;
      this.page = result.value;
      this.index = 0;
      this.ahead = this.readAhead();
    }
    return true;
  }

  /** Ends the stream early (a failure elsewhere, or a consumer that stopped), so its reads stop too. */
  async close(): Promise<void> {
    await this.ahead.catch(() => undefined);
    await this.pages.return?.().catch(() => undefined);
  }

  private readAhead(): Promise<IteratorResult<T[]>> {
    const next = this.pages.next();
    // Read ahead and perhaps never awaited (the merge ended first): its failure is handled here, and surfaces when awaited.
    next.catch(() => undefined);
    return next;
  }
}
