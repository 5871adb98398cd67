import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { isWatched, WATCHED_BY_RESOURCE_TYPE } from '../../handlers/breach/watchedCalls';
import { API_CALL, CONSOLE_LOGIN, CONSOLE_SIGN_IN } from '../../handlers/breach/watchedEvents';

const ACCOUNT = '123456789012';
const REGION = 'eu-central-1';
const STACK = 'StudentElection';
/** The voter page's distribution and bucket: CloudFormation names these without the stack's name. */
const DISTRIBUTION_ID = 'E2VOTERPAGE7Q1';
const PAGES_BUCKET = 'studentelection-votersitepagesb83e89da-9xk2m4p1q8rt';
/** The credential key: KMS names keys by a generated id only. */
const CREDENTIAL_KEY_ID = '5c0e9a7d-3f41-4b8e-9d2a-6e1f0c7b8a93';
/** The HTTP API and the outbox stream's mapping to the sender: generated ids too. */
const API_ID = 'k3v9q2x7d1';
const STREAM_MAPPING_ID = '0b8e6c2a-7d14-4f3e-9a51-2c6d8e0f4b17';
/** The committee's user pool: Cognito names a pool by its region and a generated suffix. */
const USER_POOL_ID = `${REGION}_Xk3pQ9vRt`;
const BALLOTS_TABLE_ARN = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/election-ballots`;
const MAIL_STREAM_ARN = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/election-mail/stream/2026-03-02T09:14:27.118`;
/** One of the stack's roles, as a new function would name it. */
const CAST_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${STACK}-ApiCastRole5E2B1C9A-UiOpAsDfGh`;

/** Calls on items and objects: CloudTrail records them as data events, listing the table or object. */
const ITEM_CALLS = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems', 'ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction']);
const ITEM_READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const OBJECT_CALLS = new Set(['PutObject', 'CopyObject', 'CompleteMultipartUpload', 'DeleteObject', 'DeleteObjects']);

const watched = [...WATCHED_BY_RESOURCE_TYPE.values()].filter(isWatched);
/** The service of a watched call (the first, for a name two services share) and whether it only reads. */
const sourceOf = new Map(watched.flatMap((w) => [...w.changes, ...(w.reads ?? [])].map((name) => [name, w.source] as const)).reverse());
const READS = new Set(watched.flatMap((w) => w.reads ?? []));

/** What a call on the ballot box names, as CloudTrail writes it (item keys as plain values, PartiQL values redacted). */
function ballotBoxParameters(eventName: string): Record<string, unknown> {
  const tableName = 'election-ballots';
  const key = { pk: 'ELECTION#default#BALLOTS#07', sk: 'BALLOT#Qm9vdGggMTIgYmFsbG90' };
  if (eventName === 'TransactWriteItems')
    return {
      requestItems: [
        { operation: 'Put', tableName, key: { pk: 'ELECTION#default#VOTED#07', sk: 'VOTER#4f1c' } },
        { operation: 'Put', tableName, key },
      ],
    };
  if (eventName === 'TransactGetItems') return { requestItems: [{ operation: 'Get', tableName, key }] };
  if (eventName.startsWith('Batch') && eventName.endsWith('Item')) return { requestItems: [{ tableName, key }] };
  if (eventName === 'ExecuteStatement') return { statement: `INSERT INTO "${tableName}" VALUE {'pk' : ***(Redacted), 'sk' : ***(Redacted)}` };
  if (eventName === 'BatchExecuteStatement') return { requestItems: [{ statement: `SELECT * FROM "${tableName}" WHERE pk = ***(Redacted)` }] };
  if (eventName === 'ExecuteTransaction') return { transactStatements: [{ statement: `DELETE FROM "${tableName}" WHERE pk = ***(Redacted) AND sk = ***(Redacted)` }] };
  if (eventName === 'Query') return { tableName, keyConditionExpression: 'pk = :pk' };
  if (eventName.endsWith('PointInTime') && eventName.startsWith('Restore'))
    return { sourceTableArn: BALLOTS_TABLE_ARN, targetTableName: 'ballots-at-0914', restoreDateTime: 'Mar 2, 2026, 9:14:00 AM' };
  if (eventName === 'RestoreTableFromBackup') return { backupArn: `${BALLOTS_TABLE_ARN}/backup/01772442840000-8a3f5c1d`, targetTableName: 'ballots-copy' };
  if (eventName === 'ExportTableToPointInTime') return { tableArn: BALLOTS_TABLE_ARN, s3Bucket: 'somewhere-else', exportTime: 'Mar 2, 2026, 9:14:00 AM', exportFormat: 'DYNAMODB_JSON' };
  if (eventName.endsWith('ResourcePolicy')) return { resourceArn: BALLOTS_TABLE_ARN };
  if (eventName.includes('GlobalTable')) return { globalTableName: tableName, replicationGroup: [{ regionName: 'us-west-2' }] };
  if (eventName.includes('Kinesis')) return { tableName, streamArn: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/copies` };
  return ITEM_CALLS.has(eventName) || ITEM_READS.has(eventName) ? { tableName, key } : { tableName };
}

/** What a watched call of `source` names of the stack's resources, as CloudTrail writes it. */
function requestParameters(source: string, eventName: string): Record<string, unknown> {
  switch (source) {
    case 'dynamodb.amazonaws.com':
      return ballotBoxParameters(eventName);
    case 'kms.amazonaws.com':
      return { keyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${CREDENTIAL_KEY_ID}`, ...(eventName.endsWith('Mac') && { macAlgorithm: 'HMAC_SHA_256' }) };
    case 'cloudfront.amazonaws.com':
      // CDK names the cache policy after its construct path, which starts with the stack's name.
      if (eventName.includes('CachePolicy')) return { id: '4f1c2e3d-cache-policy', cachePolicyConfig: { name: `${STACK}VoterSitePublicReads-${REGION}` }, ifMatch: 'E1CACHE' };
      if (eventName.endsWith('Function')) return { name: `us-east-1${STACK}VrSitePageRequestB1071794`, ifMatch: 'ETVPDKIKX0DER' };
      return { id: DISTRIBUTION_ID, ifMatch: 'E3UN6WX5RRO2AG' };
    case 's3.amazonaws.com':
      return { bucketName: PAGES_BUCKET, key: 'vote/app.js', Host: `${PAGES_BUCKET}.s3.${REGION}.amazonaws.com` };
    case 'apigateway.amazonaws.com':
      if (eventName.includes('Integration')) return { apiId: API_ID, integrationId: 'q8w2e4r', integrationUri: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:collector` };
      return eventName.includes('Route') ? { apiId: API_ID, routeId: 'z7x5c3v', routeKey: 'POST /elections/{id}/ballots' } : { apiId: API_ID };
    case 'lambda.amazonaws.com':
      if (eventName.startsWith('CreateFunction')) return { functionName: 'collector', role: CAST_ROLE_ARN, runtime: 'nodejs24.x', handler: 'index.handler' };
      if (eventName.startsWith('CreateEventSourceMapping')) return { eventSourceArn: MAIL_STREAM_ARN, functionName: 'collector', startingPosition: 'TRIM_HORIZON' };
      if (eventName.includes('EventSourceMapping')) return { uUID: STREAM_MAPPING_ID, enabled: false };
      if (eventName.endsWith('ResourcePolicy')) return { resourceArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${STACK}-ApiCast7C1E9A2B-x1Y2z3` };
      return { functionName: `${STACK}-ApiCast7C1E9A2B-x1Y2z3` };
    case 'states.amazonaws.com':
      return { stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${STACK}-LifecycleStateMachine-AbC` };
    case 'cloudtrail.amazonaws.com':
      return { name: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/${STACK}-Trail-XyZ` };
    case 'logs.amazonaws.com':
      return { logGroupName: `${STACK}-TrailLogs-QwE`, filterName: `${STACK}-BreachFilter0` };
    case 'events.amazonaws.com':
      return eventName.endsWith('Targets') ? { rule: `${STACK}-BreachRulesRule0A1B2C3D-QwErTy`, ids: ['Target0'] } : { name: `${STACK}-BreachRulesRule0A1B2C3D-QwErTy` };
    case 'sns.amazonaws.com':
      if (eventName === 'Unsubscribe' || eventName === 'SetSubscriptionAttributes') return { subscriptionArn: `arn:aws:sns:${REGION}:${ACCOUNT}:${STACK}-Observers-RtY:0f1e2d3c` };
      return eventName === 'PutDataProtectionPolicy'
        ? { resourceArn: `arn:aws:sns:${REGION}:${ACCOUNT}:${STACK}-Observers-RtY` }
        : { topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:${STACK}-Observers-RtY` };
    case 'iam.amazonaws.com':
      return { roleName: `${STACK}-ApiCastRole-UiO`, policyName: 'escalate' };
    case 'cognito-idp.amazonaws.com':
      if (eventName.startsWith('Admin')) return { userPoolId: USER_POOL_ID, username: 'HIDDEN_DUE_TO_SECURITY_REASONS', ...(eventName.endsWith('Group') && { groupName: 'committee' }) };
      if (eventName.endsWith('Group')) return { userPoolId: USER_POOL_ID, groupName: 'committee' };
      if (eventName.includes('Client')) return { userPoolId: USER_POOL_ID, clientId: '3n4b5m6v7c8x9z0l1k2j3h4g5f' };
      if (eventName.endsWith('Domain')) return { userPoolId: USER_POOL_ID, domain: 'uni-election' };
      return { userPoolId: USER_POOL_ID };
    case 'secretsmanager.amazonaws.com':
      return eventName.startsWith('Batch')
        ? { secretIdList: [`arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${STACK}-admin-token-aBcDeF`] }
        : { secretId: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${STACK}-admin-token-aBcDeF` };
    default:
      return {};
  }
}

/** The table or the object a data event lists, as CloudTrail writes it. */
function resourcesOf(eventName: string): Record<string, unknown>[] | undefined {
  if (ITEM_CALLS.has(eventName) || ITEM_READS.has(eventName)) return [{ accountId: ACCOUNT, type: 'AWS::DynamoDB::Table', ARN: BALLOTS_TABLE_ARN }];
  if (OBJECT_CALLS.has(eventName))
    return [
      { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${PAGES_BUCKET}/vote/app.js` },
      { accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${PAGES_BUCKET}` },
    ];
  return undefined;
}

export interface RecordOptions {
  eventId?: string;
  principalArn?: string;
  /** A role session of this role ARN made the call (the stack's own roles are not breaches). */
  roleArn?: string;
  sourceIp?: string;
  eventTime?: Date;
  /** The service of a call that is not watched (a watched one's comes from the table). */
  source?: string;
}

/** A CloudTrail record in the shape CloudTrail writes to CloudWatch Logs, of a call on the stack's resources. */
export function cloudTrailRecord(eventName: string, options: RecordOptions = {}): Record<string, unknown> {
  const at = (options.eventTime ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const principal = options.principalArn ?? `arn:aws:iam::${ACCOUNT}:user/mallory`;
  const userIdentity = options.roleArn
    ? {
        type: 'AssumedRole',
        arn: `${options.roleArn.replace(/^arn:aws:iam::(\d+):role\//, 'arn:aws:sts::$1:assumed-role/')}/session`,
        principalId: 'AROAEXAMPLE:session',
        accountId: ACCOUNT,
        sessionContext: { sessionIssuer: { type: 'Role', arn: options.roleArn, accountId: ACCOUNT } },
      }
    : { type: 'IAMUser', arn: principal, principalId: 'AIDAEXAMPLE', accountId: ACCOUNT, userName: principal.split('/').at(-1) };
  const signIn = eventName === CONSOLE_LOGIN;
  const eventSource = signIn ? 'signin.amazonaws.com' : (options.source ?? sourceOf.get(eventName));
  if (!eventSource) throw new Error(`${eventName} is not watched: name its service (source)`);
  const resources = resourcesOf(eventName);
  return {
    eventVersion: '1.09',
    userIdentity,
    eventTime: at,
    eventSource,
    eventName,
    awsRegion: REGION,
    sourceIPAddress: options.sourceIp ?? '203.0.113.7',
    userAgent: 'Mozilla/5.0 (console)',
    requestParameters: signIn ? null : requestParameters(eventSource, eventName),
    responseElements: signIn ? { ConsoleLogin: 'Success' } : null,
    ...(signIn && { additionalEventData: { MFAUsed: 'No', LoginTo: 'https://console.aws.amazon.com/' } }),
    requestID: randomUUID(),
    eventID: options.eventId ?? randomUUID(),
    readOnly: READS.has(eventName),
    ...(resources && { resources }),
    eventType: signIn ? 'AwsConsoleSignIn' : 'AwsApiCall',
    managementEvent: !resources,
    recipientAccountId: ACCOUNT,
    eventCategory: resources ? 'Data' : 'Management',
  };
}

/** What CloudWatch Logs delivers to a subscribed Lambda: `{ awslogs: { data: base64(gzip(json)) } }`. */
export function logsDelivery(messages: (Record<string, unknown> | string)[], logGroup = `${STACK}-TrailLogs-QwE`) {
  const payload = {
    messageType: 'DATA_MESSAGE',
    owner: ACCOUNT,
    logGroup,
    logStream: `${ACCOUNT}_CloudTrail_${REGION}`,
    subscriptionFilters: [`${STACK}-BreachFilter0`],
    logEvents: messages.map((m, i) => ({ id: `${Date.now()}${i}`, timestamp: Date.now(), message: typeof m === 'string' ? m : JSON.stringify(m) })),
  };
  return { awslogs: { data: gzipSync(Buffer.from(JSON.stringify(payload))).toString('base64') } };
}

/**
 * What an EventBridge rule delivers to its Lambda target for one CloudTrail record: an event
 * whose `detail` is the record, named by EventBridge's detail type and the calling service.
 */
export function eventBridgeDelivery(record: Record<string, unknown>) {
  const signIn = record.eventName === CONSOLE_LOGIN;
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': signIn ? CONSOLE_SIGN_IN : API_CALL,
    source: `aws.${String(record.eventSource).replace('.amazonaws.com', '')}`,
    account: ACCOUNT,
    time: record.eventTime,
    region: record.awsRegion,
    resources: [],
    detail: record,
  };
}

/** The markers that identify the stack's resources in these records (and in a deployed stack). */
export const LOCAL_BREACH_SCOPE = {
  ownRoleArns: [] as string[],
  ownResourceMarkers: [STACK, 'election-events', 'election-ballots', 'election-mail', CREDENTIAL_KEY_ID, DISTRIBUTION_ID, PAGES_BUCKET, API_ID, STREAM_MAPPING_ID, USER_POOL_ID],
};
