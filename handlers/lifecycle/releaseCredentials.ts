import pLimit from 'p-limit';
import { holdsCredentials } from '../../domain';
import type { Deps, EventStream, MailOutbox } from '../ports';
import { runCommand } from '../runCommand';
import { lifecycleInput } from './input';
import { LifecycleStepFailed } from './lifecycleError';

/** Mail items released at once: a roll of 50,000 in a few minutes, well below the table's write capacity. */
const CONCURRENCY = 16;

type ReleaseDeps = { store: EventStream; mail: MailOutbox } & Pick<Deps, 'clock' | 'log'>;

/**
 * At the committee's send time before the opening, or else as voting opens: the credentials held
 * while the roll could still be corrected go into the mail queue, and the log records how many went out. A postal voter's item is no longer held, so they
 * get no link. Run again (a retry after a crash part-way, a restarted local stack), it queues only
 * what is still held and records the release once; an election that mailed each credential at
 * registration has nothing held, and the step records nothing.
 */
export const releaseCredentials =
  (deps: ReleaseDeps) =>
  async (raw: unknown): Promise<{ released: number }> => {
    const { electionId } = lifecycleInput.parse(raw);
    const { state } = await deps.store.load(electionId);
    if (!holdsCredentials(state)) return { released: 0 };
    const now = deps.clock.now();
    const limit = pLimit(CONCURRENCY);
    let released = 0;
    for await (const page of deps.mail.heldCredentials(electionId)) {
      const queued = await Promise.all(page.map((key) => limit(() => deps.mail.releaseCredential(key, now))));
      released += queued.filter(Boolean).length;
    }
    const applied = await runCommand(deps, electionId, { type: 'RecordCredentialsReleased', now });
    if (!applied.ok) throw new LifecycleStepFailed('ReleaseCredentials', applied.error);
    deps.log.info('credentials released', { electionId, released });
    return { released };
  };
