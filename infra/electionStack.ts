import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination, type CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { CfnTrail, Trail } from 'aws-cdk-lib/aws-cloudtrail';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement, Role, ServicePrincipal, type IGrantable, type IRole } from 'aws-cdk-lib/aws-iam';
import { Alias, Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Architecture, FilterCriteria, FilterRule, Runtime, StartingPosition, Tracing } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SnsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { FilterPattern, LogGroup, RetentionDays, SubscriptionFilter } from 'aws-cdk-lib/aws-logs';
import { LambdaDestination } from 'aws-cdk-lib/aws-logs-destinations';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { ConfigurationSet, EmailIdentity, EmailSendingEvent, EventDestination, Identity } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { AUDIT_EXPORT_PREFIX } from '../handlers/adapters/auditExportFiles';
import { routesOf, type RouteGroup } from '../handlers/api/routeTable';
import type { LifecycleTaskName } from '../handlers/lifecycle';
import { ElectionLifecycle } from '../workflows/lifecycle';
import { BreachRules } from './breachRules';
import { nodejsBundling } from './bundling';
import { ElectionDashboard } from './dashboard';
import { API_FUNCTIONS, BREACH_FUNCTION, GRACE_SECONDS, MAIL_EVENTS_FUNCTION, MAIL_SENDER_FUNCTION, TASK_FUNCTIONS, type LambdaSpec } from './lambdaFunctions';
import { breachFilterPatterns } from '../handlers/breach/watchedEvents';
import { BALLOTS_TABLE, EVENTS_TABLE, MAIL_TABLE } from './tableSchema';
import { VoterSite } from './voterSite';

export interface ElectionStackProps extends StackProps {
  /** The From address of every e-mail; SES must verify it (or its domain) before anything is sent. */
  senderEmail: string;
  /** The independent observers: each gets an SNS e-mail subscription for alerts. */
  observerEmails: string[];
  /** Who receives operational alarms; the observers when not given. */
  operatorEmails?: string[];
  /** Verify this domain in SES instead of the single sender address. */
  domain?: string;
  /**
   * The voter page's base URL for the links in e-mails, e.g. a custom domain in front of the
   * distribution; the distribution's own https://….cloudfront.net when not given.
   */
  publicUrl?: string;
}

/**
 * What a function may do with one table: read (`index`: its indexes too), put new items and
 * condition-check items (under these partition keys only, when listed), and update items (the
 * mail table only: the events table and the ballot box are never updated).
 */
type TableAccess = { read: ('GetItem' | 'Query')[]; index?: true; put?: 'any' | string[]; check?: string[]; update?: true };
/** A function's access to the events table and, if it needs them, the ballot box and the mail table. */
type DataAccess = { events: TableAccess; ballots?: TableAccess; mail?: TableAccess };

const BALLOT_BOX_KEYS = ['ELECTION#*#VOTED#*', 'ELECTION#*#BALLOTS#*'];
const UNDELIVERED_KEYS = ['ELECTION#*#UNDELIVERED#*'];
const MARKER_KEYS = ['ELECTION#*#VOTED#*'];
const MAIL_ITEM_KEYS = ['ELECTION#*#MAIL#*'];
/**
 * The cast path: one transaction that puts the marker and the ballot, checks the credential and
 * its revocation, and queues the confirmation. It writes nothing in the events table.
 */
const CAST_ACCESS: DataAccess = {
  events: { read: ['GetItem'], check: ['CREDENTIAL#*'] },
  ballots: { read: [], put: BALLOT_BOX_KEYS },
  mail: { read: [], put: MAIL_ITEM_KEYS },
};
/** Readers of the box: the receipt check, turnout, the tally and the audit export. */
const BOX_READER: TableAccess = { read: ['GetItem', 'Query'] };

/**
 * The deployed system. Every function has a role of its own holding exactly the actions its code
 * uses on exactly its resources; no role may update or delete an item of the events table.
 */
/** What a function may do beyond its tables: a policy statement, or an L2 grant where one says the same. */
type Access = PolicyStatement | ((role: IGrantable) => void);

export class ElectionStack extends Stack {
  readonly eventsTable: Table;
  readonly ballotsTable: Table;
  readonly mailTable: Table;
  readonly credentialKey: Key;
  readonly mailSender: NodejsFunction;
  readonly functions: Record<string, NodejsFunction> = {};
  readonly observersTopic: Topic;
  readonly operatorsTopic: Topic;
  readonly lifecycle: ElectionLifecycle;
  readonly api: HttpApi;
  readonly voterSite: VoterSite;
  /** The roles granted reads of each table: the trail spares their reads, and only theirs. */
  private readonly tableReaders = new Map<Table, Role[]>();

  constructor(scope: Construct, id: string, props: ElectionStackProps) {
    super(scope, id, props);
    this.eventsTable = this.recordTable('ElectionEvents', EVENTS_TABLE);
    this.ballotsTable = this.recordTable('ElectionBallots', BALLOTS_TABLE);
    this.mailTable = this.outboxTable();
    this.credentialKey = new Key(this, 'CredentialKey', {
      keySpec: KeySpec.HMAC_256,
      keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
      description: 'Derives voter credentials (HMAC-SHA-256); only the mail sender and the re-issuers may use it',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.credentialKey).acknowledge({
      id: 'AwsSolutions-KMS5',
      reason: 'KMS does not rotate HMAC keys, and a rotated key would invalidate every credential already mailed.',
    });

    const adminToken = new Secret(this, 'AdminToken', {
      // Named after the stack, so the breach handler recognises calls on it.
      secretName: `${this.stackName}-admin-token`,
      description: 'The admin bearer token of the election API',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(adminToken).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating the admin token mid-election would lock the committee out; it is rotated by hand between elections (README, Deploy).',
    });

    new EmailIdentity(this, 'SenderIdentity', {
      identity: props.domain ? Identity.domain(props.domain) : Identity.email(props.senderEmail),
    });
    const configurationSet = new ConfigurationSet(this, 'MailConfiguration', {});
    const identityArn = this.formatArn({ service: 'ses', resource: 'identity', resourceName: props.domain ?? props.senderEmail });
    const configurationSetArn = this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSet.configurationSetName });

    const snsKey = Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns');
    this.observersTopic = new Topic(this, 'Observers', { masterKey: snsKey, enforceSSL: true, displayName: 'Election observers' });
    for (const email of props.observerEmails) this.observersTopic.addSubscription(new EmailSubscription(email));
    this.operatorsTopic = new Topic(this, 'Operators', { masterKey: snsKey, enforceSSL: true, displayName: 'Election operators' });
    for (const email of props.operatorEmails ?? props.observerEmails) this.operatorsTopic.addSubscription(new EmailSubscription(email));

    const commonEnv = {
      TABLE_NAME: this.eventsTable.tableName,
      BALLOTS_TABLE_NAME: this.ballotsTable.tableName,
      MAIL_TABLE_NAME: this.mailTable.tableName,
      SENDER_EMAIL: props.senderEmail,
      CONFIGURATION_SET: configurationSet.configurationSetName,
    };
    const sesStatement = (actions: string[]) => new PolicyStatement({ actions, resources: [identityArn, configurationSetArn] });

    this.api = new HttpApi(this, 'Api', { createDefaultStage: false, description: 'Student election API' });
    // Published audit exports: written once (by the publish step, or the first request), served by CloudFront on the site's origin.
    const auditExports = new Bucket(this, 'AuditExports', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Our code never overwrites an export; versioning keeps the first one should anyone else.
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsPrefix: 'access-logs/',
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });
    this.voterSite = new VoterSite(this, 'VoterSite', { api: this.api, auditExports });
    const publicUrl = props.publicUrl ?? this.voterSite.url;

    const exportEnv = { AUDIT_EXPORT_BUCKET: auditExports.bucketName, AUDIT_EXPORT_URL: publicUrl };
    const exportStatements = [
      // Head, read, and the multipart upload (PutObject covers its create, parts and completion; an upload that fails is aborted).
      new PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'], resources: [`${auditExports.bucketArn}/${AUDIT_EXPORT_PREFIX}*`] }),
      // Without it, S3 answers a HEAD of an export not yet written with 403 instead of 404.
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [auditExports.bucketArn] }),
    ];
    const exportObjectsFinding = `AwsSolutions::AwsSolutions-IAM5[Resource::<${this.getLogicalId(auditExports.node.defaultChild as CfnBucket)}.Arn>/${AUDIT_EXPORT_PREFIX}*]`;

    const tasks = {} as Record<LifecycleTaskName, NodejsFunction>;
    const taskAccess: Record<LifecycleTaskName, { data: DataAccess; ses?: string[]; exports?: true }> = {
      OpenVoting: { data: { events: { read: ['GetItem'], put: 'any' } } },
      // Reads voters' mail items and markers, re-queues the mail of those who have not voted, appends the count; alerts its own failure.
      QueueReminders: { data: { events: { read: ['GetItem'], put: 'any' }, ballots: { read: ['GetItem'] }, mail: { read: ['Query'], update: true } }, ses: ['ses:SendEmail'] },
      CloseVoting: { data: { events: { read: ['GetItem'], put: 'any' } } },
      // Reads the box, appends the seal and the tally, and mails the observers the head at sealing.
      TallyBallots: { data: { events: { read: ['GetItem', 'Query'], put: 'any' }, ballots: { read: ['Query'] } }, ses: ['ses:SendEmail'] },
      // Writes the plan of the results mailing, one item per page of the roll.
      PlanResultMail: { data: { events: { read: ['Query'], put: ['ELECTION#*#MAILPLAN'] } } },
      MailResultBatch: { data: { events: { read: ['GetItem', 'Query'], put: ['ELECTION#*#MAILED', ...UNDELIVERED_KEYS] } }, ses: ['ses:SendBulkEmail'] },
      // Appends ResultsPublished, then writes the audit export: the log, the box and the roll.
      PublishResults: { data: { events: { read: ['GetItem', 'Query'], put: 'any' }, ballots: { read: ['Query'] } }, exports: true },
      RecordFailure: { data: { events: { read: ['GetItem'], put: 'any' } }, ses: ['ses:SendEmail'] },
    };
    for (const name of Object.keys(TASK_FUNCTIONS) as LifecycleTaskName[]) {
      const access = taskAccess[name];
      tasks[name] = this.lambda(TASK_FUNCTIONS[name], { ...commonEnv, PUBLIC_URL: publicUrl, ...(access.exports && exportEnv) }, access.data, [
        ...(access.ses ? [sesStatement(access.ses)] : []),
        ...(access.exports ? exportStatements : []),
      ]);
      if (access.exports)
        Validations.of(tasks[name].role!).acknowledge({
          id: exportObjectsFinding,
          reason: 'Exports are named per election and log head, so the role holds every key under audit-logs/ of the exports bucket, and nothing else in it.',
        });
    }

    const workflowLogs = new LogGroup(this, 'LifecycleLogs', { retention: RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });
    this.lifecycle = new ElectionLifecycle(this, 'Lifecycle', { tasks, graceSeconds: GRACE_SECONDS, logGroup: workflowLogs });

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 2000, burstLimit: 4000 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });
    const apiEnv = { ...commonEnv, PUBLIC_URL: publicUrl, ADMIN_TOKEN_SECRET_ARN: adminToken.secretArn };
    const credentialEnv = { CREDENTIAL_KEY_ID: this.credentialKey.keyArn };
    // The L2 grants say exactly what the hand-written statements said: one action on one resource.
    const useCredentialKey: Access = (role) => this.credentialKey.grant(role, 'kms:GenerateMac');
    const adminExtras: Access[] = [
      (role) => this.lifecycle.stateMachine.grantStartExecution(role),
      new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [adminToken.secretArn] }),
      useCredentialKey,
    ];
    // Registers voters (queues their mail), re-issues (revokes, checks the marker, re-queues) and reads the mail report.
    const adminData: DataAccess = {
      events: { read: ['GetItem', 'Query'], put: 'any' },
      ballots: { read: [], check: MARKER_KEYS },
      mail: { read: ['GetItem', 'Query'], put: MAIL_ITEM_KEYS, update: true },
    };
    const adminEnv = { ...apiEnv, ...credentialEnv, STATE_MACHINE_ARN: this.lifecycle.stateMachine.stateMachineArn };
    const apiAccess: Record<RouteGroup, { data: DataAccess; extra: Access[]; env: Record<string, string> }> = {
      // Serves the audit export by a presigned link, writing it first if the publish step did not.
      read: { data: { events: { read: ['GetItem', 'Query'] }, ballots: BOX_READER }, extra: exportStatements, env: { ...commonEnv, ...exportEnv } },
      cast: { data: CAST_ACCESS, extra: [], env: { ...commonEnv, PUBLIC_URL: publicUrl } },
      // Reads the election's phase and queues the request, the same for every address: the mail sender answers it.
      newLink: {
        data: { events: { read: ['GetItem'] }, mail: { read: [], put: ['ELECTION#*#LINK-REQUESTS#*'] } },
        extra: [],
        env: { ...commonEnv, PUBLIC_URL: publicUrl },
      },
      admin: { data: adminData, extra: adminExtras, env: adminEnv },
      // The 2019 API registers voters and casts (cast_vote) too.
      commands: {
        data: { events: { ...adminData.events, check: CAST_ACCESS.events.check }, ballots: { ...CAST_ACCESS.ballots!, check: MARKER_KEYS }, mail: adminData.mail },
        extra: adminExtras,
        env: adminEnv,
      },
    };
    /** Requests per second a route takes before API Gateway answers 429: voters in a blast, admins rarely, new links at a trickle. */
    const rates: Record<RouteGroup, number> = { cast: 1500, read: 500, newLink: 10, admin: 20, commands: 300 };
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const group of Object.keys(API_FUNCTIONS) as RouteGroup[]) {
      const { data, extra, env } = apiAccess[group];
      const fn = this.lambda(API_FUNCTIONS[group], env, data, extra);
      if (extra.includes(exportStatements[0]!))
        Validations.of(fn.role!).acknowledge({
          id: exportObjectsFinding,
          reason: 'Exports are named per election and log head, so the role holds every key under audit-logs/ of the exports bucket, and nothing else in it.',
        });
      const integration = new HttpLambdaIntegration(`${API_FUNCTIONS[group].id}Integration`, fn);
      for (const route of routesOf(group)) {
        this.api.addRoutes({ path: route.path, methods: [route.method as HttpMethod], integration });
        routeSettings[`${route.method} ${route.path}`] = { ThrottlingRateLimit: rates[group], ThrottlingBurstLimit: rates[group] * 2 };
      }
    }
    (stage.node.defaultChild as CfnStage).addPropertyOverride('RouteSettings', routeSettings);
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'Authorization happens in the handlers: admins by a bearer token compared in constant time with the secret, voters by their single-use credential; reads are public by design.',
    });

    const trailBucket = new Bucket(this, 'TrailBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsPrefix: 'access-logs/',
    });
    const trailLogs = new LogGroup(this, 'TrailLogs', { retention: RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });

    const outbox = this.mailPath(configurationSet, commonEnv, credentialEnv, useCredentialKey, publicUrl, sesStatement);
    this.mailSender = outbox.sender;
    // The generated names of what the breach handler must recognise in a call's parameters.
    const generatedNames = [this.api.apiId, outbox.streamMappingId, trailBucket.bucketName, auditExports.bucketName];
    this.breachDetector(trailLogs, commonEnv, sesStatement(['ses:SendEmail']), generatedNames);
    // Last: its data-event selectors spare the roles granted access, and every function has its role by now.
    this.trail(trailBucket, trailLogs);
    this.alarms(stage);
    new ElectionDashboard(this, 'Operations');
    new CfnOutput(this, 'VoterPageUrl', { value: `${publicUrl}/vote`, description: 'The voter page; the API is on the same origin' });
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint, description: 'The election API, directly' });
    new CfnOutput(this, 'AdminTokenSecretArn', { value: adminToken.secretArn, description: 'aws secretsmanager get-secret-value --secret-id <this> gives the admin token' });
    new CfnOutput(this, 'ObserversTopicArn', { value: this.observersTopic.topicArn, description: 'Breach alerts go here' });
  }

  /**
   * The breach handler, subscribed to the trail's log group with filters built from the same
   * table of watched calls it checks, and the target of EventBridge rules for the same events (seconds
   * instead of minutes; other regions' events come by infra/breachRules.ts's forwarder stacks).
   * Calls by the stack's own roles are the system at work, not a breach. It mails each locked
   * election's own observers through SES.
   */
  private breachDetector(trailLogs: LogGroup, commonEnv: Record<string, string>, mailObservers: PolicyStatement, generatedNames: string[]): void {
    const ownRoles = Object.values(this.functions).map((fn) => fn.role!.roleArn);
    const role = new Role(this, `${BREACH_FUNCTION.id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    const detector = this.lambda(
      BREACH_FUNCTION,
      {
        ...commonEnv,
        PUBLIC_URL: 'https://invalid.example',
        OBSERVERS_TOPIC_ARN: this.observersTopic.topicArn,
        OWN_ROLE_ARNS: Fn.join(',', [...ownRoles, this.lifecycle.stateMachine.role.roleArn, role.roleArn]),
        // The voter page's bucket and distribution, the API, the buckets and the outbox's stream
        // mapping have generated names without the stack's.
        OWN_RESOURCE_MARKERS: Fn.join(',', [
          this.stackName,
          EVENTS_TABLE.defaultName,
          BALLOTS_TABLE.defaultName,
          MAIL_TABLE.defaultName,
          this.credentialKey.keyId,
          this.voterSite.distribution.distributionId,
          this.voterSite.pagesBucket.bucketName,
          ...generatedNames,
        ]),
      },
      // The mail table only for the claim that keeps one alert per CloudTrail event across both paths.
      { events: { read: ['GetItem', 'Query'], put: 'any' }, mail: { read: [], put: ['BREACH#*'] } },
      [new PolicyStatement({ actions: ['sns:Publish'], resources: [this.observersTopic.topicArn] }), mailObservers],
      role,
    );
    new BreachRules(this, 'BreachRules', { target: new LambdaFunction(detector), description: 'Watched CloudTrail events, to the breach handler in seconds' });
    breachFilterPatterns().forEach((pattern, i) => {
      new SubscriptionFilter(this, `BreachFilter${i}`, {
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
  private trail(bucket: Bucket, logGroup: LogGroup): void {
    const trail = new Trail(this, 'Trail', {
      bucket,
      sendToCloudWatchLogs: true,
      cloudWatchLogGroup: logGroup,
      enableFileValidation: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
    });
    const sessionsOf = (roles: IRole[]) => roles.map((role) => `arn:${this.partition}:sts::${this.account}:assumed-role/${role.roleName}/`);
    const castRoles = [API_FUNCTIONS.cast, API_FUNCTIONS.commands].map((spec) => this.functions[spec.id]!.role!);
    const itemCalls = (name: string, table: Table, readOnly: boolean, sparedRoles: IRole[]) => ({
      Name: name,
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Data'] },
        { Field: 'resources.type', Equals: ['AWS::DynamoDB::Table'] },
        { Field: 'resources.ARN', Equals: [table.tableArn] },
        { Field: 'readOnly', Equals: [String(readOnly)] },
        { Field: 'userIdentity.arn', NotStartsWith: sessionsOf(sparedRoles) },
      ],
    });
    const readers = (table: Table) => this.tableReaders.get(table) ?? [];
    (trail.node.defaultChild as CfnTrail).addPropertyOverride('AdvancedEventSelectors', [
      { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
      // The cast's transaction only condition-checks the events table, but its record would list the ballot's key too.
      itemCalls('Writes to the election events table, except casts', this.eventsTable, false, castRoles),
      itemCalls('Writes to the ballot box, except casts', this.ballotsTable, false, castRoles),
      {
        Name: 'Writes to the voter page files',
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Data'] },
          { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
          { Field: 'resources.ARN', StartsWith: [`${this.voterSite.pagesBucket.bucketArn}/`] },
          { Field: 'readOnly', Equals: ['false'] },
        ],
      },
      itemCalls('Reads of the election events table, except by the functions that read it', this.eventsTable, true, readers(this.eventsTable)),
      itemCalls('Reads of the ballot box, except by the functions that read it', this.ballotsTable, true, readers(this.ballotsTable)),
    ]);
  }

  /**
   * The outbox: its stream wakes the sender, its sparse index lists what is still to send. Mutable
   * and no part of the record; addresses are read from the roll when a credential is sent.
   */
  private outboxTable(): Table {
    const table = new Table(this, 'ElectionMail', {
      tableName: MAIL_TABLE.defaultName,
      partitionKey: { name: MAIL_TABLE.partitionKey.name, type: AttributeType.STRING },
      sortKey: { name: MAIL_TABLE.sortKey.name, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      stream: StreamViewType.NEW_IMAGE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const index = MAIL_TABLE.inFlightIndex;
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: { name: index.partitionKey.name, type: AttributeType.STRING },
      sortKey: { name: index.sortKey.name, type: AttributeType.STRING },
      projectionType: ProjectionType.KEYS_ONLY,
    });
    return table;
  }

  /**
   * The sender, on the outbox's stream (only items turning pending wake it) and on a schedule for
   * the sweep, one at a time so that its pacer holds the account's rate; and SES's bounces,
   * complaints and deliveries, published by the configuration set to a topic its handler reads.
   */
  private mailPath(
    configurationSet: ConfigurationSet,
    commonEnv: Record<string, string>,
    credentialEnv: Record<string, string>,
    useCredentialKey: Access,
    publicUrl: string,
    sesStatement: (actions: string[]) => PolicyStatement,
  ): { sender: NodejsFunction; streamMappingId: string } {
    const sender = this.lambda(
      MAIL_SENDER_FUNCTION,
      { ...commonEnv, ...credentialEnv, PUBLIC_URL: publicUrl },
      {
        // Credentials, and the count of voters' requests for their link appended to the log (event and projection).
        events: { read: ['GetItem'], put: ['CREDENTIAL#*', 'ELECTION#*'] },
        ballots: { read: ['GetItem'] },
        mail: { read: ['GetItem', 'Query'], index: true, put: ['MESSAGE#*'], update: true },
      },
      [sesStatement(['ses:SendEmail']), new PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] }), useCredentialKey],
    );
    const stream = new DynamoEventSource(this.mailTable, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(1),
      bisectBatchOnError: true,
      retryAttempts: 5,
      filters: [FilterCriteria.filter({ dynamodb: { NewImage: { status: { S: FilterRule.isEqual('pending') } } } })],
    });
    sender.addEventSource(stream);
    new Rule(this, 'MailSweep', {
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(sender)],
      description: 'Sends queued mail a stream batch did not reach, and retries that are due',
    });

    const mailEvents = new Topic(this, 'MailEventsTopic', {
      masterKey: Alias.fromAliasName(this, 'MailEventsKey', 'alias/aws/sns'),
      enforceSSL: true,
      displayName: 'SES bounces, complaints and deliveries',
    });
    configurationSet.addEventDestination('ToMailEvents', {
      destination: EventDestination.snsTopic(mailEvents),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.DELIVERY],
    });
    const recorder = this.lambda(MAIL_EVENTS_FUNCTION, commonEnv, { events: { read: [] }, mail: { read: ['GetItem'], update: true } }, []);
    recorder.addEventSource(new SnsEventSource(mailEvents));
    return { sender, streamMappingId: stream.eventSourceMappingId };
  }

  /** A table that is part of the election's record: it outlives the stack, recoverable and protected. */
  private recordTable(id: string, schema: typeof EVENTS_TABLE | typeof BALLOTS_TABLE): Table {
    return new Table(this, id, {
      tableName: schema.defaultName,
      partitionKey: { name: schema.partitionKey.name, type: AttributeType.STRING },
      sortKey: { name: schema.sortKey.name, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** A function with its own role and log group, and only the given permissions. */
  private lambda(
    spec: LambdaSpec,
    environment: Record<string, string>,
    data: DataAccess,
    extra: Access[],
    role = new Role(this, `${spec.id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') }),
  ): NodejsFunction {
    const logGroup = new LogGroup(this, `${spec.id}Logs`, { retention: RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.DESTROY });
    // The L2 grant says exactly what the function needs: logs:CreateLogStream and PutLogEvents on its own group.
    logGroup.grantWrite(role);
    this.grantTable(role, this.eventsTable, data.events);
    if (data.ballots) this.grantTable(role, this.ballotsTable, data.ballots);
    if (data.mail) this.grantTable(role, this.mailTable, data.mail);
    for (const access of extra) {
      if (typeof access === 'function') access(role);
      else role.addToPolicy(access);
    }
    const fn = new NodejsFunction(this, spec.id, {
      entry: spec.entry,
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      reservedConcurrentExecutions: spec.reservedConcurrency,
      role,
      logGroup,
      tracing: Tracing.ACTIVE,
      environment: { ...environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: nodejsBundling,
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: 'Only X-Ray (xray:PutTraceSegments, PutTelemetryRecords) and, for the mail sender, ses:GetAccount: they have no resource-level permissions, so they need "*".',
    });
    this.functions[spec.id] = fn;
    return fn;
  }

  private grantTable(role: Role, table: Table, access: TableAccess): void {
    if (access.read.length > 0) {
      this.tableReaders.set(table, [...(this.tableReaders.get(table) ?? []), role]);
      role.addToPolicy(
        new PolicyStatement({ actions: access.read.map((a) => `dynamodb:${a}`), resources: [table.tableArn, ...(access.index ? [`${table.tableArn}/index/${MAIL_TABLE.inFlightIndex.name}`] : [])] }),
      );
    }
    const underKeys = (action: string, keys: 'any' | string[]) =>
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: [action],
        resources: [table.tableArn],
        ...(keys !== 'any' && { conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': keys } } }),
      });
    if (access.put) role.addToPolicy(underKeys('dynamodb:PutItem', access.put));
    if (access.check) role.addToPolicy(underKeys('dynamodb:ConditionCheckItem', access.check));
    if (access.update) {
      if (table !== this.mailTable) throw new Error('only the mail table may be updated');
      role.addToPolicy(underKeys('dynamodb:UpdateItem', 'any'));
    }
  }

  private alarms(stage: HttpStage): void {
    const action = new SnsAction(this.operatorsTopic);
    const alarm = (id: string, metric: IMetric, description: string) =>
      new Alarm(this, id, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      }).addAlarmAction(action);
    alarm('ApiServerErrors', stage.metricServerError({ period: Duration.minutes(1) }), 'The API answered 5xx');
    const failed: Record<string, string> = {
      [TASK_FUNCTIONS.MailResultBatch.id]: 'A batch of results e-mails failed (the workflow retries it; see the execution)',
    };
    for (const [id, fn] of Object.entries(this.functions)) {
      alarm(`${id}Errors`, fn.metricErrors({ period: Duration.minutes(1) }), failed[id] ?? `${id} failed`);
      alarm(`${id}Throttles`, fn.metricThrottles({ period: Duration.minutes(1) }), `${id} was throttled`);
    }
    alarm('LifecycleFailed', this.lifecycle.stateMachine.metricFailed({ period: Duration.minutes(1) }), 'An election lifecycle execution failed');
  }
}
