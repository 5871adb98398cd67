import { describe, expect, it } from 'vitest';
import { breachFilterPatterns, FILTER_PATTERN_LIMIT, FILTERS_PER_LOG_GROUP, WATCHED_EVENT_NAMES } from '../../handlers/breach/watchedEvents';
import { cloudTrailRecord } from '../../infra/local/cloudTrailFixture';

/** Every operation an AWS SDK client offers, by its API name. */
const operationsOf = async (client: Promise<Record<string, unknown>>) =>
  Object.keys(await client)
    .filter((name) => /^[A-Z]\w*Command$/.test(name))
    .map((name) => name.slice(0, -'Command'.length));

/** The calls that are no breach, by pattern, each with why. Anything else the service offers must be watched. */
type Judged = [RegExp, string][];

const HARMLESS_TABLE_CALLS: Judged = [
  [/^(Describe|List)/, 'metadata: settings, sizes, counts, the names of backups and exports; never an item'],
  [/^GetResourcePolicy$/, 'the table policy, which the stack does not set and which is no secret'],
  [/^(CreateTable|ImportTable)$/, 'make a new table, none of the stack’s'],
  [/^DeleteBackup$/, 'removes a copy; a copy of the vote is watched as it is made'],
  [/^(DisableKinesisStreamingDestination|CancelBulkOperation)$/, 'stop a copy or a load that a watched call started'],
  [/^(UpdateGlobalTableSettings|UpdateTableReplicaAutoScaling)$/, 'the capacity of replicas, which only a watched call makes'],
  [/^(Tag|Untag)Resource$/, 'labels: no role of the stack is granted by tag'],
];

const HARMLESS_FUNCTION_CALLS: Judged = [
  [/^(Get|List)/, 'settings and code, which are no secret: the code is this repository and no variable holds a secret'],
  [/^Invoke/, 'runs the function’s own code on the input given, as its caller would: the API’s functions do what the API does, the lifecycle’s follow the clock and decide'],
  [/Durable/, 'durable executions: no function of the stack is durable'],
  [/CapacityProvider/, 'compute that a function uses only after UpdateFunctionConfiguration, watched'],
  [/CodeSigningConfig/, 'can only refuse code; new code comes by UpdateFunctionCode, watched'],
  [/Layer/, 'a function takes a layer only by UpdateFunctionConfiguration, watched'],
  [/FunctionUrlConfig/, 'a URL runs the same code as the API, and opening it to the public needs AddPermission, watched'],
  [/FunctionEventInvokeConfig/, 'retries and destinations of asynchronous runs: a run’s result is a count, never a token or a choice'],
  [/ProvisionedConcurrency|ScalingConfig|RecursionConfig|RuntimeManagementConfig/, 'capacity, loop detection, and which runtime version runs the same code'],
  [/^(PublishVersion|DeleteAlias)$/, 'a frozen copy, or an alias, that nothing of the stack invokes'],
  [/^(Tag|Untag)Resource$/, 'labels: no role of the stack is granted by tag'],
];

/** Lambda's CloudTrail names carry the API version the call came through: UpdateFunctionCode20150331v2. */
const watchedAs = (operation: string) => WATCHED_EVENT_NAMES.some((name) => name === operation || new RegExp(`^${operation}\\d{8}(v\\d)?$`).test(name));

describe.each([
  ['DynamoDB', import('@aws-sdk/client-dynamodb'), HARMLESS_TABLE_CALLS],
  ['Lambda', import('@aws-sdk/client-lambda'), HARMLESS_FUNCTION_CALLS],
] as const)('every call %s offers', (_, client, harmless) => {
  it('is watched or judged harmless, and never both', async () => {
    const operations = await operationsOf(client);
    expect(operations.length).toBeGreaterThan(50);
    const unjudged = operations.filter((op) => !watchedAs(op) && !harmless.some(([pattern]) => pattern.test(op)));
    expect(unjudged, 'watch these, or say why they cannot touch the vote').toEqual([]);
    const both = operations.filter((op) => watchedAs(op) && harmless.some(([pattern]) => pattern.test(op)));
    expect(both).toEqual([]);
    for (const [pattern, why] of harmless)
      expect(
        operations.some((op) => pattern.test(op)),
        `${pattern} (${why}) judges no call`,
      ).toBe(true);
  });
});

describe('the subscription filters of the trail’s log group', () => {
  const patterns = breachFilterPatterns();
  /** Our filters' grammar only: `$.field = "value"`, `$.field IS FALSE`, `&&`, `||` and parentheses. */
  const admits = (pattern: string, record: Record<string, unknown>): boolean => {
    const field = (path: string) => path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], record);
    const expression = pattern
      .replace(/^\{|\}$/g, '')
      .replace(/\$\.([\w.]+) = "([^"]*)"/g, (_, path: string, value: string) => String(field(path) === value))
      .replace(/\$\.([\w.]+) IS FALSE/g, (_, path: string) => String(field(path) === false));
    expect(expression).toMatch(/^[\s()|&a-z]*$/);
    return Boolean(new Function(`return ${expression};`)());
  };
  const admitted = (record: Record<string, unknown>) => patterns.some((pattern) => admits(pattern, record));

  it('fit the log group: at most two, of at most 1,024 characters each', () => {
    expect(patterns.length).toBeLessThanOrEqual(FILTERS_PER_LOG_GROUP);
    for (const pattern of patterns) expect(pattern.length).toBeLessThanOrEqual(FILTER_PATTERN_LIMIT);
  });

  it.each(WATCHED_EVENT_NAMES.map((name) => [name]))('hand the breach handler %s', (name) => {
    expect(admitted(cloudTrailRecord(name))).toBe(true);
  });

  it('keep back what cannot be a breach: reads of metadata, and the calls of services with nothing watched', () => {
    expect(admitted({ ...cloudTrailRecord('DescribeTable', { source: 'dynamodb.amazonaws.com' }), readOnly: true })).toBe(false);
    expect(admitted({ ...cloudTrailRecord('GetRole', { source: 'iam.amazonaws.com' }), readOnly: true })).toBe(false);
    expect(admitted({ ...cloudTrailRecord('RunInstances', { source: 'ec2.amazonaws.com' }), readOnly: false })).toBe(false);
  });
});
