import * as z from 'zod';
import type { Deps, MailOutbox } from '../ports';
import { recordMailEvents, type MailEventNotice } from './recordMailEvents';

/** Reasons are shown to admins next to each problem address: long enough for a diagnostic code, no longer. */
const REASON_LIMIT = 200;

// No length limits: an overlong diagnostic is cut to REASON_LIMIT, never a reason to drop the event.
const text = z.string();

/**
 * The fields we read from what SES publishes for the configuration set (event publishing, with
 * `eventType`) or for the identity (feedback notifications, with `notificationType`); SES adds
 * many more, which are ignored.
 */
const sesMessage = z.object({
  eventType: text.optional(),
  notificationType: text.optional(),
  mail: z.object({ messageId: z.string().min(1).max(256) }),
  bounce: z
    .object({
      bounceType: text.optional(),
      bounceSubType: text.optional(),
      bouncedRecipients: z.array(z.object({ diagnosticCode: text.optional(), status: text.optional() })).optional(),
    })
    .optional(),
  complaint: z
    .object({
      complaintFeedbackType: text.optional(),
      complaintSubType: text.nullish(),
    })
    .optional(),
});

/** The Lambda event an SNS subscription delivers; only each record's message matters. */
const snsEvent = z.object({ Records: z.array(z.object({ Sns: z.object({ Message: z.string() }) })) });

/**
 * One SES event, as SNS carries it in a record's `Message`, to what it means for the voter's mail.
 * Every bounce counts as bounced, a Transient one too: SES sends it only after its own retries of
 * a soft bounce gave up, so the voter has no link; the reason keeps the type, and the admin can
 * tell a full mailbox (re-issue as it is) from an unknown address (correct it first). Anything
 * else, unreadable or not ours to record, is undefined: SNS must not redeliver what can never parse.
 */
export function sesEventNotice(message: string): MailEventNotice | undefined {
  let parsed;
  try {
    parsed = sesMessage.safeParse(JSON.parse(message));
  } catch {
    return undefined;
  }
  if (!parsed.success) return undefined;
  const { eventType, notificationType, mail, bounce, complaint } = parsed.data;
  const messageId = mail.messageId;
  switch (eventType ?? notificationType) {
    case 'Delivery':
      return { messageId, outcome: 'delivered' };
    case 'Bounce': {
      const kind = [bounce?.bounceType ?? 'Undetermined', bounce?.bounceSubType].filter(Boolean).join('/');
      const recipient = bounce?.bouncedRecipients?.[0];
      const diagnostic = recipient?.diagnosticCode ?? recipient?.status;
      return { messageId, outcome: 'bounced', reason: shortReason(diagnostic ? `${kind}: ${diagnostic}` : kind) };
    }
    case 'Complaint': {
      const kind = complaint?.complaintFeedbackType ?? complaint?.complaintSubType;
      return { messageId, outcome: 'complained', reason: shortReason(kind ? `Complaint: ${kind}` : 'Complaint') };
    }
    default:
      return undefined;
  }
}

/**
 * The SES events handler (the SNS topic's Lambda on AWS, a local delivery path locally): records
 * each bounce, complaint and delivery in the delivery, and only counts what it leaves out.
 */
export const handleSesEventDelivery = (deps: { mail: MailOutbox } & Pick<Deps, 'log'> & Partial<Pick<Deps, 'metrics'>>) => async (event: unknown) => {
  const delivery = snsEvent.safeParse(event);
  if (!delivery.success) {
    deps.log.error('SES event delivery dropped', { reason: 'not an SNS event' });
    return { recorded: 0, ignored: 0 };
  }
  const messages = delivery.data.Records.map((record) => record.Sns.Message);
  const notices = messages.flatMap((message) => sesEventNotice(message) ?? []);
  if (messages.length > notices.length) deps.log.info('SES events not recorded', { count: messages.length - notices.length });
  return recordMailEvents(deps, notices);
};

/**
 * A diagnostic from the recipient's server may quote their address: addresses become
 * "[address]", control characters spaces, and the whole is cut to REASON_LIMIT.
 */
function shortReason(reason: string): string {
  return reason
    .replace(/<?[^\s<>()[\]"',;:@]+@[^\s<>()[\]"',;:@]+>?/g, '[address]')
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, REASON_LIMIT);
}
