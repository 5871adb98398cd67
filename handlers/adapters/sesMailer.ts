import { GetAccountCommand, SendBulkEmailCommand, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { BULK_LIMIT, type BulkOutcome, type MailContent, type MailMessage, type Mailer } from '../ports';

/** Sends one message per recipient through SES v2: never a shared To or Bcc list. */
export class SesMailer implements Mailer {
  constructor(
    private readonly from: string,
    private readonly client: SESv2Client = new SESv2Client({}),
    private readonly configurationSet?: string,
  ) {}

  async send({ to, subject, text, fromName }: MailMessage): Promise<string | undefined> {
    const { MessageId } = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: fromAddress(this.from, fromName),
        Destination: { ToAddresses: [to] },
        ConfigurationSetName: this.configurationSet,
        Content: {
          Simple: {
            Subject: { Data: subject, Charset: 'UTF-8' },
            Body: { Text: { Data: text, Charset: 'UTF-8' } },
          },
        },
      }),
    );
    return MessageId;
  }

  async maxSendRate(): Promise<number> {
    const { SendQuota } = await this.client.send(new GetAccountCommand({}));
    const rate = SendQuota?.MaxSendRate;
    if (rate === undefined || !(rate > 0)) throw new Error('SES reports no sending rate for this account (is sending enabled?)');
    return rate;
  }

  /**
   * One SendBulkEmail call, one entry per recipient. The text travels as template data, not as
   * template source, so nothing in a candidate's name can be read as a placeholder.
   */
  async sendToEach(recipients: string[], { subject, text, fromName }: MailContent): Promise<BulkOutcome[]> {
    if (recipients.length > BULK_LIMIT) throw new Error(`at most ${BULK_LIMIT} recipients per call`);
    const { BulkEmailEntryResults = [] } = await this.client.send(
      new SendBulkEmailCommand({
        FromEmailAddress: fromAddress(this.from, fromName),
        ConfigurationSetName: this.configurationSet,
        DefaultContent: {
          Template: {
            TemplateContent: { Subject: '{{{subject}}}', Text: '{{{text}}}' },
            TemplateData: JSON.stringify({ subject, text }),
          },
        },
        BulkEmailEntries: recipients.map((to) => ({ Destination: { ToAddresses: [to] } })),
      }),
    );
    return recipients.map((to, i) => {
      const result = BulkEmailEntryResults[i];
      return result?.Status === 'SUCCESS' ? { to, sent: true } : { to, sent: false, reason: result?.Error ?? result?.Status ?? 'no result' };
    });
  }
}

/**
 * The deployment's sender address under the election's display name: as an RFC 2047 encoded word
 * (UTF-8, base64), which SES asks for whenever a name may hold more than ASCII. The name was
 * checked when set (domain/mailWording.ts): it holds nothing of an address.
 */
export function fromAddress(from: string, name: string | undefined): string {
  if (name === undefined) return from;
  const address = /<([^>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
  return `=?UTF-8?B?${Buffer.from(name, 'utf8').toString('base64')}?= <${address}>`;
}
