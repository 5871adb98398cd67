import type { Sleep } from '../../workflows/localRunner';

/** Sleeps that end only when the test says their time has come, as a timer firing would. */
export class ManualTimers {
  readonly requested: number[] = [];
  private sleepers: (() => void)[] = [];
  readonly sleep: Sleep = (ms, signal) => {
    this.requested.push(ms);
    return new Promise((resolve, reject) => {
      this.sleepers.push(resolve);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  };
  get asleep(): number {
    return this.sleepers.length;
  }
  fire(): void {
    const sleepers = this.sleepers;
    this.sleepers = [];
    for (const wake of sleepers) wake();
  }
}
