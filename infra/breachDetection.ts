import { Duration, Fn, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnTrail, Trail } from 'aws-cdk-lib/aws-cloudtrail';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Role, ServicePrincipal, type IRole } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { FilterPattern, LogGroup, RetentionDays, SubscriptionFilter } from 'aws-cdk-lib/aws-logs';
import { LambdaDestination } from 'aws-cdk-lib/aws-logs-destinations';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { breachFilterPatterns } from '../handlers/breach/watchedEvents';
import { BreachRules } from './breachRules';
import type { ElectionFunctions } from './electionFunctions';
import type { ElectionTables } from './electionTables';
import { BREACH_FUNCTION } from './lambdaFunctions';
import type { MailIdentity } from './mailIdentity';
import { BALLOTS_TABLE, EVENTS_TABLE, MAIL_TABLE } from '../handlers/adapters/tableSchema';
import type { VoterSite } from './voterSite';

export interface BreachDetectionProps {
  functions: ElectionFunctions;
  tables: ElectionTables;
  mail: MailIdentity;
  observers: Topic;
  /** The state machines, whose roles invoke the task functions and start and stop the opening check's child executions. */
  workflows: StateMachine[];
  credentialKey: Key;
  voterSite: VoterSite;
  api: HttpApi;
  /** The mail sender's mapping on the outbox's stream. */
  streamMappingId: string;
  auditExports: Bucket;
  /** The committee's user pool: its id is in the parameters of every call on its accounts and groups. */
  committeeAccounts: IUserPool;
}

/** How long the trail's files are kept: the log group's 365 days and a month to read them after. */
export const TRAIL_RECORD_DAYS = 400;

/**
 * The trail, and the breach handler that reads it. Made after every other function: the handler
 * knows their roles as the system's own, and the trail spares the reads of those granted them.
 */
export class BreachDetection {
  constructor(stack: Stack, props: BreachDetectionProps) {
    const bucket = new Bucket(stack, 'TrailBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsPrefix: 'access-logs/',
      // The records of writes to the events table hold the roll's keys (student ids, claimed addresses):
      // kept a little longer than the log group's year, then gone, so no voter stays named in them for good.
      lifecycleRules: [{ expiration: Duration.days(TRAIL_RECORD_DAYS) }],
    });
    const logGroup = new LogGroup(stack, 'TrailLogs', { retention: RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });
    // The generated names of what the breach handler must recognise in a call's parameters.
    const generatedNames = [props.api.apiId, props.streamMappingId, bucket.bucketName, props.auditExports.bucketName, props.committeeAccounts.userPoolId];
    addDetector(stack, props, logGroup, generatedNames);
    // Last: its data-event selectors spare the roles granted access, and every function has its role by now.
    addTrail(stack, props, bucket, logGroup);
  }
}

/**
 * The breach handler, subscribed to the trail's log group with filters built from the same
 * table of watched calls it checks, and the target of EventBridge rules for the same events (seconds
 * instead of minutes; other regions' events come by infra/breachRules.ts's forwarder stacks).
 * Calls by the stack's own roles are the system at work, not a breach. It mails each locked
 * election's own observers through SES.
 */
function addDetector(stack: Stack, props: BreachDetectionProps, trailLogs: LogGroup, generatedNames: string[]): void {
  const { functions, tables, mail, observers, workflows, credentialKey, voterSite } = props;
  const ownRoles = functions.all.map((fn) => fn.role!.roleArn);
  const role = new Role(stack, `${BREACH_FUNCTION.id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  const environment = {
    OBSERVERS_TOPIC_ARN: observers.topicArn,
    OWN_ROLE_ARNS: Fn.join(',', [...ownRoles, ...workflows.map((machine) => machine.role.roleArn), role.roleArn]),
    // The voter page's bucket and distribution, the API, the buckets and the outbox's stream
    // mapping have generated names without the stack's.
    OWN_RESOURCE_MARKERS: Fn.join(',', [
      stack.stackName,
      EVENTS_TABLE.defaultName,
      BALLOTS_TABLE.defaultName,
      MAIL_TABLE.defaultName,
      credentialKey.keyId,
      voterSite.distribution.distributionId,
      voterSite.pagesBucket.bucketName,
      ...generatedNames,
    ]),
  };
  const grant = (grantee: IRole) => {
    tables.grantReadEvents(grantee, 'GetItem', 'Query');
    tables.grantPutEvents(grantee);
    // The mail table only for the claim that keeps one alert per CloudTrail event across both paths.
    tables.grantPutMail(grantee, ['BREACH#*']);
    observers.grantPublish(grantee);
    mail.grantSend(grantee, 'ses:SendEmail');
  };
  const detector = functions.add(BREACH_FUNCTION, environment, grant, role);
  new BreachRules(stack, 'BreachRules', { target: new LambdaFunction(detector), description: 'Watched CloudTrail events, to the breach handler in seconds' });
  breachFilterPatterns().forEach((pattern, i) => {
    new SubscriptionFilter(stack, `BreachFilter${i}`, {
      logGroup: trailLogs,
      destination: new LambdaDestination(detector),
      filterPattern: FilterPattern.literal(pattern),
    });
  });
}

/**
 * Every region and the global services' events (IAM, CloudFront, console sign-ins at the global
 * endpoint, logged in us-east-1): management events, and data events where they matter. The
 * voter page's files: every write. The events table (the roll and the log) and the ballot box:
 * every write but a cast's, and every read but by the functions granted it. A cast's own write
 * is never logged: its record would hold the voter's marker key next to the ballot's key for a
 * year (the cast path's roles may only put new marker and ballot items), and the readers' reads
 * would fill the trail with every key the tally and the receipt checks touch. Whoever else adds,
 * removes or reads an item is in the trail, and the breach handler reports it.
 */
function addTrail(stack: Stack, { tables, voterSite }: BreachDetectionProps, bucket: Bucket, logGroup: LogGroup): void {
  const trail = new Trail(stack, 'Trail', {
    bucket,
    sendToCloudWatchLogs: true,
    cloudWatchLogGroup: logGroup,
    enableFileValidation: true,
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
  });
  const sessionsOf = (roles: readonly IRole[]) => roles.map((role) => `arn:${stack.partition}:sts::${stack.account}:assumed-role/${role.roleName}/`);
  const itemCalls = (name: string, table: Table, readOnly: boolean, sparedRoles: readonly IRole[]) => ({
    Name: name,
    FieldSelectors: [
      { Field: 'eventCategory', Equals: ['Data'] },
      { Field: 'resources.type', Equals: ['AWS::DynamoDB::Table'] },
      { Field: 'resources.ARN', Equals: [table.tableArn] },
      { Field: 'readOnly', Equals: [String(readOnly)] },
      { Field: 'userIdentity.arn', NotStartsWith: sessionsOf(sparedRoles) },
    ],
  });
  (trail.node.defaultChild as CfnTrail).addPropertyOverride('AdvancedEventSelectors', [
    { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
    // The cast's transaction only condition-checks the events table, but its record would list the ballot's key too.
    itemCalls('Writes to the election events table, except casts', tables.events, false, tables.casters),
    itemCalls('Writes to the ballot box, except casts', tables.ballots, false, tables.casters),
    {
      Name: 'Writes to the voter page files',
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Data'] },
        { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
        { Field: 'resources.ARN', StartsWith: [`${voterSite.pagesBucket.bucketArn}/`] },
        { Field: 'readOnly', Equals: ['false'] },
      ],
    },
    itemCalls('Reads of the election events table, except by the functions that read it', tables.events, true, tables.eventReaders),
    itemCalls('Reads of the ballot box, except by the functions that read it', tables.ballots, true, tables.ballotReaders),
  ]);
}
