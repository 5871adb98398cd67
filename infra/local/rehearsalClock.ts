import * as z from 'zod';
import { isoTime } from '../../contract/requestSchemas';
import type { Clock } from '../../handlers/ports';
import { LocalRequestRefused } from './apiServer';
import type { Sleep } from '../../workflows/localRunner';

/**
 * The local stack's clock for a rehearsal (`npm start -- --rehearsal`): real time, moved forward
 * on request, so that an election of two weeks runs through in minutes. It never goes back, so
 * nothing recorded is ever followed by an earlier time. Every sleep on it ends when it is moved,
 * so the workflow's waits read it again at once. AWS has no such clock: only the local stack
 * builds one.
 */
export class RehearsalClock implements Clock {
  private offsetMs = 0;
  private readonly wakers = new Set<() => void>();

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves the clock to `to`; refuses a time in the past. */
  moveTo(to: Date): void {
    const by = to.getTime() - this.now().getTime();
    if (!(by >= 0)) throw new RangeError(`the clock only moves forward: it is ${this.now().toISOString()}, not ${to.toISOString()}`);
    this.offsetMs += by;
    for (const wake of [...this.wakers]) wake();
  }

  /** Sleeps ms of real time, or until the clock is moved, whichever comes first. */
  readonly sleep: Sleep = (ms, signal) =>
    new Promise((resolve, reject) => {
      const settle = (then: () => void) => {
        clearTimeout(timer);
        this.wakers.delete(done);
        signal.removeEventListener('abort', aborted);
        then();
      };
      const done = () => settle(resolve);
      const aborted = () => settle(() => reject(signal.reason));
      if (signal.aborted) return reject(signal.reason);
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
      signal.addEventListener('abort', aborted, { once: true });
    });
}

/** Where the rehearsing local stack takes `npm run clock`'s requests; absent from every other stack. */
export const REHEARSAL_CLOCK_PATH = '/_local/clock';

const clockRequest = z.union([z.strictObject({ to: isoTime }), z.strictObject({ forwardMs: z.int().positive() }), z.strictObject({})]);

/** `{ to }` or `{ forwardMs }` moves the clock; `{}` only reads it. Answers what time it now is. */
export function clockDelivery(clock: RehearsalClock): (request: unknown) => Promise<{ now: string }> {
  return async (request) => {
    const parsed = clockRequest.safeParse(request);
    if (!parsed.success) throw new LocalRequestRefused(`the body is { "to": "<time with zone>" }, { "forwardMs": <positive whole ms> } or {}: ${parsed.error.issues[0]!.message}`);
    const body = parsed.data;
    try {
      if ('to' in body) clock.moveTo(new Date(body.to));
      if ('forwardMs' in body) clock.moveTo(new Date(clock.now().getTime() + body.forwardMs));
    } catch (error) {
      throw new LocalRequestRefused((error as Error).message);
    }
    return { now: clock.now().toISOString() };
  };
}
