/**
 * Spaces sends evenly at a rate, as SES counts its MaxSendRate: one process sending at most
 * `perSecond` messages in any second never meets SES's throttling by its own doing.
 */
export class SendPacer {
  private nextAt = 0;

  constructor(
    readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    if (!(perSecond > 0)) throw new Error(`a send rate must be positive, not ${perSecond}`);
  }

  /** Resolves when the next send may start. */
  async take(): Promise<void> {
    const now = this.now();
    const at = Math.max(now, this.nextAt);
    this.nextAt = at + 1000 / this.perSecond;
    if (at > now) await this.sleep(at - now);
  }
}
