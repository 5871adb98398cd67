import { describe, expect, it } from 'vitest';
import { handleSesEventDelivery, sesEventNotice } from '../../handlers/mail/sesEvents';
import type { MailQueue } from '../../handlers/ports';
import { sesEvent, snsDelivery } from '../../infra/local/sesEventFixture';

// Shaped after the examples in SES's "event publishing" and "notification contents" docs, with our own values.
const MESSAGE_ID = '0107019a3c5e8f21-5b2d7e44-1c9a-4f0b-9d61-8e2f3a7c4b10-000000';
const VOTER = 'mira.janssen@uni.test';
const mail = {
  timestamp: '2025-03-04T08:15:02.311Z',
  source: 'Student Elections <elections@uni.test>',
  sourceArn: 'arn:aws:ses:eu-central-1:123456789012:identity/uni.test',
  sendingAccountId: '123456789012',
  messageId: MESSAGE_ID,
  destination: [VOTER],
  headersTruncated: false,
  headers: [
    { name: 'From', value: 'Student Elections <elections@uni.test>' },
    { name: 'To', value: VOTER },
    { name: 'Subject', value: 'Your voting credential' },
  ],
  commonHeaders: { from: ['Student Elections <elections@uni.test>'], to: [VOTER], messageId: MESSAGE_ID, subject: 'Your voting credential' },
  tags: { 'ses:configuration-set': ['election-mail'], 'ses:operation': ['SendEmail'] },
};
const permanentBounce = {
  eventType: 'Bounce',
  bounce: {
    bounceType: 'Permanent',
    bounceSubType: 'NoEmail',
    bouncedRecipients: [{ emailAddress: VOTER, action: 'failed', status: '5.1.1', diagnosticCode: `smtp; 550 5.1.1 <${VOTER}>: Recipient address rejected: User unknown in virtual mailbox table` }],
    timestamp: '2025-03-04T08:15:03.902Z',
    feedbackId: '0107019a3c5e9521-aa81d2c7-0f3e-4b55-8a77-60c1d9e2b3f4-000000',
    reportingMTA: 'dsn; b224-13.smtp-out.eu-central-1.amazonses.com',
  },
  mail,
};
const transientBounce = {
  eventType: 'Bounce',
  bounce: {
    bounceType: 'Transient',
    bounceSubType: 'MailboxFull',
    bouncedRecipients: [{ emailAddress: VOTER, action: 'failed', status: '4.2.2', diagnosticCode: 'smtp; 452 4.2.2 The recipient mailbox is over its storage quota' }],
    timestamp: '2025-03-04T20:15:03.000Z',
    feedbackId: '0107019a3c5e9521-bb81d2c7-0f3e-4b55-8a77-60c1d9e2b3f4-000000',
    reportingMTA: 'dsn; b224-13.smtp-out.eu-central-1.amazonses.com',
  },
  mail,
};
const complaint = {
  eventType: 'Complaint',
  complaint: {
    complainedRecipients: [{ emailAddress: VOTER }],
    timestamp: '2025-03-04T09:40:11.000Z',
    feedbackId: '0107019a3c61a0b2-1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5-000000',
    userAgent: 'Uni Mail Feedback Loop (V0.01)',
    complaintFeedbackType: 'abuse',
    arrivalDate: '2025-03-04T09:40:09.000Z',
  },
  mail,
};
const delivery = {
  eventType: 'Delivery',
  delivery: {
    timestamp: '2025-03-04T08:15:03.120Z',
    processingTimeMillis: 809,
    recipients: [VOTER],
    smtpResponse: '250 2.0.0 OK 1709540103 x12si4471512wrb.301 - gsmtp',
    reportingMTA: 'b224-13.smtp-out.eu-central-1.amazonses.com',
  },
  mail,
};
const json = (value: unknown) => JSON.stringify(value);

describe('reading what SES publishes about a sent message', () => {
  it('reads a permanent bounce as bounced, with its type and diagnostic but never the address', () => {
    const notice = sesEventNotice(json(permanentBounce));
    expect(notice).toEqual({ messageId: MESSAGE_ID, outcome: 'bounced', reason: 'Permanent/NoEmail: smtp; 550 5.1.1 [address]: Recipient address rejected: User unknown in virtual mailbox table' });
    expect(notice?.reason).not.toMatch(/mira|@/);
  });

  it('reads a transient bounce, which SES sends once its own retries gave up, as bounced too, marked Transient', () => {
    expect(sesEventNotice(json(transientBounce))).toEqual({
      messageId: MESSAGE_ID,
      outcome: 'bounced',
      reason: 'Transient/MailboxFull: smtp; 452 4.2.2 The recipient mailbox is over its storage quota',
    });
  });

  it('reads a bounce without details as an undetermined bounce', () => {
    expect(sesEventNotice(json({ eventType: 'Bounce', mail, bounce: { bouncedRecipients: [{ emailAddress: VOTER }] } }))).toEqual({
      messageId: MESSAGE_ID,
      outcome: 'bounced',
      reason: 'Undetermined',
    });
  });

  it('reads a complaint as complained, with the feedback type', () => {
    expect(sesEventNotice(json(complaint))).toEqual({ messageId: MESSAGE_ID, outcome: 'complained', reason: 'Complaint: abuse' });
  });

  it('reads a delivery as delivered', () => {
    expect(sesEventNotice(json(delivery))).toEqual({ messageId: MESSAGE_ID, outcome: 'delivered' });
  });

  it('reads the older identity notifications, which name the type in notificationType', () => {
    const { eventType: _bounce, ...bounceBody } = permanentBounce;
    const { eventType: _delivery, ...deliveryBody } = delivery;
    expect(sesEventNotice(json({ notificationType: 'Bounce', ...bounceBody }))).toMatchObject({ messageId: MESSAGE_ID, outcome: 'bounced', reason: expect.stringMatching(/^Permanent\/NoEmail: /) });
    expect(sesEventNotice(json({ notificationType: 'Delivery', ...deliveryBody }))).toEqual({ messageId: MESSAGE_ID, outcome: 'delivered' });
  });

  it('keeps a reason short and printable: at most 200 characters, no control characters', () => {
    const noisy = { ...permanentBounce, bounce: { ...permanentBounce.bounce, bouncedRecipients: [{ emailAddress: VOTER, diagnosticCode: `smtp; 550 \u001b[2J${'x'.repeat(500)}` }] } };
    const reason = sesEventNotice(json(noisy))!.reason!;
    expect(reason).toHaveLength(200);
    expect([...reason].some((ch) => ch.charCodeAt(0) < 0x20)).toBe(false);
  });

  it('leaves out, without throwing, events it does not record and messages it cannot read', () => {
    for (const message of [
      json({ eventType: 'Send', mail, send: {} }),
      json({ eventType: 'DeliveryDelay', mail, deliveryDelay: { delayType: 'MailboxFull' } }),
      json({ eventType: 'Bounce', bounce: permanentBounce.bounce }),
      json({ eventType: 'Bounce', mail: { messageId: '' }, bounce: permanentBounce.bounce }),
      json(null),
      json([]),
      'not json at all',
      '',
    ]) {
      expect(sesEventNotice(message)).toBeUndefined();
    }
  });
});

describe('the SES events handler', () => {
  const recorder = () => {
    const calls: unknown[][] = [];
    const lines: { message: string; fields?: Record<string, unknown> }[] = [];
    const log = {
      info: (message: string, fields?: Record<string, unknown>) => void lines.push({ message, fields }),
      warn: () => undefined,
      error: (message: string, fields?: Record<string, unknown>) => void lines.push({ message, fields }),
    };
    const mailQueue = {
      recordMailEvent: async (...args: unknown[]) => {
        calls.push(args);
        return args[0] === MESSAGE_ID;
      },
    } as unknown as MailQueue;
    return { deps: { mail: mailQueue, log }, calls, lines };
  };

  it('records each event of an SNS delivery by message id, and only counts what it leaves out', async () => {
    const { deps, calls, lines } = recorder();
    const result = await handleSesEventDelivery(deps)(snsDelivery([permanentBounce, { eventType: 'Open', mail }, { ...delivery, mail: { ...mail, messageId: 'not-ours' } }]));
    expect(calls).toEqual([
      [MESSAGE_ID, 'bounced', expect.stringMatching(/^Permanent\/NoEmail/)],
      ['not-ours', 'delivered', undefined],
    ]);
    expect(result).toEqual({ recorded: 1, ignored: 1 });
    expect(lines).toContainEqual({ message: 'SES events not recorded', fields: { count: 1 } });
    expect(JSON.stringify(lines)).not.toContain('@');
  });

  it('drops a delivery that is not an SNS event, without throwing', async () => {
    const { deps, calls } = recorder();
    expect(await handleSesEventDelivery(deps)({ hello: 'world' })).toEqual({ recorded: 0, ignored: 0 });
    expect(calls).toEqual([]);
  });

  it('reads every event the local ses-event command sends as the same outcome', async () => {
    const sent = { messageId: MESSAGE_ID, to: VOTER, subject: 'Your voting credential' };
    const { deps, calls } = recorder();
    await handleSesEventDelivery(deps)(snsDelivery([sesEvent('bounce', sent), sesEvent('complaint', sent), sesEvent('delivery', sent)]));
    expect(calls.map(([id, outcome]) => [id, outcome])).toEqual([
      [MESSAGE_ID, 'bounced'],
      [MESSAGE_ID, 'complained'],
      [MESSAGE_ID, 'delivered'],
    ]);
    expect(JSON.stringify(calls)).not.toContain(VOTER);
  });
});
