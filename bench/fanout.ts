import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesMailer } from '../handlers/adapters/sesMailer';
import { lifecycleTaskHandlers, type LifecycleTaskHandlers } from '../handlers/lifecycle';
import type { Mailer } from '../handlers/ports';
import { runCommand } from '../handlers/runCommand';
import { lockElection } from '../handlers/usecases/lockElection';
import { registerVoters } from '../handlers/usecases/registerVoters';
import { startVoting } from '../handlers/usecases/startVoting';
import { startMailbox } from '../infra/local/mailbox';
import { LocalWorkflowRunner } from '../workflows/localRunner';
import { synthesizeLifecycleDefinition } from '../workflows/synthesizeDefinition';
import { LOCAL, startBenchStack } from './benchStack';
import { freePort } from '../test/support/freePort';

export interface FanoutFigures {
  voters: number;
  seconds: number;
  sesCalls: number;
  messages: number;
  messagesPerSecond: number;
}

/** Far above any SES quota: the fan-out's own pace is measured here, SES's is the mail benchmark's. */
const UNTHROTTLED = 1_000_000;

/** The results e-mail to every voter through the workflow (plan, Map of pages) against the local mailbox. */
export async function benchFanout(voters: number, progress: (line: string) => void): Promise<FanoutFigures> {
  const stack = await startBenchStack();
  const mailbox = await startMailbox(await freePort(), { maxSendRate: UNTHROTTLED });
  try {
    const ses = new SesMailer('elections@bench.test', new SESv2Client({ ...LOCAL, endpoint: mailbox.url }));
    let sesCalls = 0;
    let messages = 0;
    const counting: Mailer = {
      send: (m) => ses.send(m),
      maxSendRate: () => ses.maxSendRate(),
      sendToEach: async (to, content) => {
        sesCalls += 1;
        messages += to.length;
        return ses.sendToEach(to, content);
      },
    };
    // Credentials are not what is measured: registration mails stay with the bench stack's mailer.
    const { deps } = stack;
    const id = 'fanout';
    const closesAt = new Date(Date.now() + 60 * 60_000).toISOString();
    const candidates = [{ name: 'Ada', email: 'ada@bench.test', pageLink: 'https://bench.test/ada' }];
    await runCommand(deps, id, { type: 'CreateElection', electionId: id, title: 'Fan-out', ballot: { kind: 'single' }, candidates, window: { closesAt }, now: new Date() });
    for (let i = 0; i < voters; i += 5000) {
      const chunk = Array.from({ length: Math.min(5000, voters - i) }, (_, k) => ({ studentId: `v${String(i + k).padStart(6, '0')}`, email: `v${i + k}@bench.test` }));
      await registerVoters(deps, id, chunk);
      progress(`  registered ${i + chunk.length} of ${voters} voters`);
    }
    const locked = await lockElection(deps, id);
    if (!locked.ok) throw new Error(`Lock: ${locked.error.message}`);
    await startVoting(deps, id);

    const tasks = lifecycleTaskHandlers({ ...deps, mailer: counting });
    let fanoutStarted = 0;
    let fanoutEnded = 0;
    const timed: LifecycleTaskHandlers = {
      ...tasks,
      PlanResultMail: async (input) => ((fanoutStarted = performance.now()), tasks.PlanResultMail(input)),
      PublishResults: async (input) => ((fanoutEnded = performance.now()), tasks.PublishResults(input)),
    };
    // The deadline is an hour away: the waits are skipped and the close is told it is past.
    const later = { ...deps, clock: { now: () => new Date(Date.parse(closesAt) + 1000) } };
    const runner = new LocalWorkflowRunner(synthesizeLifecycleDefinition({ graceSeconds: 0 }), { ...timed, CloseVoting: lifecycleTaskHandlers(later).CloseVoting }, deps.log, {
      clock: deps.clock,
      waitTimeOverrides: { WaitUntilCredentials: 0, WaitUntilOpen: 0, WaitUntilClose: 0, GracePeriod: 0 },
    });
    const { state } = await deps.store.load(id);
    if (state.phase !== 'open') throw new Error(`election is ${state.phase}`);
    await runner.startLifecycle({ electionId: id, opensAt: state.openedAt, credentialsAt: state.openedAt, closesAt, reminders: [] });
    await runner.settled(id);
    const published = (await deps.store.load(id)).state.phase;
    if (published !== 'published' || messages !== voters) throw new Error(`fan-out incomplete: ${published}, ${messages} of ${voters} messages`);
    const seconds = (fanoutEnded - fanoutStarted) / 1000;
    return { voters, seconds, sesCalls, messages, messagesPerSecond: messages / seconds };
  } finally {
    await mailbox.stop();
    await stack.stop();
  }
}
