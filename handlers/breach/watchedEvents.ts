/**
 * The CloudTrail event names that are a breach while an election is locked: every console
 * sign-in, and every call that changes (or reads the secret of) the stack's own resources.
 * One list: the handler checks it, and the CloudWatch Logs subscription filters are built from it.
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
  const patterns: string[][] = [[]];
  const render = (group: string[]) => `{ ${group.map((n) => `$.eventName = "${n}"`).join(' || ')} }`;
  for (const name of names) {
    const current = patterns.at(-1)!;
    if (render([...current, name]).length > FILTER_PATTERN_LIMIT) patterns.push([name]);
    else current.push(name);
  }
  return patterns.map(render);
}
