import { Duration, type Stack } from 'aws-cdk-lib';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SnsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { ElectionFunctions } from './electionFunctions';
import type { ElectionSecrets } from './electionSecrets';
import type { ElectionTables } from './electionTables';
import { MAIL_EVENTS_FUNCTION, MAIL_SENDER_FUNCTION } from './lambdaFunctions';
import type { MailIdentity } from './mailIdentity';

export interface MailPathProps {
  functions: ElectionFunctions;
  tables: ElectionTables;
  secrets: ElectionSecrets;
  mail: MailIdentity;
  /** The voter page's base URL, for the links in e-mails. */
  publicUrl: string;
}

/**
 * The sender, on the outbox's stream (only items turning pending wake it) and on a schedule for
 * the sweep, one at a time so that its pacer holds the account's rate; and SES's bounces,
 * complaints and deliveries, published by the configuration set to a topic its handler reads.
 */
export class MailPath {
  readonly sender: NodejsFunction;
  /** The sender's mapping on the outbox's stream. */
  readonly streamMappingId: string;

  constructor(stack: Stack, { functions, tables, secrets, mail, publicUrl }: MailPathProps) {
    this.sender = functions.add(MAIL_SENDER_FUNCTION, { ...secrets.credentialEnvironment, PUBLIC_URL: publicUrl }, (role) => {
      // Credentials, and the count of voters' requests for their link appended to the log (event and projection).
      tables.grantReadEvents(role, 'GetItem');
      tables.grantPutEvents(role, ['CREDENTIAL#*', 'ELECTION#*']);
      tables.grantReadBallots(role, 'GetItem');
      tables.grantReadMail(role, ['GetItem', 'Query'], { inFlightIndex: true });
      tables.grantPutMail(role, ['MESSAGE#*']);
      tables.grantUpdateMail(role);
      mail.grantSend(role, 'ses:SendEmail');
      // The pacer reads the account's sending rate.
      Grant.addToPrincipal({ grantee: role, actions: ['ses:GetAccount'], resourceArns: ['*'] });
      secrets.grantDeriveCredentials(role);
    });
    const stream = new DynamoEventSource(tables.mail, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(1),
      bisectBatchOnError: true,
      retryAttempts: 5,
      filters: [FilterCriteria.filter({ dynamodb: { NewImage: { status: { S: FilterRule.isEqual('pending') } } } })],
    });
    this.sender.addEventSource(stream);
    this.streamMappingId = stream.eventSourceMappingId;
    new Rule(stack, 'MailSweep', {
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(this.sender)],
      description: 'Sends queued mail a stream batch did not reach, and retries that are due',
    });

    const mailEvents = new Topic(stack, 'MailEventsTopic', {
      masterKey: Alias.fromAliasName(stack, 'MailEventsKey', 'alias/aws/sns'),
      enforceSSL: true,
      displayName: 'SES bounces, complaints and deliveries',
    });
    mail.configurationSet.addEventDestination('ToMailEvents', {
      destination: EventDestination.snsTopic(mailEvents),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.DELIVERY],
    });
    const recorder = functions.add(MAIL_EVENTS_FUNCTION, {}, (role) => {
      tables.grantReadMail(role, ['GetItem']);
      tables.grantUpdateMail(role);
    });
    recorder.addEventSource(new SnsEventSource(mailEvents));
  }
}
