import type { Clock } from '../ports';

/**
 * Values read at most once per `maxAgeMs` and key, by the given clock. Callers that ask while a
 * read is under way share it, so a burst of requests costs one read. A value `keep` refuses (and
 * a failed read) is handed to those waiting for it and read afresh by the next caller.
 */
export class TtlCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; readAt: number }>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly keep: (value: T) => boolean = () => true,
  ) {}

  get(clock: Clock, key: string, read: () => Promise<T>): Promise<T> {
    const now = clock.now().getTime();
    const cached = this.entries.get(key);
    if (cached && now - cached.readAt < this.maxAgeMs) return cached.value;
    const entry = { value: read(), readAt: now };
    this.entries.set(key, entry);
    const forget = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    entry.value.then((value) => {
      if (!this.keep(value)) forget();
    }, forget);
    return entry.value;
  }

  clear(): void {
    this.entries.clear();
  }
}
