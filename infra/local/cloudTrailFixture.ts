import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { API_CALL, CONSOLE_SIGN_IN, type WatchedEventName } from '../../handlers/breach/watchedEvents';

const ACCOUNT = '123456789012';
const REGION = 'eu-central-1';
const STACK = 'StudentElection';
/** The voter page's distribution and bucket: CloudFormation names these without the stack's name. */
const DISTRIBUTION_ID = 'E2VOTERPAGE7Q1';
const PAGES_BUCKET = 'studentelection-votersitepagesb83e89da-9xk2m4p1q8rt';
/** The credential key: KMS names keys by a generated id only. */
const CREDENTIAL_KEY_ID = '5c0e9a7d-3f41-4b8e-9d2a-6e1f0c7b8a93';
/** Item and object writes are data events; the rest of what is watched are management events. */
const DATA_EVENT = /Item|ExecuteStatement|Object/;

/** Where each watched call goes, and which of the stack's resources it names, as CloudTrail writes it. */
function target(eventName: string): { eventSource: string; requestParameters: Record<string, unknown> } {
  const service = (source: string, requestParameters: Record<string, unknown>) => ({ eventSource: `${source}.amazonaws.com`, requestParameters });
  if (/Mac$|Key|Grant/.test(eventName))
    return service('kms', { keyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${CREDENTIAL_KEY_ID}`, ...(eventName.endsWith('Mac') && { macAlgorithm: 'HMAC_SHA_256' }) });
  // CDK names the cache policy after its construct path, which starts with the stack's name.
  if (/CachePolicy/.test(eventName)) return service('cloudfront', { id: '4f1c2e3d-cache-policy', cachePolicyConfig: { name: `${STACK}VoterSitePublicReads-${REGION}` }, ifMatch: 'E1CACHE' });
  if (/Distribution|ResponseHeadersPolicy/.test(eventName)) return service('cloudfront', { id: DISTRIBUTION_ID, ifMatch: 'E3UN6WX5RRO2AG' });
  if (eventName === 'UpdateFunction' || eventName === 'PublishFunction') return service('cloudfront', { name: `us-east-1${STACK}VrSitePageRequestB1071794`, ifMatch: 'ETVPDKIKX0DER' });
  if (/Object|Bucket/.test(eventName)) return service('s3', { bucketName: PAGES_BUCKET, key: 'vote/app.js', Host: `${PAGES_BUCKET}.s3.${REGION}.amazonaws.com` });
  if (eventName.includes('Function') || eventName.startsWith('AddPermission')) return service('lambda', { functionName: `${STACK}-ApiCast7C1E9A2B-x1Y2z3` });
  if (/Table|Item|ExecuteStatement/.test(eventName)) return service('dynamodb', { tableName: 'election-events', key: { pk: { S: 'ELECTION#default' } } });
  if (/StateMachine|Execution/.test(eventName)) return service('states', { stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${STACK}-LifecycleStateMachine-AbC` });
  if (/Logging|Trail|EventSelectors/.test(eventName)) return service('cloudtrail', { name: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/${STACK}-Trail-XyZ` });
  if (/SubscriptionFilter|LogGroup/.test(eventName)) return service('logs', { logGroupName: `${STACK}-TrailLogs-QwE`, filterName: `${STACK}-BreachFilter0` });
  if (eventName === 'Unsubscribe') return service('sns', { subscriptionArn: `arn:aws:sns:${REGION}:${ACCOUNT}:${STACK}-Observers-RtY:0f1e2d3c` });
  if (/Topic|Subscribe/.test(eventName)) return service('sns', { topicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:${STACK}-Observers-RtY` });
  if (/Role/.test(eventName)) return service('iam', { roleName: `${STACK}-ApiCastRole-UiO`, policyName: 'escalate' });
  if (/Secret/.test(eventName)) return service('secretsmanager', { secretId: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${STACK}-admin-token-aBcDeF` });
  return service('signin', {});
}

export interface RecordOptions {
  eventId?: string;
  principalArn?: string;
  /** A role session of this role ARN made the call (the stack's own roles are not breaches). */
  roleArn?: string;
  sourceIp?: string;
  eventTime?: Date;
}

/** A CloudTrail record in the shape CloudTrail writes to CloudWatch Logs. */
export function cloudTrailRecord(eventName: WatchedEventName | string, options: RecordOptions = {}): Record<string, unknown> {
  const at = (options.eventTime ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const principal = options.principalArn ?? `arn:aws:iam::${ACCOUNT}:user/mallory`;
  const userIdentity = options.roleArn
    ? {
        type: 'AssumedRole',
        arn: `${options.roleArn.replace(':role/', ':assumed-role/')}/session`,
        principalId: 'AROAEXAMPLE:session',
        accountId: ACCOUNT,
        sessionContext: { sessionIssuer: { type: 'Role', arn: options.roleArn, accountId: ACCOUNT } },
      }
    : { type: 'IAMUser', arn: principal, principalId: 'AIDAEXAMPLE', accountId: ACCOUNT, userName: principal.split('/').at(-1) };
  const { eventSource, requestParameters } = eventName === 'ConsoleLogin' ? { eventSource: 'signin.amazonaws.com', requestParameters: null } : target(eventName);
  return {
    eventVersion: '1.09',
    userIdentity,
    eventTime: at,
    eventSource,
    eventName,
    awsRegion: REGION,
    sourceIPAddress: options.sourceIp ?? '203.0.113.7',
    userAgent: 'Mozilla/5.0 (console)',
    requestParameters,
    responseElements: eventName === 'ConsoleLogin' ? { ConsoleLogin: 'Success' } : null,
    ...(eventName === 'ConsoleLogin' && { additionalEventData: { MFAUsed: 'No', LoginTo: 'https://console.aws.amazon.com/' } }),
    requestID: randomUUID(),
    eventID: options.eventId ?? randomUUID(),
    readOnly: eventName === 'GetSecretValue',
    eventType: eventName === 'ConsoleLogin' ? 'AwsConsoleSignIn' : 'AwsApiCall',
    managementEvent: !DATA_EVENT.test(eventName),
    recipientAccountId: ACCOUNT,
    eventCategory: DATA_EVENT.test(eventName) ? 'Data' : 'Management',
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
  const signIn = record.eventName === 'ConsoleLogin';
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
  ownResourceMarkers: [STACK, 'election-events', 'election-ballots', 'election-mail', CREDENTIAL_KEY_ID, DISTRIBUTION_ID, PAGES_BUCKET],
};
