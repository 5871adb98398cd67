/**
 * What is watched, by the kind of resource it touches: every CloudFormation resource type the
 * stack deploys, with the CloudTrail events on it that are a breach while an election is locked,
 * or with why none is. test/infra/stack.test.ts fails when the stack deploys a type this table
 * does not judge, and test/unit/watchedCalls.test.ts when DynamoDB or Lambda offer a call it has
 * not judged, so neither a new resource nor a new API is left out unnoticed.
 */

/** The calls of one service on one kind of the stack's resources that are a breach during a lock. */
export interface Watched {
  /** CloudTrail's `eventSource` for these calls. */
  source: string;
  /** Calls that change the resource or what it does, as CloudTrail names them. */
  changes: readonly string[];
  /**
   * Calls that take something out and change nothing there (item reads, copies, a key's or a
   * secret's use): CloudTrail may mark them read-only, so each is named wherever that matters.
   */
  reads?: readonly string[];
  /** What someone could do with them. */
  why: string;
}

/** A resource type none of whose calls can change the vote, learn a secret or blind the observers. */
export interface Unwatched {
  unwatched: string;
}

/**
 * The roll, the log and the ballot box. Item calls are data events: the trail logs them for
 * everyone but the functions whose job they are (infra/electionStack.ts), so a cast is never in it.
 */
const TABLE: Watched = {
  source: 'dynamodb.amazonaws.com',
  changes: [
    // Items, one by one, in batches, in transactions, in PartiQL, or loaded from S3
    'PutItem',
    'UpdateItem',
    'DeleteItem',
    'BatchWriteItem',
    'TransactWriteItems',
    'ExecuteStatement',
    'BatchExecuteStatement',
    'ExecuteTransaction',
    'StartBulkPutItems',
    // Copies into another table or stream, whose order of arrival links markers to ballots
    'RestoreTableToPointInTime',
    'RestoreTableFromBackup',
    'EnableKinesisStreamingDestination',
    'UpdateKinesisStreamingDestination',
    'CreateGlobalTable',
    'UpdateGlobalTable',
    // The most-read keys, minute by minute
    'UpdateContributorInsights',
    // The table itself: its streams and indexes, expiry, recovery and who may use it
    'UpdateTable',
    'DeleteTable',
    'UpdateTimeToLive',
    'UpdateContinuousBackups',
    'PutResourcePolicy',
    'DeleteResourcePolicy',
  ],
  reads: ['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems', 'SearchVectors', 'ExportTableToPointInTime', 'CreateBackup'],
  why: 'Adding, removing or changing items stuffs or empties the box or the roll; reading the box, or copying it at successive moments, orders ballots by arrival next to the markers of the same seconds.',
};

const API: Watched = {
  source: 'apigateway.amazonaws.com',
  changes: [
    'UpdateApi',
    'DeleteApi',
    'ReimportApi',
    'CreateRoute',
    'UpdateRoute',
    'DeleteRoute',
    'CreateIntegration',
    'UpdateIntegration',
    'DeleteIntegration',
    'UpdateStage',
    'DeleteStage',
    'CreateDeployment',
  ],
  why: 'Where each request goes: a route or integration pointed at another function receives every token and every choice sent to it.',
};

const ROLES: Watched = {
  source: 'iam.amazonaws.com',
  changes: ['PutRolePolicy', 'AttachRolePolicy', 'DetachRolePolicy', 'DeleteRolePolicy', 'UpdateAssumeRolePolicy'],
  why: "A stack role with more rights, or one others may assume, acts where the trail and the handler spare the stack's own roles.",
};

const FUNCTION_PERMISSIONS: Watched = {
  source: 'lambda.amazonaws.com',
  changes: ['AddPermission20150331v2', 'RemovePermission20150331v2', 'PutResourcePolicy', 'DeleteResourcePolicy'],
  why: 'Who may invoke a function: API Gateway, EventBridge, CloudWatch Logs and SNS, and nobody else.',
};

const OBSERVERS: Watched = {
  source: 'sns.amazonaws.com',
  changes: ['SetTopicAttributes', 'DeleteTopic', 'Subscribe', 'Unsubscribe', 'SetSubscriptionAttributes', 'AddPermission', 'RemovePermission', 'PutDataProtectionPolicy'],
  why: 'The alerts: an observer unsubscribed, filtered out or masked no longer hears of a breach.',
};

const PAGE_FILES: Watched = {
  source: 's3.amazonaws.com',
  // Object writes are data events, logged for the voter page's bucket only.
  changes: ['PutObject', 'CopyObject', 'CompleteMultipartUpload', 'DeleteObject', 'DeleteObjects', 'PutBucketPolicy', 'DeleteBucketPolicy'],
  why: "A page swapped mid-election could send tokens elsewhere; a bucket's policy says who may read the trail's files, the exports and the page.",
};

const COMMITTEE_ACCOUNTS: Watched = {
  source: 'cognito-idp.amazonaws.com',
  changes: [
    // Who is on the committee, in which role, and with which password and second factor
    'AdminCreateUser',
    'AdminAddUserToGroup',
    'AdminRemoveUserFromGroup',
    'AdminEnableUser',
    'AdminDisableUser',
    'AdminDeleteUser',
    'AdminSetUserPassword',
    'AdminResetUserPassword',
    'AdminUpdateUserAttributes',
    'AdminSetUserMFAPreference',
    'AdminLinkProviderForUser',
    // The roles' groups, and how anyone signs in
    'CreateGroup',
    'UpdateGroup',
    'DeleteGroup',
    'UpdateUserPool',
    'SetUserPoolMfaConfig',
    'SetRiskConfiguration',
    'CreateUserPoolClient',
    'UpdateUserPoolClient',
    'DeleteUserPoolClient',
    'CreateIdentityProvider',
    'UpdateIdentityProvider',
    'CreateUserPoolDomain',
    'UpdateUserPoolDomain',
    'DeleteUserPoolDomain',
    'DeleteUserPool',
  ],
  why: "The committee's accounts: an account made, promoted or given a password by anyone but the system, a pool that no longer asks for a second factor, or a client or identity provider added to it, acts as the committee.",
};

const MAIL: Unwatched = {
  unwatched: 'Mail leaves through it: a change can stop mail or its delivery notices (a voter without a mail asks for a new link), not read or change a ballot or the roll.',
};

export const WATCHED_BY_RESOURCE_TYPE: ReadonlyMap<string, Watched | Unwatched> = new Map<string, Watched | Unwatched>([
  ['AWS::ApiGatewayV2::Api', API],
  ['AWS::ApiGatewayV2::Integration', API],
  ['AWS::ApiGatewayV2::Route', API],
  ['AWS::ApiGatewayV2::Stage', API],
  [
    'AWS::CloudFront::CachePolicy',
    { source: 'cloudfront.amazonaws.com', changes: ['UpdateCachePolicy', 'DeleteCachePolicy'], why: 'A minimum TTL above 0 would keep the public answers marked no-store.' },
  ],
  [
    'AWS::CloudFront::Distribution',
    {
      source: 'cloudfront.amazonaws.com',
      changes: ['UpdateDistribution', 'DeleteDistribution'],
      why: 'The one origin of the page and the API: another origin would serve another page or receive every request.',
    },
  ],
  ['AWS::CloudFront::Function', { source: 'cloudfront.amazonaws.com', changes: ['UpdateFunction', 'PublishFunction'], why: 'It runs on every request for the page.' }],
  [
    'AWS::CloudFront::OriginAccessControl',
    { unwatched: "It signs the distribution's reads of the page's bucket: a change can only break the page; who may read or write the bucket is its policy, watched." },
  ],
  [
    'AWS::CloudFront::ResponseHeadersPolicy',
    { source: 'cloudfront.amazonaws.com', changes: ['UpdateResponseHeadersPolicy'], why: "The page's CSP: loosened, a script from elsewhere could read a token." },
  ],
  ['AWS::CloudTrail::Trail', { source: 'cloudtrail.amazonaws.com', changes: ['StopLogging', 'UpdateTrail', 'DeleteTrail', 'PutEventSelectors'], why: 'The trail sees everything else.' }],
  ['AWS::CloudWatch::Alarm', { unwatched: "The operators' alarms on faults: silencing one hides a fault, not a breach, which comes from the trail." }],
  ['AWS::CloudWatch::Dashboard', { unwatched: 'It shows metrics, and holds and changes no data.' }],
  ['AWS::Cognito::UserPool', COMMITTEE_ACCOUNTS],
  ['AWS::Cognito::UserPoolClient', COMMITTEE_ACCOUNTS],
  ['AWS::Cognito::UserPoolDomain', COMMITTEE_ACCOUNTS],
  ['AWS::Cognito::UserPoolGroup', COMMITTEE_ACCOUNTS],
  ['AWS::Cognito::UserPoolUser', COMMITTEE_ACCOUNTS],
  ['AWS::Cognito::UserPoolUserToGroupAttachment', COMMITTEE_ACCOUNTS],
  ['AWS::DynamoDB::Table', TABLE],
  [
    'AWS::Events::Rule',
    {
      source: 'events.amazonaws.com',
      changes: ['PutRule', 'DisableRule', 'DeleteRule', 'PutTargets', 'RemoveTargets'],
      why: "The breach rules and the mail sweep's schedule: a rule disabled or pointed elsewhere leaves only the path through the trail's log group, minutes late.",
    },
  ],
  ['AWS::IAM::Policy', ROLES],
  ['AWS::IAM::Role', ROLES],
  [
    'AWS::KMS::Key',
    {
      source: 'kms.amazonaws.com',
      changes: ['PutKeyPolicy', 'CreateGrant', 'DisableKey', 'ScheduleKeyDeletion'],
      reads: ['GenerateMac', 'VerifyMac'],
      why: "The credential key derives every voter's token: whoever uses it can vote for anyone.",
    },
  ],
  [
    'AWS::Lambda::EventSourceMapping',
    {
      source: 'lambda.amazonaws.com',
      changes: ['CreateEventSourceMapping20150331', 'UpdateEventSourceMapping20150331', 'DeleteEventSourceMapping20150331'],
      why: "The outbox's stream wakes the sender: disabled, mail stays unsent; a new mapping hands the stream to another function.",
    },
  ],
  [
    'AWS::Lambda::Function',
    {
      source: 'lambda.amazonaws.com',
      changes: [
        // A new function may be given a stack role (its parameters name it) and then writes as that role.
        'CreateFunction20150331',
        'UpdateFunctionCode20150331v2',
        'UpdateFunctionConfiguration20150331v2',
        'DeleteFunction20150331',
        'PutFunctionConcurrency20171031',
        'DeleteFunctionConcurrency20171031',
        // Nothing invokes an alias today; one made or moved during the vote is no part of the stack.
        'CreateAlias20150331',
        'UpdateAlias20150331',
      ],
      why: 'The code that casts, counts and alerts, and what it runs with.',
    },
  ],
  ['AWS::Lambda::LayerVersion', { unwatched: "The AWS CLI layer of CDK's copy function: a layer version never changes, and a function takes another only by UpdateFunctionConfiguration, watched." }],
  ['AWS::Lambda::Permission', FUNCTION_PERMISSIONS],
  [
    'AWS::Logs::LogGroup',
    { source: 'logs.amazonaws.com', changes: ['DeleteLogGroup', 'PutRetentionPolicy'], why: "The trail's log group is one path to the breach handler and a year of the trail's records." },
  ],
  ['AWS::Logs::SubscriptionFilter', { source: 'logs.amazonaws.com', changes: ['PutSubscriptionFilter', 'DeleteSubscriptionFilter'], why: 'The filters hand the trail to the breach handler.' }],
  ['AWS::S3::Bucket', PAGE_FILES],
  ['AWS::S3::BucketPolicy', PAGE_FILES],
  ['AWS::SES::ConfigurationSet', MAIL],
  ['AWS::SES::ConfigurationSetEventDestination', MAIL],
  ['AWS::SES::EmailIdentity', MAIL],
  ['AWS::SNS::Subscription', OBSERVERS],
  ['AWS::SNS::Topic', OBSERVERS],
  ['AWS::SNS::TopicPolicy', OBSERVERS],
  [
    'AWS::SecretsManager::Secret',
    {
      source: 'secretsmanager.amazonaws.com',
      changes: ['PutSecretValue', 'UpdateSecret', 'RotateSecret', 'DeleteSecret', 'PutResourcePolicy'],
      reads: ['GetSecretValue', 'BatchGetSecretValue'],
      why: 'The admin token.',
    },
  ],
  [
    'AWS::StepFunctions::StateMachine',
    {
      source: 'states.amazonaws.com',
      changes: ['UpdateStateMachine', 'DeleteStateMachine', 'StopExecution'],
      why: 'It opens, closes, counts and publishes: stopped or changed, the election does not close as set.',
    },
  ],
  ['Custom::CDKBucketDeployment', { unwatched: "CloudFormation's request to CDK's copy function, made in a deploy only; the copy's writes to the page's files are watched." }],
]);

export const isWatched = (entry: Watched | Unwatched): entry is Watched => 'source' in entry;
