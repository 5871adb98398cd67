import type { Stack } from 'aws-cdk-lib';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';

/** Who is told: the independent observers of breaches, the operators of alarms (the observers when none are given). */
export class AlertTopics {
  readonly observers: Topic;
  readonly operators: Topic;

  constructor(stack: Stack, { observerEmails, operatorEmails }: { observerEmails: string[]; operatorEmails?: string[] }) {
    const snsKey = Alias.fromAliasName(stack, 'SnsKey', 'alias/aws/sns');
    this.observers = new Topic(stack, 'Observers', { masterKey: snsKey, enforceSSL: true, displayName: 'Election observers' });
    for (const email of observerEmails) this.observers.addSubscription(new EmailSubscription(email));
    this.operators = new Topic(stack, 'Operators', { masterKey: snsKey, enforceSSL: true, displayName: 'Election operators' });
    for (const email of operatorEmails ?? observerEmails) this.operators.addSubscription(new EmailSubscription(email));
  }
}
