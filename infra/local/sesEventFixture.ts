import { randomUUID } from 'node:crypto';

const ACCOUNT = '123456789012';
const REGION = 'eu-central-1';
const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:StudentElection-SesEvents`;
const SES_MTA = `a7-12.smtp-out.${REGION}.amazonses.com`;

export type SesEventKind = 'bounce' | 'complaint' | 'delivery';

export interface SentMessage {
  messageId: string;
  to: string;
  subject: string;
}

/** What SES publishes for a configuration set when that message bounces, draws a complaint or is delivered. */
export function sesEvent(kind: SesEventKind, message: SentMessage, at = new Date()): Record<string, unknown> {
  const timestamp = at.toISOString();
  const feedbackId = `0102018f${randomUUID().replaceAll('-', '')}-000000`;
  const mail = {
    timestamp,
    source: 'elections@uni.test',
    sendingAccountId: ACCOUNT,
    messageId: message.messageId,
    destination: [message.to],
    headersTruncated: false,
    commonHeaders: { from: ['elections@uni.test'], to: [message.to], subject: message.subject },
    tags: { 'ses:configuration-set': ['election-mail'], 'ses:source-ip': ['10.0.0.1'] },
  };
  if (kind === 'bounce') {
    return {
      eventType: 'Bounce',
      mail,
      bounce: {
        feedbackId,
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [{ emailAddress: message.to, action: 'failed', status: '5.1.1', diagnosticCode: `smtp; 550 5.1.1 <${message.to}>: Recipient address rejected: User unknown` }],
        timestamp,
        reportingMTA: `dsn; ${SES_MTA}`,
      },
    };
  }
  if (kind === 'complaint') {
    return {
      eventType: 'Complaint',
      mail,
      complaint: {
        feedbackId,
        complaintSubType: null,
        complainedRecipients: [{ emailAddress: message.to }],
        timestamp,
        userAgent: 'Uni Mail Feedback Loop (V0.01)',
        complaintFeedbackType: 'abuse',
        arrivalDate: timestamp,
      },
    };
  }
  return { eventType: 'Delivery', mail, delivery: { timestamp, processingTimeMillis: 734, recipients: [message.to], smtpResponse: '250 2.0.0 OK', reportingMTA: SES_MTA } };
}

/** The event SNS hands a subscribed Lambda: one record per published message. */
export function snsDelivery(messages: Record<string, unknown>[], at = new Date()) {
  return {
    Records: messages.map((message) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: `${TOPIC}:${randomUUID()}`,
      Sns: { Type: 'Notification', MessageId: randomUUID(), TopicArn: TOPIC, Subject: null, Message: JSON.stringify(message), Timestamp: at.toISOString(), MessageAttributes: {} },
    })),
  };
}
