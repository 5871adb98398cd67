import { METRIC, type Deps, type MailOutbox } from '../ports';

export interface MailEventNotice {
  messageId: string;
  outcome: 'delivered' | 'bounced' | 'complained';
  reason?: string;
}

/**
 * SES's later word on sent mail, onto the mail items they were: a bounce or complaint marks the
 * voter's address as a problem the admin sees; a delivery confirms it. Notices about messages that
 * are not ours, or no longer an item's latest, change nothing.
 */
export async function recordMailEvents(
  // Metrics are optional: the tests that feed SES events in directly count nothing.
  deps: { mail: MailOutbox } & Pick<Deps, 'log'> & Partial<Pick<Deps, 'metrics'>>,
  notices: MailEventNotice[],
): Promise<{ recorded: number; ignored: number }> {
  let recorded = 0;
  for (const notice of notices) {
    if (!(await deps.mail.recordMailEvent(notice.messageId, notice.outcome, notice.reason))) continue;
    recorded += 1;
    deps.metrics?.count(METRIC.mailReported, 1, { outcome: notice.outcome });
  }
  const counts = { recorded, ignored: notices.length - recorded };
  deps.log.info('mail events', { ...counts, bounced: notices.filter((n) => n.outcome === 'bounced').length, complained: notices.filter((n) => n.outcome === 'complained').length });
  return counts;
}
