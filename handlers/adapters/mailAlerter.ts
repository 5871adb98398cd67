import type { Alert, Alerter, Mailer } from '../ports';

/** The local stand-in for the observers' SNS topic: one e-mail per observer, facts appended. */
export class MailAlerter implements Alerter {
  constructor(
    private readonly mailer: Mailer,
    private readonly observers: string[],
  ) {}

  async alert({ subject, message, attributes }: Alert): Promise<void> {
    const facts = Object.entries(attributes).map(([name, value]) => `${name}: ${value}`);
    for (const to of this.observers) await this.mailer.send({ to, subject, text: `${message}\n\n${facts.join('\n')}` });
  }
}
