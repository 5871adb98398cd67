/**
 * The CloudTrail event names that are a breach while an election is locked: every console
 * sign-in, and every call that changes (or reads the secret of) the stack's own resources.
 * One list: the handler checks it, and both the CloudWatch Logs subscription filters and the
 * EventBridge rules are built from it.
 */
export const WATCHED_EVENT_NAMES = [
  // Console sign-in, successful or not
  'ConsoleLogin',
  // Lambda: code, configuration, permissions, deletion
  'UpdateFunctionCode20150331v2',
  'UpdateFunctionConfiguration20150331v2',
  'DeleteFunction20150331',
  'AddPermission20150331v2',
  'PutFunctionConcurrency20171031',
  // DynamoDB: the table, and item writes from outside the stack (data events)
  'DeleteTable',
  'UpdateTable',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'ExecuteStatement',
  // Step Functions
  'UpdateStateMachine',
  'DeleteStateMachine',
  'StopExecution',
  // CloudTrail and its delivery to the breach handler
  'StopLogging',
  'UpdateTrail',
  'DeleteTrail',
  'PutEventSelectors',
  'DeleteSubscriptionFilter',
  'DeleteLogGroup',
  // SNS: the observers' topic and its subscriptions
  'SetTopicAttributes',
  'DeleteTopic',
  'Subscribe',
  'Unsubscribe',
  // IAM: the stack's roles
  'PutRolePolicy',
  'AttachRolePolicy',
  'DetachRolePolicy',
  'DeleteRolePolicy',
  'UpdateAssumeRolePolicy',
  // KMS: the credential key derives every voter's token; its use by anyone but the sender and
  // the re-issuers (their roles are the stack's own), or a change to it, is a breach
  'GenerateMac',
  'VerifyMac',
  'PutKeyPolicy',
  'CreateGrant',
  'DisableKey',
  'ScheduleKeyDeletion',
  // Secrets Manager: the admin token
  'GetSecretValue',
  'PutSecretValue',
  'UpdateSecret',
  'DeleteSecret',
  // CloudFront: the voter page's distribution, its request function and its headers; a changed
  // page could send tokens elsewhere
  'UpdateDistribution',
  'DeleteDistribution',
  'UpdateFunction',
  'PublishFunction',
  'UpdateResponseHeadersPolicy',
  // The public reads' cache policy: a minimum TTL above 0 would make CloudFront keep answers marked no-store
  'UpdateCachePolicy',
  'DeleteCachePolicy',
  // S3: the voter page's files (data events) and its bucket's access
  'PutObject',
  'CopyObject',
  'DeleteObject',
  'DeleteObjects',
  'PutBucketPolicy',
  'DeleteBucketPolicy',
] as const;

export type WatchedEventName = (typeof WATCHED_EVENT_NAMES)[number];

/** CloudWatch Logs takes filter patterns of at most 1,024 characters, and two subscription filters per log group. */
export const FILTER_PATTERN_LIMIT = 1024;

/** The subscription filter patterns that together match exactly the watched event names. */
export function breachFilterPatterns(names: readonly string[] = WATCHED_EVENT_NAMES): string[] {
  const render = (group: string[]) => `{ ${group.map((n) => `$.eventName = "${n}"`).join(' || ')} }`;
  return groupsWithin(names, (group) => render(group).length <= FILTER_PATTERN_LIMIT).map(render);
}

/** The names in order, in as few consecutive groups as `fits` allows. */
function groupsWithin(names: readonly string[], fits: (group: string[]) => boolean): string[][] {
  const groups: string[][] = [];
  for (const name of names) {
    const current = groups.at(-1);
    if (current && fits([...current, name])) current.push(name);
    else groups.push([name]);
  }
  return groups;
}

/** EventBridge takes event patterns of at most 2,048 characters (its default quota). */
export const EVENT_PATTERN_LIMIT = 2048;

/** What EventBridge calls the CloudTrail events it carries: console sign-ins apart from every other call. */
export const CONSOLE_SIGN_IN = 'AWS Console Sign In via CloudTrail';
export const API_CALL = 'AWS API Call via CloudTrail';

/** An event pattern as EventBridge reads it: CloudTrail's record is the event's `detail`. */
export interface BreachEventPattern {
  'detail-type': [typeof CONSOLE_SIGN_IN | typeof API_CALL];
  detail: { eventName: string[] };
}

/** The EventBridge event patterns that together match exactly the watched event names. */
export function breachEventPatterns(names: readonly string[] = WATCHED_EVENT_NAMES): BreachEventPattern[] {
  const pattern = (detailType: BreachEventPattern['detail-type'][0], eventName: string[]): BreachEventPattern => ({ 'detail-type': [detailType], detail: { eventName } });
  return ([CONSOLE_SIGN_IN, API_CALL] as const).flatMap((detailType) => {
    const ofType = names.filter((name) => (name === 'ConsoleLogin') === (detailType === CONSOLE_SIGN_IN));
    return groupsWithin(ofType, (group) => JSON.stringify(pattern(detailType, group)).length <= EVENT_PATTERN_LIMIT).map((group) => pattern(detailType, group));
  });
}
