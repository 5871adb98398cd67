import { randomUUID } from 'node:crypto';
import { GetAccountCommand, SendBulkEmailCommand, SendEmailCommand, SESv2Client, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { afterEach, describe, expect, it } from 'vitest';
import { SendPacer } from '../../handlers/mail/sendPacer';
import { startMailbox, type RunningMailbox } from '../../infra/local/mailbox';
import type { ThrottleStats } from '../../infra/local/sesThrottle';
import { mailbox } from '../support/localStackProcess';

/** The local mailbox behaves like SES's sending limits, seen through the AWS SDK as the mailer sees SES. */
describe('the local mailbox under SES sending limits', () => {
  let box: RunningMailbox | undefined;
  afterEach(async () => {
    await box?.stop();
    box = undefined;
  });

  const client = (url: string, maxAttempts = 1) => new SESv2Client({ endpoint: url, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts });
  // Addresses unique to each test: aws-ses-v2-local keeps one store per process.
  const addresses = (count: number) => {
    const run = randomUUID().slice(0, 8);
    return Array.from({ length: count }, (_, i) => `s${i}-${run}@uni.test`);
  };
  const sendTo = (ses: SESv2Client, to: string) =>
    ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'elections@uni.test',
        Destination: { ToAddresses: [to] },
        Content: { Simple: { Subject: { Data: 'Your voting credential' }, Body: { Text: { Data: 'a link' } } } },
      }),
    );
  const stats = async (url: string) => (await (await fetch(`${url}/local/throttle-stats`)).json()) as ThrottleStats;
  const delivered = async (url: string, to: string[]) => (await mailbox(url)).filter((m) => to.includes(m.destination.to[0]!)).map((m) => m.destination.to[0]);

  it("answers GetAccount with the configured sending rate, as the sender reads SES's", async () => {
    box = await startMailbox(0, { maxSendRate: 3 });
    const account = await client(box.url).send(new GetAccountCommand({}));
    expect(account.SendQuota?.MaxSendRate).toBe(3);
    expect(account).toMatchObject({ SendingEnabled: true, ProductionAccessEnabled: true, SendQuota: { SentLast24Hours: 0 } });
  });

  it('refuses a burst above the rate with the TooManyRequestsException SES v2 raises, and keeps none of what it refused', async () => {
    box = await startMailbox(0, { maxSendRate: 5 });
    const ses = client(box.url);
    const to = addresses(15);
    const outcomes = await Promise.allSettled(to.map((address) => sendTo(ses, address)));
    const refusals = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as TooManyRequestsException] : []));
    const accepted = to.filter((_, i) => outcomes[i]!.status === 'fulfilled');

    expect(accepted.length).toBeGreaterThanOrEqual(5);
    expect(refusals.length).toBeGreaterThan(0);
    for (const refusal of refusals) {
      expect(refusal).toBeInstanceOf(TooManyRequestsException);
      expect(refusal).toMatchObject({ name: 'TooManyRequestsException', message: 'Maximum sending rate exceeded.', $metadata: { httpStatusCode: 429 } });
    }
    expect(await stats(box.url)).toMatchObject({ maxSendRate: 5, accepted: accepted.length, refused: refusals.length });
    expect((await delivered(box.url, to)).sort()).toEqual(accepted.sort());
  });

  it('never refuses a sender paced at the rate it read from GetAccount', async () => {
    box = await startMailbox(0, { maxSendRate: 10 });
    const ses = client(box.url);
    const pacer = new SendPacer((await ses.send(new GetAccountCommand({}))).SendQuota!.MaxSendRate!);
    const to = addresses(20);
    for (const address of to) {
      await pacer.take();
      await sendTo(ses, address);
    }
    expect(await stats(box.url)).toMatchObject({ accepted: 20, refused: 0 });
    expect(await delivered(box.url, to)).toHaveLength(20);
  });

  it("delivers every message exactly once when the SDK's own retries ride out the throttling", async () => {
    box = await startMailbox(0, { maxSendRate: 5 });
    const ses = client(box.url, 10);
    const to = addresses(10);
    await Promise.all(to.map((address) => sendTo(ses, address)));
    expect((await stats(box.url)).refused).toBeGreaterThan(0);
    expect((await delivered(box.url, to)).sort()).toEqual([...to].sort());
  });

  it('counts each destination of SendBulkEmail: a bulk call over the rate goes through, and the next send waits for the excess', async () => {
    box = await startMailbox(0, { maxSendRate: 3 });
    const ses = client(box.url);
    const to = addresses(7);
    const bulk = await ses.send(
      new SendBulkEmailCommand({
        FromEmailAddress: 'elections@uni.test',
        DefaultContent: { Template: { TemplateContent: { Subject: 'Results', Text: 'The results are out.' } } },
        BulkEmailEntries: to.slice(0, 6).map((address) => ({ Destination: { ToAddresses: [address] } })),
      }),
    );
    expect(bulk.BulkEmailEntryResults?.map((r) => r.Status)).toEqual(Array(6).fill('SUCCESS'));
    await expect(sendTo(ses, to[6]!)).rejects.toBeInstanceOf(TooManyRequestsException);
    expect(await stats(box.url)).toMatchObject({ accepted: 6, refused: 1 });
  });

  it('still serves the web mailbox and its JSON store through the front', async () => {
    box = await startMailbox(0);
    const page = await fetch(box.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const [address] = addresses(1);
    await sendTo(client(box.url), address!);
    expect(await delivered(box.url, [address!])).toEqual([address]);
    expect((await client(box.url).send(new GetAccountCommand({}))).SendQuota).toMatchObject({ MaxSendRate: 14, SentLast24Hours: 1 });
  });
});
