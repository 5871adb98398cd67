import type { ItemKey } from '../keys';

export type { ItemKey };

/** One kind of item of a table, by the keys DynamoDB keeps it under, so that a partition reads back in sort-key order as a query gives it. */
export class ItemMap<T> {
  private readonly partitions = new Map<string, Map<string, T>>();

  get({ pk, sk }: ItemKey): T | undefined {
    return this.partitions.get(pk)?.get(sk);
  }

  has(key: ItemKey): boolean {
    return this.get(key) !== undefined;
  }

  put({ pk, sk }: ItemKey, item: T): void {
    let partition = this.partitions.get(pk);
    if (!partition) this.partitions.set(pk, (partition = new Map()));
    partition.set(sk, item);
  }

  /** Puts the item unless one is there (a put on `attribute_not_exists`): false, and the earlier one stands, when it is. */
  putNew(key: ItemKey, item: T): boolean {
    if (this.has(key)) return false;
    this.put(key, item);
    return true;
  }

  /** Deletes the item: whether it was there (a delete of a missing item changes nothing, as DynamoDB's). */
  delete({ pk, sk }: ItemKey): boolean {
    const partition = this.partitions.get(pk);
    if (!partition?.delete(sk)) return false;
    if (partition.size === 0) this.partitions.delete(pk);
    return true;
  }

  /** A partition's items in sort-key order, those whose sort key lies between `from` and `to` (inclusive) when given. */
  query(pk: string, { from, to }: { from?: string; to?: string } = {}): { sk: string; item: T }[] {
    const items: { sk: string; item: T }[] = [];
    for (const [sk, item] of this.partitions.get(pk) ?? []) {
      if ((from === undefined || sk >= from) && (to === undefined || sk <= to)) items.push({ sk, item });
    }
    return items.sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0));
  }

  count(pk: string): number {
    return this.partitions.get(pk)?.size ?? 0;
  }

  /** Every item of this kind, in no particular order: what a scan, or an index over them, reads. */
  *entries(): Generator<{ key: ItemKey; item: T }> {
    for (const [pk, partition] of this.partitions) for (const [sk, item] of partition) yield { key: { pk, sk }, item };
  }
}
