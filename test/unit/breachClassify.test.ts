import { describe, expect, it } from 'vitest';
import { isBreach } from '../../handlers/breach/classify';
import { cloudTrailRecord as parsedRecord, type CloudTrailRecord } from '../../handlers/breach/cloudTrail';
import { CONSOLE_LOGIN, WATCHED_EVENT_NAMES } from '../../handlers/breach/watchedEvents';
import { cloudTrailRecord, LOCAL_BREACH_SCOPE, type RecordOptions } from '../../infra/local/cloudTrailFixture';

/** The stack's own roles, as the deployed handler is told them (OWN_ROLE_ARNS). */
const CAST_ROLE = 'arn:aws:iam::123456789012:role/StudentElection-ApiCastRole5E2B1C9A-UiOpAsDfGh';
const TALLY_ROLE = 'arn:aws:iam::123456789012:role/StudentElection-TaskTallyBallotsRoleD4C3B2A1-PlOkIjUh';
const scope = { ...LOCAL_BREACH_SCOPE, ownRoleArns: [CAST_ROLE, TALLY_ROLE] };

const record = (eventName: string, options?: RecordOptions): CloudTrailRecord => parsedRecord.parse(cloudTrailRecord(eventName, options));
/** The same call on resources of someone else's: every name of the stack's replaced by another. */
const elsewhere = (call: CloudTrailRecord): CloudTrailRecord => {
  const replaced = LOCAL_BREACH_SCOPE.ownResourceMarkers.reduce(
    (text, marker) => text.replaceAll(marker, 'OtherTeam-other-thing'),
    JSON.stringify([call.requestParameters ?? null, call.resources ?? []]),
  );
  const [requestParameters, resources] = JSON.parse(replaced) as [unknown, CloudTrailRecord['resources']];
  return { ...call, requestParameters, resources };
};

describe('what is a breach while an election is locked', () => {
  it.each(WATCHED_EVENT_NAMES.filter((name) => name !== CONSOLE_LOGIN).map((name) => [name]))(
    '%s: by anyone outside the stack on its resources, yes; by its own roles, or on resources not its own, no',
    (eventName) => {
      expect(isBreach(record(eventName), scope)).toBe(true);
      expect(isBreach(record(eventName, { roleArn: CAST_ROLE }), scope)).toBe(false);
      expect(isBreach(record(eventName, { roleArn: TALLY_ROLE }), scope)).toBe(false);
      expect(isBreach(elsewhere(record(eventName)), scope)).toBe(false);
    },
  );

  it('a console sign-in, whoever signs in', () => {
    expect(isBreach(record(CONSOLE_LOGIN), scope)).toBe(true);
  });

  it.each([
    // Stuffing: marker-and-ballot pairs in one transaction, in PartiQL, or loaded from S3
    'TransactWriteItems',
    'BatchExecuteStatement',
    'ExecuteTransaction',
    'StartBulkPutItems',
    // Reading the box, or copying it at successive moments to order ballots by arrival
    'Scan',
    'Query',
    'GetItem',
    'RestoreTableToPointInTime',
    'ExportTableToPointInTime',
    'CreateBackup',
    'EnableKinesisStreamingDestination',
    'PutResourcePolicy',
    'UpdateTimeToLive',
    // Another route to the voters' requests, and another function with a stack role
    'UpdateIntegration',
    'CreateFunction20150331',
    'UpdateAlias20150331',
    'UpdateEventSourceMapping20150331',
  ])('%s, which an outside attack run found unwatched', (eventName) => {
    expect(WATCHED_EVENT_NAMES).toContain(eventName);
    expect(isBreach(record(eventName), scope)).toBe(true);
  });

  it("not the cast's own transaction or the tally's reads of the box, which the trail does not even log", () => {
    expect(isBreach(record('TransactWriteItems', { roleArn: CAST_ROLE }), scope)).toBe(false);
    expect(isBreach(record('Query', { roleArn: TALLY_ROLE }), scope)).toBe(false);
  });

  it('a new function given a role of the stack, though the function is not the stack’s', () => {
    const created = record('CreateFunction20150331');
    expect(created.requestParameters).toMatchObject({ functionName: 'collector', role: CAST_ROLE });
    expect(isBreach(created, scope)).toBe(true);
  });

  it("a change to the outbox stream's mapping, named by its generated id only", () => {
    const disabled = record('UpdateEventSourceMapping20150331');
    expect(disabled.requestParameters).toEqual({ uUID: expect.any(String), enabled: false });
    expect(isBreach(disabled, scope)).toBe(true);
  });
});
