import { describe, expect, it } from 'vitest';
import { withinBytes } from '../../handlers/api/withinBytes';

describe('a page of the log within the bytes an answer may carry', () => {
  const event = (kb: number) => ({ data: 'x'.repeat(kb * 1024 - 12) });

  it('takes every item that fits, in order, and stops before the one that would not', () => {
    const items = [event(300), event(300), event(300), event(300)];
    expect(withinBytes(items, 1000 * 1024)).toEqual(items.slice(0, 3));
    expect(withinBytes(items, 4 * 1024 * 1024)).toEqual(items);
  });

  it('always takes the first item, so a page is never empty while events remain', () => {
    expect(withinBytes([event(400), event(1)], 100 * 1024)).toHaveLength(1);
    expect(withinBytes([], 100)).toEqual([]);
  });
});
