/** SES's default MaxSendRate for an account just out of the sandbox. */
export const DEFAULT_MAX_SEND_RATE = 14;

export interface ThrottleStats {
  maxSendRate: number;
  /** Recipients SES would have taken, and those it refused with "Maximum sending rate exceeded". */
  accepted: number;
  refused: number;
  /** When the first and the latest accepted send arrived (ISO), so a test can see the pace. */
  firstAcceptedAt: string | null;
  lastAcceptedAt: string | null;
}

/**
 * SES's sending rate as a token bucket holding one second's worth of recipients. As SES does, a
 * call goes through while any of the rate is left, however many recipients it has, and its excess
 * is owed: later calls are refused until the bucket has refilled. So a sender paced evenly at
 * the rate is never refused, a burst above it is, and a bulk call larger than the rate still
 * gets through from a full bucket instead of never.
 */
export class SendRateLimit {
  private readonly capacity: number;
  private tokens: number;
  private refilledAt: number;
  private accepted = 0;
  private refused = 0;
  private firstAcceptedAt: number | undefined;
  private lastAcceptedAt: number | undefined;

  constructor(
    readonly maxSendRate: number = DEFAULT_MAX_SEND_RATE,
    private readonly now: () => number = Date.now,
  ) {
    if (!(maxSendRate > 0)) throw new Error(`a sending rate must be positive, not ${maxSendRate}`);
    this.capacity = Math.max(maxSendRate, 1);
    this.tokens = this.capacity;
    this.refilledAt = now();
  }

  /** Whether a call to this many recipients is accepted now; an accepted call uses up its share. */
  tryTake(recipients: number): boolean {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.refilledAt) / 1000) * this.maxSendRate);
    this.refilledAt = now;
    // A hair of tolerance: a sender paced exactly at the rate must not lose to rounding.
    if (this.tokens < 1 - 1e-9) {
      this.refused += recipients;
      return false;
    }
    this.tokens -= recipients;
    this.accepted += recipients;
    this.firstAcceptedAt ??= now;
    this.lastAcceptedAt = now;
    return true;
  }

  stats(): ThrottleStats {
    const iso = (at: number | undefined) => (at === undefined ? null : new Date(at).toISOString());
    return {
      maxSendRate: this.maxSendRate,
      accepted: this.accepted,
      refused: this.refused,
      firstAcceptedAt: iso(this.firstAcceptedAt),
      lastAcceptedAt: iso(this.lastAcceptedAt),
    };
  }
}
