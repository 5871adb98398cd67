import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesMailer } from '../handlers/adapters/sesMailer';
import { runCommand } from '../handlers/runCommand';
import { registerVoters } from '../handlers/usecases/registerVoters';
import { startMailbox } from '../infra/local/mailbox';
import { startLocalMailSender, type LocalMailSender } from '../infra/local/mailSender';
import type { ThrottleStats } from '../infra/local/sesThrottle';
import { freePort } from '../test/support/freePort';
import { LOCAL, startBenchStack } from './benchStack';

export interface MailThroughputFigures {
  voters: number;
  /** The mailbox's MaxSendRate, which the sender reads from it as it reads SES's. */
  rate: number;
  registerSeconds: number;
  /** voters / rate: every second of the rate used. */
  idealSeconds: number;
  /** From the end of the registration to the last credential accepted by the mailbox. */
  seconds: number;
  idealOverMeasured: number;
  /** Recipients the mailbox refused as SES does above the rate (429 TooManyRequestsException). */
  throttled: number;
  credentialMails: number;
  recipients: number;
}

interface StoredMail {
  subject: string;
  destination: { to: string[] };
}

const PROGRESS_EVERY_MS = 10_000;
/** Longer than any backoff of the sender's: no credential for this long means it has stopped. */
const STALL_MS = 120_000;

/**
 * The whole roll's credentials through the real local sender (the mail table's stream poller,
 * the sweep, one pacer) into the local mailbox, which refuses sends above `rate` as SES does.
 * The voters are registered first and the sender starts when the registration ends, so the
 * outbox holds everyone at once: the time to mail them against the ideal voters / rate, and a
 * check that every voter got exactly one credential.
 */
export async function benchMailThroughput(voters: number, rate: number, progress: (line: string) => void): Promise<MailThroughputFigures> {
  const stack = await startBenchStack();
  const mailbox = await startMailbox(await freePort(), { maxSendRate: rate });
  let sender: LocalMailSender | undefined;
  try {
    const deps = { ...stack.deps, mailer: new SesMailer('elections@bench.test', new SESv2Client({ ...LOCAL, endpoint: mailbox.url })) };
    const id = 'mail';
    const candidates = [{ name: 'Ada', email: 'ada@bench.test', pageLink: 'https://bench.test/ada' }];
    await runCommand(deps, id, {
      type: 'CreateElection',
      electionId: id,
      title: 'Mail throughput',
      ballot: { kind: 'single' },
      candidates,
      window: { closesAt: new Date(Date.now() + 3_600_000).toISOString() },
      now: new Date(),
    });
    const registering = performance.now();
    for (let i = 0; i < voters; i += 5000) {
      const chunk = Array.from({ length: Math.min(5000, voters - i) }, (_, k) => ({ studentId: `m${i + k}`, email: `m${i + k}@bench.test` }));
      const registration = await registerVoters(deps, id, chunk);
      if (!registration.ok || registration.value.registered !== chunk.length) throw new Error(`registration failed: ${JSON.stringify(registration)}`);
      progress(`  registered ${i + chunk.length} of ${voters} voters`);
    }
    const registerSeconds = (performance.now() - registering) / 1000;
    const registeredAt = Date.now();

    sender = await startLocalMailSender(deps, { client: stack.client, mailTable: stack.tables.mail, leaseMs: 30_000, sweepEveryMs: 2_000 });
    if (sender.rate !== rate) throw new Error(`the sender paces at ${sender.rate}/s, the mailbox allows ${rate}/s`);
    const stats = async () => (await (await fetch(`${mailbox.url}/local/throttle-stats`)).json()) as ThrottleStats;
    let latest = await stats();
    let reported = { at: performance.now(), accepted: 0 };
    let progressedAt = performance.now();
    while (latest.accepted < voters) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const previous = latest.accepted;
      latest = await stats();
      const now = performance.now();
      if (latest.accepted > previous) progressedAt = now;
      if (now - progressedAt > STALL_MS) throw new Error(`the sender stopped after ${latest.accepted} of ${voters} credentials`);
      if (now - reported.at >= PROGRESS_EVERY_MS) {
        const perSecond = ((latest.accepted - reported.accepted) * 1000) / (now - reported.at);
        progress(`  mailed ${latest.accepted} of ${voters} credentials, ${Math.round(perSecond)}/s over the last ${Math.round((now - reported.at) / 1000)} s, ${latest.refused} throttled`);
        reported = { at: now, accepted: latest.accepted };
      }
    }
    const seconds = (Date.parse(latest.lastAcceptedAt!) - registeredAt) / 1000;
    await sender.stop();
    sender = undefined;

    const { counts } = await stack.deps.mail.report(id);
    if (counts.sent !== voters) throw new Error(`the mail table shows ${JSON.stringify(counts)} for ${voters} voters`);
    const { emails } = (await (await fetch(`${mailbox.url}/store`)).json()) as { emails: StoredMail[] };
    const credentials = emails.filter((m) => m.subject.startsWith('Your voting credential'));
    const recipients = new Set(credentials.flatMap((m) => m.destination.to)).size;
    if (credentials.length !== voters || recipients !== voters) throw new Error(`${credentials.length} credential mails to ${recipients} recipients for ${voters} voters`);
    const idealSeconds = voters / rate;
    return { voters, rate, registerSeconds, idealSeconds, seconds, idealOverMeasured: idealSeconds / seconds, throttled: latest.refused, credentialMails: credentials.length, recipients };
  } finally {
    await sender?.stop();
    await mailbox.stop();
    await stack.stop();
  }
}
