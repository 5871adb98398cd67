import type { Deps, LifecycleStarter } from '../../handlers/ports';
import { closeVoting, mailResults, publishResults, tallyBallots } from '../../handlers/lifecycle/tasks';

/**
 * Until the Step Functions workflow runs locally, this closes, tallies, mails and publishes each
 * election at its deadline. It keeps no state of its own: on restart, `resume` finds every
 * election still under way in the store and schedules it again.
 */
export class LocalLifecycle implements LifecycleStarter {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private deps!: Deps;

  constructor(private readonly graceMs: number) {}

  attach(deps: Deps): this {
    this.deps = deps;
    return this;
  }

  async started(electionId: string): Promise<void> {
    const { state } = await this.deps.store.load(electionId);
    if (state.phase !== 'open' && state.phase !== 'closed' && state.phase !== 'tallied') return;
    if (this.timers.has(electionId)) return;
    const delay = Math.max(0, Date.parse(state.window.closesAt) - this.deps.clock.now().getTime());
    this.deps.log.info('deadline scheduled', { electionId, closesAt: state.window.closesAt });
    this.timers.set(
      electionId,
      setTimeout(() => {
        const run = this.finish(electionId).finally(() => {
          this.running.delete(run);
          this.timers.delete(electionId);
        });
        this.running.add(run);
      }, delay),
    );
  }

  async resume(): Promise<void> {
    for (const id of await this.deps.store.listElectionIds()) await this.started(id);
  }

  async stop(): Promise<void> {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled(this.running);
  }

  private async finish(electionId: string): Promise<void> {
    const { deps } = this;
    try {
      const closed = await closeVoting(deps, electionId);
      if (!closed.ok) throw new Error(closed.error.message);
      // Casts acknowledged just before the deadline may still be committing: wait them out.
      await new Promise((r) => setTimeout(r, this.graceMs));
      const tallied = await tallyBallots(deps, electionId);
      if (!tallied.ok) throw new Error(tallied.error.message);
      const { state } = await deps.store.load(electionId);
      if (state.phase === 'tallied') {
        const mailed = await mailResults(deps, electionId);
        if (!mailed.ok) throw new Error(mailed.error.message);
      }
      const published = await publishResults(deps, electionId);
      if (!published.ok) throw new Error(published.error.message);
      deps.log.info('election published', { electionId });
    } catch (error) {
      deps.log.error('closing the election failed', { electionId, detail: (error as Error).message });
    }
  }
}
