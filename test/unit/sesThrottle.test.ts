import { describe, expect, it } from 'vitest';
import { SendRateLimit } from '../../infra/local/sesThrottle';

/** A clock the test moves by hand. */
function manualClock(start = 1_700_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe("the local mailbox's sending rate, as SES counts it", () => {
  it("accepts a second's worth of recipients at once and refuses the next until the rate has refilled", () => {
    const clock = manualClock();
    const limit = new SendRateLimit(2, clock.now);
    expect([limit.tryTake(1), limit.tryTake(1), limit.tryTake(1)]).toEqual([true, true, false]);
    clock.advance(499);
    expect(limit.tryTake(1)).toBe(false);
    clock.advance(1);
    expect(limit.tryTake(1)).toBe(true);
    expect(limit.stats()).toMatchObject({ maxSendRate: 2, accepted: 3, refused: 2 });
  });

  it('never refuses a sender spaced evenly at exactly the rate', () => {
    const clock = manualClock();
    const limit = new SendRateLimit(3, clock.now);
    const outcomes = Array.from({ length: 300 }, () => {
      const accepted = limit.tryTake(1);
      clock.advance(1000 / 3);
      return accepted;
    });
    expect(outcomes.every(Boolean)).toBe(true);
  });

  it('lets a bulk call larger than the rate through from a full bucket, then refuses sends until the excess is paid', () => {
    const clock = manualClock();
    const limit = new SendRateLimit(2, clock.now);
    expect(limit.tryTake(5)).toBe(true);
    // 5 taken from 2: 3 owed, and one more is needed before the next call: 4 recipients' worth, 2 s.
    clock.advance(1999);
    expect(limit.tryTake(1)).toBe(false);
    clock.advance(1);
    expect(limit.tryTake(1)).toBe(true);
    expect(limit.stats()).toMatchObject({ accepted: 6, refused: 1 });
  });

  it('keeps a sandbox-like rate below one per second: one send, then one every 1/rate seconds', () => {
    const clock = manualClock();
    const limit = new SendRateLimit(0.5, clock.now);
    expect([limit.tryTake(1), limit.tryTake(1)]).toEqual([true, false]);
    clock.advance(1999);
    expect(limit.tryTake(1)).toBe(false);
    clock.advance(1);
    expect(limit.tryTake(1)).toBe(true);
  });

  it('tells when the first and latest accepted sends arrived', () => {
    const clock = manualClock(Date.UTC(2025, 2, 1, 9, 0, 0));
    const limit = new SendRateLimit(10, clock.now);
    expect(limit.stats()).toMatchObject({ firstAcceptedAt: null, lastAcceptedAt: null });
    limit.tryTake(1);
    clock.advance(250);
    limit.tryTake(1);
    expect(limit.stats()).toMatchObject({ firstAcceptedAt: '2025-03-01T09:00:00.000Z', lastAcceptedAt: '2025-03-01T09:00:00.250Z' });
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new SendRateLimit(0)).toThrow(/positive/);
  });
});
