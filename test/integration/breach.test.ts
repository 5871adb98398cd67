import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnsAlerter } from '../../handlers/adapters/snsAlerter';
import { decodeDelivery } from '../../handlers/breach/cloudTrail';
import { ALERT_LEASE_MS, handleBreachDelivery, type BreachDeps } from '../../handlers/breach/recordBreaches';
import { WATCHED_EVENT_NAMES } from '../../handlers/breach/watchedEvents';
import type { Alert, Alerter } from '../../handlers/ports';
import { cloudTrailRecord, eventBridgeDelivery, LOCAL_BREACH_SCOPE, logsDelivery } from '../../infra/local/cloudTrailFixture';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';

class RecordingAlerter implements Alerter {
  readonly alerts: Alert[] = [];
  async alert(alert: Alert): Promise<void> {
    this.alerts.push(alert);
  }
}

const OWN_ROLE = 'arn:aws:iam::123456789012:role/StudentElection-ApiAdminRole-AbC';

describe('breach detection while an election is locked', () => {
  let app: TestApp;
  let alerter: RecordingAlerter;
  let deliver: (event: unknown) => Promise<{ breaches: number }>;
  let deps: BreachDeps;
  beforeAll(async () => {
    app = await startTestApp();
    alerter = new RecordingAlerter();
    deps = { ...app.deps, alerter, scope: { ...LOCAL_BREACH_SCOPE, ownRoleArns: [OWN_ROLE] } };
    deliver = handleBreachDelivery(deps);
  });
  afterAll(() => app.stop());

  it('records nothing and alerts nobody while no election is locked', async () => {
    await setUpElection(app, { id: 'draft-only', voters: 1 });
    expect(await deliver(logsDelivery([cloudTrailRecord('ConsoleLogin')]))).toEqual({ breaches: 0 });
    expect(alerter.alerts).toEqual([]);
    expect((await app.store.readEvents('draft-only')).map((e) => e.type)).not.toContain('BreachDetected');
  });

  describe('every watched call', () => {
    // One open election for all of them: each delivery reads every election there is.
    const id = 'watched-calls';
    beforeAll(async () => {
      await setUpElection(app, { id, voters: 1 });
      await openElection(app, id);
    });

    it.each(WATCHED_EVENT_NAMES.map((name) => [name]))('records %s by an outsider and alerts the observers once', async (eventName) => {
      const record = cloudTrailRecord(eventName, { eventTime: new Date(app.clock.now().getTime() - 4_000) });
      const before = alerter.alerts.length;

      expect((await deliver(logsDelivery([record]))).breaches).toBe(1);

      const breach = (await app.store.readEvents(id)).at(-1)!;
      expect(breach).toMatchObject({
        type: 'BreachDetected',
        data: { cloudTrailEventId: record.eventID, eventName, sourceIp: '203.0.113.7', principal: 'arn:aws:iam::123456789012:user/mallory' },
      });
      const alert = alerter.alerts.at(-1)!;
      expect(alerter.alerts.length - before).toBe(1);
      expect(alert.subject).toBe(`ELECTION BREACH: ${eventName} by arn:aws:iam::123456789012:user/mallory`.slice(0, 99));
      expect(alert.attributes).toMatchObject({ cloudTrailEventId: record.eventID, eventName, sourceIp: '203.0.113.7' });
      expect(alert.attributes.elections).toContain(id);
      const view = (await app.call('GET', `/elections/${id}`)).body;
      expect(view).toMatchObject({ compromised: true, locked: true, phase: 'open' });
    });
  });

  it('records and alerts once when the same CloudTrail event is delivered twice', async () => {
    await setUpElection(app, { id: 'twice', voters: 1 });
    await openElection(app, 'twice');
    const record = cloudTrailRecord('UpdateFunctionCode20150331v2');
    const before = alerter.alerts.length;
    await deliver(logsDelivery([record]));
    await deliver(logsDelivery([record, record]));
    const breaches = (await app.store.readEvents('twice')).filter((e) => e.type === 'BreachDetected' && (e.data as { cloudTrailEventId: string }).cloudTrailEventId === record.eventID);
    expect(breaches).toHaveLength(1);
    expect(alerter.alerts.filter((a) => a.attributes.cloudTrailEventId === record.eventID)).toHaveLength(alerter.alerts.length - before);
    expect(alerter.alerts.length - before).toBe(1);
  });

  it('records a watched call EventBridge delivers, seconds after the call, and alerts once', async () => {
    await setUpElection(app, { id: 'bridged', voters: 1 });
    await openElection(app, 'bridged');
    const record = cloudTrailRecord('UpdateFunctionConfiguration20150331v2', { eventTime: new Date(app.clock.now().getTime() - 2_000) });
    const before = alerter.alerts.length;

    expect(await deliver(eventBridgeDelivery(record))).toEqual({ breaches: 1 });

    expect((await app.store.readEvents('bridged')).at(-1)).toMatchObject({ type: 'BreachDetected', data: { cloudTrailEventId: record.eventID, eventName: record.eventName } });
    expect(alerter.alerts.length - before).toBe(1);
    expect(alerter.alerts.at(-1)!.attributes).toMatchObject({ cloudTrailEventId: record.eventID, deliveredBy: 'EventBridge' });
    expect(alerter.alerts.at(-1)!.message).toContain('through EventBridge');
    expect(JSON.parse(app.log.lines.filter((l) => l.includes('breach alerted')).at(-1)!)).toMatchObject({ cloudTrailEventId: record.eventID, via: 'EventBridge' });
  });

  it.each([
    ['EventBridge first, CloudWatch Logs minutes later', [eventBridgeDelivery, (r: Record<string, unknown>) => logsDelivery([r])]],
    ['CloudWatch Logs first, EventBridge retried late', [(r: Record<string, unknown>) => logsDelivery([r]), eventBridgeDelivery]],
  ] as const)('alerts once and records once per locked election when both paths deliver one event: %s', async (_, [first, second]) => {
    const ids = [`both-a-${alerter.alerts.length}`, `both-b-${alerter.alerts.length}`];
    for (const id of ids) {
      await setUpElection(app, { id, voters: 1 });
      expect((await app.call('PUT', `/elections/${id}/observers`, { observers: [`watcher@${id}.test`] })).status).toBe(200);
      expect((await app.call('POST', `/elections/${id}/lock`)).status).toBe(200);
    }
    const record = cloudTrailRecord('PutRolePolicy');
    const before = alerter.alerts.length;

    await deliver(first(record));
    await deliver(second(record));
    await deliver(second(record));

    expect(alerter.alerts.length - before).toBe(1);
    for (const id of ids) {
      const recorded = (await app.store.readEvents(id)).filter((e) => e.type === 'BreachDetected' && (e.data as { cloudTrailEventId: string }).cloudTrailEventId === record.eventID);
      expect(recorded, id).toHaveLength(1);
      expect(app.mailer.to(`watcher@${id}.test`), id).toHaveLength(1);
    }
    expect(app.log.lines.filter((l) => l.includes('breach already alerted') && l.includes(String(record.eventID)))).toHaveLength(2);
  });

  it('alerts once when both paths deliver one event at the same moment: the other delivery fails, and delivered again finds it alerted', async () => {
    await setUpElection(app, { id: 'same-moment', voters: 1 });
    expect((await app.call('POST', '/elections/same-moment/lock')).status).toBe(200);
    const record = cloudTrailRecord('UpdateFunctionCode20150331v2');
    const before = alerter.alerts.length;

    const outcomes = await Promise.allSettled([deliver(eventBridgeDelivery(record)), deliver(logsDelivery([record])), deliver(eventBridgeDelivery(record))]);
    expect(alerter.alerts.length - before).toBe(1);
    // A loser either met the claim (and fails, for Lambda to deliver it again) or came after the alert.
    for (const outcome of outcomes) if (outcome.status === 'rejected') expect(String(outcome.reason)).toContain('being sent by another delivery');
    await deliver(logsDelivery([record]));
    expect(alerter.alerts.length - before).toBe(1);
    const recorded = (await app.store.readEvents('same-moment')).filter((e) => e.type === 'BreachDetected' && (e.data as { cloudTrailEventId: string }).cloudTrailEventId === record.eventID);
    expect(recorded).toHaveLength(1);
  });

  it('takes over the alert of a delivery that claimed it and died, once its lease has run out', async () => {
    await setUpElection(app, { id: 'claimed-and-died', voters: 1 });
    expect((await app.call('POST', '/elections/claimed-and-died/lock')).status).toBe(200);
    const record = cloudTrailRecord('PutRolePolicy');
    // The delivery that claimed it a moment ago and died.
    expect(await app.mail.claimBreachAlert(String(record.eventID), app.clock.now(), ALERT_LEASE_MS)).toBe(true);
    const before = alerter.alerts.length;
    await expect(deliver(logsDelivery([record]))).rejects.toThrow('being sent by another delivery');
    expect(alerter.alerts.length - before).toBe(0);
    app.clock.advance(ALERT_LEASE_MS + 1);
    await deliver(logsDelivery([record]));
    expect(alerter.alerts.length - before).toBe(1);
  });

  it("mails each locked election's own observers that election's alert, besides the deployment's observers", async () => {
    await setUpElection(app, { id: 'watched', voters: 1 });
    expect((await app.call('PUT', '/elections/watched/observers', { observers: ['ana@watch.test', 'ben@watch.test'] })).status).toBe(200);
    expect((await app.call('POST', '/elections/watched/lock')).status).toBe(200);
    const record = cloudTrailRecord('GetSecretValue');

    await deliver(eventBridgeDelivery(record));

    const everyLocked = alerter.alerts.at(-1)!;
    expect(everyLocked.attributes.elections!.split(',')).toEqual(expect.arrayContaining(['watched', 'bridged']));
    for (const observer of ['ana@watch.test', 'ben@watch.test']) {
      const [mail, ...more] = app.mailer.to(observer);
      expect(more).toEqual([]);
      expect(mail!.subject).toBe(everyLocked.subject);
      expect(mail!.text).toContain('While "Student parliament" (watched) was locked, CloudTrail recorded:');
      expect(mail!.text).toContain(`event id:    ${record.eventID}`);
      // Only their own election: the others' names are not theirs to learn.
      expect(mail!.text).not.toContain('(bridged)');
    }
  });

  it('drops an EventBridge event that is no CloudTrail record, and one of another kind, without an alert', async () => {
    const before = alerter.alerts.length;
    const lines = app.log.lines.length;
    const noId = { ...eventBridgeDelivery(cloudTrailRecord('ConsoleLogin')), detail: { eventName: 'ConsoleLogin' } };
    expect(await deliver(noId)).toEqual({ breaches: 0 });
    expect(await deliver({ ...eventBridgeDelivery(cloudTrailRecord('ConsoleLogin')), 'detail-type': 'EC2 Instance State-change Notification' })).toEqual({ breaches: 0 });
    expect(alerter.alerts.length).toBe(before);
    const logged = app.log.lines.slice(lines).join('\n');
    expect(logged).toContain('malformed CloudTrail records dropped');
    expect(logged).toContain('breach delivery dropped');
  });

  it("ignores the stack's own roles, calls on other resources, and unwatched calls", async () => {
    const before = alerter.alerts.length;
    const own = ['PutItem', 'TransactWriteItems', 'Query', 'Scan'].map((eventName) => cloudTrailRecord(eventName, { roleArn: OWN_ROLE }));
    const elsewhere = { ...cloudTrailRecord('DeleteTable'), requestParameters: { tableName: 'someone-elses-table' } };
    const unwatched = cloudTrailRecord('ListFunctions20150331', { source: 'lambda.amazonaws.com' });
    expect(await deliver(logsDelivery([...own, elsewhere, unwatched]))).toEqual({ breaches: 0 });
    expect(alerter.alerts.length).toBe(before);
  });

  it('logs and drops a malformed payload or record without crashing or a false alert', async () => {
    const before = alerter.alerts.length;
    const lines = app.log.lines.length;
    expect(await deliver({ awslogs: { data: 'not base64 gzip at all' } })).toEqual({ breaches: 0 });
    expect(await deliver({ unexpected: true })).toEqual({ breaches: 0 });
    expect(await deliver(logsDelivery(['{"not": "cloudtrail"}', 'plain text']))).toEqual({ breaches: 0 });
    expect(alerter.alerts.length).toBe(before);
    const logged = app.log.lines.slice(lines).join('\n');
    expect(logged).toContain('breach delivery dropped');
    expect(logged).toContain('malformed CloudTrail records dropped');
  });

  it('reports the delay from the CloudTrail event time to the handler, and the path, in the log line and the alert', async () => {
    await setUpElection(app, { id: 'delay', voters: 1 });
    await openElection(app, 'delay');
    const record = cloudTrailRecord('ConsoleLogin', { eventTime: new Date(app.clock.now().getTime() - 7_000) });
    await deliver(logsDelivery([record]));
    const line = JSON.parse(app.log.lines.filter((l) => l.includes('breach alerted')).at(-1)!);
    expect(line).toMatchObject({ cloudTrailEventId: record.eventID, via: 'CloudWatch Logs' });
    expect(line.delayMs).toBeGreaterThanOrEqual(6_000);
    const alert = alerter.alerts.at(-1)!;
    expect(alert.attributes).toMatchObject({ deliveredBy: 'CloudWatch Logs' });
    expect(Number(alert.attributes.delaySeconds)).toBeGreaterThanOrEqual(6);
    expect(alert.message).toMatch(/detected at: \S+ \(\d+ s later, through CloudWatch Logs\)/);
  });

  it('does not unlock, and says so in the results once tallied', async () => {
    const { state } = await app.store.load('delay');
    expect(state.phase).toBe('open');
    expect(state.phase !== 'none' && state.breaches.length).toBe(1);
  });
});

describe('the two delivery paths', () => {
  it.each(WATCHED_EVENT_NAMES.map((name) => [name]))('hand the handler the same CloudTrail record of %s', (eventName) => {
    const record = cloudTrailRecord(eventName);
    const logs = decodeDelivery(logsDelivery([record]));
    const bridged = decodeDelivery(eventBridgeDelivery(record));
    expect(logs).toMatchObject({ via: 'CloudWatch Logs', malformed: 0 });
    expect(bridged).toMatchObject({ via: 'EventBridge', malformed: 0 });
    expect('records' in bridged && bridged.records).toEqual('records' in logs && logs.records);
  });
});

describe('when SNS fails', () => {
  const sns = new SNSClient({ region: 'eu-central-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const snsMock = mockClient(sns);
  let app: TestApp;
  let deliver: (event: unknown) => Promise<{ breaches: number }>;
  beforeAll(async () => {
    app = await startTestApp();
    deliver = handleBreachDelivery({
      ...app.deps,
      alerter: new SnsAlerter('arn:aws:sns:eu-central-1:123456789012:observers', sns),
      scope: LOCAL_BREACH_SCOPE,
      sleep: async () => undefined,
    });
    await setUpElection(app, { id: 'sns', voters: 1 });
    await openElection(app, 'sns');
  });
  afterAll(async () => {
    snsMock.restore();
    await app.stop();
  });

  it('retries the alert, and publishes the facts as message attributes', async () => {
    snsMock.reset();
    snsMock
      .on(PublishCommand)
      .rejectsOnce(Object.assign(new Error('throttled'), { name: 'ThrottledException' }))
      .resolves({ MessageId: 'm1' });
    const record = cloudTrailRecord('DeleteTrail');
    await deliver(logsDelivery([record]));
    const calls = snsMock.commandCalls(PublishCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.args[0].input.MessageAttributes).toMatchObject({
      cloudTrailEventId: { DataType: 'String', StringValue: record.eventID },
      eventName: { DataType: 'String', StringValue: 'DeleteTrail' },
    });
  });

  it('still records the breach when SNS keeps failing, and fails so that Lambda retries; the retry alerts once', async () => {
    snsMock.reset();
    snsMock.on(PublishCommand).rejects(Object.assign(new Error('down'), { name: 'InternalErrorException' }));
    const record = cloudTrailRecord('StopLogging');
    await expect(deliver(logsDelivery([record]))).rejects.toThrow('down');
    expect((await app.store.readEvents('sns')).at(-1)).toMatchObject({ type: 'BreachDetected', data: { cloudTrailEventId: record.eventID } });
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(3);

    snsMock.reset();
    snsMock.on(PublishCommand).resolves({ MessageId: 'm2' });
    await deliver(logsDelivery([record]));
    await deliver(logsDelivery([record]));
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
    const recorded = (await app.store.readEvents('sns')).filter((e) => e.type === 'BreachDetected' && (e.data as { cloudTrailEventId: string }).cloudTrailEventId === record.eventID);
    expect(recorded).toHaveLength(1);
  });
});
