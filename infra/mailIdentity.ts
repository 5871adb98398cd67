import type { Stack } from 'aws-cdk-lib';
import { Grant, type IRole } from 'aws-cdk-lib/aws-iam';
import { ConfigurationSet, EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';

/**
 * Whom every e-mail is from: the sender's address (or its domain) verified in SES, and the
 * configuration set every message is sent with, which publishes what became of it.
 */
export class MailIdentity {
  readonly configurationSet: ConfigurationSet;
  /** The From address and the configuration set, as every function is told them. */
  readonly environment: Record<string, string>;
  private readonly arns: string[];

  constructor(stack: Stack, { senderEmail, domain }: { senderEmail: string; domain?: string }) {
    new EmailIdentity(stack, 'SenderIdentity', { identity: domain ? Identity.domain(domain) : Identity.email(senderEmail) });
    this.configurationSet = new ConfigurationSet(stack, 'MailConfiguration', {});
    this.environment = { SENDER_EMAIL: senderEmail, CONFIGURATION_SET: this.configurationSet.configurationSetName };
    this.arns = [
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: domain ?? senderEmail }),
      stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName }),
    ];
  }

  /** Sends from the identity with the configuration set: one message at a time, or the results' pages in bulk. */
  grantSend(role: IRole, action: 'ses:SendEmail' | 'ses:SendBulkEmail'): Grant {
    return Grant.addToPrincipal({ grantee: role, actions: [action], resourceArns: this.arns });
  }
}
