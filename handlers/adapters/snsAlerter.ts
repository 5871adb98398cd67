import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { Alert, Alerter } from '../ports';

/** Publishes to the observers' topic: a readable subject and message, the facts as message attributes. */
export class SnsAlerter implements Alerter {
  constructor(
    private readonly topicArn: string,
    private readonly client: SNSClient = new SNSClient({}),
  ) {}

  async alert({ subject, message, attributes }: Alert): Promise<void> {
    await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: subject,
        Message: message,
        MessageAttributes: Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value || '-' }])),
      }),
    );
  }
}
